#!/usr/bin/env node
// scale.mjs: how the atlas's costs grow with the events and the borders' detail (issue 15).
//
//   node tools/bench/scale.mjs [--builds N] [--rounds R] [--keep DIR]
//
// For each row — the atlas as built; it plus 1,000, 10,000 and 100,000 synthetic events
// (synthetic_bundle.mjs, Natural Earth 1:50m borders); the atlas with 1:10m borders
// (compile.mjs --borders 10m); 1:10m plus 100,000 events — it builds the bundle N times, in
// rounds of every row once (default 3; the wall time of the whole command, node's start
// included: the median is printed, and the N files must be byte-identical) and measures the
// file raw and with `gzip -9`.
// Then it runs build/native/tests/bench_scale (tests/bench/bench_scale.c: load, first frame,
// pan frames, picks; optimised native build, the direct-pixel path) on every bundle in turn, R
// rounds (default 3), so that the machine's noise falls on all rows alike; each native figure
// is the median of its R rounds. Then it prints one Markdown table. Every figure comes from this run; nothing is written into the repository
// (the bundles go to a temporary folder, removed unless --keep DIR keeps them there).
// Needs tools/node_modules (tools/setup.sh) and the native build (tools/build.sh native).

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const REPO = path.resolve(HERE, '../..');
const BENCH = path.join(REPO, 'build/native/tests/bench_scale');
const USAGE = 'usage: node tools/bench/scale.mjs [--builds N] [--rounds R] [--keep DIR]';

const ROWS = [
  { label: 'atlas as built (50m)', events: 0, borders: '50m' },
  { label: '+ 1,000 events', events: 1000, borders: '50m' },
  { label: '+ 10,000 events', events: 10000, borders: '50m' },
  { label: '+ 100,000 events', events: 100000, borders: '50m' },
  { label: 'atlas, 10m borders', events: 0, borders: '10m' },
  { label: '10m + 100,000 events', events: 100000, borders: '10m' },
];

function parseArgs(argv) {
  const o = { builds: 3, rounds: 3, keep: null };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const val = () => { if (i + 1 >= argv.length) die(`${a} needs a value\n${USAGE}`); return argv[++i]; };
    if (a === '--builds') {
      o.builds = Number(val());
      if (!Number.isInteger(o.builds) || o.builds < 1) die(`--builds: expected a whole number >= 1\n${USAGE}`);
    } else if (a === '--rounds') {
      o.rounds = Number(val());
      if (!Number.isInteger(o.rounds) || o.rounds < 1) die(`--rounds: expected a whole number >= 1\n${USAGE}`);
    } else if (a === '--keep') o.keep = path.resolve(val());
    else if (a === '-h' || a === '--help') { console.log(USAGE); process.exit(0); }
    else die(`unknown argument ${a}\n${USAGE}`);
  }
  return o;
}

function die(msg) { console.error(`scale: ${msg}`); process.exit(2); }

