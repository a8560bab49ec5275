// Issue 16: a press selects nothing; its release does, if the press neither
// dragged past a few px nor became a pinch. Real input: Playwright's mouse
// (page.mouse.down/move/up) and touch through CDP (Input.dispatchTouchEvent),
// which reach SDL as the browser's own events. And a click on the country
// that is selected already reopens its closed panel; the buttons act on
// release too.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { openAtlas, goHome, waitForState } from './helpers.mjs';

let atlas, cdp;
before(async () => {
  atlas = await openAtlas({ width: 1280, height: 800 });
  cdp = await atlas.page.context().newCDPSession(atlas.page);
});
after(async () => { await atlas?.close(); });

const state = () => atlas.page.evaluate(() => window.steppeAtlas.state());
const project = (lon, lat) => atlas.page.evaluate(([a, b]) => window.steppeAtlas.project(a, b), [lon, lat]);
const frames = (n = 3) => atlas.page.evaluate((k) => new Promise((r) => {
  (function f(i) { if (i <= 0) r(); else requestAnimationFrame(() => f(i - 1)); })(k);
}), n);
const nothingSelected = (s) => s.selectionKind === 'none' && !s.panelOpen && !s.view.flying;

async function home() {
  await atlas.page.mouse.move(2, 400);
  await goHome(atlas);
  // goHome can pass before the frame that handles its keys: let the flight they start land.
  await frames(3);
  await waitForState(atlas.page, (st) => !st.view.flying, 'the home flight landed');
}

// Kazakhstan's steppe, clear of markers at the home view (map.test.mjs).
const kaz = () => project(67, 48);

test('mouse: press and hold on Kazakhstan selects nothing; the release selects it', async () => {
  await home();
  const [x, y] = await kaz();
  await atlas.page.mouse.move(x, y);
  await atlas.page.mouse.down();
  await atlas.page.waitForTimeout(400);
  await frames(5);
  const held = await state();
  assert.ok(nothingSelected(held), `while held: ${JSON.stringify(held)}`);
  // Counts from the mouseup (1: in its handler) through the animation frames
  // after it until the state shows the selection: the first frame after the
  // release selects and draws it (2), a third only if the event lands after
  // that frame read its input.
  await atlas.page.evaluate(() => {
    window.__upFrames = null;
    addEventListener('mouseup', () => {
      let n = 0;
      (function f() {
        n++;
        if (window.steppeAtlas.state().selection === 'KAZ') window.__upFrames = n; else requestAnimationFrame(f);
      })();
    }, { capture: true, once: true });
  });
  await atlas.page.mouse.up();
  const s = await waitForState(atlas.page, (st) => st.selection === 'KAZ', 'Kazakhstan selected on release');
  assert.ok(s.panelOpen);
  const upFrames = await atlas.page.evaluate(() => window.__upFrames);
  console.log(`selected in frame callback ${upFrames} after the mouseup`);
  assert.ok(upFrames !== null && upFrames <= 3, `selected ${upFrames} frame callbacks after the mouseup`);
});

test('mouse: a drag that starts on Kazakhstan pans and selects nothing', async () => {
  await home();
  const [x, y] = await kaz();
  await atlas.page.mouse.move(x, y);
  await atlas.page.mouse.down();
  for (let i = 1; i <= 10; i++) await atlas.page.mouse.move(x + 8 * i, y + 3 * i);
  await frames(3);
  assert.ok(nothingSelected(await state()), 'nothing selected during the drag');
  await atlas.page.mouse.up();
  await frames(5);
  const s = await state();
  assert.ok(nothingSelected(s), `after the drag: ${JSON.stringify(s)}`);
  const [x1, y1] = await kaz();
  // (within a step: a move in the press's own frame counts as the press point)
  assert.ok(Math.hypot(x1 - x - 80, y1 - y - 30) < 10, `the map followed the pointer: ${x},${y} -> ${x1},${y1}`);
});

