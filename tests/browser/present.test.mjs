// Software frames reach the canvas as the part that changed (issue 15,
// web_main.c present_software): after hovers, a click and its flight, a panel
// scroll, a drag and a resize, the canvas holds exactly the last frame, and
// a hover's frame put less than the whole canvas.
import test from 'node:test';
import assert from 'node:assert/strict';
import { openAtlas } from './helpers.mjs';

// FNV-1a over the canvas's red, green and blue bytes, as steppe_frame_rgb_hash does over the frame.
const canvasHash = () => {
  const c = document.getElementById('canvas');
  const d = Module.steppeCtx2d.getImageData(0, 0, c.width, c.height).data;
  let h = 2166136261;
  for (let i = 0; i < d.length; i += 4)
    for (let k = 0; k < 3; k++) h = Math.imul(h ^ d[i + k], 16777619) >>> 0;
  return h;
};
const frameHash = () => Module._steppe_frame_rgb_hash();

async function settle(page) {
  await page.waitForTimeout(600); // flights and idle frames end
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
}

test('the canvas holds the last frame exactly while frames are put in parts', async () => {
  const atlas = await openAtlas({
    width: 1200, height: 800,
    beforeLoad: (page) => page.addInitScript(() => {
      window.puts = [];
      const put = CanvasRenderingContext2D.prototype.putImageData;
      CanvasRenderingContext2D.prototype.putImageData = function (img, dx, dy, x, y, w, h) {
        window.puts.push(arguments.length > 3 ? [x, y, w, h] : [0, 0, img.width, img.height]);
        return put.apply(this, arguments);
      };
    }),
  });
  try {
    const { page } = atlas;
    assert.equal(await page.evaluate(() => window.steppeAtlas.renderer), 'software', 'the headless page draws its own frames');
    const check = async (what) => {
      await settle(page);
      const [c, f] = await page.evaluate(`[(${canvasHash})(), (${frameHash})()]`);
      assert.ok(f !== 0, 'a software frame');
      assert.equal(c, f, `after ${what}: the canvas holds the last frame`);
    };
    await check('the first frame');
    const [kx, ky] = await page.evaluate(() => window.steppeAtlas.project(67, 48));
    const [ux, uy] = await page.evaluate(() => window.steppeAtlas.project(64, 41));
    await page.evaluate(() => { window.puts = []; });
    await page.mouse.move(ux, uy);
    await page.mouse.move(kx, ky, { steps: 4 });
    await settle(page);
    const hoverPuts = await page.evaluate(() => window.puts);
    assert.ok(hoverPuts.length > 0, 'hovering put something');
    assert.ok(hoverPuts.some(([, , w, h]) => w * h < 1200 * 800), `a hover put less than the canvas: ${JSON.stringify(hoverPuts)}`);
    await check('hovers');
    await page.mouse.click(kx, ky);
    await check('a click and its flight');
    await page.mouse.move(1100, 400);
    await page.mouse.wheel(0, 300);
    await check('a panel scroll');
    await page.mouse.move(400, 400);
    await page.mouse.down();
    await page.mouse.move(300, 350, { steps: 5 });
    await page.mouse.up();
    await check('a drag');
    await page.setViewportSize({ width: 1000, height: 700 });
    await check('a resize');
    await page.evaluate(() => { window.puts = []; });
    await page.waitForTimeout(300);
    assert.deepEqual(await page.evaluate(() => window.puts), [], 'a page at rest puts nothing');
    assert.deepEqual(atlas.consoleErrors, []);
  } finally {
    await atlas.close();
  }
});