const median = (v) => {
  const s = [...v].sort((a, b) => a - b), n = s.length;
  return n % 2 ? s[(n - 1) / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
};

/** The command that builds a row's bundle into `out` (the compiler itself when no events are added). */
function buildCommand(row, out) {
  if (!row.events) {
    return ['node', [path.join(REPO, 'tools/bundle/compile.mjs'), '--assets', path.join(REPO, 'assets'), '--out', out,
      '--borders', row.borders, '--quiet']];
  }
  return ['node', [path.join(HERE, 'synthetic_bundle.mjs'), '--out', out, '--events', String(row.events), '--borders', row.borders]];
}

/** Builds a row's bundle once into `out`; returns the seconds it took. */
function buildOnce(row, out) {
  const [cmd, args] = buildCommand(row, out);
  const t0 = process.hrtime.bigint();
  execFileSync(cmd, args, { cwd: REPO, stdio: ['ignore', 'ignore', 'pipe'] });
  return Number(process.hrtime.bigint() - t0) / 1e9;
}

/** bench_scale's figures for a bundle: its `scale:` line and the counts of its first line. */
function benchScale(file) {
  const text = execFileSync(BENCH, [file], { encoding: 'utf8', cwd: REPO });
  const line = text.split('\n').find((l) => l.startsWith('scale: '));
  if (!line) die(`bench_scale printed no scale: line for ${file}:\n${text}`);
  const f = Object.fromEntries(line.slice(7).trim().split(/\s+/).map((kv) => kv.split('=')).map(([k, v]) => [k, Number(v)]));
  const head = /, (\d+) events, (\d+) vertices, (\d+) triangles/.exec(text);
  return { ...f, events: Number(head[1]), vertices: Number(head[2]), triangles: Number(head[3]), text };
}

function main() {
  const o = parseArgs(process.argv.slice(2));
  if (!fs.existsSync(BENCH)) die(`${path.relative(REPO, BENCH)} is missing: bash tools/build.sh native`);
  const dir = o.keep || fs.mkdtempSync(path.join(os.tmpdir(), 'steppe-scale-'));
  fs.mkdirSync(dir, { recursive: true });
  const started = new Date();
  const results = [];
  try {
    // Builds in rounds too (every row once a round), so a busy spell slows all rows alike;
    // every build after the first must give the first one's bytes.
    const rows = ROWS.map((row, i) => ({ row, file: path.join(dir, `row${i + 1}.bundle`), seconds: [], runs: [] }));
    for (let b = 0; b < o.builds; b++) {
      for (const res of rows) {
        const out = b ? `${res.file}.again` : res.file;
        res.seconds.push(buildOnce(res.row, out));
        if (b) {
          if (!fs.readFileSync(res.file).equals(fs.readFileSync(out))) die(`${res.row.label}: build ${b + 1} differs from build 1`);
          fs.rmSync(out);
        }
        process.stderr.write(`scale: build round ${b + 1}, ${res.row.label}: ${res.seconds[b].toFixed(1)} s\n`);
      }
    }
    for (const res of rows) {
      res.raw = fs.statSync(res.file).size;
      res.gz = execFileSync('gzip', ['-9', '-c', res.file], { maxBuffer: 1 << 30 }).length;
      results.push(res);
    }
    for (let r = 0; r < o.rounds; r++) {
      for (const res of results) {
        const run = benchScale(res.file);
        process.stderr.write(`scale: round ${r + 1}, ${res.row.label}\n${run.text}`);
        res.runs.push(run);
      }
    }
    for (const res of results) {
      const keys = Object.keys(res.runs[0]).filter((k) => typeof res.runs[0][k] === 'number');
      res.bench = Object.fromEntries(keys.map((k) => [k, median(res.runs.map((run) => run[k]))]));
    }
  } finally {
    if (!o.keep) fs.rmSync(dir, { recursive: true, force: true });
  }
  const mib = (n) => (n / 1048576).toFixed(2);
  console.log(`scale: ${started.toISOString()}, ${os.cpus().length} cores, ${o.builds} builds a row, ${o.rounds} rounds of bench_scale; ` +
    'native figures from build/native/tests/bench_scale (1280x800 css px, dpr 1, direct-pixel path)');
  console.log('');
  console.log('| bundle | events | vertices | build s (median) | MiB raw | MiB gzip -9 | load ms | first frame ms | pan frame ms median | pan p95 | pick µs (hover) | markers µs | country µs | symbols at home |');
  console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const { row, seconds, raw, gz, bench: b } of results) {
    console.log(`| ${row.label} | ${b.events.toLocaleString('en-US')} | ${b.vertices.toLocaleString('en-US')} | ${median(seconds).toFixed(1)} | ` +
      `${mib(raw)} | ${mib(gz)} | ${b.load_ms.toFixed(2)} | ${b.first_frame_ms.toFixed(1)} | ${b.pan_median_ms.toFixed(2)} | ` +
      `${b.pan_p95_ms.toFixed(2)} | ${b.pick_us.toFixed(2)} | ${b.pick_marker_us.toFixed(2)} | ${b.pick_country_us.toFixed(2)} | ${b.glyphs} |`);
  }
  if (o.keep) console.log(`\nbundles kept in ${dir}`);
}

main();
