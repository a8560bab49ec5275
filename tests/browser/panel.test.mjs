// The panel: clicking a country opens its panel with the profile, key figures and
// their sources; links in the panel select what they name; back returns.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { openAtlas, screenshotDir } from './helpers.mjs';

let atlas;
before(async () => { atlas = await openAtlas({ width: 1280, height: 800 }); });
after(async () => { await atlas?.close(); });

const state = () => atlas.page.evaluate(() => window.steppeAtlas.state());
const panelText = () => atlas.page.evaluate(() => window.steppeAtlas.panelText());
const settle = () => atlas.page.waitForFunction(() => !window.steppeAtlas.state().view.flying, null, { timeout: 5000 });

test('clicking Kazakhstan opens its panel with 2018 trade figures and their sources', async () => {
  const [x, y] = await atlas.page.evaluate(() => window.steppeAtlas.project(67, 48));
  await atlas.page.mouse.click(x, y);
  await settle();
  const s = await state();
  assert.equal(s.selection, 'KAZ');
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
  const after = await state();
  assert.equal(after.selection, before.selection);
});

test('Escape closes the panel; the selection stays', async () => {
  await atlas.page.keyboard.press('Escape');
  const s = await state();
  assert.equal(s.panelOpen, false);
  assert.equal(s.selection, 'KAZ');
  assert.equal(await panelText(), '');
});

test('back (Backspace) returns to the previous selection', async () => {
  const [x, y] = await atlas.page.evaluate(() => window.steppeAtlas.project(64, 41.5)); // Uzbekistan
  await atlas.page.mouse.click(x, y);
  await settle();
  assert.equal((await state()).selection, 'UZB');
  await atlas.page.keyboard.press('Backspace');
  await settle();
  assert.equal((await state()).selection, 'KAZ');
});
