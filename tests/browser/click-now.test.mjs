// A click is handled in its own release event (issue 15, web/steppe.js and
// steppe_frame_now): the selection is made, and its frame drawn, before the
// event returns, not at the next animation frame. Checked synchronously: the
// press and release are dispatched and the state read in one task, in which
// no animation frame can run.
import test from 'node:test';
import assert from 'node:assert/strict';
import { openAtlas } from './helpers.mjs';

test('a click selects within its own release event', async () => {
  const atlas = await openAtlas({ width: 1200, height: 800 });
  try {
    const got = await atlas.page.evaluate(() => {
      const [x, y] = window.steppeAtlas.project(67, 48);
      const canvas = document.getElementById('canvas');
      const at = { clientX: x, clientY: y, bubbles: true, cancelable: true, button: 0 };
      canvas.dispatchEvent(new MouseEvent('mousemove', at));
      canvas.dispatchEvent(new MouseEvent('mousedown', { ...at, buttons: 1 }));
      const before = window.steppeAtlas.state().selection;
      canvas.dispatchEvent(new MouseEvent('mouseup', at));
      return { before, after: window.steppeAtlas.state().selection };
    });
    assert.deepEqual(got, { before: null, after: 'KAZ' });
    assert.deepEqual(atlas.consoleErrors, []);
  } finally {
    await atlas.close();
  }
});
