// Event markers: every event is on the map (a marker, in a cluster or behind
// an edge indicator); hovering one names it; clicking one selects it and the
// panel names its source; an event far outside the region (Washington) is
// reached through its edge indicator; the relations layer draws its arcs; the
// key folds.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { openAtlas, goHome, waitForState, screenshotDir, decodePng } from './helpers.mjs';

let atlas;
before(async () => { atlas = await openAtlas({ width: 1280, height: 800 }); });
after(async () => { await atlas?.close(); });

const markers = () => atlas.page.evaluate(() => window.steppeAtlas.markers());
const events = () => atlas.page.evaluate(() => window.steppeAtlas.events());
const state = () => atlas.page.evaluate(() => window.steppeAtlas.state());

const home = () => goHome(atlas);

test('every event passing the filter is on the map: a marker, in a cluster or behind an edge indicator', async () => {
  const ev = await events();
  const s = await state();
  assert.ok(ev.length > 0, 'the bundle has events');
  assert.equal(ev.length, s.visibleEvents);
  assert.equal(s.visibleMarkers, s.visibleEvents);
  for (const e of ev) {
    assert.equal(typeof e.key, 'string');
    assert.ok(Number.isFinite(e.lon) && Number.isFinite(e.lat) && Number.isInteger(e.year));
    assert.match(e.category, /^[a-z]+$/);
  }
  const m = await markers();
  const onMap = m.markers.reduce((n, g) => n + g.count, 0) + m.edges.reduce((n, e) => n + e.count, 0);
  assert.equal(onMap, ev.length);
  assert.equal(s.markers, m.markers.length);
  assert.equal(s.edgeIndicators, m.edges.length);
  // Narrowing the years narrows both lists alike.
  await atlas.page.evaluate(() => { location.hash = 't=2010-2015'; });
  const s2 = await waitForState(atlas.page, (st) => st.years[0] === 2010 && st.years[1] === 2015, 'a narrower range');
  const ev2 = await events();
  assert.equal(ev2.length, s2.visibleMarkers);
  assert.ok(ev2.every((e) => e.year >= s2.years[0] && e.year <= s2.years[1]));
  assert.ok(ev2.length < ev.length);
  const m2 = await markers();
  assert.equal(m2.markers.reduce((n, g) => n + g.count, 0) + m2.edges.reduce((n, e) => n + e.count, 0), ev2.length);
  await atlas.page.evaluate(() => { location.hash = ''; });
  await waitForState(atlas.page, (st) => st.years[1] === st.timeline.lastYear && st.visibleEvents === st.visibleMarkers,
    'the whole range again');
});

