// Search: '/' focuses the box, typing finds places by any of their names,
// Enter selects the best match and the map flies there; the timeline's year
// range hides events outside it.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { openAtlas, waitForState } from './helpers.mjs';

let atlas;
before(async () => { atlas = await openAtlas({ width: 1200, height: 800 }); });
after(async () => { await atlas?.close(); });

async function searchFor(text) {
  await atlas.page.keyboard.press('/');
  await atlas.page.keyboard.type(text, { delay: 20 });
  await atlas.page.keyboard.press('Enter');
}

test('typing "Astana" selects the capital and flies to it', async () => {
  await searchFor('Astana');
  const s = await waitForState(atlas.page, (st) => st.selectionKind === 'place' && !st.view.flying, 'a place selected');
  assert.equal(s.selection, 'astana');
  assert.ok(Math.abs(s.view.lat - 51.1) < 3, `view centred near Astana, lat ${s.view.lat}`);
});

test('an alternative name finds the same place (Nur-Sultan -> Astana)', async () => {
  await atlas.page.keyboard.press('Escape');
  await searchFor('Nur-Sultan');
  const s = await waitForState(atlas.page, (st) => st.selectionKind === 'place', 'a place selected');
  assert.equal(s.selection, 'astana');
});

test('a typo still finds the country (kazakstan)', async () => {
  await searchFor('kazakstan');
  const s = await waitForState(atlas.page, (st) => st.selectionKind === 'country', 'a country selected');
  assert.equal(s.selection, 'KAZ');
});

test('keys typed into the search box do not reach the map', async () => {
  await atlas.page.keyboard.press('/');
  await atlas.page.keyboard.type('pl[', { delay: 20 }); // play, language, year range when not typing
  await atlas.page.keyboard.press('Escape');
  const s = await atlas.page.evaluate(() => window.steppeAtlas.state());
  assert.equal(s.playing, false);
  assert.equal(s.localNames, false);
});

test('with a mouse and keyboard the phones\' search <input> stays hidden and the canvas keeps the keys', async () => {
  const b = await atlas.page.evaluate(() => window.steppeAtlas.search());
  await atlas.page.mouse.click(b.x + b.w / 2, b.y + b.h / 2);
  await atlas.page.keyboard.press('Control+A'); // over what the last search left
  await atlas.page.keyboard.type('Bishkek', { delay: 20 });
  await atlas.page.waitForFunction(() => window.steppeAtlas.search().query === 'Bishkek', null, { timeout: 5000, polling: 'raf' });
  const s = await atlas.page.evaluate(() => ({ box: window.steppeAtlas.search(), active: document.activeElement.id,
    shown: getComputedStyle(document.getElementById('search-input')).display !== 'none' }));
  assert.equal(s.shown, false);
  assert.equal(s.active, 'canvas');
  assert.equal(s.box.query, 'Bishkek');
  assert.equal(s.box.pageInput, false);
  await atlas.page.keyboard.press('Escape');
});
