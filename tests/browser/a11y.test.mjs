// Accessibility, keyboard and screen readers (issue 12): the canvas is mirrored
// in the DOM (the panel's document as headings, paragraphs, lists and links;
// the countries and the events shown as lists of buttons; the timeline as two
// sliders and the category switches), written without innerHTML; activating an
// item sends the command a click sends; a live region announces selections;
// the title follows the selection; the keyboard alone goes from load to an
// event's sources; the item the keyboard is on is marked on the map. No CSP
// violation and no console error all the while.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { openAtlas, waitForState, screenshotDir, repoRoot, goHome } from './helpers.mjs';

let atlas;
before(async () => {
  atlas = await openAtlas({
    width: 1200, height: 800,
    beforeLoad: async (page) => {
      await page.addInitScript(() => {
        window.__cspViolations = [];
        document.addEventListener('securitypolicyviolation', (e) => window.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`));
      });
    },
  });
});
after(async () => { await atlas?.close(); });

const page = () => atlas.page;
const state = () => page().evaluate(() => window.steppeAtlas.state());
const active = () => page().evaluate(() => {
  const a = document.activeElement;
  return { id: a.id, tag: a.tagName, text: a.textContent, kind: a.dataset?.kind || null, key: a.dataset?.key || null,
    act: a.dataset?.act || null, inMirror: !!a.closest('#a11y') };
});
// Presses Tab until pred(active element) holds; returns how many presses it took.
async function tabUntil(pred, what, limit = 200) {
  for (let i = 1; i <= limit; i++) {
    await page().keyboard.press('Tab');
    if (pred(await active())) return i;
  }
  throw new Error(`Tab never reached ${what}`);
}

test('the page is written without innerHTML and keeps its lang, description, icon and <noscript>', () => {
  const js = fs.readFileSync(path.join(repoRoot, 'web/steppe.js'), 'utf8');
  assert.doesNotMatch(js, /innerHTML|outerHTML|insertAdjacentHTML|document\.write/);
  const html = fs.readFileSync(path.join(repoRoot, 'web/index.html'), 'utf8');
  assert.match(html, /<html lang="en">/);
  assert.match(html, /<meta name="description" content="[^"]{40,}">/);
  assert.match(html, /<link rel="icon" href="favicon.svg" type="image\/svg\+xml">/);
  assert.match(html, /<noscript><p class="error">Steppe Atlas needs JavaScript and WebAssembly/);
  assert.ok(fs.existsSync(path.join(repoRoot, 'web/favicon.svg')));
});

test('the mirror lists the countries with content and the events shown, as buttons', async () => {
  const m = await page().evaluate(() => ({
    countries: [...document.querySelectorAll('#a11y-countries li > button')].map((b) => [b.dataset.key, b.textContent]),
    events: [...document.querySelectorAll('#a11y-events li > button')].map((b) => b.dataset.key),
    categories: [...document.querySelectorAll('#a11y-categories button[role=switch]')].map((b) => [b.textContent, b.getAttribute('aria-checked')]),
    visible: window.steppeAtlas.state().visibleEvents,
    region: getComputedStyle(document.getElementById('a11y')).clipPath,
  }));
  // Central Asia's five first, then the rest by name.
  assert.deepEqual(m.countries.slice(0, 5).map((c) => c[0]).sort(), ['KAZ', 'KGZ', 'TJK', 'TKM', 'UZB']);
  assert.ok(m.countries.some((c) => c[0] === 'USA' && c[1] === 'United States'), JSON.stringify(m.countries));
  const rest = m.countries.slice(5).map((c) => c[1]);
  assert.deepEqual(rest, [...rest].sort((a, b) => a.localeCompare(b)));
  assert.equal(m.events.length, m.visible, 'every event passing the filter is listed');
  assert.equal(m.categories.length, 9);
  assert.match(m.categories[0][0], /^Diplomacy, \d+ events$/);
  assert.ok(m.categories.every((c) => c[1] === 'true'));
  assert.equal(m.region, 'inset(50%)', 'the mirror is visually hidden');
});

test('activating a country in the list selects it, announces it, and the title follows', async () => {
  await page().evaluate(() => document.querySelector('#a11y-countries button[data-key="UZB"]').click());
  const s = await state();
  assert.equal(s.selection, 'UZB');
  assert.equal(s.panelOpen, true);
  const dom = await page().evaluate(() => ({
    live: document.getElementById('a11y-live').textContent,
    liveAttr: document.getElementById('a11y-live').getAttribute('aria-live'),
    title: document.title,
    h2: document.querySelector('#a11y-panel h2')?.textContent,
    focus: document.activeElement.id,
  }));
  assert.equal(dom.liveAttr, 'polite');
  assert.equal(dom.live, 'Uzbekistan, country: the panel shows it');
  assert.equal(dom.title, 'Uzbekistan — Steppe Atlas');
  assert.equal(dom.h2, 'Uzbekistan');
  assert.equal(dom.focus, 'a11y-panel', 'the keyboard moves to the panel');
  // A selection made on the map is followed too (once the view is at rest).
  const [x, y] = await page().evaluate(() => window.steppeAtlas.project(67, 48));
  await page().mouse.click(x, y);
  await waitForState(page(), (st) => st.selection === 'KAZ' && !st.view.flying, 'Kazakhstan selected by a click');
  await page().waitForFunction(() => document.title === 'Kazakhstan — Steppe Atlas', null, { timeout: 5000 });
  assert.equal(await page().evaluate(() => document.getElementById('a11y-live').textContent), 'Kazakhstan, country: the panel shows it');
});

test('the panel document is real headings, paragraphs, lists and links, and its links select', async () => {
  const doc = await page().evaluate(() => {
    const box = document.getElementById('a11y-panel');
    return {
      h2: [...box.querySelectorAll('h2')].map((e) => e.textContent),
      h3: [...box.querySelectorAll('h3')].map((e) => e.textContent),
      paragraphs: box.querySelectorAll('p').length,
      eventLinks: [...box.querySelectorAll('ul > li > a[data-kind="event"]')].map((a) => a.getAttribute('href')),
      capital: box.querySelector('a[data-kind="place"]')?.getAttribute('href'),
      json: window.steppeAtlas.panelDocument(),
    };
  });
  assert.deepEqual(doc.h2, ['Kazakhstan']);
  assert.ok(doc.h3.includes('Profile') && doc.h3.includes('Events'), doc.h3.join(', '));
  assert.ok(doc.paragraphs >= 3);
  assert.ok(doc.eventLinks.length >= 5);
  assert.ok(doc.eventLinks.every((h) => /^#e=[^&]+$/.test(h)), 'each link points at the state it opens');
  assert.equal(doc.capital, '#p=astana');
  assert.equal(doc.json.open, true);
  assert.equal(doc.json.document.about, 'country');
  assert.equal(doc.json.document.key, 'KAZ');
  assert.deepEqual(doc.json.document.blocks[0], { style: 'title', text: 'Kazakhstan' });
  // The capital's link selects Astana in place (the hash is the atlas's, not a jump).
  await page().evaluate(() => document.querySelector('#a11y-panel a[data-kind="place"]').click());
  const s = await state();
  assert.equal(s.selectionKind, 'place');
  assert.equal(s.selection, 'astana');
  assert.equal(await page().evaluate(() => document.title), 'Astana — Steppe Atlas');
});

test('an unknown key does nothing', async () => {
  const before = await state();
  const r = await page().evaluate(() => [window.steppeAtlas.select('country', 'NOPE'), window.steppeAtlas.select('bogus', 'KAZ'),
    window.steppeAtlas.select('event', '')]);
  assert.deepEqual(r, [false, false, false]);
  assert.equal((await state()).selection, before.selection);
});

// The canvas's own keys work while it has the keyboard (keys in the mirror stay there).
async function home() {
  await page().focus('#canvas');
  await goHome(atlas);
}

test('the sliders set the years and the category switches hide and show', async () => {
  await home();
  const s0 = await state();
  const r = await page().evaluate(() => {
    const from = document.getElementById('year-from'), to = document.getElementById('year-to');
    return { from: [from.min, from.max, from.value], to: [to.min, to.max, to.value], label: from.labels[0].textContent.trim() };
  });
  assert.deepEqual(r.from, [String(s0.timeline.firstYear), String(s0.timeline.lastYear), String(s0.years[0])]);
  assert.deepEqual(r.to, [String(s0.timeline.firstYear), String(s0.timeline.lastYear), String(s0.years[1])]);
  assert.equal(r.label, 'From year');
  await page().focus('#year-from');
  for (let i = 0; i < 10; i++) await page().keyboard.press('ArrowRight');
  await page().focus('#year-to');
  for (let i = 0; i < 5; i++) await page().keyboard.press('ArrowLeft');
  let s = await state();
  assert.deepEqual(s.years, [s0.years[0] + 10, s0.years[1] - 5]);
  assert.equal(s.view.lon, s0.view.lon, 'the arrows moved the sliders, not the map');
  const listed = await page().evaluate(() => document.querySelectorAll('#a11y-events button').length);
  assert.equal(listed, s.visibleEvents, 'the events list follows the years');
  assert.ok(listed < s0.visibleEvents);
  // Switch diplomacy off by keyboard: Enter on the switch.
  await page().focus('#a11y-categories button[data-category="0"]');
  await page().keyboard.press('Enter');
  s = await state();
  assert.equal(s.categories & 1, 0);
  const sw = await page().evaluate(() => {
    const b = document.activeElement;
    return [b.dataset.category, b.getAttribute('aria-checked')];
  });
  assert.deepEqual(sw, ['0', 'false'], 'the keyboard stays on the switch, which says it is off');
  await page().keyboard.press('Enter');
  s = await state();
  assert.equal(s.categories, 511);
  await page().focus('#year-from');
  for (let i = 0; i < 10; i++) await page().keyboard.press('ArrowLeft');
  await page().focus('#year-to');
  for (let i = 0; i < 5; i++) await page().keyboard.press('ArrowRight');
  assert.deepEqual((await state()).years, s0.years);
});

test('the keyboard alone: from load to an event\'s sources, and Esc closes', async () => {
  await page().goto(atlas.url + 'index.html');
  await page().evaluate(() => window.steppeAtlas.ready);
  assert.equal((await active()).id, 'canvas', 'the map has the keyboard at load');
  // First Tab: the skip link, shown on screen.
  await page().keyboard.press('Tab');
  assert.equal((await active()).id, 'skip');
  const skipBox = await page().evaluate(() => document.getElementById('skip').getBoundingClientRect().top);
  assert.ok(skipBox >= 0, 'the focused skip link is on screen');
  // Then the map's controls: search, zoom in, zoom out, whole region.
  await page().keyboard.press('Tab');
  assert.equal((await active()).act, 'search');
  await page().keyboard.press('Tab');
  assert.equal((await active()).act, 'zoom-in');
  const z0 = (await state()).view.zoom;
  await page().keyboard.press('Enter');
  await waitForState(page(), `(s) => !s.view.flying && s.view.zoom > ${z0 + 0.3}`, 'zoomed in');
  await page().keyboard.press('Tab');
  await page().keyboard.press('Tab');
  assert.equal((await active()).act, 'home');
  await page().keyboard.press('Enter');
  await waitForState(page(), `(s) => !s.view.flying && Math.abs(s.view.zoom - ${atlas.homeView.zoom}) < 1e-3`, 'back home');
  // On through the sliders and the switches to the events: one with sources that quote a passage.
  const target = await page().evaluate(() => {
    const evs = window.steppeAtlas.mirror().events;
    return evs.find((e) => /Nur-Sultan|Astana/.test(e.place))?.key || evs[0].key;
  });
  const presses = await tabUntil((a) => a.kind === 'event' && a.key === target, `event ${target}`);
  assert.ok(presses > 9 + 20, `${presses} presses: the switches and the countries come first`);
  await page().keyboard.press('Enter');
  let s = await state();
  assert.equal(s.selectionKind, 'event');
  assert.equal(s.selection, target);
  assert.equal((await active()).id, 'a11y-panel');
  // Tab through the panel to the first source's link, after the "Sources" heading.
  await tabUntil((a) => a.kind === 'article', 'a source');
  const source = await page().evaluate(() => {
    const a = document.activeElement, box = document.getElementById('a11y-panel');
    const heads = [...box.querySelectorAll('h3')];
    const sourcesHead = heads.find((h) => /^Sources?$/.test(h.textContent));
    return {
      title: a.textContent, key: a.dataset.key,
      afterSources: !!sourcesHead && !!(sourcesHead.compareDocumentPosition(a) & Node.DOCUMENT_POSITION_FOLLOWING),
      quotes: [...box.querySelectorAll('blockquote')].map((q) => q.textContent),
    };
  });
  assert.ok(source.afterSources, 'the link is one of the event\'s sources');
  assert.ok(source.quotes.length >= 1 && source.quotes[0].length > 3, 'the passage it rests on is there to read');
  // The source opens with Enter: its article.
  await page().keyboard.press('Enter');
  s = await state();
  assert.equal(s.selectionKind, 'article');
  assert.equal(s.selection, source.key);
  assert.equal(await page().evaluate(() => document.querySelector('#a11y-panel h2').textContent), source.title);
  assert.match(await page().evaluate(() => document.getElementById('a11y-live').textContent), /, article: the panel shows it$/);
  // Esc closes the panel, then clears the selection, from the mirror as on the map.
  await page().keyboard.press('Escape');
  s = await state();
  assert.equal(s.panelOpen, false);
  assert.equal(s.selectionKind, 'article');
  await page().keyboard.press('Escape');
  s = await state();
  assert.equal(s.selectionKind, 'none');
  assert.equal(await page().evaluate(() => document.title), 'Steppe Atlas — Central Asia');
});

test('the search is reached by Tab and works as \'/\' does', async () => {
  await page().focus('#skip');
  await page().keyboard.press('Tab');
  assert.equal((await active()).act, 'search');
  await page().keyboard.press('Enter');
  assert.equal((await active()).id, 'canvas');
  await page().keyboard.type('Almaty', { delay: 20 });
  await page().keyboard.press('Enter');
  await waitForState(page(), (s) => s.selectionKind === 'place' && s.selection === 'almaty', 'Almaty found');
  await page().keyboard.press('Escape');
  await page().keyboard.press('Escape');
  await waitForState(page(), (s) => s.selectionKind === 'none', 'nothing selected');
});

test('the item the keyboard is on is marked on the map, until the pointer moves', async () => {
  await home();
  await page().mouse.move(5, 400);
  await page().focus('#a11y-countries button[data-key="KAZ"]');
  let s = await waitForState(page(), (st) => st.hover === 'KAZ', 'Kazakhstan marked as hovered');
  // It holds over the next frames (the pointer has not moved).
  await page().evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => requestAnimationFrame(r)))));
  assert.equal((await state()).hover, 'KAZ');
  const note = await page().evaluate(() => {
    const n = document.getElementById('focus-note');
    return { text: n.textContent, shown: getComputedStyle(n).display !== 'none' };
  });
  assert.deepEqual(note, { text: 'Kazakhstan', shown: true });
  await page().screenshot({ path: path.join(screenshotDir, 'web-a11y-focus-country.png') });
  // An event shown by a marker of its own: that marker is the hovered one.
  const single = await page().evaluate(() => window.steppeAtlas.markers().markers.find((m) => m.count === 1)?.event);
  if (single) {
    await page().focus(`#a11y-events button[data-key="${single}"]`);
    s = await waitForState(page(), `(st) => st.hoverEvent === ${JSON.stringify(single)} && st.hover === null`, 'the event marked');
  } else {
    // All in clusters at this zoom: the cluster is marked (no single event to name).
    const any = await page().evaluate(() => document.querySelector('#a11y-events button').dataset.key);
    await page().focus(`#a11y-events button[data-key="${any}"]`);
    s = await waitForState(page(), (st) => st.hover === null, 'the country no longer marked');
  }
  await page().screenshot({ path: path.join(screenshotDir, 'web-a11y-focus-event.png') });
  // Focus back on a country; then the pointer moves: it takes over.
  await page().focus('#a11y-countries button[data-key="UZB"]');
  await waitForState(page(), (st) => st.hover === 'UZB', 'Uzbekistan marked');
  const [x, y] = await page().evaluate(() => window.steppeAtlas.project(87, 48));
  await page().mouse.move(x, y);
  await waitForState(page(), (st) => st.hover !== 'UZB', 'the pointer\'s hover back');
  // A press on the map gives it the keyboard back, which clears the mark and the note.
  await page().focus('#a11y-countries button[data-key="UZB"]');
  await page().mouse.click(x, y);
  assert.equal((await active()).id, 'canvas');
  assert.equal(await page().evaluate(() => getComputedStyle(document.getElementById('focus-note')).display), 'none');
});

test('no CSP violation and no console error throughout', async () => {
  assert.deepEqual(await page().evaluate(() => window.__cspViolations), []);
  assert.deepEqual(atlas.consoleErrors, []);
  assert.deepEqual(atlas.foreignRequests.filter((u) => !u.startsWith('blob:')), []);
});
