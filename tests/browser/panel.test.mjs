// The panel: clicking a country opens its panel with the profile, key figures and
// their sources; links in the panel select what they name; back returns.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { openAtlas, screenshotDir, waitForState, decodePng, changedPixels } from './helpers.mjs';

let atlas;
before(async () => { atlas = await openAtlas({ width: 1280, height: 800 }); });
after(async () => { await atlas?.close(); });

const state = () => atlas.page.evaluate(() => window.steppeAtlas.state());
const panelText = () => atlas.page.evaluate(() => window.steppeAtlas.panelText());
const settle = () => waitForState(atlas.page, (s) => !s.view.flying, 'the flight to end');

test('clicking Kazakhstan opens its panel with 2018 trade figures and their sources', async () => {
  const [x, y] = await atlas.page.evaluate(() => window.steppeAtlas.project(67, 48));
  await atlas.page.mouse.click(x, y);
  await waitForState(atlas.page, (st) => st.selection === 'KAZ', 'Kazakhstan selected');
  await settle();
  const text = await panelText();
  assert.match(text, /^Kazakhstan\n/);
  assert.match(text, /Key figures/);
  const tradeLines = text.split('\n').filter((l) => /trade/i.test(l) && /2018/.test(l));
  assert.ok(tradeLines.length >= 2, `expected 2018 trade figures, got:\n${tradeLines.join('\n')}`);
  assert.match(text, /Source: /);
  await atlas.page.screenshot({ path: path.join(screenshotDir, 'web-panel-kaz.png') });
});

test('the panel covers the map: a click on it does not select what lies below', async () => {
  const before = await state();
  await atlas.page.mouse.click(1280 - 100, 400);
  // Let a few frames pass: a wrongly routed click would show by then.
  await atlas.page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => requestAnimationFrame(r)))));
  const after = await state();
  assert.equal(after.selection, before.selection);
});

test('Escape closes the panel; the selection stays', async () => {
  await atlas.page.keyboard.press('Escape');
  const s = await waitForState(atlas.page, (st) => !st.panelOpen, 'the panel to close');
  assert.equal(s.panelOpen, false);
  assert.equal(s.selection, 'KAZ');
  assert.equal(await panelText(), '');
});

test('back (Backspace) returns to the previous selection', async () => {
  const [x, y] = await atlas.page.evaluate(() => window.steppeAtlas.project(64, 41.5)); // Uzbekistan
  await atlas.page.mouse.click(x, y);
  await waitForState(atlas.page, (s) => s.selection === 'UZB', 'Uzbekistan selected');
  await settle();
  await atlas.page.keyboard.press('Backspace');
  const s = await waitForState(atlas.page, (st) => st.selection === 'KAZ', 'back to Kazakhstan');
  assert.equal(s.selection, 'KAZ');
});

// Where no GPU draws, the panel is kept as pixels while nothing it shows
// changes (core of a smooth flight): check it follows every change.
test('the panel is redrawn when it scrolls and when the selection changes, and is steady otherwise', async () => {
  await waitForState(atlas.page, (st) => st.selection === 'KAZ' && st.panelOpen && !st.view.flying, 'Kazakhstan in the panel');
  const frames = () => atlas.page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => requestAnimationFrame(r)))));
  const shot = async () => decodePng(await atlas.page.screenshot({ clip: { x: 1280 - 320, y: 70, width: 300, height: 520 } }));
  await atlas.page.mouse.move(1280 - 40, 760); // off the panel's links
  await frames();
  const kaz = await shot();
  assert.equal(changedPixels(kaz, await shot()), 0, 'the same panel twice');
  await atlas.page.mouse.move(1280 - 40, 400);
  await atlas.page.mouse.wheel(0, 400);
  await frames();
  const scrolled = await shot();
  assert.ok(changedPixels(kaz, scrolled) > 2000, `scrolling changed only ${changedPixels(kaz, scrolled)} pixels`);
  await atlas.page.keyboard.press('/');
  await atlas.page.keyboard.type('Uzbekistan', { delay: 10 });
  await atlas.page.keyboard.press('Enter');
  await waitForState(atlas.page, (st) => st.selection === 'UZB' && !st.view.flying, 'Uzbekistan selected');
  await atlas.page.mouse.move(1280 - 40, 760);
  await frames();
  const uzb = await shot();
  assert.ok(changedPixels(kaz, uzb) > 2000, `another country changed only ${changedPixels(kaz, uzb)} pixels`);
  assert.match(await panelText(), /^Uzbekistan\n/);
});
