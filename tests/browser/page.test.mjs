// The web page loads, becomes ready, draws the map (Kazakhstan's fill where
// project(67, 48) says), reports no console errors, and talks to no other origin.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { openAtlas, pixelAt, colorDistance, decodePng, screenshotDir, waitForState } from './helpers.mjs';

let atlas;
before(async () => { atlas = await openAtlas({ width: 1200, height: 800 }); });
after(async () => { await atlas?.close(); });

test('ready resolves with readyAt set', async () => {
  const readyAt = await atlas.page.evaluate(() => window.steppeAtlas.readyAt);
  assert.equal(typeof readyAt, 'number');
  assert.ok(readyAt > 0);
});

test('the canvas is not blank', async () => {
  const png = await atlas.page.screenshot({ path: path.join(screenshotDir, 'web-home.png') });
  const { width, height, bpp, pixels } = decodePng(png);
  const colours = new Set();
  for (let y = 0; y < height; y += 20) for (let x = 0; x < width; x += 20) {
    const i = (y * width + x) * bpp; colours.add((pixels[i] << 16) | (pixels[i + 1] << 8) | pixels[i + 2]);
  }
  assert.ok(colours.size >= 8, `only ${colours.size} distinct colours`);
});

test("Kazakhstan's fill colour appears at project(67, 48)", async () => {
  const [x, y] = await atlas.page.evaluate(() => window.steppeAtlas.project(67, 48));
  assert.ok(x > 0 && y > 0 && x < 1200 && y < 800, `project(67, 48) = ${x}, ${y} is off the page`);
  const expected = await atlas.page.evaluate(() => window.steppeAtlas.fillColor('KAZ'));
  assert.ok(Array.isArray(expected), 'fillColor(KAZ) is known');
  const got = await pixelAt(atlas.page, x, y);
  assert.ok(colorDistance(got, expected) <= 6, `pixel ${got} is not Kazakhstan's fill ${expected}`);
});

test('state() reports the view and no selection at start', async () => {
  const s = await atlas.page.evaluate(() => window.steppeAtlas.state());
  assert.equal(s.selection, null);
  assert.equal(typeof s.view.lon, 'number');
  assert.ok(s.view.lon > 50 && s.view.lon < 85, `view centred at lon ${s.view.lon}`);
  assert.ok(s.view.lat > 35 && s.view.lat < 55, `view centred at lat ${s.view.lat}`);
});

test('clicking Kazakhstan selects it', async () => {
  const [x, y] = await atlas.page.evaluate(() => window.steppeAtlas.project(67, 48));
  await atlas.page.mouse.click(x, y);
  const s = await waitForState(atlas.page, (st) => st.selection === 'KAZ', 'Kazakhstan selected');
  assert.equal(s.selection, 'KAZ');
  assert.equal(s.panelOpen, true);
});

// F puts the page (not SDL's canvas alone) full screen and back; SDL's own
// full-screen calls are answered "not supported" (src/platform/web_sdl_html5.c).
test('F toggles the page full screen and back, and the map still answers', async () => {
  const { page } = atlas;
  await page.mouse.click(600, 780); // focus the map without selecting (the timeline's edge is no country)
  await page.keyboard.press('Escape');
  await page.keyboard.press('f');
  await page.waitForFunction(() => document.fullscreenElement === document.documentElement, null, { timeout: 5000 });
  await page.keyboard.press('f');
  await page.waitForFunction(() => document.fullscreenElement === null, null, { timeout: 5000 });
  const [x, y] = await page.evaluate(() => window.steppeAtlas.project(67, 48));
  await page.mouse.click(x, y);
  await waitForState(page, (s) => s.selection && /Kazakhstan|KAZ/.test(JSON.stringify(s.selection)));
  await page.keyboard.press('Escape');
});

test('no console errors and no requests to other origins', () => {
  assert.deepEqual(atlas.consoleErrors, []);
  assert.deepEqual(atlas.foreignRequests, []);
});
