// The browser soak's short form (issue 15): seeded random input on the real
// page (tools/browser_soak.mjs: clicks, drags, wheel, keys, typed searches,
// resizes, tour and quiz links), then no page or console error, no request
// to another origin, and memory that has stopped growing: over the last
// 1,000 inputs the JS heap and the wasm memory grow by at most 5 % (the C
// heap in use, steppeAtlas.memory(), read in one state, is printed). (The
// wasm memory never shrinks and steps up whenever the allocations in use
// reach a new peak, which depends on timing: 66.5 MiB from 500 inputs in one
// run, 79.8 from 1,500 in another; flat after that in both.)
// The long form (BENCHMARKS.md): node tools/browser_soak.mjs --count 10000.
import test from 'node:test';
import assert from 'node:assert/strict';
import { openAtlas } from './helpers.mjs';
import { runSoak } from '../../tools/browser_soak.mjs';

test('3,000 seeded inputs: no error, memory bounded', { timeout: 600000 }, async () => {
  const atlas = await openAtlas({ width: 1200, height: 800 });
  try {
    const { marks } = await runSoak(atlas.page, { seed: 2, count: 3000, markEvery: 250, size: [1200, 800] });
    const base = marks.find((m) => m.inputs === 2000), last = marks[marks.length - 1];
    const g = { js: last.jsHeapUsed / base.jsHeapUsed - 1, wasm: last.wasmBytes / base.wasmBytes - 1 };
    const mib = (b) => (b / 1048576).toFixed(1);
    console.log(`soak seed 2: ${marks.map((m) => `${m.inputs}: js ${mib(m.jsHeapUsed)} MiB, C heap ${mib(m.heapInUse)} MiB, wasm ${mib(m.wasmBytes)} MiB`).join('; ')}`);
    assert.deepEqual(atlas.consoleErrors, []);
    assert.deepEqual(atlas.foreignRequests, []);
    assert.ok(g.js <= 0.05, `JS heap grew ${(g.js * 100).toFixed(1)} % over the last 1,000 inputs`);
    assert.ok(base.heapInUse > 1e6, `C heap in use read as ${base.heapInUse} bytes`);
    // The C heap in use is printed, not bounded: at the same state it is one of two
    // levels (19.6 or 26.3 MiB in one run: a ~6.7 MiB block, a retained layer or
    // the next map cache, held or not when the mark is read), with no trend.
    assert.ok(g.wasm <= 0.05, `wasm memory grew ${(g.wasm * 100).toFixed(1)} % over the last 1,000 inputs`);
  } finally {
    await atlas.close();
  }
});
