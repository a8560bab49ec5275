// Shared helpers for the content tests (node --test tests/content/).

import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const TOOLS = path.join(REPO, 'tools/bundle');
export const COMPILE = path.join(TOOLS, 'compile.mjs');
export const ASSETS = path.join(REPO, 'assets');
export const FIXTURES = path.join(REPO, 'tests/content/fixtures');
export const SEEDS = path.resolve(REPO, '../shared/seeds');
export const CONTENT_FILES = ['articles', 'events', 'places', 'countries', 'relations'];

/** True once the real content exists in assets/. */
export function haveRealAssets() {
  return CONTENT_FILES.every((n) => fs.existsSync(path.join(ASSETS, `${n}.json`)));
}

/** The content the "real" tests run on: assets/ when it exists, else the fixtures. */
export function contentDir() {
  return haveRealAssets() ? ASSETS : FIXTURES;
}

export function readContent(dir = contentDir()) {
  const out = {};
  for (const n of CONTENT_FILES) out[n] = JSON.parse(fs.readFileSync(path.join(dir, `${n}.json`), 'utf8'))[n];
  const tours = path.join(dir, 'tours.json'); // optional
  if (fs.existsSync(tours)) out.tours = JSON.parse(fs.readFileSync(tours, 'utf8')).tours;
  return out;
}

export function tempDir(prefix = 'steppe-test-') {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** Runs the compiler CLI; returns { status, stdout, stderr, lines (stderr lines) }. */
export function runCompile(assets, out, extra = []) {
  const r = spawnSync(process.execPath, [COMPILE, '--assets', assets, '--out', out, ...extra],
    { cwd: REPO, encoding: 'utf8', maxBuffer: 64 << 20 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, lines: r.stderr.split('\n').filter(Boolean) };
}

/** Compiles `dir` into a temp file and returns its bytes (throws with the compiler's output on failure). */
export function compileToBuffer(dir = contentDir()) {
  const tmp = tempDir();
  try {
    const out = path.join(tmp, 'atlas.bundle');
    const r = runCompile(dir, out);
    if (r.status !== 0) throw new Error(`compile failed (${r.status}):\n${r.stderr}`);
    return fs.readFileSync(out);
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

/** Copies the fixture set into a temp dir, lets `mutate(files)` edit the
 *  raw text of each file ({ articles: "...", ... }), and writes it back. */
export function mutatedFixtures(mutate) {
  const dir = tempDir('steppe-fixture-');
  const files = {};
  for (const n of CONTENT_FILES) files[n] = fs.readFileSync(path.join(FIXTURES, `${n}.json`), 'utf8');
  mutate(files);
  for (const n of CONTENT_FILES) if (files[n] !== undefined) fs.writeFileSync(path.join(dir, `${n}.json`), files[n]);
  return dir;
}

/** 1-based line of the first occurrence of `needle` in `text` (after `from`, if given). */
export function lineOfText(text, needle, from) {
  let start = 0;
  if (from !== undefined) {
    start = text.indexOf(from);
    if (start < 0) throw new Error(`lineOfText: ${JSON.stringify(from)} not found`);
  }
  const i = text.indexOf(needle, start);
  if (i < 0) throw new Error(`lineOfText: ${JSON.stringify(needle)} not found`);
  return text.slice(0, i).split('\n').length;
}

/** Whitespace runs collapsed to one space (for verbatim-quote checks). */
export function collapse(s) {
  return s.replace(/\s+/g, ' ').trim();
}

const seedCache = new Map();
export function seedText(file) {
  if (!seedCache.has(file)) seedCache.set(file, collapse(fs.readFileSync(path.join(SEEDS, file), 'utf8')));
  return seedCache.get(file);
}

/** Quoted phrases of a locator: `para 4: "x"` -> ["x"]. */
export function locatorPhrases(locator) {
  return [...locator.matchAll(/"([^"]+)"/g)].map((m) => m[1]);
}

export function wordCount(s) {
  return (s.match(/\S+/g) || []).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
}

/** require() resolving from tools/ (where node_modules lives). */
import { createRequire } from 'node:module';
export const toolsRequire = createRequire(path.join(TOOLS, 'compile.mjs'));
export function worldAtlas50m() {
  return JSON.parse(fs.readFileSync(path.join(path.dirname(toolsRequire.resolve('world-atlas/package.json')), 'countries-50m.json'), 'utf8'));
}
