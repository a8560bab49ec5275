#!/usr/bin/env node
// The first-load byte budget of the web page: prints where the bytes are
// (gzip -9 of each file, as ../shared/bench counts them) and exits with status 1
// when the total exceeds the budget.
//
//   node tools/web/budget.mjs [--dir build/web/out] [--budget-kib N] [--json] [--write FILE]
//        [--symbols atlas.js.symbols --owner LABEL=PATH[,PATH...] ... [--nm llvm-nm]] [--plain-bundle FILE]
//
// The .wasm embeds the bundle LZMA-compressed: its size is the container's,
// and the per-section breakdown comes from the plain bundle it unpacks to
// (--plain-bundle, else the build's atlas.bundle beside --dir; firstload.mjs).
//
// With --symbols (emcc --emit-symbol-map) and one --owner per part (object
// files, libraries or folders of .o files, read with llvm-nm), the .wasm's
// code section is split by who wrote each function; the rest is libc, malloc
// and Emscripten's runtime.
//
// Without --budget-kib the figure in tools/web/budget.json applies. The build
// (CMakeLists.txt) runs this after every web build on build/web/out and
// build/web/dist and fails when either is over. --write FILE also writes the
// report to FILE, only when within budget (so a build that failed runs it again).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { execFileSync } from 'node:child_process';
import { measureFirstLoad, codeOwners } from './firstload.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
export const budgetFile = path.join(here, 'budget.json');
export const readBudget = () => JSON.parse(fs.readFileSync(budgetFile, 'utf8'));

const kib = (n) => (n / 1024).toFixed(1).padStart(7);
const FILE_KINDS = [['code', 'code (WebAssembly: our C, SDL, libc, embedded data)'], ['glue', 'JS glue (Emscripten)'],
  ['bundle', 'bundle (separate file)'], ['page', 'page (html, css, js, manifest, service worker)'], ['icon', 'icons']];
const TAGS = { STRS: 'strings', VERT: 'vertices', RING: 'rings', FNTR: 'font, regular', FNTB: 'font, bold',
  CTRY: 'countries', PLAC: 'places', ARTC: 'articles', EVNT: 'events', RELN: 'relations', FIGR: 'figures', SRCS: 'sources',
  LIST: 'lists', META: 'meta' };

export function report(m, budgetKiB) {
  const lines = [`first load of ${m.dir}, gzip -9 of each file`, `${''.padEnd(56)}raw KiB  gz KiB`];
  const row = (label, raw, gz) => lines.push(`${label.padEnd(56)}${kib(raw)} ${kib(gz)}`);
  for (const [kind, label] of FILE_KINDS) {
    const fs_ = m.files.filter((f) => f.kind === kind);
    if (!fs_.length) continue;
    row(label, fs_.reduce((s, f) => s + f.raw, 0), fs_.reduce((s, f) => s + f.gz, 0));
    for (const f of fs_) {
      row(`  ${f.name}`, f.raw, f.gz);
      if (kind === 'code' && m.wasm && m.wasm.name === f.name) {
        for (const s of [...m.wasm.sections].sort((a, b) => b.gz - a.gz)) {
          if (s.gz < 512) continue;
          if (s.restRaw !== undefined && m.bundle) {
            row(`    ${s.name} section: embedded bundle${m.bundle.lzma ? ', LZMA-compressed' : ''}`, m.bundle.raw, m.bundle.gz);
            row(`    ${s.name} section: other static data`, s.restRaw, s.restGz);
          } else row(`    ${s.name} section${s.name === 'code' ? ' (functions: ours, SDL, libc)' : ''}`, s.raw, s.gz);
          if (s.name === 'code' && m.owners)
            for (const o of m.owners) row(`      ${o.label} (${o.functions} functions)`, o.raw, o.gz);
        }
      }
    }
  }
  if (m.bundle && m.bundle.lzma) {
    const z = m.bundle.lzma;
    lines.push(`bundle by section (${m.bundle.where}; each section gzip -9 alone, as the plain bundle would be served)`);
    if (m.bundle.plainMissing) lines.push(`  ${m.bundle.plainMissing}: give it with --plain-bundle FILE`);
    else row('  the plain bundle whole (the page loads the LZMA copy above)', z.plainRaw, z.plainGz);
  } else if (m.bundle) lines.push(`bundle by section (${m.bundle.where}; each section compressed alone)`);
  if (m.bundle) {
    for (const s of [...m.bundle.sections].sort((a, b) => b.gz - a.gz))
      row(`  ${s.tag} ${TAGS[s.tag] || ''}`, s.raw, s.gz);
  }
  lines.push('(parts compressed alone add up to a little more than their file compressed whole)');
  row('total', m.totalRaw, m.totalGz);
  if (m.install.length) {
    lines.push('not in the total: fetched only to install the app (the manifest\'s icons)');
    for (const f of m.install) row(`  ${f.name}`, f.raw, f.gz);
  }
  if (budgetKiB !== undefined) {
    const over = m.totalGz - budgetKiB * 1024;
    lines.push(over > 0
      ? `OVER BUDGET: ${kib(m.totalGz).trim()} KiB gz exceeds the budget of ${budgetKiB} KiB by ${kib(over).trim()} KiB`
      : `within budget: ${kib(m.totalGz).trim()} KiB gz of ${budgetKiB} KiB (${kib(-over).trim()} KiB to spare)`);
  }
  return lines.join('\n');
}

