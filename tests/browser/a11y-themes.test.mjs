// The system's wishes (issue 12): prefers-color-scheme: dark opens the dark
// theme unless the URL names one, and follows the scheme while it changes;
// prefers-reduced-motion turns every flight into a cut, also when it changes
// later; state() reports theme and reducedMotion. Text and the map's essential
// colours meet WCAG 2.1 AA contrast in every theme, computed from the themes
// the C code draws with (themeColors). Screenshots of the dark theme and of
// the keyboard's focus at 100 % and 200 % and on a 390x844 phone.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { openAtlas, waitForState, screenshotDir, pixelAt, colorDistance } from './helpers.mjs';

const withMedia = (media) => async (page) => {
  await page.emulateMedia(media);
  await page.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__cspViolations.push(e.violatedDirective));
  });
};
async function clean(atlas) {
  assert.deepEqual(await atlas.page.evaluate(() => window.__cspViolations), []);
  assert.deepEqual(atlas.consoleErrors, []);
}

// WCAG 2.1 relative luminance and contrast ratio.
const lin = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
const lum = ([r, g, b]) => 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
const ratio = (a, b) => { const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p); return (x + 0.05) / (y + 0.05); };
// A translucent colour drawn over an opaque one.
const over = ([r, g, b, a = 255], bg) => [r, g, b].map((c, i) => c * (a / 255) + bg[i] * (1 - a / 255));

test('a dark system scheme opens the dark theme, follows the scheme, and yields to a theme in the URL', async () => {
  const atlas = await openAtlas({ width: 1200, height: 800, beforeLoad: withMedia({ colorScheme: 'dark' }) });
  try {
    const { page } = atlas;
    let s = await page.evaluate(() => window.steppeAtlas.state());
    assert.equal(s.theme, 'dark');
    assert.equal(s.highContrast, false);
    const dark = await page.evaluate(() => window.steppeAtlas.themeColors('dark'));
    // Drawn so from the first frame: the water in a corner of the map is the dark theme's.
    const [wx, wy] = await page.evaluate(() => window.steppeAtlas.project(51, 41)); // the middle Caspian
    const water = await pixelAt(page, wx, wy);
    assert.ok(colorDistance(water, dark.water.slice(0, 3)) < 40, `water ${water} vs dark ${dark.water}`);
    assert.equal(await page.evaluate(() => getComputedStyle(document.body).backgroundColor), 'rgb(18, 30, 43)');
    await page.evaluate(() => window.steppeAtlas.select('country', 'KAZ'));
    await waitForState(page, (st) => !st.view.flying, 'at rest');
    await page.focus('#a11y-countries button[data-key="UZB"]');
    await waitForState(page, (st) => st.hover === 'UZB', 'Uzbekistan marked');
    await page.screenshot({ path: path.join(screenshotDir, 'web-a11y-dark-1x.png') });
    // The scheme turns light: so does the atlas; and dark again.
    await page.emulateMedia({ colorScheme: 'light' });
    await waitForState(page, (st) => st.theme === 'default', 'the light theme');
    await page.emulateMedia({ colorScheme: 'dark' });
    s = await waitForState(page, (st) => st.theme === 'dark', 'the dark theme again');
    assert.match(s.hash, /(^|&)theme=dark(&|$)/, 'the link keeps what is seen');
    // 'h' still gives high contrast, and a scheme change leaves it alone.
    await page.focus('#canvas');
    await page.keyboard.press('h');
    await waitForState(page, (st) => st.theme === 'high-contrast', 'high contrast');
    await page.emulateMedia({ colorScheme: 'light' });
    await page.waitForTimeout(100);
    assert.equal((await page.evaluate(() => window.steppeAtlas.state())).theme, 'high-contrast');
    await clean(atlas);
  } finally { await atlas.close(); }
  // A theme named in the URL wins over the scheme.
  const named = await openAtlas({ width: 800, height: 600, hash: '#theme=contrast', beforeLoad: withMedia({ colorScheme: 'dark' }) });
  try {
    assert.equal((await named.page.evaluate(() => window.steppeAtlas.state())).theme, 'high-contrast');
    await named.page.emulateMedia({ colorScheme: 'light' });
    await named.page.emulateMedia({ colorScheme: 'dark' });
    await named.page.waitForTimeout(100);
    assert.equal((await named.page.evaluate(() => window.steppeAtlas.state())).theme, 'high-contrast');
    await clean(named);
  } finally { await named.close(); }
  // And with no preference the default theme opens; the URL can still ask for dark.
  const light = await openAtlas({ width: 800, height: 600, hash: '#theme=dark', beforeLoad: withMedia({ colorScheme: 'light' }) });
  try {
    assert.equal((await light.page.evaluate(() => window.steppeAtlas.state())).theme, 'dark');
    await clean(light);
  } finally { await light.close(); }
});

test('the dark theme and the keyboard\'s focus at 200 % and on a phone', async () => {
  for (const [name, opts] of [['web-a11y-dark-2x.png', { width: 1200, height: 800, deviceScaleFactor: 2 }],
    ['web-a11y-phone-dark.png', { width: 390, height: 844, deviceScaleFactor: 3 }],
    ['web-a11y-phone-light.png', { width: 390, height: 844, deviceScaleFactor: 3, light: true }]]) {
    const atlas = await openAtlas({ ...opts, beforeLoad: withMedia({ colorScheme: opts.light ? 'light' : 'dark' }) });
    try {
      const { page } = atlas;
      assert.equal((await page.evaluate(() => window.steppeAtlas.state())).theme, opts.light ? 'default' : 'dark');
      await page.evaluate(() => window.steppeAtlas.select('country', 'KAZ'));
      await waitForState(page, (st) => !st.view.flying, 'at rest');
      await page.focus('#a11y-panel a[data-kind="place"]');
      const note = await page.evaluate(() => {
        const r = document.getElementById('focus-note').getBoundingClientRect();
        return { text: document.getElementById('focus-note').textContent, left: r.left, right: r.right, top: r.top, bottom: r.bottom };
      });
      assert.equal(note.text, 'Capital: Astana');
      assert.ok(note.left >= 0 && note.right <= opts.width && note.top >= 0 && note.bottom <= opts.height, JSON.stringify(note));
      await page.screenshot({ path: path.join(screenshotDir, name) });
      await clean(atlas);
    } finally { await atlas.close(); }
  }
});

