#!/usr/bin/env node
// Prints what a bundle contains, so anyone can check what the app will show:
//
//   node tools/bundle/dump.mjs <bundle> [events|places|countries|articles|relations|figures|meta|sections|all] [--json]
//
// Default output is TSV (one header line per table); --json prints JSON.
// The bundle is verified first (magic, version, size, checksum, references,
// and the packed geometry decoded).

import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { readBundle, BundleError } from './read_bundle.mjs';

const WHAT = ['events', 'places', 'countries', 'articles', 'relations', 'figures', 'meta', 'sections', 'all'];

const tsvCell = (v) => {
  if (v === null || v === undefined) return '';
  if (Array.isArray(v)) v = v.map((x) => (typeof x === 'number' ? fmtNum(x) : x)).join(typeof v[0] === 'number' ? ',' : '|');
  if (typeof v === 'number') v = fmtNum(v);
  if (typeof v === 'object') v = JSON.stringify(v);
  return String(v).replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n');
};
function fmtNum(n) { return Number.isInteger(n) ? String(n) : String(Number(n.toPrecision(7))); }

function table(rows, columns) {
  const out = [columns.join('\t')];
  for (const r of rows) out.push(columns.map((c) => tsvCell(typeof c === 'function' ? c(r) : r[c])).join('\t'));
  return out.join('\n');
}

const srcText = (list) => list.map((s) => `${s.article}: ${s.locator}`);

export function render(b, what, json) {
  const views = {
    meta: () => b.meta,
    sections: () => b.sectionOrder.map((t) => ({ tag: t, ...b.sections.get(t) })).map(({ tag, offset, size, count }) => ({ tag, offset, size, count })),
    countries: () => b.countries.map(({ ring_first, ...c }) => c),
    places: () => b.places,
    articles: () => b.articles,
    events: () => b.events,
    relations: () => b.relations,
    figures: () => b.figures,
  };
  if (json) {
    if (what === 'all') return JSON.stringify(Object.fromEntries(Object.entries(views).map(([k, f]) => [k, f()])), null, 2);
    return JSON.stringify(views[what](), null, 2);
  }
  const tsv = {
    meta: () => Object.entries(b.meta).map(([k, v]) => `${k}\t${tsvCell(typeof v === 'object' && !Array.isArray(v) ? JSON.stringify(v) : v)}`).join('\n'),
    sections: () => table(views.sections(), ['tag', 'offset', 'size', 'count']),
    countries: () => table(b.countries, ['id', 'iso3', 'name', 'name_local', 'capital',
      (c) => [c.central_asia && 'central-asia', c.focus && 'focus', c.has_geometry && 'geometry'].filter(Boolean).join(','),
      'color', 'label_rank', 'rings', 'label', 'bbox', 'profile']),
    places: () => table(b.places, ['id', 'key', 'name', 'name_local', 'alt_names', 'kind', 'country', 'lon', 'lat', 'x', 'y']),
    articles: () => table(b.articles, ['id', 'key', 'date', 'title', 'author', 'outlet', 'file', 'topics', 'date_note', 'key_points', 'summary']),
    events: () => table(b.events, ['id', 'date', 'key', 'category', 'place', 'countries', 'title', 'summary', (e) => srcText(e.sources)]),
    relations: () => table(b.relations, ['id', 'key', 'kind', 'a', 'b', 'group', 'label', 'value', 'unit', 'year', (r) => srcText(r.sources)]),
    figures: () => table(b.figures, ['id', 'country', 'label', 'value', 'year', (f) => srcText(f.sources)]),
  };
  // header names for computed columns
  const fixHeader = (text, names) => { const lines = text.split('\n'); lines[0] = names.join('\t'); return lines.join('\n'); };
  const headers = {
    countries: ['id', 'iso3', 'name', 'name_local', 'capital', 'flags', 'color', 'label_rank', 'rings', 'label', 'bbox', 'profile'],
    events: ['id', 'date', 'key', 'category', 'place', 'countries', 'title', 'summary', 'sources'],
    relations: ['id', 'key', 'kind', 'a', 'b', 'group', 'label', 'value', 'unit', 'year', 'sources'],
    figures: ['id', 'country', 'label', 'value', 'year', 'sources'],
  };
  const one = (w) => (headers[w] ? fixHeader(tsv[w](), headers[w]) : tsv[w]());
  if (what === 'all') return Object.keys(tsv).map((w) => `# ${w}\n${one(w)}`).join('\n\n');
  return one(what);
}

function main() {
  const args = process.argv.slice(2);
  const json = args.includes('--json');
  const rest = args.filter((a) => a !== '--json');
  const [file, what = 'all'] = rest;
  if (!file || rest.length > 2 || !WHAT.includes(what)) {
    console.error(`usage: node tools/bundle/dump.mjs <bundle> [${WHAT.join('|')}] [--json]`);
    process.exitCode = 1;
    return;
  }
  let b;
  try {
    b = readBundle(fs.readFileSync(file));
  } catch (e) {
    if (e instanceof BundleError) console.error(`${file}: ${e.message}`);
    else console.error(`dump: cannot read ${file}: ${e.message}`);
    process.exitCode = 1;
    return;
  }
  process.stdout.write(render(b, what, json) + '\n');
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