function definedFunctions(nm, spec) {
  const files = spec.split(',').filter(Boolean).flatMap((p) => (fs.statSync(p).isDirectory()
    ? fs.readdirSync(p, { recursive: true }).filter((f) => /\.(o|a)$/.test(f)).map((f) => path.join(p, f)) : [p]));
  const out = execFileSync(nm, ['--defined-only', ...files], { encoding: 'utf8', maxBuffer: 1 << 28, stdio: ['ignore', 'pipe', 'ignore'] });
  return new Set(out.split('\n').map((l) => l.trim().split(' ')).filter((p) => p.length === 3 && /^[TtWw]$/.test(p[1])).map((p) => p[2]));
}

function ownersOf(m, symbolsFile, args, nm) {
  const owners = [];
  args.forEach((a, i) => {
    if (a !== '--owner') return;
    const spec = args[i + 1], eq = spec.indexOf('=');
    owners.push({ label: spec.slice(0, eq), names: definedFunctions(nm, spec.slice(eq + 1)) });
  });
  const wasm = fs.readFileSync(path.join(m.dir, m.wasm.name));
  return codeOwners(wasm, fs.readFileSync(symbolsFile, 'utf8'), owners, 'libc, malloc, Emscripten runtime');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2);
  const opt = (name, dflt) => { const i = args.indexOf(name); return i >= 0 ? args[i + 1] : dflt; };
  const dir = opt('--dir', 'build/web/out');
  const b = readBudget();
  const budgetKiB = Number(opt('--budget-kib', b.firstLoadGzipKiB));
  if (!(budgetKiB > 0)) { console.error('budget: --budget-kib needs a positive number'); process.exit(2); }
  let m;
  try {
    m = measureFirstLoad(dir, { plainBundle: opt('--plain-bundle') });
    if (opt('--symbols') && m.wasm) m.owners = ownersOf(m, opt('--symbols'), args, opt('--nm', 'llvm-nm'));
  } catch (e) { console.error(`budget: ${e.message}`); process.exit(2); }
  if (args.includes('--json')) console.log(JSON.stringify({ budgetKiB, ...m }, null, 1));
  const text = report(m, budgetKiB) + `\n(target: the d3 reference page's ${b.targetKiB} KiB, aim ${b.aimKiB} KiB: future work, issue 12)`;
  if (!args.includes('--json')) console.log(text);
  const over = m.totalGz > budgetKiB * 1024;
  if (opt('--write') && !over) fs.writeFileSync(opt('--write'), text + '\n');
  process.exit(over ? 1 : 0);
}
