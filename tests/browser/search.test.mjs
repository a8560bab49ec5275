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
