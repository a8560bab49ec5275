#!/usr/bin/env node
// probe_page.mjs: a screenshot and three timed picks on an atlas page, in headless Chromium.
//
//   node tools/bench/probe_page.mjs [--screenshot FILE] [--viewport WxH] LABEL=URL ...
//
// For each page (fresh context, 1280x800 by default): waits for steppeAtlas.ready, writes the
// screenshot (FILE gets -LABEL before its extension when several pages are given), prints what
// the map shows (symbols and clusters drawn, edge badges, events passing the filter), then times
// three real mouse inputs, each from the mousedown/mousemove event's timeStamp to the first
// animation frame whose state() shows the result, and to the end of the frame after it:
//   country click: a click in Kazakhstan where no marker is (the point nearest 67°E 48°N whose
//                  hover is KAZ with no event under it) until state().selection === 'KAZ';
//   marker hover:  moving onto a single-event marker until state().hoverEvent names its event;
//   marker click:  clicking that marker until its event is selected.
// The shared harness's click figure does not measure the atlas's click (its bridge also
// accepts the country under the pointer before the click: see tools/bench/README.md).
// playwright-core from tools/node_modules drives Debian's /usr/bin/chromium.

import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(path.join(HERE, '..', 'package.json'));
const { chromium } = require('playwright-core');

const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync', '--enable-unsafe-swiftshader'];
const USAGE = 'usage: node tools/bench/probe_page.mjs [--screenshot FILE] [--viewport WxH] LABEL=URL ...';

function parseArgs(argv) {
  const o = { screenshot: null, viewport: [1280, 800], targets: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const val = () => { if (i + 1 >= argv.length) die(`${a} needs a value`); return argv[++i]; };
    if (a === '--screenshot') o.screenshot = val();
    else if (a === '--viewport') {
      o.viewport = val().split('x').map(Number);
      if (o.viewport.length !== 2 || !o.viewport.every((n) => n > 0)) die('--viewport: expected WxH');
    } else if (a === '-h' || a === '--help') { console.log(USAGE); process.exit(0); }
    else if (a.startsWith('-')) die(`unknown option ${a}\n${USAGE}`);
    else {
      const m = /^([A-Za-z0-9_.-]+)=(.+)$/.exec(a);
      o.targets.push(m ? { label: m[1], url: m[2] } : { label: `page${o.targets.length + 1}`, url: a });
    }
  }
  if (!o.targets.length) die(USAGE);
  return o;
}
function die(msg) { console.error(`probe_page: ${msg}`); process.exit(2); }

// In the page: timestamps of the next input event of `type`, of the first frame where
// `cond(state())` holds, and of the end of the frame after that (rAF -> setTimeout 0).
const ARM = ({ type, cond }) => {
  const P = window.__probe = { down: null, hit: null, paint: null, state: null };
  const test = new Function('s', `return (${cond})(s);`);
  addEventListener(type, (e) => { if (P.down === null) P.down = e.timeStamp; }, { capture: true, once: true });
  (function poll() {
    if (P.down !== null) {
      const s = window.steppeAtlas.state();
      if (test(s)) {
        P.hit = performance.now(); P.state = s;
        requestAnimationFrame(() => setTimeout(() => { P.paint = performance.now(); }, 0));
        return;
      }
    }
    requestAnimationFrame(poll);
  })();
};

async function timed(page, type, cond, act, timeout = 10000) {
  await page.evaluate(ARM, { type, cond: cond.toString() });
  await act();
  try {
    await page.waitForFunction(() => window.__probe.paint !== null, null, { timeout, polling: 50 });
  } catch {
    const s = await page.evaluate(() => window.steppeAtlas.state());
    return { error: `timed out; state ${JSON.stringify({ selection: s.selection, hover: s.hover, hoverEvent: s.hoverEvent, view: s.view })}` };
  }
  const p = await page.evaluate(() => window.__probe);
  return { ms: p.hit - p.down, frameMs: p.paint - p.down, state: p.state };
}

// Until `n` frames in a row took under 25 ms: work deferred after a flight (the layout done
// afresh, labels) must not be billed to the input timed next.
const settle = (page, n = 10, timeout = 30000) => page.evaluate(({ n, timeout }) => new Promise((resolve) => {
  let last = null, run = 0; const t0 = performance.now();
  (function tick(t) {
    if (last !== null) run = t - last < 25 ? run + 1 : 0;
    last = t;
    if (run >= n || t - t0 > timeout) resolve(run >= n); else requestAnimationFrame(tick);
  })(performance.now());
}), { n, timeout });

