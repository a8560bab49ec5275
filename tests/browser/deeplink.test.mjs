// Deep links: the URL hash mirrors the state, a link opened in a fresh page
// restores selection, view and filters, and the browser's back button returns
// to the previous selection. Malformed hashes are ignored field by field.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openAtlas, waitForState } from './helpers.mjs';

test('the hash follows the selection and a fresh page restores it', async () => {
  const first = await openAtlas({ width: 1100, height: 750 });
  let link, before;
  try {
    const [x, y] = await first.page.evaluate(() => window.steppeAtlas.project(67, 48));
    await first.page.mouse.click(x, y);
    await waitForState(first.page, (s) => s.selection === 'KAZ' && !s.view.flying, 'Kazakhstan selected and settled');
    await first.page.keyboard.press(']'); // no effect at the end of the range
    await first.page.keyboard.press('l');  // local names
    before = await waitForState(first.page, (s) => s.hash.includes('lang=local'), 'the hash to show local names');
    await first.page.waitForFunction(() => location.hash.includes('lang=local'));
    link = await first.page.evaluate(() => location.hash);
    assert.match(link, /^#c=KAZ&v=/);
  } finally { await first.close(); }

  const second = await openAtlas({ width: 1100, height: 750, hash: link });
  try {
    const s = await second.page.evaluate(() => window.steppeAtlas.state());
    assert.equal(s.selection, 'KAZ');
    assert.equal(s.panelOpen, true);
    assert.ok(Math.abs(s.view.lon - before.view.lon) < 0.01, `lon ${s.view.lon} vs ${before.view.lon}`);
    assert.ok(Math.abs(s.view.lat - before.view.lat) < 0.01, `lat ${s.view.lat} vs ${before.view.lat}`);
    assert.ok(Math.abs(s.view.zoom - before.view.zoom) < 0.02, `zoom ${s.view.zoom} vs ${before.view.zoom}`);
    assert.equal(s.hash, link.slice(1));
    assert.deepEqual(second.consoleErrors, []);
  } finally { await second.close(); }
});

test('filters in a link are restored; malformed fields are ignored, the rest applies', async () => {
  const atlas = await openAtlas({ hash: '#c=UZB&t=2018-2019&f=diplomacy,trade&v=abc&zzz=%zz&l=bogus' });
  try {
    const s = await atlas.page.evaluate(() => window.steppeAtlas.state());
    assert.equal(s.selection, 'UZB');
    assert.match(s.hash, /t=2018-2019/);
    assert.match(s.hash, /f=diplomacy,trade/);
    assert.deepEqual(atlas.consoleErrors, []);
  } finally { await atlas.close(); }
});

test("the browser's back button returns to the previous selection", async () => {
  const atlas = await openAtlas({ width: 1100, height: 750 });
  try {
    const click = async (lon, lat, iso) => {
      const [x, y] = await atlas.page.evaluate(([a, b]) => window.steppeAtlas.project(a, b), [lon, lat]);
      await atlas.page.mouse.click(x, y);
      await waitForState(atlas.page, (s) => !s.view.flying, 'the flight to end');
      await atlas.page.waitForFunction((code) => location.hash.startsWith('#c=' + code), iso);
    };
    await click(67, 48, 'KAZ');
    await click(64, 41.5, 'UZB');
    await atlas.page.goBack();
    const s = await waitForState(atlas.page, (st) => st.selection === 'KAZ', 'back to Kazakhstan');
    assert.equal(s.selection, 'KAZ');
    await atlas.page.goForward();
    await waitForState(atlas.page, (st) => st.selection === 'UZB', 'forward to Uzbekistan');
  } finally { await atlas.close(); }
});

test('a linked country opened on a phone is framed above the bottom sheet', async () => {
  const atlas = await openAtlas({ width: 390, height: 844, hash: '#c=KGZ' });
  try {
    const s = await atlas.page.evaluate(() => window.steppeAtlas.state());
    assert.equal(s.selection, 'KGZ');
    assert.ok(s.panelOpen);
    // The timeline sits on top of the sheet: the map shows above it.
    const mapBottom = s.timeline.y - 30;
    for (const [lon, lat] of [[74.6, 41.5], [71.5, 40.3], [78.5, 42.0]]) { // the middle, west and east of Kyrgyzstan
      const [x, y] = await atlas.page.evaluate(([a, b]) => window.steppeAtlas.project(a, b), [lon, lat]);
      assert.ok(x > 0 && x < 390 && y > 0 && y < mapBottom, `${lon}E ${lat}N at ${x}, ${y}, the map ends at ${mapBottom}`);
    }
  } finally {
    await atlas.close();
  }
});
