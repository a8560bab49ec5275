#!/usr/bin/env node
// browser_soak: seeded random input through Playwright on the real page, the
// browser's counterpart of tools/soak.mjs (the native window's soak). Real
// mouse, wheel, keyboard and touch-free input via CDP: clicks and drags across
// the map, the wheel, the atlas's keys (panel, timeline, layers, theme,
// history, tours and their stepping, Escape), typed searches, window resizes,
// and tour and quiz links in the hash. Every `markEvery` inputs it lets the
// page settle, collects garbage (CDP HeapProfiler.collectGarbage) and records
// the JS heap in use (CDP Runtime.getHeapUsage), the C heap in use
// (steppeAtlas.memory(): emmalloc's heap less its free blocks) and the wasm
// memory's size (which only grows).
// The same seed always sends the same inputs.
//
//   node tools/browser_soak.mjs [--seed N] [--count N] [--mark-every N] [--root DIR]
//
// prints one line per mark and a summary; exits 1 on a page error, a console
// error, a request to another origin, or memory at the end more than 5 %
// above the mark after the warm-up (the first third; the caches fill there). The test
// command runs a short form (tests/browser/soak.test.mjs); BENCHMARKS.md
// quotes a long one.
import { createRequire } from 'node:module';
import path from 'node:path';
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { startServer } from './serve.mjs';
import { seededRandom } from './seeded_random.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(path.join(HERE, 'package.json'));

export const SOAK_CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync', '--enable-unsafe-swiftshader'];

const KEYS = ['Escape', 'Escape', '/', 'l', 'h', 'r', 'p', '[', ']', 't', 'Enter', 'PageDown', 'PageUp', 'Home', 'End',
  'b', '0', '+', '-', 'ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown', 'Backspace', 'Alt+ArrowLeft', 'Alt+ArrowRight',
  'Space', 'c', 'f', 'Control+=', 'Control+-'];
const WORDS = ['kaz', 'Alma-Ata', 'tok', 'China', 'xx', 'Tashkent', 'C5', 'a', 'Қазақстан'];
const SIZES = [[1200, 800], [1024, 768], [390, 844], [1280, 720]];

// The input sequence for a seed: a list of plain actions, so it can be
// printed, compared and replayed.
export function soakActions(seed, count, tours = ['transition-2019']) {
  const next = seededRandom(seed);
  const pick = (a) => a[Math.floor(next() * a.length)];
  const frac = () => Math.round(next() * 1000) / 1000; // positions as fractions of the viewport
  const actions = [];
  for (let i = 0; i < count; i++) {
    const r = next();
    if (r < 0.25) actions.push({ do: 'click', x: frac(), y: frac() });
    else if (r < 0.35) actions.push({ do: 'click', x: 0.15 + 0.5 * frac(), y: 0.2 + 0.5 * frac() }); // mostly Central Asia
    else if (r < 0.45) actions.push({ do: 'drag', x: frac(), y: frac(), x2: frac(), y2: frac() });
    else if (r < 0.58) actions.push({ do: 'wheel', x: frac(), y: frac(), dy: pick([-360, -120, -30, 30, 120, 360]) });
    else if (r < 0.63) actions.push({ do: 'move', x: frac(), y: frac() });
    else if (r < 0.67) actions.push({ do: 'dblclick', x: frac(), y: frac() });
    else if (r < 0.9) actions.push({ do: 'key', key: pick(KEYS) });
    else if (r < 0.95) actions.push({ do: 'search', text: pick(WORDS), then: pick(['Enter', 'Escape', 'ArrowDown']) });
    else if (r < 0.97) actions.push({ do: 'resize', size: pick(SIZES) });
    else if (r < 0.985) actions.push({ do: 'hash', hash: `tour=${pick(tours)}&stop=${1 + Math.floor(next() * 4)}` });
    else actions.push({ do: 'hash', hash: `quiz=${Math.floor(next() * 50)}&qn=5` });
  }
  return actions;
}

async function perform(page, a, size) {
  const [w, h] = size;
  const at = (fx, fy) => [Math.round(fx * (w - 1)), Math.round(fy * (h - 1))];
  switch (a.do) {
  case 'click': { const [x, y] = at(a.x, a.y); await page.mouse.click(x, y); break; }
  case 'dblclick': { const [x, y] = at(a.x, a.y); await page.mouse.dblclick(x, y); break; }
  case 'move': { const [x, y] = at(a.x, a.y); await page.mouse.move(x, y); break; }
  case 'drag': {
    const [x, y] = at(a.x, a.y), [x2, y2] = at(a.x2, a.y2);
    await page.mouse.move(x, y); await page.mouse.down(); await page.mouse.move(x2, y2, { steps: 4 }); await page.mouse.up();
    break;
  }
  case 'wheel': { const [x, y] = at(a.x, a.y); await page.mouse.move(x, y); await page.mouse.wheel(0, a.dy); break; }
  case 'key': await page.keyboard.press(a.key); break;
  case 'search': await page.keyboard.press('/'); await page.keyboard.type(a.text); await page.keyboard.press(a.then); break;
  case 'resize': await page.setViewportSize({ width: a.size[0], height: a.size[1] }); return a.size;
  case 'hash': await page.evaluate((hh) => { location.hash = hh; }, a.hash); break;
  default: throw new Error(`unknown soak action ${a.do}`);
  }
  return size;
}

