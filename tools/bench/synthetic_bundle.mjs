#!/usr/bin/env node
// synthetic_bundle.mjs: the normal atlas content plus N synthetic events, as one bundle.
//
//   node tools/bench/synthetic_bundle.mjs --out FILE [--events N] [--seed S] [--assets DIR] [--seeds DIR] [--borders 50m|10m]
//
// Copies the content JSON of --assets (default: the repository's assets/) into a temporary
// folder, appends N synthetic places and N synthetic events (one event per place, default
// 100000) to places.json and events.json there, and compiles that folder with the bundle
// compiler's own compile() (tools/bundle/compile.mjs), so the real borders, fonts, articles and
// events are all there and every synthetic record passes the same validation as real content.
// --borders passes through to the compiler (10m: Natural Earth's 1:10m borders, for scale.sh).
//
// The points are those of tests/bench/bench_pick.c (same xorshift64* generator and seed):
// nine in ten uniformly over 46–88°E, 35–56°N, every tenth in a wide ring around it
// (10–140°E, 5–75°N) so the edge indicators have work. Each event gets a date in 1991–2022,
// one of the nine categories in turn, one of the five Central Asian states, and as its source
// a real (article, locator) pair taken in turn from assets/events.json, so citation checks pass.
// Deterministic: the same options give a byte-identical bundle. The temporary folder is removed.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { compile, writeAtomic, CompileError } from '../bundle/compile.mjs';
import { CONTENT_FILES, CENTRAL_ASIA } from '../bundle/validate.mjs';
import { CATEGORIES } from '../bundle/format.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const REPO = path.resolve(HERE, '../..');
export const DEFAULT_EVENTS = 100000;
export const DEFAULT_SEED = 0x5eed5eedn; // bench_pick.c's seed

const USAGE = 'usage: node tools/bench/synthetic_bundle.mjs --out FILE [--events N] [--seed S] [--assets DIR] [--seeds DIR] [--borders 50m|10m]';

/** xorshift64* exactly as tests/unit/test_support.h (test_rand / test_rand_unit). */
export function makeRandom(seed = DEFAULT_SEED) {
  const M = (1n << 64n) - 1n;
  let s = BigInt.asUintN(64, BigInt(seed));
  if (s === 0n) s = 1n;
  return () => {
    let x = s;
    x ^= x >> 12n;
    x = (x ^ (x << 25n)) & M;
    x ^= x >> 27n;
    s = x;
    const r = (x * 0x2545F4914F6CDD1Dn) & M;
    return Number(r >> 11n) / 9007199254740992;
  };
}

const round = (v, d) => Math.round(v * 10 ** d) / 10 ** d;

/**
 * Returns { places, events }: the synthetic records, in the content format (assets/README.md).
 * `sources` is the list of real { article, locator } pairs to cite in turn.
 */
export function syntheticRecords(n, sources, seed = DEFAULT_SEED) {
  if (!sources.length) throw new Error('synthetic_bundle: no real source to cite');
  const rand = makeRandom(seed);
  const places = [], events = [];
  const width = String(n - 1).length;
  for (let i = 0; i < n; i++) {
    const far = i % 10 === 9; // nine in ten over the region, the rest in a wide ring around it
    const lon = far ? 10 + 130 * rand() : 46 + 42 * rand();
    const lat = far ? 5 + 70 * rand() : 35 + 21 * rand();
    const num = String(i).padStart(width, '0');
    places.push({
      id: `syn-place-${num}`, name: `Synthetic place ${i}`, name_local: '', alt_names: [], kind: 'site', country: '',
      lon: round(lon, 5), lat: round(lat, 5),
    });
    const year = 1991 + (i % 32), month = 1 + (Math.floor(i / 32) % 12), day = 1 + (Math.floor(i / 384) % 28);
    const date = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
    const src = sources[i % sources.length];
    events.push({
      id: `syn-ev-${num}`, date, title: `Synthetic event ${i}`,
      summary: `Synthetic event ${i} of ${n}, generated for the marker benchmark (tools/bench).`,
      place: `syn-place-${num}`, countries: [CENTRAL_ASIA[i % CENTRAL_ASIA.length]],
      category: CATEGORIES[i % CATEGORIES.length], sources: [{ article: src.article, locator: src.locator }],
    });
  }
  return { places, events };
}

