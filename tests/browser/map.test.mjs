// The map itself: hover and click on large and small countries, wheel zoom
// about the cursor, resizing (down to phone portrait) keeping project()
// right, and both ways of drawing frames (software into a 2D canvas, WebGL).
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { openAtlas, goHome, changedPixels, waitForState, screenshotDir, decodePng, pixelAt, colorDistance } from './helpers.mjs';

let atlas;
before(async () => { atlas = await openAtlas({ width: 1280, height: 800 }); });
after(async () => { await atlas?.close(); });

const state = () => atlas.page.evaluate(() => window.steppeAtlas.state());
const project = (lon, lat) => atlas.page.evaluate(([a, b]) => window.steppeAtlas.project(a, b), [lon, lat]);

async function home() {
  await atlas.page.mouse.move(2, 400);
  await goHome(atlas);
}

// Points well inside each country, clear of markers at the home view: the
// steppe of Kazakhstan, the Kyzylkum in Uzbekistan, the Pamirs in Tajikistan.
for (const [iso3, lon, lat] of [['KAZ', 67, 48], ['UZB', 63.5, 42.3], ['TJK', 72.6, 38.6]]) {
  test(`hovering ${iso3} highlights it and names it; a click selects it`, async () => {
    await home();
    const [x, y] = await project(lon, lat);
    const before = decodePng(await atlas.page.screenshot());
    await atlas.page.mouse.move(x, y);
    const s = await waitForState(atlas.page, (st) => st.hover !== null, `a hovered country at ${x}, ${y}`);
    assert.equal(s.hover, iso3);
    await atlas.page.waitForTimeout(100);
    const hovered = decodePng(await atlas.page.screenshot({ path: path.join(screenshotDir, `web-hover-${iso3}.png`) }));
    // The outline around the country and its name by the pointer.
    assert.ok(changedPixels(before, hovered) > 300, `the highlight changed only ${changedPixels(before, hovered)} pixels`);
    await atlas.page.mouse.click(x, y);
    // (predicates run in the page: the code is built with the value in it)
    const sel = await waitForState(atlas.page, `(st) => st.selection === '${iso3}' && !st.view.flying`, `${iso3} selected`);
    assert.equal(sel.selectionKind, 'country');
    assert.ok(sel.panelOpen);
    assert.match(await atlas.page.evaluate(() => window.steppeAtlas.panelText()), new RegExp(sel.selectionName));
  });
}

// The selected country's outline is drawn into the cached base map (under
// the names) once the map is redrawn; deselecting must leave no trace of it.
test('the selection outline shows at the home view and leaves no trace once deselected', async () => {
  await home();
  const region = { x: 120, y: 90, width: 760, height: 520 };
  const frames = (n) => atlas.page.waitForTimeout(n);
  await atlas.page.mouse.move(640, 780); // the timeline: nothing hovered on the map
  await frames(400);
  const reference = decodePng(await atlas.page.screenshot({ clip: region }));
  const [x, y] = await project(67, 48);
  await atlas.page.mouse.click(x, y);
  await waitForState(atlas.page, (st) => st.selection === 'KAZ' && !st.view.flying, 'Kazakhstan selected');
  await atlas.page.keyboard.press('Escape'); // the panel closes, the selection stays
  await atlas.page.keyboard.press('0');
  const { lon, lat, zoom } = atlas.homeView;
  await waitForState(atlas.page, `(s) => s.selection === 'KAZ' && !s.panelOpen && !s.view.flying &&
    Math.abs(s.view.lon - ${lon}) < 1e-3 && Math.abs(s.view.lat - ${lat}) < 1e-3 && Math.abs(s.view.zoom - ${zoom}) < 1e-3`, 'home, Kazakhstan selected');
  await atlas.page.mouse.move(640, 780);
  await frames(600); // the base map redrawn with the outline
  const selected = decodePng(await atlas.page.screenshot({ clip: region }));
  assert.ok(changedPixels(reference, selected) > 500, `the outline changed only ${changedPixels(reference, selected)} pixels`);
  await atlas.page.keyboard.press('Escape');
  await waitForState(atlas.page, (st) => st.selectionKind === 'none', 'nothing selected');
  await frames(600);
  const cleared = decodePng(await atlas.page.screenshot({ clip: region }));
  assert.ok(changedPixels(reference, cleared) <= 20, `${changedPixels(reference, cleared)} pixels still differ from the map before`);
});

