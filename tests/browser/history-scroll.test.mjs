// Issue 16: the browser's back button restores the panel's scroll as it was left.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { openAtlas, waitForState } from './helpers.mjs';

let atlas;
before(async () => { atlas = await openAtlas({ width: 1280, height: 800 }); });
after(async () => { await atlas?.close(); });

const links = () => atlas.page.evaluate(() => window.steppeAtlas.panelLinks().map((l) => l.text + '@' + Math.round(l.y)));

test("back restores the panel's scroll", async () => {
  const { page } = atlas;
  const click = async (lon, lat, iso) => {
    const [x, y] = await page.evaluate(([a, b]) => window.steppeAtlas.project(a, b), [lon, lat]);
    await page.mouse.click(x, y);
    await waitForState(page, `(s) => s.selection === '${iso}' && !s.view.flying`, iso);
    await page.waitForFunction((code) => location.hash.startsWith('#c=' + code), iso);
  };
  await click(67, 48, 'KAZ');
  const top = await links();
  await page.mouse.move(1060, 500);
  for (let i = 0; i < 4; i++) await page.mouse.wheel(0, 100);
  await page.waitForTimeout(300);
  const scrolled = await links();
  assert.notDeepEqual(scrolled, top, 'the wheel scrolled the panel');
  await click(64, 41.5, 'UZB');
  await page.goBack();
  await waitForState(page, (s) => s.selection === 'KAZ' && !s.view.flying, 'back to Kazakhstan');
  await page.waitForTimeout(200);
  assert.deepEqual(await links(), scrolled);
});