// The page function is put together here: the page's Content-Security-Policy
// refuses new Function in it (only code compiled by an evaluate call may run).
const waitState = (page, cond, timeout = 20000) => page.waitForFunction(
  (0, eval)(`() => (${cond.toString()})(window.steppeAtlas.state())`), null, { timeout, polling: 'raf' });

async function probe(browser, t, o, shotFile) {
  const [width, height] = o.viewport;
  const context = await browser.newContext({ viewport: { width, height }, deviceScaleFactor: 1 });
  const out = { label: t.label, url: t.url, errors: [] };
  try {
    const page = await context.newPage();
    let broken;
    const failed = new Promise((_, reject) => { broken = reject; });
    failed.catch(() => {});
    page.on('pageerror', (e) => { out.errors.push(String(e)); broken(new Error(`the page threw: ${String(e).split('\n')[0]}`)); });
    page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') out.errors.push(`console ${m.type()}: ${m.text()}`); });
    await page.goto(t.url);
    await Promise.race([failed,
      page.waitForFunction(() => window.steppeAtlas && window.steppeAtlas.readyAt !== null, null, { timeout: 60000, polling: 50 })]);
    out.readyMs = await page.evaluate(() => window.steppeAtlas.readyAt);
    await page.waitForTimeout(500);
    const s0 = await page.evaluate(() => window.steppeAtlas.state());
    const m0 = await page.evaluate(() => window.steppeAtlas.markers());
    out.renderer = await page.evaluate(() => window.steppeAtlas.renderer);
    // state() counts everything drawn; markers() lists what fits its 64 KiB of JSON (it drops
    // the rest of the symbols and all edge badges silently), so the counts come from state().
    out.shown = {
      symbols: s0.markers, edgeBadges: s0.edgeIndicators, visibleEvents: s0.visibleEvents, visibleMarkers: s0.visibleMarkers,
      listed: m0.markers.length, listedClusters: m0.markers.filter((g) => g.count > 1).length,
      largestListed: Math.max(0, ...m0.markers.map((g) => g.count)), listedEdges: m0.edges.length,
    };
    if (out.shown.listed + out.shown.listedEdges < s0.markers + s0.edgeIndicators) {
      out.errors.push(`markers() lists ${out.shown.listed} of ${s0.markers} symbols and ${out.shown.listedEdges} of ${s0.edgeIndicators} edge badges`);
    }
    if (shotFile) { await page.screenshot({ path: shotFile }); out.screenshot = shotFile; }

    // 1. a clear point of Kazakhstan: nearest 67E 48N, away from every symbol, badge and the map key
    const cand = await page.evaluate(({ m, w, h }) => {
      const pts = [];
      for (let lon = 50; lon <= 86; lon += 0.25) for (let lat = 41; lat <= 55; lat += 0.25) {
        const [x, y] = window.steppeAtlas.project(lon, lat);
        if (x < 300 || x > w - 40 || y < 80 || y > h - 120) continue; // search box, timeline, edges
        const k = m.key;
        if (k && x > k.x - 10 && x < k.x + k.w + 10 && y > k.y - 10 && y < k.y + k.h + 10) continue;
        const near = (list, r) => list.some((g) => Math.hypot(g.x - x, g.y - y) < r);
        if (near(m.markers, 22) || near(m.edges, 50)) continue;
        pts.push({ lon, lat, x, y, d: Math.hypot(lon - 67, lat - 48) });
      }
      return pts.sort((a, b) => a.d - b.d).slice(0, 40);
    }, { m: m0, w: width, h: height });
    let clear = null;
    await settle(page);
    for (const c of cand) {
      await page.mouse.move(c.x, c.y);
      await page.waitForTimeout(150);
      const s = await page.evaluate(() => window.steppeAtlas.state());
      if (s.hover === 'KAZ' && s.hoverEvent === null) { clear = c; break; }
    }
    if (!clear) out.errors.push('no point of Kazakhstan clear of markers at the home view');
    else {
      out.countryPoint = [clear.lon, clear.lat];
      const r = await timed(page, 'mousedown', (s) => s.selection === 'KAZ', () => page.mouse.click(clear.x, clear.y));
      out.countryClick = r.error ? { error: r.error } : { ms: r.ms, frameMs: r.frameMs };
      await waitState(page, (s) => !s.view.flying).catch(() => {});
      // back home: until the frame that handles the keys runs, state() still shows the old view
      await page.keyboard.press('Escape'); await page.keyboard.press('Escape'); await page.keyboard.press('0');
      const { lon, lat, zoom } = s0.view;
      await waitState(page, `(s) => !s.view.flying && s.selectionKind === 'none' && Math.abs(s.view.lon - ${lon}) < 1e-3 &&
        Math.abs(s.view.lat - ${lat}) < 1e-3 && Math.abs(s.view.zoom - ${zoom}) < 1e-3`).catch(() => out.errors.push('did not return home'));
      await page.mouse.move(5, height / 2);
      await settle(page);
    }

    // 2. a single-event marker at the home view (or after zooming in with '=' until one stands alone)
    let m = await page.evaluate(() => window.steppeAtlas.markers());
    // clear of the edge badges' names, which lie over markers (up to ~250 px in from either side)
    const alone = (mm) => mm.markers.find((g) => g.count === 1 && !g.fanned && g.x > 320 && g.x < width - 260 && g.y > 100 && g.y < height - 140 &&
      !mm.markers.some((h2) => h2 !== g && Math.hypot(h2.x - g.x, h2.y - g.y) < 24));
    let single = alone(m);
    for (let i = 0; i < 6 && !single; i++) {
      await page.keyboard.press('=');
      await page.waitForTimeout(100);
      await waitState(page, (s) => !s.view.flying).catch(() => {});
      await settle(page);
      m = await page.evaluate(() => window.steppeAtlas.markers());
      single = alone(m);
    }
    if (!single) out.errors.push('no lone single-event marker found');
    else {
      out.markerZoom = (await page.evaluate(() => window.steppeAtlas.state())).view.zoom;
      const ev = single.event;
      if (!(await settle(page))) out.errors.push('frames did not settle before the marker hover');
      const h = await timed(page, 'mousemove', `(s) => s.hoverEvent === ${JSON.stringify(ev)}`, () => page.mouse.move(single.x, single.y));
      out.markerHover = h.error ? { error: h.error } : { ms: h.ms, frameMs: h.frameMs, event: ev };
      await settle(page);
      const c = await timed(page, 'mousedown', `(s) => s.selection === ${JSON.stringify(ev)}`, () => page.mouse.click(single.x, single.y));
      out.markerClick = c.error ? { error: c.error } : { ms: c.ms, frameMs: c.frameMs, event: ev };
    }
  } catch (e) {
    out.errors.push(`failed: ${String(e.message || e).split('\n')[0]}`);
  } finally {
    await context.close().catch(() => {});
  }
  return out;
}

