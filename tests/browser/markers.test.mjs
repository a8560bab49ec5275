// Event markers: clicking a single marker selects its event and the panel names
// its source article; an event outside the map area is reachable through its
// edge indicator; the relations layer can be switched on.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { openAtlas, waitForState, screenshotDir } from './helpers.mjs';

let atlas;
before(async () => { atlas = await openAtlas({ width: 1280, height: 800 }); });
after(async () => { await atlas?.close(); });

const markers = () => atlas.page.evaluate(() => window.steppeAtlas.markers());

test('clicking an event marker selects the event and the panel names its source', async () => {
  let m = await markers();
  assert.ok(m.markers.length > 0, 'markers are drawn');
  // Zoom in on the region until some marker stands alone.
  for (let i = 0; i < 6 && !m.markers.some((g) => g.count === 1); i++) {
    await atlas.page.keyboard.press('=');
    await waitForState(atlas.page, (s) => !s.view.flying, 'the zoom to settle');
    m = await markers();
  }
  const single = m.markers.find((g) => g.count === 1 && g.x > 20 && g.y > 60 && g.x < 800 && g.y < 700);
  assert.ok(single, `a single marker on screen: ${JSON.stringify(m.markers.slice(0, 5))}`);
  await atlas.page.mouse.click(single.x, single.y);
  const s = await waitForState(atlas.page, (st) => st.selectionKind === 'event', 'an event selected');
  assert.equal(s.selection, single.event);
  const text = await atlas.page.evaluate(() => window.steppeAtlas.panelText());
  assert.match(text, /\nSources?\n/);
  assert.ok(/“/.test(text), 'the passage it rests on is quoted');
  await atlas.page.screenshot({ path: path.join(screenshotDir, 'web-event.png') });
});

test('an event far outside the region is reachable through its edge indicator', async () => {
  await atlas.page.keyboard.press('Escape');
  await atlas.page.keyboard.press('Escape');
  await atlas.page.keyboard.press('0');
  await waitForState(atlas.page, (s) => !s.view.flying && !s.panelOpen, 'the home view');
  const m = await markers();
  const washington = m.edges.find((e) => e.place === 'washington');
  assert.ok(washington, `an indicator for Washington: ${JSON.stringify(m.edges)}`);
  assert.ok(washington.count >= 1);
  await atlas.page.mouse.click(washington.x, washington.y);
  const s = await waitForState(atlas.page, (st) => st.selectionKind === 'place' && !st.view.flying, 'Washington selected');
  assert.equal(s.selection, 'washington');
  const text = await atlas.page.evaluate(() => window.steppeAtlas.panelText());
  assert.match(text, /Events here/);
});

test('the relations layer switches on with r and travels in the link', async () => {
  await atlas.page.keyboard.press('r');
  const s = await waitForState(atlas.page, (st) => st.hash.includes('relations'), 'the relations layer in the hash');
  assert.match(s.hash, /l=markers,labels,relations/);
  await atlas.page.screenshot({ path: path.join(screenshotDir, 'web-relations.png') });
});
