// The presenter view (issue 11): index.html?presenter, opened from the atlas
// (steppeAtlas.openPresenter()), shows the tour's current stop, its notes and
// the next stop, and its keys step the tour in the atlas window; stepping
// there updates it. Two windows of one origin, over a BroadcastChannel.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { openAtlas, waitForState, repoRoot } from './helpers.mjs';

const tours = JSON.parse(fs.readFileSync(path.join(repoRoot, 'assets/tours.json'), 'utf8')).tours;

test('the presenter window follows the tour and steps it', async () => {
  const tour = tours[1];
  const atlas = await openAtlas({ width: 1100, height: 700, hash: `#tour=${tour.id}&stop=2` });
  try {
    const { page } = atlas;
    await waitForState(page, (s) => s.mode === 'tour' && s.tour.stop === 2, 'stop 2');
    const [presenter] = await Promise.all([
      page.context().waitForEvent('page'),
      page.evaluate(() => { window.steppeAtlas.openPresenter(); }),
    ]);
    const errors = [];
    presenter.on('pageerror', (e) => errors.push(String(e)));
    presenter.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
    await presenter.waitForFunction((t) => window.steppePresenterState && window.steppePresenterState.current.title === t,
      tour.stops[1].title, { timeout: 10000 });
    const shown = await presenter.evaluate(() => document.body.textContent);
    assert.ok(shown.includes(tour.stops[1].title), 'the current stop');
    assert.ok(shown.includes(`Next: ${tour.stops[2].title}`), 'the next stop');
    assert.ok(shown.includes('Notes for the teacher'));
    if (tour.stops[1].notes) assert.ok(shown.includes(tour.stops[1].notes), 'its notes');
    assert.match(shown, /\d+:\d\d/, 'the clock');
    // The presenter's key steps the atlas...
    await presenter.keyboard.press('ArrowRight');
    await waitForState(page, (s) => s.tour && s.tour.stop === 3, 'stop 3 in the atlas');
    // ...and the atlas's own step reaches the presenter.
    await page.focus('#canvas');
    await page.keyboard.press('PageDown');
    await waitForState(page, (s) => s.tour && s.tour.stop === 4, 'stop 4');
    await presenter.waitForFunction((t) => window.steppePresenterState && window.steppePresenterState.current.title === t,
      tour.stops[3].title, { timeout: 10000 });
    await presenter.screenshot({ path: 'build/screenshots/web-presenter.png' });
    assert.deepEqual(errors, []);
    assert.deepEqual(atlas.consoleErrors, []);
  } finally { await atlas.close(); }
});