/** Writes the real content plus the synthetic records into `dir` (one record per line). */
export function writeSyntheticAssets(assetsDir, dir, n, seed = DEFAULT_SEED) {
  const read = (name) => JSON.parse(fs.readFileSync(path.join(assetsDir, `${name}.json`), 'utf8'));
  const real = Object.fromEntries(CONTENT_FILES.map((name) => [name, read(name)]));
  const seen = new Set(), sources = [];
  for (const e of real.events.events) {
    for (const s of e.sources) {
      const k = `${s.article}\u0000${s.locator}`;
      if (!seen.has(k)) { seen.add(k); sources.push(s); }
    }
  }
  const syn = syntheticRecords(n, sources, seed);
  real.places.places.push(...syn.places);
  real.events.events.push(...syn.events);
  fs.mkdirSync(dir, { recursive: true });
  for (const name of CONTENT_FILES) {
    const list = real[name][name];
    const body = list.map((r) => `  ${JSON.stringify(r)}`).join(',\n');
    fs.writeFileSync(path.join(dir, `${name}.json`), `{ "${name}": [\n${body}\n] }\n`);
  }
  return { places: real.places.places.length, events: real.events.events.length };
}

/** Builds the bundle; returns { bundle, stats, warnings } (compile()'s result). */
export function buildSyntheticBundle({ assets = path.join(REPO, 'assets'), seeds, events = DEFAULT_EVENTS, seed = DEFAULT_SEED, borders } = {}) {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'steppe-synthetic-'));
  try {
    writeSyntheticAssets(path.resolve(assets), tmp, events, seed);
    return compile({ assets: tmp, seeds, borders });
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

function parseArgs(argv) {
  const o = { events: DEFAULT_EVENTS, seed: DEFAULT_SEED, assets: path.join(REPO, 'assets') };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const val = () => { if (i + 1 >= argv.length) die(`${a} needs a value\n${USAGE}`); return argv[++i]; };
    if (a === '--out') o.out = val();
    else if (a === '--events') {
      o.events = Number(val());
      if (!Number.isInteger(o.events) || o.events < 0) die(`--events: expected a whole number\n${USAGE}`);
    } else if (a === '--seed') {
      try { o.seed = BigInt(val()); } catch { die(`--seed: expected an integer (0x.. allowed)\n${USAGE}`); }
    } else if (a === '--assets') o.assets = val();
    else if (a === '--seeds') o.seeds = val();
    else if (a === '--borders') o.borders = val();
    else if (a === '-h' || a === '--help') { console.log(USAGE); process.exit(0); }
    else die(`unknown argument ${a}\n${USAGE}`);
  }
  if (!o.out) die(USAGE);
  return o;
}

function die(msg) { console.error(`synthetic_bundle: ${msg}`); process.exit(2); }

function main() {
  const o = parseArgs(process.argv.slice(2));
  const t0 = Date.now();
  let result;
  try {
    result = buildSyntheticBundle(o);
  } catch (e) {
    if (e instanceof CompileError) {
      for (const m of e.messages.slice(0, 20)) console.error(m);
      if (e.messages.length > 20) console.error(`... and ${e.messages.length - 20} more`);
      console.error('synthetic_bundle: the compiler refused the content; no bundle written');
      process.exit(1);
    }
    throw e;
  }
  const { bundle, stats, warnings } = result;
  // The real content's own warnings (word counts etc.) are not ours to report; count them.
  writeAtomic(o.out, bundle);
  console.error(`synthetic_bundle: wrote ${o.out}: ${(stats.bytes / 1048576).toFixed(1)} MiB, ` +
    `${stats.events} events at ${stats.places} places (${o.events} synthetic), ` +
    `${warnings.length} compiler warning${warnings.length === 1 ? '' : 's'}, ${((Date.now() - t0) / 1000).toFixed(1)} s`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
