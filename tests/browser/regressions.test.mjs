// Regression tests for the three bugs issue 10 names: wheel zoom drifting away
// from the point under the pointer, the browser's back button not resetting
// the theme, and bundle keys with quotes breaking markers()/events() JSON
// (the last is tested natively in tests/unit/test_app_json.c).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openAtlas, waitForState } from './helpers.mjs';

const TASHKENT = [69.2401, 41.2995];

async function zoomDrift(page, steps, deltaY, pauseMs) {
  const [x, y] = await page.evaluate(([lon, lat]) => window.steppeAtlas.project(lon, lat), TASHKENT);
  await page.mouse.move(x, y);
  await page.waitForTimeout(50);
  const errors = [];
  for (let i = 0; i < steps; i++) {
    await page.mouse.wheel(0, deltaY);
    await page.waitForTimeout(pauseMs);
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    const [tx, ty] = await page.evaluate(([lon, lat]) => window.steppeAtlas.project(lon, lat), TASHKENT);
    errors.push(Math.hypot(tx - x, ty - y));
  }
  return { x, y, errors };
}

test('wheel zoom keeps the point under the pointer fixed, however many notches', async () => {
  const atlas = await openAtlas({ width: 1200, height: 800 });
  try {
    // The harness's case: five notches of -240, 120 ms apart (was 0.5, 1.4, 3.0, 5.7, 10.2 px).
    const big = await zoomDrift(atlas.page, 5, -240, 120);
    assert.ok(big.x % 1 !== 0 || big.y % 1 !== 0, 'the point is between pixels, as it mostly is');
    for (const [i, e] of big.errors.entries()) assert.ok(e < 0.25, `notch ${i + 1}: Tashkent ${e.toFixed(2)} px from the pointer`);
    await atlas.page.keyboard.press('0');
    await waitForState(atlas.page, (s) => !s.view.flying && Math.abs(s.view.zoom) < 1e-3, 'the home view');
    // Twenty touchpad-sized steps of -30 (was 2.1 px), then ten out.
    const small = await zoomDrift(atlas.page, 20, -30, 30);
    for (const [i, e] of small.errors.entries()) assert.ok(e < 0.25, `step ${i + 1}: ${e.toFixed(2)} px`);
    const s = await atlas.page.evaluate(() => window.steppeAtlas.state());
    assert.ok(s.view.zoom > 1.5, `it did zoom (zoom ${s.view.zoom})`);
    const out = await zoomDrift(atlas.page, 10, 60, 30);
    for (const [i, e] of out.errors.entries()) assert.ok(e < 0.25, `out ${i + 1}: ${e.toFixed(2)} px`);
    console.log(`largest error: ${Math.max(...big.errors, ...small.errors, ...out.errors).toFixed(4)} px`);
    assert.deepEqual(atlas.consoleErrors, []);
  } finally { await atlas.close(); }
});

test('the back button restores the theme the URL names, with the selection', async () => {
  const atlas = await openAtlas({ width: 1100, height: 750 });
  try {
    const { page } = atlas;
    const [x, y] = await page.evaluate(() => window.steppeAtlas.project(67, 48));
    await page.mouse.click(x, y);
    await waitForState(page, (s) => s.selection === 'KAZ' && !s.view.flying, 'Kazakhstan selected');
    await page.waitForFunction(() => location.hash.startsWith('#c=KAZ'));
    const kazFill = await page.evaluate(() => window.steppeAtlas.fillColor('KAZ'));
    const [ux, uy] = await page.evaluate(() => window.steppeAtlas.project(64.5, 41.5));
    await page.mouse.click(ux, uy);
    await waitForState(page, (s) => s.selection === 'UZB' && !s.view.flying, 'Uzbekistan selected');
    await page.keyboard.press('h');
    await waitForState(page, (s) => s.highContrast && s.hash.includes('theme=contrast'), 'high contrast on');
    await page.waitForFunction(() => location.hash.includes('theme=contrast'));
    await page.goBack();
    const back = await waitForState(page, (s) => s.selection === 'KAZ', 'Kazakhstan again after back');
    assert.equal(back.highContrast, false, 'the previous entry had the default theme');
    assert.equal(back.theme, 'default');
    assert.ok(!back.hash.includes('theme='), back.hash);
    assert.deepEqual(await page.evaluate(() => window.steppeAtlas.fillColor('KAZ')), kazFill);
    await page.goForward();
    const fwd = await waitForState(page, (s) => s.selection === 'UZB', 'Uzbekistan after forward');
    assert.equal(fwd.highContrast, true, 'forward restores high contrast');
    assert.deepEqual(atlas.consoleErrors, []);
  } finally { await atlas.close(); }
});

// At 200 % text a 1024 x 768 projector leaves a strip of map above the panel
// and the timeline (512 x 384 css px, the strip 0..111, the search band over
// 0..56): selecting Kazakhstan once flew out to the whole world (zoom -2.7),
// with Kazakhstan under the search band (a fixed 48 px margin left 24 px to
// fit it into). It must fill the strip below the band instead.
test('at 200 % text, selecting Kazakhstan frames it in the strip above the panel', async () => {
  const atlas = await openAtlas({ width: 1024, height: 768, hash: '#ts=200' });
  try {
    const { page } = atlas;
    const [x, y] = await page.evaluate(() => window.steppeAtlas.project(67, 48));
    await page.mouse.click(x, y);
    await waitForState(page, (s) => s.selection && /KAZ|Kazakhstan/.test(JSON.stringify(s.selection)) && !s.view.flying,
      'Kazakhstan selected and the flight over');
    const s = await page.evaluate(() => window.steppeAtlas.state());
    // project() answers in the page's px; the atlas's own css px are twice as large at 200 %
    const k = (await page.evaluate(() => innerWidth)) / s.view.width;
    const at = async (lon, lat) => (await page.evaluate(([a, b]) => window.steppeAtlas.project(a, b), [lon, lat])).map((v) => v / k);
    const [west, east, north, south] = [await at(46.5, 48), await at(87.3, 49), await at(67, 55.4), await at(67, 40.6)];
    assert.ok(west[0] >= 0 && east[0] <= s.view.width, `Kazakhstan's west and east ends show (${west[0]}, ${east[0]})`);
    assert.ok(north[1] >= 50, `its north is clear of the search band (${north[1]})`);
    assert.ok(south[1] <= 0.3 * s.view.height, `its south is above the timeline (${south[1]} of ${s.view.height})`);
    assert.ok(south[1] - north[1] >= 0.5 * (0.29 * s.view.height - 56), `it fills the strip (${south[1] - north[1]} css px tall)`);
    assert.deepEqual(atlas.consoleErrors, []);
  } finally {
    await atlas.close();
  }
});