test('mouse: click, Escape, click the same country: the panel opens again', async () => {
  await home();
  const [x, y] = await kaz();
  await atlas.page.mouse.click(x, y);
  await waitForState(atlas.page, (st) => st.selection === 'KAZ' && st.panelOpen && !st.view.flying, 'Kazakhstan open');
  await atlas.page.keyboard.press('Escape');
  await waitForState(atlas.page, (st) => st.selection === 'KAZ' && !st.panelOpen, 'the panel closed');
  const [x2, y2] = await kaz();
  await atlas.page.mouse.click(x2, y2);
  await waitForState(atlas.page, (st) => st.selection === 'KAZ' && st.panelOpen, 'the panel open again');
});

test('mouse: the zoom-in button acts on release over it, not on press; released elsewhere, not at all', async () => {
  await home();
  const z0 = (await state()).view.zoom;
  const bx = 1280 - 34 - 12 + 17, by = 12 + 17; // the column's first button (core/screen_layout.c)
  await atlas.page.mouse.move(bx, by);
  await atlas.page.mouse.down();
  await frames(5);
  assert.equal((await state()).view.zoom, z0, 'pressed: no zoom yet');
  await atlas.page.mouse.up();
  await waitForState(atlas.page, `(st) => !st.view.flying && st.view.zoom > ${z0} + 0.3`, 'zoomed in on release');
  const z1 = (await state()).view.zoom;
  await atlas.page.mouse.down();
  await atlas.page.mouse.move(bx - 200, by + 200, { steps: 5 });
  await atlas.page.mouse.up();
  await frames(8);
  const s = await state();
  assert.ok(Math.abs(s.view.zoom - z1) < 0.05 && !s.view.flying, `released off the button: zoom ${z1} -> ${s.view.zoom}`);
});

const touch = (type, points) => cdp.send('Input.dispatchTouchEvent', {
  type, touchPoints: points.map(([x, y], id) => ({ x, y, id, radiusX: 2, radiusY: 2, force: 1 })),
});

test('touch: a tap on Kazakhstan selects on lift, not while the finger rests', async () => {
  await home();
  const [x, y] = await kaz();
  await touch('touchStart', [[x, y]]);
  await atlas.page.waitForTimeout(300);
  await frames(5);
  const held = await state();
  assert.ok(nothingSelected(held), `finger down: ${JSON.stringify(held)}`);
  await touch('touchEnd', []);
  await waitForState(atlas.page, (st) => st.selection === 'KAZ' && st.panelOpen, 'Kazakhstan selected on lift');
});

test('touch: a one-finger drag from Kazakhstan pans and selects nothing', async () => {
  await home();
  const [x, y] = await kaz();
  await touch('touchStart', [[x, y]]);
  for (let i = 1; i <= 10; i++) {
    await touch('touchMove', [[x - 6 * i, y + 2 * i]]);
    await frames(1);
  }
  await touch('touchEnd', []);
  await frames(5);
  const s = await state();
  assert.ok(nothingSelected(s), `after the drag: ${JSON.stringify(s)}`);
  const [x1] = await kaz();
  assert.ok(x1 < x - 40, `the map moved with the finger: ${x} -> ${x1}`);
});

test('touch: a pinch that starts on Kazakhstan zooms and selects nothing', async () => {
  await home();
  const [x, y] = await kaz();
  const z0 = (await state()).view.zoom;
  await touch('touchStart', [[x, y]]);
  await frames(2);
  await touch('touchStart', [[x, y], [x + 40, y]]);
  await frames(2);
  for (let i = 1; i <= 8; i++) {
    await touch('touchMove', [[x - 5 * i, y], [x + 40 + 5 * i, y]]);
    await frames(1);
  }
  await touch('touchEnd', [[x - 40, y]]); // the second finger lifts
  await frames(2);
  await touch('touchEnd', []);
  await frames(5);
  const s = await state();
  assert.ok(s.view.zoom > z0 + 0.3, `the pinch zoomed: ${z0} -> ${s.view.zoom}`);
  assert.ok(nothingSelected(s), `after the pinch: ${JSON.stringify(s)}`);
  assert.deepEqual(atlas.consoleErrors, []);
});