test('hovering a marker names its event; clicking it selects the event and the panel names its source', async () => {
  let m = await markers();
  // Zoom in on the region until some marker stands alone.
  for (let i = 0; i < 6 && !m.markers.some((g) => g.count === 1 && g.y > 80 && g.x > 300); i++) {
    await atlas.page.keyboard.press('=');
    await waitForState(atlas.page, (s) => !s.view.flying, 'the zoom to settle');
    m = await markers();
  }
  const single = m.markers.find((g) => g.count === 1 && g.x > 300 && g.y > 80 && g.x < 1100 && g.y < 650);
  assert.ok(single, `a single marker on screen: ${JSON.stringify(m.markers.slice(0, 5))}`);
  await atlas.page.mouse.move(single.x + 1, single.y);
  const hovered = await waitForState(atlas.page, (st) => st.hoverEvent !== null, 'a hovered event');
  assert.equal(hovered.hoverEvent, single.event);
  assert.equal(hovered.hover, null, 'the marker, not the country below it');
  await atlas.page.screenshot({ path: path.join(screenshotDir, 'web-marker-tooltip.png') });
  await atlas.page.mouse.click(single.x, single.y);
  const s = await waitForState(atlas.page, (st) => st.selectionKind === 'event', 'an event selected');
  assert.equal(s.selection, single.event);
  assert.ok(s.panelOpen);
  const text = await atlas.page.evaluate(() => window.steppeAtlas.panelText());
  assert.match(text, /\nSources?\n/);
  assert.ok(/["“][^"”\n]{12,}["”]/.test(text), 'the passage it rests on is quoted, as the screen shows it (one pair of marks)');
  await atlas.page.screenshot({ path: path.join(screenshotDir, 'web-event.png') });
});

test('an event in Washington is reached through its edge indicator, then fanned out and selected', async () => {
  await home();
  let m = await markers();
  const edge = m.edges.find((e) => e.place === 'washington');
  assert.ok(edge, `an indicator for Washington: ${JSON.stringify(m.edges)}`);
  assert.ok(edge.count >= 1);
  await atlas.page.mouse.click(edge.x, edge.y);
  await waitForState(atlas.page, (st) => !st.view.flying && st.view.lon < -40, 'the flight to America');
  const s = await state();
  const [wx, wy] = await atlas.page.evaluate(() => window.steppeAtlas.project(-77.0369, 38.9072));
  assert.ok(wx > 0 && wx < s.view.width && wy > 0 && wy < s.view.height, `Washington on screen: ${wx}, ${wy}`);
  const washingtonEvents = (await events()).filter((e) => Math.abs(e.lon + 77.0369) < 0.01);
  assert.ok(washingtonEvents.length >= 1);
  // Its events: a cluster (click to fan them out) or already single markers.
  m = await markers();
  const cluster = m.markers.find((g) => g.place === 'washington' && g.count > 1);
  if (cluster) {
    const zoom0 = s.view.zoom;
    await atlas.page.mouse.click(cluster.x, cluster.y);
    await atlas.page.waitForFunction((z) => { const st = window.steppeAtlas.state(); return !st.view.flying && st.view.zoom > z + 0.5; },
      zoom0, { timeout: 5000, polling: 'raf' });
    m = await markers();
  }
  const fanned = m.markers.filter((g) => g.place === 'washington' && g.count === 1);
  assert.equal(fanned.length, washingtonEvents.length, 'each Washington event has its own marker');
  await atlas.page.screenshot({ path: path.join(screenshotDir, 'web-washington-fan.png') });
  const target = fanned[fanned.length - 1];
  await atlas.page.mouse.click(target.x, target.y);
  const sel = await waitForState(atlas.page, (st) => st.selectionKind === 'event', 'a Washington event selected');
  assert.equal(sel.selection, target.event);
  // From there, Central Asia's events are pointed at in turn.
  m = await markers();
  assert.ok(m.edges.some((e) => e.place === 'astana'), `an indicator back to Astana: ${JSON.stringify(m.edges)}`);
  const st = await state();
  assert.equal(st.visibleMarkers, st.visibleEvents);
});

test('the relations layer switches on with r, draws its arcs and travels in the link', async () => {
  await home();
  const before = decodePng(await atlas.page.screenshot());
  await atlas.page.keyboard.press('r');
  const s = await waitForState(atlas.page, (st) => st.layers.includes('relations') && st.hash.includes('relations'),
    'the relations layer');
  assert.match(s.hash, /l=markers,labels,relations/);
  const afterShot = decodePng(await atlas.page.screenshot({ path: path.join(screenshotDir, 'web-relations.png') }));
  let changed = 0;
  for (let i = 0; i < before.pixels.length; i += before.bpp)
    if (Math.abs(before.pixels[i] - afterShot.pixels[i]) + Math.abs(before.pixels[i + 2] - afterShot.pixels[i + 2]) > 60) changed++;
  assert.ok(changed > 2000, `arcs drawn (${changed} pixels changed)`);
  await atlas.page.keyboard.press('r');
  await waitForState(atlas.page, (st) => !st.layers.includes('relations'), 'the relations layer off');
});

test('the map key folds and unfolds from its header', async () => {
  await home();
  const s0 = await state();
  assert.equal(s0.legendOpen, true);
  const { key } = await markers();
  assert.ok(key && key.w > 0 && key.h > key.header, `the key's box: ${JSON.stringify(key)}`);
  await atlas.page.mouse.click(key.x + key.w / 2, key.y + key.h - 8); // its body: nothing happens
  await atlas.page.mouse.click(key.x + 40, key.y + key.header / 2);  // its header: it folds
  const s1 = await waitForState(atlas.page, (st) => st.legendOpen === false, 'the key folded');
  assert.equal(s1.selectionKind, 'none', 'a click on the key selects nothing');
  await atlas.page.screenshot({ path: path.join(screenshotDir, 'web-key-folded.png') });
});