async function main() {
  const o = parseArgs(process.argv.slice(2));
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS });
  const results = [];
  try {
    for (const t of o.targets) {
      let shot = o.screenshot;
      if (shot && o.targets.length > 1) { const ext = path.extname(shot); shot = `${shot.slice(0, shot.length - ext.length)}-${t.label}${ext || '.png'}`; }
      results.push(await probe(browser, t, o, shot));
    }
  } finally {
    await browser.close();
  }
  const f = (r, k = 'ms') => (r && !r.error && Number.isFinite(r[k]) ? r[k].toFixed(1) : '-');
  const rows = [['page', 'ready ms', 'symbols', 'edge badges', 'events', 'country click ms', '+frame', 'marker hover ms', '+frame', 'marker click ms', '+frame']];
  for (const r of results) {
    rows.push([r.label, Number.isFinite(r.readyMs) ? r.readyMs.toFixed(0) : '-', r.shown?.symbols ?? '-', r.shown?.edgeBadges ?? '-',
      r.shown?.visibleEvents ?? '-', f(r.countryClick), f(r.countryClick, 'frameMs'), f(r.markerHover), f(r.markerHover, 'frameMs'),
      f(r.markerClick), f(r.markerClick, 'frameMs')]);
  }
  const widths = rows[0].map((_, c) => Math.max(...rows.map((row) => String(row[c]).length)));
  console.log(rows.map((row) => row.map((v, c) => (c ? String(v).padStart(widths[c]) : String(v).padEnd(widths[c]))).join('  ')).join('\n'));
  for (const r of results) {
    const notes = [];
    if (r.screenshot) notes.push(`screenshot ${r.screenshot}`);
    if (r.countryPoint) notes.push(`country click at ${r.countryPoint.join('E ')}N`);
    if (r.markerZoom !== undefined) notes.push(`marker picked at zoom ${r.markerZoom.toFixed(2)}`);
    if (r.renderer) notes.push(`renderer ${r.renderer}`);
    for (const k of ['countryClick', 'markerHover', 'markerClick']) if (r[k]?.error) notes.push(`${k}: ${r[k].error}`);
    notes.push(...r.errors.slice(0, 5));
    console.log(`${r.label}: ${notes.join('; ')}`);
  }
  process.exitCode = results.some((r) => r.errors.some((e) => e.startsWith('failed'))) ? 1 : 0;
}

main().catch((e) => { console.error(e); process.exit(1); });