// Puts the atlas back in the run's first state (window size, the URL hash
// it started with, so the selection, layers, theme and text size, nothing
// open, the home view), lets it settle, collects garbage and reads the memory in
// use. The C heap in use depends on what is shown (the map's caches are the
// window's size, a panel's layout, a tour), so it is compared in one state;
// the run goes on from there.
async function memoryMark(page, cdp, size, startHash) {
  await page.setViewportSize({ width: size[0], height: size[1] });
  await page.keyboard.press('Escape');
  await page.keyboard.press('Escape');
  if (startHash) await page.evaluate((h) => { location.hash = h; }, startHash);
  await page.keyboard.press('0'); // the whole region: the same view at every mark
  await page.evaluate(() => new Promise((r) => {
    let n = 0;
    const tick = () => (++n >= 30 && !window.steppeAtlas.state().view.flying ? r() : requestAnimationFrame(tick));
    requestAnimationFrame(tick);
  }));
  await cdp.send('HeapProfiler.collectGarbage');
  const heap = await cdp.send('Runtime.getHeapUsage');
  const mem = await page.evaluate(() => window.steppeAtlas.memory());
  return { jsHeapUsed: heap.usedSize, heapInUse: mem.heapInUse, wasmBytes: mem.wasm };
}

// Runs the soak on an open page. Returns { marks, errors, foreign, actions }.
export async function runSoak(page, { seed = 1, count = 600, markEvery = 100, size = [1200, 800], log = () => {} } = {}) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.enable');
  const tours = await page.evaluate(() => window.steppeAtlas.tours().map((t) => t.id));
  const actions = soakActions(seed, count, tours.length ? tours : ['none']);
  const marks = [];
  const startHash = await page.evaluate(() => window.steppeAtlas.state().hash);
  let current = size;
  for (let i = 0; i < actions.length; i++) {
    current = await perform(page, actions[i], current);
    if ((i + 1) % markEvery === 0 || i + 1 === actions.length) {
      const m = { inputs: i + 1, ...(await memoryMark(page, cdp, size, startHash)) };
      current = size;
      marks.push(m);
      log(m);
    }
  }
  await cdp.detach();
  return { marks, actions };
}

// Growth from the mark after the warm-up (the first third of the run: the
// glyph, layer and search caches fill there) to the last one.
export function memoryGrowth(marks) {
  if (marks.length < 2) return { js: 0, heap: 0, wasm: 0 };
  const base = marks[Math.min(marks.length - 2, Math.max(1, Math.ceil(marks.length / 3) - 1))];
  const last = marks[marks.length - 1];
  return { js: last.jsHeapUsed / base.jsHeapUsed - 1, heap: last.heapInUse / base.heapInUse - 1,
           wasm: last.wasmBytes / base.wasmBytes - 1, base, last };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2);
  const opt = (name, dflt) => { const i = args.indexOf(name); return i >= 0 ? args[i + 1] : dflt; };
  const seed = Number(opt('--seed', '1')), count = Number(opt('--count', '3000'));
  const markEvery = Number(opt('--mark-every', String(Math.max(100, Math.round(count / 10)))));
  const root = opt('--root', path.join(HERE, '..', 'build/web/out'));
  if (!fs.existsSync(path.join(root, 'index.html'))) { console.error(`browser_soak: no web build at ${root}`); process.exit(2); }
  const { chromium } = require('playwright-core');
  const { server, url } = await startServer(root, 0);
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: SOAK_CHROMIUM_ARGS });
  const page = await (await browser.newContext({ viewport: { width: 1200, height: 800 } })).newPage();
  const errors = [], foreign = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('request', (r) => { if (!r.url().startsWith(url)) foreign.push(r.url()); });
  await page.goto(url + 'index.html');
  await page.evaluate(() => window.steppeAtlas.ready);
  const t0 = Date.now();
  const { marks } = await runSoak(page, { seed, count, markEvery, log: (m) =>
    console.log(`${String(m.inputs).padStart(6)} inputs  JS heap ${(m.jsHeapUsed / 1e6).toFixed(2)} MB  C heap in use ${(m.heapInUse / 1048576).toFixed(2)} MiB  wasm ${(m.wasmBytes / 1048576).toFixed(1)} MiB`) });
  const g = memoryGrowth(marks);
  console.log(`seed ${seed}, ${count} inputs in ${((Date.now() - t0) / 1000).toFixed(0)} s; growth after the warm-up: JS heap ${(g.js * 100).toFixed(1)} %, C heap in use ${(g.heap * 100).toFixed(1)} %, wasm ${(g.wasm * 100).toFixed(1)} %; console errors ${errors.length}; other origins ${foreign.length}`);
  for (const e of errors.slice(0, 5)) console.log(`error: ${e}`);
  await browser.close(); server.close();
  process.exit(errors.length || foreign.length || g.js > 0.05 || g.wasm > 0.05 ? 1 : 0);
}