test('the wheel zooms about the cursor: the point under it stays put', async () => {
  await home();
  const [x0, y0] = await project(70, 45);
  // The pointer sits on whole css px; the point exactly under it stays fixed
  // and everything else moves away from it by the zoom factor.
  const mx = Math.round(x0), my = Math.round(y0);
  const scale0 = (await state()).view.scalePx;
  await atlas.page.mouse.move(mx, my);
  for (let i = 0; i < 6; i++) await atlas.page.mouse.wheel(0, -100);
  await waitForState(atlas.page, (st) => !st.view.flying && st.view.zoom > 0.5, 'the zoom to settle');
  await atlas.page.waitForTimeout(300);
  const s = await state();
  const k = s.view.scalePx / scale0;
  assert.ok(k > 1.5, `zoomed in by ${k}`);
  const [x1, y1] = await project(70, 45);
  const ex = mx + (x0 - mx) * k, ey = my + (y0 - my) * k;
  assert.ok(Math.hypot(x1 - ex, y1 - ey) < 0.5, `the point moved to ${x1},${y1}; expected ${ex},${ey}`);
  // The map drawn there is still the country project() says it is.
  const expected = await atlas.page.evaluate(() => window.steppeAtlas.fillColor('KAZ'));
  const [px, py] = await project(67.5, 47.5);
  assert.ok(colorDistance(await pixelAt(atlas.page, px, py), expected) <= 6, 'Kazakhstan drawn where project() puts it');
});

test('resizing to phone portrait and back keeps project() right', async () => {
  await home();
  for (const [w, h] of [[390, 844], [900, 600], [1280, 800]]) {
    await atlas.page.setViewportSize({ width: w, height: h });
    const s = await waitForState(atlas.page, `(st) => st.view.width === ${w} && st.view.height === ${h}`, `a ${w}x${h} view`);
    assert.equal(s.view.width, w);
    const [x, y] = await project(67, 48);
    assert.ok(x > 0 && x < w && y > 0 && y < h, `Kazakhstan on screen at ${w}x${h}: ${x}, ${y}`);
    await atlas.page.mouse.move(x, y);
    await waitForState(atlas.page, (st) => st.hover === 'KAZ', `Kazakhstan under project(67, 48) at ${w}x${h}`);
    const canvasSize = await atlas.page.evaluate(() => { const c = document.getElementById('canvas'); return [c.width, c.height]; });
    assert.deepEqual(canvasSize, [w, h], 'the canvas matches the window in device pixels');
    if (w === 390) await atlas.page.screenshot({ path: path.join(screenshotDir, 'web-phone.png') });
  }
});

test('frames are drawn in software here, and WebGL draws the same map when asked', async () => {
  const renderer = await atlas.page.evaluate(() => window.steppeAtlas.renderer);
  assert.equal(renderer, 'software', 'headless Chromium emulates WebGL, so the atlas draws frames itself');
  const webgl = await openAtlas({ width: 1000, height: 700, hash: '?renderer=webgl' });
  try {
    assert.equal(await webgl.page.evaluate(() => window.steppeAtlas.renderer), 'webgl');
    const [x, y] = await webgl.page.evaluate(() => window.steppeAtlas.project(67, 48));
    const expected = await webgl.page.evaluate(() => window.steppeAtlas.fillColor('KAZ'));
    assert.ok(colorDistance(await pixelAt(webgl.page, x, y), expected) <= 6, 'Kazakhstan drawn in WebGL');
    // The WebGL path fills countries from triangles it cuts from the rings on
    // first use (src/core/triangulate.c; the bundle has none since format 4):
    // ten countries, Kyrgyzstan with holes (its enclaves) among them, are
    // filled with their own colour where they lie. Each is sampled on a 5 × 5
    // grid around an inland point clear of names and symbols, 3 px apart,
    // and 20 of the 25 must match (a border may cross a corner).
    const shot = decodePng(await webgl.page.screenshot());
    const places = { KAZ: [70, 50], UZB: [61, 42.5], TKM: [61, 37.5], KGZ: [74.5, 41], TJK: [70.2, 38.5],
      AFG: [66, 35.5], IRN: [57, 35], CHN: [82, 44], MNG: [92, 48], RUS: [70, 56] };
    for (const [iso, [lon, lat]] of Object.entries(places)) {
      const [cx, cy] = await webgl.page.evaluate(([a, b]) => window.steppeAtlas.project(a, b), [lon, lat]);
      const want = await webgl.page.evaluate((code) => window.steppeAtlas.fillColor(code), iso);
      assert.ok(want, `${iso} has a fill colour`);
      let inside = 0, match = 0;
      for (let dy = -6; dy <= 6; dy += 3) {
        for (let dx = -6; dx <= 6; dx += 3) {
          const px = Math.round(cx + dx), py = Math.round(cy + dy);
          if (px < 0 || py < 0 || px >= shot.width || py >= shot.height) continue;
          inside++;
          const o = (py * shot.width + px) * shot.bpp;
          if (colorDistance([shot.pixels[o], shot.pixels[o + 1], shot.pixels[o + 2]], want) <= 6) match++;
        }
      }
      assert.ok(inside === 25, `${iso} (${lon}, ${lat}) is on screen at the home view: ${cx}, ${cy}`);
      assert.ok(match >= 20, `${iso} filled in WebGL: ${match} of 25 points have its colour ${want}`);
    }
    assert.deepEqual(webgl.consoleErrors, []);
    // SDL found every GL function it asked for in src/platform/web_gl_procs.c's short table
    assert.deepEqual(webgl.consoleMessages.filter((m) => /GL function|GLES2/.test(m)), []);
  } finally {
    await webgl.close();
  }
});