test('reduced motion: a selection is a cut, and the setting is followed when it changes', async () => {
  const atlas = await openAtlas({ width: 1200, height: 800, beforeLoad: withMedia({ reducedMotion: 'reduce' }) });
  try {
    const { page } = atlas;
    assert.equal((await page.evaluate(() => window.steppeAtlas.state())).reducedMotion, true);
    // Watch every frame from the selection on: never flying, and already there.
    const watch = () => page.evaluate((key) => new Promise((resolve) => {
      const api = window.steppeAtlas, seen = [];
      const start = api.state().view;
      api.select('country', key);
      const first = api.state().view;
      let n = 0;
      (function frame() {
        seen.push(api.state().view);
        if (++n < 40) requestAnimationFrame(frame); else resolve({ start, first, seen });
      })();
    }), 'UZB');
    let r = await watch();
    assert.ok(r.seen.every((v) => !v.flying), 'no frame was flying');
    assert.ok(Math.abs(r.first.lon - r.start.lon) > 1, 'the view moved at once');
    assert.ok(r.seen.every((v) => v.lon === r.first.lon && v.zoom === r.first.zoom), 'and stayed');
    // The zoom buttons' zoom is a cut too.
    const z = await page.evaluate(() => { const a = window.steppeAtlas; const z0 = a.state().view.zoom;
      document.querySelector('#a11y [data-act="zoom-in"]').click(); return [z0, a.state().view]; });
    assert.equal(z[1].flying, false);
    assert.ok(z[1].zoom > z[0] + 0.5);
    // The setting is switched off: flights fly again.
    await page.emulateMedia({ reducedMotion: 'no-preference' });
    await waitForState(page, (st) => !st.reducedMotion, 'reduced motion off');
    await page.evaluate(() => window.steppeAtlas.select('country', 'KAZ'));
    assert.equal((await page.evaluate(() => window.steppeAtlas.state())).view.flying, true);
    await waitForState(page, (st) => !st.view.flying, 'the flight to end');
    await page.emulateMedia({ reducedMotion: 'reduce' });
    await waitForState(page, (st) => st.reducedMotion, 'reduced motion on again');
    r = await watch();
    assert.ok(r.seen.every((v) => !v.flying));
    await clean(atlas);
  } finally { await atlas.close(); }
});

test('text and the map\'s essential colours meet WCAG AA contrast in every theme', async () => {
  const atlas = await openAtlas({ width: 800, height: 600, beforeLoad: withMedia({}) });
  try {
    const themes = await atlas.page.evaluate(() => ['default', 'high-contrast', 'dark'].map((n) => window.steppeAtlas.themeColors(n)));
    assert.equal(await atlas.page.evaluate(() => window.steppeAtlas.themeColors('purple')), null);
    const failures = [], checked = [];
    for (const t of themes) {
      const lands = [...t.land_focus, ...t.land_other], grounds = [...lands, t.water];
      const need = (what, fg, bgs, min) => {
        const worst = Math.min(...bgs.map((bg) => ratio(over(fg, bg), bg))); // fg drawn with its alpha
        checked.push(`${t.name} ${what} ${worst.toFixed(2)}`);
        if (!(worst >= min)) failures.push(`${t.name}: ${what} is ${worst.toFixed(2)}:1, needs ${min}:1`);
      };
      // Text, 4.5:1: the panel, its links, the search results' hover, the counts on symbols;
      // map labels on their halo over whatever land or water they lie on.
      need('panel text on the panel', t.panel_text, [t.panel_bg, t.button_hover], 4.5);
      need('muted text on the panel', t.panel_muted, [t.panel_bg], 4.5);
      need('links on the panel', t.link, [t.panel_bg], 4.5);
      need('counts on clusters and badges', t.panel_text, [t.symbol_outline], 4.5);
      const halos = grounds.map((g) => over(t.label_halo, g));
      need('labels on their halo', t.label, halos, 4.5);
      need('minor labels on their halo', t.label_minor, halos, 4.5);
      // Graphics, 3:1: each event symbol inside its rim, the selection and hover outlines on any land,
      // borders on the land they divide, the coast on the water.
      t.category.forEach((c, i) => need(`category ${i} symbol on its rim`, c, [t.symbol_outline], 3));
      need('selected outline on land', t.selected_outline, lands, 3);
      need('hover outline on land', t.hover_outline, lands, 3);
      need('borders between other countries', t.border, t.land_other, 3);
      need('borders of the focus states', t.border_focus, t.land_focus, 3);
      need('the coast on the water', t.coast, [t.water], 3);
    }
    assert.equal(checked.length, 3 * 20);
    assert.deepEqual(failures, [], checked.join('\n'));
    // The theme in use is the one drawn: Kazakhstan's fill is one of the theme's focus colours.
    const fill = await atlas.page.evaluate(() => window.steppeAtlas.fillColor('KAZ'));
    assert.ok(themes[0].land_focus.some((c) => c.slice(0, 3).join() === fill.join()));
    await clean(atlas);
  } finally { await atlas.close(); }
});
