// Presenting: at 200 % text scale the atlas lays itself out as for a window
// half the size and draws it twice as large; at 1280×720 and 1024×768 every
// laid-out rectangle (the panel's link lines, the markers, the map key, the
// timeline) stays inside the window, and the link carries ts=200. Ctrl and +
// steps the scale up; the spotlight and the clean view are switches.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openAtlas, waitForState } from './helpers.mjs';

for (const [width, height] of [[1280, 720], [1024, 768]]) {
  test(`text scale 200 % keeps everything inside a ${width}×${height} window`, async () => {
    const atlas = await openAtlas({ width, height, hash: '#tour=kaz-between-powers&stop=3&ts=200' });
    try {
      const { page } = atlas;
      const s = await waitForState(page, (st) => st.mode === 'tour' && !st.view.flying, 'the tour stop, landed');
      assert.equal(Math.round(s.view.width), width / 2, 'laid out for half the width');
      assert.equal(Math.round(s.view.height), height / 2);
      assert.match(s.hash, /ts=200/);
      assert.equal(s.textScale, 200);
      const inside = (r, what) => {
        assert.ok(r.x >= -0.5 && r.y >= -0.5 && r.x + (r.w || 0) <= width + 0.5 && r.y + (r.h || 0) <= height + 0.5,
          `${what} inside the window: ${JSON.stringify(r)}`);
      };
      // The slide's sources lie below its text: scroll the panel down to them,
      // checking every link line on screen on the way.
      let seen = 0;
      await page.mouse.move(width - 100, height * 0.85); // over the side panel, or the bottom sheet
      for (let i = 0; i < 12; i++) {
        const links = await page.evaluate(() => window.steppeAtlas.panelLinks());
        for (const l of links) inside(l, `link "${l.text}"`);
        seen += links.length;
        await page.mouse.wheel(0, 120);
        await page.waitForTimeout(60);
      }
      assert.ok(seen > 0, 'the slide shows its sources as links');
      const m = await page.evaluate(() => window.steppeAtlas.markers());
      inside(m.key, 'the map key');
      for (const e of m.edges) inside({ x: e.x - 12, y: e.y - 12, w: 24, h: 24 }, 'an edge badge');
      const t = s.timeline;
      inside({ x: t.x0 * 2, y: t.y * 2, w: (t.x1 - t.x0) * 2, h: 0 }, 'the timeline track');
      await page.screenshot({ path: `build/screenshots/web-text-scale-200-${width}x${height}.png` });
      assert.deepEqual(atlas.consoleErrors, []);
    } finally { await atlas.close(); }
  });
}

test('Ctrl and + steps the text scale; o and c switch the spotlight and the clean view', async () => {
  const atlas = await openAtlas({ width: 1200, height: 800 });
  try {
    const { page } = atlas;
    await page.focus('#canvas');
    await page.keyboard.press('Control+Equal');
    let s = await waitForState(page, (st) => Math.round(st.view.width) === 960, 'the scale at 125 %');
    assert.match(s.hash, /ts=125/);
    await page.keyboard.press('Control+Minus');
    s = await waitForState(page, (st) => Math.round(st.view.width) === 1200, 'back at 100 %');
    assert.doesNotMatch(s.hash, /ts=/);
    const [x, y] = await page.evaluate(() => window.steppeAtlas.project(67, 48));
    await page.mouse.click(x, y);
    await waitForState(page, (st) => st.selection === 'KAZ', 'Kazakhstan');
    await page.keyboard.press('o');
    s = await waitForState(page, (st) => st.spotlight, 'the spotlight on');
    await page.keyboard.press('c');
    s = await waitForState(page, (st) => st.clean, 'the clean view');
    assert.equal(s.textScale, 100);
    await page.keyboard.press('c');
    await page.keyboard.press('o');
    await waitForState(page, (st) => !st.clean && !st.spotlight, 'both off again');
    assert.deepEqual(atlas.consoleErrors, []);
  } finally { await atlas.close(); }
});
