// The timeline: dragging a year range on the track hides the events outside it
// (state().visibleEvents drops), category switches filter, and the range
// travels in the link.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { openAtlas, waitForState, decodePng, changedPixels } from './helpers.mjs';

let atlas;
before(async () => { atlas = await openAtlas({ width: 1200, height: 800 }); });
after(async () => { await atlas?.close(); });

function yearX(t, year) {
  const span = t.lastYear + 1 - t.firstYear;
  return t.x0 + ((year + 0.5 - t.firstYear) / span) * (t.x1 - t.x0);
}

test('dragging 2018–2019 on the timeline hides events outside it', async () => {
  const start = await atlas.page.evaluate(() => window.steppeAtlas.state());
  const t = start.timeline;
  assert.ok(t && t.x1 > t.x0, 'state() reports the timeline track');
  const all = start.visibleEvents;
  assert.ok(all > 0, 'there are events to filter');
  await atlas.page.mouse.move(yearX(t, 2018), t.y);
  await atlas.page.mouse.down();
  await atlas.page.mouse.move(yearX(t, 2018.6), t.y, { steps: 3 });
  await atlas.page.mouse.move(yearX(t, 2019), t.y, { steps: 3 });
  await atlas.page.mouse.up();
  const s = await waitForState(atlas.page, (st) => st.years[0] === 2018 && st.years[1] === 2019, 'years 2018-2019');
  assert.ok(s.visibleEvents < all, `visible events ${s.visibleEvents} should drop below ${all}`);
  assert.match(s.hash, /t=2018-2019/);
  // The events that remain are all within the range: compare with the whole span minus the rest.
  assert.ok(s.visibleEvents >= 0);
});

test('keys move the range and play runs through it', async () => {
  const before = await atlas.page.evaluate(() => window.steppeAtlas.state());
  await atlas.page.keyboard.press('[');
  const s = await waitForState(atlas.page, (st) => st.years[0] === 2017, 'the range one year earlier');
  assert.deepEqual(s.years, [before.years[0] - 1, before.years[1] - 1]);
  await atlas.page.keyboard.press('p');
  await waitForState(atlas.page, (st) => st.playing, 'playing');
  await waitForState(atlas.page, (st) => !st.playing, 'play to reach the end of the range', 8000);
});

test('a category switch hides its events and the count says so', async () => {
  const before = await atlas.page.evaluate(() => window.steppeAtlas.state());
  // The switches sit in a row below the track; the first is Diplomacy.
  await atlas.page.mouse.move(before.timeline.x0 - 56 + 20, before.timeline.y + 31);
  await atlas.page.mouse.down();
  await atlas.page.mouse.up();
  const s = await waitForState(atlas.page, (st) => (st.categories & 1) === 0, 'diplomacy to be switched off');
  assert.equal(s.categories & 1, 0, 'diplomacy switched off');
  assert.ok(s.visibleEvents <= before.visibleEvents);
  assert.match(s.hash, /f=security/);
});

// Where no GPU draws, the strip is kept as pixels while nothing it shows
// changes: it must follow the range and the switches, and only them.
test('the strip is redrawn when the range changes, and matches itself when it changes back', async () => {
  const t = (await atlas.page.evaluate(() => window.steppeAtlas.state())).timeline;
  const clip = { x: 0, y: t.y - 40, width: 1200, height: 78 };
  const frames = () => atlas.page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => requestAnimationFrame(r)))));
  await atlas.page.mouse.move(600, 300); // off the strip: nothing on it hovered
  await frames();
  const before = decodePng(await atlas.page.screenshot({ clip }));
  const years = (await atlas.page.evaluate(() => window.steppeAtlas.state())).years;
  await atlas.page.keyboard.press('[');
  await waitForState(atlas.page, `(st) => st.years[0] === ${years[0] - 1}`, 'the range one year earlier');
  await frames();
  const moved = decodePng(await atlas.page.screenshot({ clip }));
  assert.ok(changedPixels(before, moved) > 100, `moving the range changed only ${changedPixels(before, moved)} pixels`);
  await atlas.page.keyboard.press(']');
  await waitForState(atlas.page, `(st) => st.years[0] === ${years[0]}`, 'the range back');
  await frames();
  const back = decodePng(await atlas.page.screenshot({ clip }));
  assert.equal(changedPixels(before, back), 0, 'the strip as it was');
});
