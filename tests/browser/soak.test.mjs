// The browser soak's short form (issue 15): seeded random input on the real
// page (tools/browser_soak.mjs: clicks, drags, wheel, keys, typed searches,
// resizes, tour and quiz links), then no page or console error, no request
// to another origin, and memory that stops growing: the JS heap within 5 %
// of its size after the warm-up (the first third), the wasm memory within
// 5 % too (it steps up to ~66 MiB as the caches and layers fill, then holds).
// The long form (BENCHMARKS.md): node tools/browser_soak.mjs --count 10000.
import test from 'node:test';
import assert from 'node:assert/strict';
import { openAtlas } from './helpers.mjs';
import { runSoak, memoryGrowth } from '../../tools/browser_soak.mjs';

test('3,000 seeded inputs: no error, memory bounded', { timeout: 600000 }, async () => {
  const atlas = await openAtlas({ width: 1200, height: 800 });
  try {
    const { marks } = await runSoak(atlas.page, { seed: 2, count: 3000, markEvery: 250, size: [1200, 800] });
    const g = memoryGrowth(marks);
    const mib = (b) => (b / 1048576).toFixed(1);
    console.log(`soak seed 2: ${marks.map((m) => `${m.inputs}: js ${mib(m.jsHeapUsed)} MiB, wasm ${mib(m.wasmBytes)} MiB`).join('; ')}`);
    assert.deepEqual(atlas.consoleErrors, []);
    assert.deepEqual(atlas.foreignRequests, []);
    assert.ok(g.js <= 0.05, `JS heap grew ${(g.js * 100).toFixed(1)} % after the warm-up`);
    assert.ok(g.wasm <= 0.05, `wasm memory grew ${(g.wasm * 100).toFixed(1)} % after the warm-up`);
  } finally {
    await atlas.close();
  }
});
