#!/usr/bin/env node
// Steppe Atlas bundle compiler.
//
//   node tools/bundle/compile.mjs --assets assets --out build/atlas.bundle [--seeds DIR] [--borders 50m|10m] [--quiet]
//
// Reads the content JSON (assets/README.md) and the Natural Earth borders
// (world-atlas's 1:50m; --borders 10m takes its 1:10m file instead, for
// tools/bench/scale.sh), validates everything (all problems are printed as
// `file:line: path: message`), and writes one bundle in the format of
// src/core/bundle_format.md. The output is written atomically (temp file +
// rename) and only if there are no errors; the exit code is 1 on any error.
// Building twice from the same inputs gives byte-identical files.

import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

import { loadContent, CENTRAL_ASIA } from './validate.mjs';
import { featureAlpha3 } from './iso3166.mjs';
import { buildWorldGeometry, makeProjection, triangulate, labelPoint, polygonArea, PROJECTION, GEOMETRY_PARAMS } from './geometry.mjs';
import { writeBundle } from './write_bundle.mjs';
import { QUANTUM, quantize } from './packed.mjs';
import { CATEGORIES, RECORD_SIZE, HEADER_SIZE, SECTION_ENTRY_SIZE, RING_HOLE, RING_COAST, CTRY_CENTRAL_ASIA, CTRY_FOCUS, CTRY_HAS_GEOMETRY, VERSION } from './format.mjs';
import {
  subsetFont, fontCoverage, fontPath, checkToolsAvailable, FONT_FILES, FALLBACK_GLYPHS, FALLBACK_CODEPOINTS,
  SCRIPT_DONORS, donorFile, donorCoverage, displayForms, displayCodepoints,
} from './fonts.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const REPO = path.resolve(HERE, '../..');
const require = createRequire(import.meta.url);

export const TITLE = 'Steppe Atlas';
export const ATTRIBUTION = 'Borders: Natural Earth (public domain), via world-atlas';
/** Neighbours of Central Asia that always get label rank 2 (with the focus countries). */
export const NEIGHBOURS = ['RUS', 'CHN', 'AFG', 'IRN'];
export const PALETTE_SLOTS = 6;
export const HOME_MARGIN = 0.06; // of the larger side of the Central Asian bbox

export class CompileError extends Error {
  constructor(messages) { super(messages.join('\n')); this.messages = messages; }
}

function usage() {
  return 'usage: node tools/bundle/compile.mjs --assets <dir> --out <file> [--seeds <dir>] [--borders 50m|10m] [--quiet]';
}

function parseArgs(argv) {
  const o = { quiet: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const val = () => { if (i + 1 >= argv.length) throw new CompileError([`compile: ${a} needs a value`, usage()]); return argv[++i]; };
    if (a === '--assets') o.assets = val();
    else if (a === '--out') o.out = val();
    else if (a === '--seeds') o.seeds = val();
    else if (a === '--borders') o.borders = val();
    else if (a === '--quiet') o.quiet = true;
    else if (a === '-h' || a === '--help') { console.log(usage()); process.exit(0); }
    else throw new CompileError([`compile: unknown argument ${a}`, usage()]);
  }
  if (!o.assets || !o.out) throw new CompileError([usage()]);
  return o;
}

function display(p) {
  const rel = path.relative(process.cwd(), p);
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : p;
}

/** Natural Earth scales world-atlas ships; 50m is the atlas's, 10m is for tools/bench/scale.sh. */
export const BORDER_SCALES = ['50m', '10m'];

/** The world-atlas file of a border scale ('50m' -> countries-50m.json). */
function worldAtlasFile(borders) {
  if (!BORDER_SCALES.includes(borders)) throw new CompileError([`compile: --borders: expected ${BORDER_SCALES.join(' or ')}, not ${borders}`, usage()]);
  return `countries-${borders}.json`;
}

function worldAtlasPath(borders) {
  return path.join(path.dirname(require.resolve('world-atlas/package.json')), worldAtlasFile(borders));
}

/** DSatur graph colouring with `k` colours; deterministic (ties by degree, then index). */
export function colourGraph(n, adj, k) {
  const colour = new Array(n).fill(-1);
  const used = new Array(k).fill(0);
  for (let step = 0; step < n; step++) {
    let best = -1, bestSat = -1, bestDeg = -1;
    for (let v = 0; v < n; v++) {
      if (colour[v] >= 0) continue;
      const sat = new Set(adj[v].map((u) => colour[u]).filter((c) => c >= 0)).size;
      if (sat > bestSat || (sat === bestSat && adj[v].length > bestDeg)) { best = v; bestSat = sat; bestDeg = adj[v].length; }
    }
    const taken = new Set(adj[best].map((u) => colour[u]));
    let pick = -1;
    for (let c = 0; c < k; c++) if (!taken.has(c) && (pick < 0 || used[c] < used[pick])) pick = c;
    if (pick < 0) return null;
    colour[best] = pick;
    used[pick]++;
  }
  return colour;
}

/** The whole compilation; returns { bundle: Buffer, stats, warnings } or throws CompileError. */
/** Percent-encoding as src/core/deeplink.c writes it. */
function linkEscape(s) {
  return Array.from(new TextEncoder().encode(s), (c) =>
    /[A-Za-z0-9\-_.~]/.test(String.fromCharCode(c)) ? String.fromCharCode(c) : '%' + c.toString(16).toUpperCase().padStart(2, '0')).join('');
}

/** A tour stop's map as a deep-link state string: selection, view, years, categories, layers. */
export function stopState(st) {
  const parts = [];
  if (st.select) parts.push(`${{ country: 'c', place: 'p', event: 'e', article: 'a' }[st.select.kind]}=${linkEscape(st.select.key)}`);
  if (st.view && st.view !== 'fit') parts.push(`v=${st.view.lat.toFixed(5)},${st.view.lon.toFixed(5)},${st.view.zoom.toFixed(2)}`);
  if (st.years) parts.push(`t=${st.years[0]}-${st.years[1]}`);
  if (st.categories) parts.push(`f=${st.categories.join(',')}`);
  if (st.layers) parts.push(`l=${st.layers.join(',')}`);
  return parts.join('&');
}

export function compile({ assets, seeds, borders = '50m', log = () => {} }) {
  const assetsDir = path.resolve(assets);
  const seedsDir = seeds ? path.resolve(seeds) : (() => {
    const d = path.resolve(REPO, '../shared/seeds');
    return fs.existsSync(d) ? d : null;
  })();

  const topoFile = worldAtlasPath(borders);
  const topoName = worldAtlasFile(borders);
  const topoText = fs.readFileSync(topoFile, 'utf8');
  const topology = JSON.parse(topoText);
  const mapCountries = new Map();
  for (const g of topology.objects.countries.geometries) {
    const a3 = featureAlpha3(g);
    if (a3) mapCountries.set(a3, g.properties.name);
  }

  // --- content ---------------------------------------------------------------
  const { content, problems, strings, inputs } = loadContent(assetsDir, { mapCountries, seedsDir, displayDir: display(assetsDir) });
  const toolProblem = checkToolsAvailable();
  if (toolProblem) problems.error('compile', 0, '', toolProblem);
  if (problems.errors.length) {
    const byPlace = (a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line);
    throw new CompileError([...problems.errors.sort(byPlace).map((e) => e.text), ...problems.warnings.sort(byPlace).map((w) => w.text)]);
  }
  const warnings = problems.warnings.map((w) => w.text);

  // --- geometry --------------------------------------------------------------
  const world = buildWorldGeometry(topology);
  const contentByIso = new Map(content.countries.map((c) => [c.iso3, c]));

  // country list: everything on the map plus content-only countries (EUU),
  // sorted by iso3 (codeless features last, by name) so ids are stable
  // A feature whose every ring collapsed has no geometry (1:10m's Vatican is
  // a zero-area ring after world-atlas's quantisation; none in 1:50m).
  const records = world.map((w) => ({ key: w.key, iso3: w.iso3, name: w.name, geo: w.polygons.length ? w : null }));
  for (const c of content.countries) if (!mapCountries.has(c.iso3)) records.push({ key: c.iso3, iso3: c.iso3, name: c.name, geo: null });
  records.sort((a, b) => {
    if (!a.iso3 !== !b.iso3) return a.iso3 ? -1 : 1;
    const x = a.iso3 || a.name, y = b.iso3 || b.name;
    return x < y ? -1 : x > y ? 1 : 0;
  });
  const countryIndex = new Map(records.map((r, i) => [r.key, i]));
  const countryId = (iso) => {
    const i = countryIndex.get(iso);
    if (i === undefined) throw new Error(`internal: country ${iso} has no record`);
    return i + 1;
  };

  // Vertices are snapped to the bundle's quantum (packed.mjs) before anything
  // is derived from them, so bounding boxes, world bounds and the triangles
  // the renderer cuts from the rings
  // describe exactly the points the reader decodes. A border shared by two
  // countries has bit-identical points on both sides, so it snaps identically.
  const verts = []; // world units, on the quantum grid
  const steps = []; // the same as integer steps, for the writer
  let triangleCount = 0; // as the renderer will cut them (the same algorithm, src/core/triangulate.c)
  const rings = [];
  let maxDeviation = 0, worstDeviation = '';
  for (const r of records) {
    r.ringFirst = rings.length;
    r.bbox = [Infinity, Infinity, -Infinity, -Infinity];
    r.area = 0;
    if (!r.geo) continue;
    let largest = null, largestArea = -1;
    for (const source of r.geo.polygons) {
      const poly = { ...source };
      poly.rings = source.rings.map((ring, ri) => {
        rings.push({ vert_first: verts.length / 2, vert_count: ring.length, country: countryIndex.get(r.key) + 1,
          flags: (ri > 0 ? RING_HOLE : 0) | (poly.coast[ri] ? RING_COAST : 0) });
        return ring.map(([exactX, exactY]) => {
          const qx = quantize(exactX), qy = quantize(exactY);
          const x = qx * QUANTUM, y = qy * QUANTUM;
          steps.push(qx, qy);
          verts.push(x, y);
          if (x < r.bbox[0]) r.bbox[0] = x;
          if (y < r.bbox[1]) r.bbox[1] = y;
          if (x > r.bbox[2]) r.bbox[2] = x;
          if (y > r.bbox[3]) r.bbox[3] = y;
          return [x, y];
        });
      });
      // The bundle stores no triangles (format 4): the renderer cuts them
      // from the rings with earcut's algorithm. Cutting them here too checks
      // that every polygon comes out whole (a deviation warns below).
      const { tris: t, deviation } = triangulate(poly.rings);
      if (deviation > maxDeviation) { maxDeviation = deviation; worstDeviation = r.key; }
      triangleCount += t.length / 3;
      const a = polygonArea(poly.rings);
      r.area += a;
      if (a > largestArea) { largestArea = a; largest = poly; }
    }
    r.label = largest ? labelPoint(largest.rings) : [0, 0];
  }
  if (maxDeviation > 0.01) warnings.push(`compile: warning: triangulation of ${worstDeviation} deviates by ${(maxDeviation * 100).toFixed(1)}% from its outline`);

  // adjacency and colours
  const adj = records.map((r) => (r.geo ? [...r.geo.neighbours].map((k) => countryIndex.get(k)).sort((a, b) => a - b) : []));
  const colours = colourGraph(records.length, adj, PALETTE_SLOTS);
  if (!colours) throw new CompileError([`compile: cannot colour the map with ${PALETTE_SLOTS} palette slots`]);

  // label ranks: 1 Central Asia, 2 neighbours and focus countries, 3.. by area
  const others = records.filter((r) => r.geo && !CENTRAL_ASIA.includes(r.iso3) && !NEIGHBOURS.includes(r.iso3) && !contentByIso.has(r.iso3));
  const maxOther = Math.max(...others.map((r) => r.area));
  for (const r of records) {
    if (CENTRAL_ASIA.includes(r.iso3)) r.rank = 1;
    else if (NEIGHBOURS.includes(r.iso3) || contentByIso.has(r.iso3)) r.rank = 2;
    else r.rank = 3 + Math.min(5, Math.floor(Math.log(maxOther / Math.max(r.area, 1e-12)) / Math.log(4)));
  }

  const ctryRecs = records.map((r, i) => {
    const c = contentByIso.get(r.iso3);
    const flags = (CENTRAL_ASIA.includes(r.iso3) ? CTRY_CENTRAL_ASIA : 0) | (c ? CTRY_FOCUS : 0) | (r.geo ? CTRY_HAS_GEOMETRY : 0);
    return {
      iso3: r.iso3, name: c ? c.name : r.name, name_local: c ? c.name_local : '', profile: c ? c.profile : '',
      capital: 0, flags, color: colours[i],
      label_x: r.geo ? r.label[0] : 0, label_y: r.geo ? r.label[1] : 0, label_rank: r.rank,
      bbox: r.geo ? r.bbox : [0, 0, 0, 0],
      ring_first: r.geo ? r.ringFirst : 0, ring_count: r.geo ? rings.length - r.ringFirst : 0,
      area_rank: 0,
    };
  });
  // ring_count above is computed after the loop: fix it per record
  records.forEach((r, i) => {
    const next = records[i + 1];
    if (!r.geo) return;
    ctryRecs[i].ring_count = (next ? next.ringFirst : rings.length) - r.ringFirst;
  });

  // --- content tables --------------------------------------------------------
  const projection = makeProjection();
  const placeIndex = new Map(content.places.map((p, i) => [p.id, i + 1]));
  const articleIndex = new Map(content.articles.map((a, i) => [a.id, i + 1]));
  const srcs = [];
  const addSources = (list) => {
    const first = srcs.length;
    for (const s of list) srcs.push({ article: articleIndex.get(s.article), locator: s.locator });
    return { source_first: first, source_count: list.length };
  };

  const placRecs = content.places.map((p) => {
    const [x, y] = projection([p.lon, p.lat]);
    return { key: p.id, name: p.name, name_local: p.name_local, alt_names: p.alt_names.join('|'), kind: p.kind,
      country: p.country ? countryId(p.country) : 0, lon_deg: p.lon, lat_deg: p.lat, x, y };
  });
  for (const c of content.countries) if (c.capital) ctryRecs[countryIndex.get(c.iso3)].capital = placeIndex.get(c.capital);

  const artcRecs = content.articles.map((a) => ({
    key: a.id, title: a.title, author: a.author, outlet: a.outlet, date: a.date.text, date_note: a.date_note,
    summary: a.summary, key_points: a.key_points.join('\n'), topics: a.topics.join('|'), file: a.fileName, reserved: 0,
  }));

  const events = content.events.slice().sort((a, b) =>
    a.date.year - b.date.year || a.date.month - b.date.month || a.date.day - b.date.day || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const list = [];
  const evntRecs = events.map((e) => {
    const country_first = list.length;
    for (const iso of e.countries) list.push({ id: countryId(iso) });
    return {
      key: e.id, title: e.title, summary: e.summary,
      year: e.date.year, month: e.date.month, day: e.date.day, precision: e.date.precision,
      category: CATEGORIES.indexOf(e.category), reserved: 0, place: placeIndex.get(e.place),
      country_first, country_count: e.countries.length, ...addSources(e.sources),
    };
  });
  const enotRecs = events.map((e) => ({ place_note: e.place_note, date_note: e.date_note }));
  // Tours: each stop's map is a deep-link state string (src/core/deeplink.h),
  // so the atlas plays a stop through the same command a link uses.
  const tourRecs = [], tstpRecs = [];
  content.tours.forEach((t, i) => {
    tourRecs.push({ key: t.id, title: t.title, summary: t.summary, stop_first: tstpRecs.length, stop_count: t.stops.length });
    for (const st of t.stops) tstpRecs.push({ tour: i + 1, title: st.title, text: st.text, notes: st.notes, state: stopState(st), ...addSources(st.sources) });
  });
  const relnRecs = content.relations.map((r) => ({
    key: r.id, kind: r.kind, label: r.label, group: r.group, country_a: countryId(r.a), country_b: r.b ? countryId(r.b) : 0,
    value: r.value === null ? NaN : r.value, unit: r.unit, year: r.year ?? 0, reserved: 0, ...addSources(r.sources),
  }));
  const figrRecs = [];
  for (const c of content.countries) {
    for (const f of c.figures) {
      figrRecs.push({ country: countryId(c.iso3), label: f.label, value: f.value, year: f.year ?? 0, reserved: 0, ...addSources(f.sources), reserved2: 0 });
    }
  }

  // --- meta ------------------------------------------------------------------
  const bounds = [Infinity, Infinity, -Infinity, -Infinity];
  for (let i = 0; i < verts.length; i += 2) {
    bounds[0] = Math.min(bounds[0], verts[i]); bounds[1] = Math.min(bounds[1], verts[i + 1]);
    bounds[2] = Math.max(bounds[2], verts[i]); bounds[3] = Math.max(bounds[3], verts[i + 1]);
  }
  const home = [Infinity, Infinity, -Infinity, -Infinity];
  for (const r of records) {
    if (!CENTRAL_ASIA.includes(r.iso3) || !r.geo) continue;
    home[0] = Math.min(home[0], r.bbox[0]); home[1] = Math.min(home[1], r.bbox[1]);
    home[2] = Math.max(home[2], r.bbox[2]); home[3] = Math.max(home[3], r.bbox[3]);
  }
  const margin = HOME_MARGIN * Math.max(home[2] - home[0], home[3] - home[1]);
  const homeBounds = [home[0] - margin, home[1] - margin, home[2] + margin, home[3] + margin];

  // --- fonts -----------------------------------------------------------------
  const coverage = new Set([...fontCoverage(fontPath('regular')), ...FALLBACK_CODEPOINTS]);
  const coverageBold = new Set([...fontCoverage(fontPath('bold')), ...FALLBACK_CODEPOINTS]);
  const donors = { regular: donorCoverage('regular'), bold: donorCoverage('bold') };
  const wanted = new Set();
  const borrowed = new Set(); // characters Noto Sans lacks that a script donor has (as logical text)
  const missing = new Map(); // "file:line: path|font" -> Set of code points
  const allStrings = [...strings, ...records.map((r) => ({ text: r.name, file: 'world-atlas', line: 0, path: `name of ${r.key}` }))];
  const noteMissing = (s, font, cp) => {
    const k = `${s.file}:${s.line}: ${s.path}|${font}`;
    if (!missing.has(k)) missing.set(k, new Set());
    missing.get(k).add(cp);
  };
  for (const s of allStrings) {
    for (const ch of s.text) {
      const cp = ch.codePointAt(0);
      if (cp < 0x20) continue; // \n in key points etc. is never drawn
      if (coverage.has(cp)) { wanted.add(cp); if (!coverageBold.has(cp)) noteMissing(s, 'NotoSans-Bold', cp); continue; }
      // Drawn as its display forms (Arabic shaped by src/core/shape.c), from a donor.
      const shown = displayForms(cp);
      if (shown.every((c) => donors.regular.has(c))) {
        borrowed.add(cp);
        if (!shown.every((c) => donors.bold.has(c))) noteMissing(s, 'NotoSans-Bold', cp);
      } else noteMissing(s, 'NotoSans-Regular', cp);
    }
  }
  for (const [k, cps] of missing) {
    const [where, font] = k.split('|');
    const list = [...cps].map((cp) => `U+${cp.toString(16).toUpperCase().padStart(4, '0')} "${String.fromCodePoint(cp)}"`).join(', ');
    warnings.push(`${where}: warning: ${font} (nor ${SCRIPT_DONORS.map((d) => d.name).join(', ')}) has no glyph for ${list} (text kept; it will not render)`);
  }
  const shownBorrowed = displayCodepoints(borrowed);
  const fntr = subsetFont('regular', wanted, new Set([...shownBorrowed].filter((c) => donors.regular.has(c))));
  const fntb = subsetFont('bold', wanted, new Set([...shownBorrowed].filter((c) => donors.bold.has(c))));

  // --- provenance ------------------------------------------------------------
  const hash = crypto.createHash('sha256');
  const feed = (name, data) => { hash.update(name); hash.update('\0'); hash.update(data); hash.update('\0'); };
  feed('format', String(VERSION));
  for (const i of inputs) feed(i.name, i.text);
  feed(topoName, topoText);
  for (const w of Object.keys(FONT_FILES)) {
    feed(FONT_FILES[w], fs.readFileSync(fontPath(w)));
    for (const f of FALLBACK_GLYPHS[w]) feed(f.file, fs.readFileSync(path.join(path.dirname(fontPath(w)), f.file)));
    for (const d of SCRIPT_DONORS) feed(d[w], fs.readFileSync(donorFile(d[w])));
  }
  const waVersion = JSON.parse(fs.readFileSync(path.join(path.dirname(topoFile), 'package.json'), 'utf8')).version;
  const builtFrom = `${inputs.map((i) => i.name).join(' ')}; world-atlas ${waVersion} ${topoName}; ` +
    `${FONT_FILES.regular} ${FONT_FILES.bold} (+ symbols from Noto Sans Symbols, Symbols2, Math; ${SCRIPT_DONORS.map((d) => d.name).join(', ')}); sha256 ${hash.digest('hex').slice(0, 16)}`;

  const metaRec = {
    title: TITLE, attribution: ATTRIBUTION, projection_name: PROJECTION.name,
    proj_lon0_deg: PROJECTION.lon0, proj_lat0_deg: PROJECTION.lat0, proj_lat1_deg: PROJECTION.lat1, proj_lat2_deg: PROJECTION.lat2,
    world_bounds: bounds, home_bounds: homeBounds, built_from: builtFrom,
  };

  const bundle = writeBundle({
    META: [metaRec],
    VERT: { steps, quantum: QUANTUM },
    RING: rings, CTRY: ctryRecs, PLAC: placRecs, ARTC: artcRecs, EVNT: evntRecs,
    RELN: relnRecs, FIGR: figrRecs, SRCS: srcs, LIST: list, ENOT: enotRecs,
    ...(tourRecs.length ? { TOUR: tourRecs, TSTP: tstpRecs } : {}), FNTR: fntr, FNTB: fntb,
  });

  const stats = {
    bytes: bundle.length, countries: ctryRecs.length, withGeometry: records.filter((r) => r.geo).length,
    vertices: verts.length / 2, triangles: triangleCount, rings: rings.length,
    geometryBytes: sectionSize(bundle, 'VERT') + rings.length * RECORD_SIZE.RING,
    fontBytes: fntr.length + fntb.length, fontRegular: fntr.length, fontBold: fntb.length,
    places: placRecs.length, articles: artcRecs.length, events: evntRecs.length, relations: relnRecs.length,
    figures: figrRecs.length, sources: srcs.length, builtFrom,
  };
  log(stats);
  return { bundle, stats, warnings };
}

/** The size field of a section's table entry in a written bundle. */
function sectionSize(bundle, tag) {
  for (let i = 0; i < bundle.readUInt32LE(16); i++) {
    const e = HEADER_SIZE + i * SECTION_ENTRY_SIZE;
    if (bundle.toString('latin1', e, e + 4) === tag) return bundle.readUInt32LE(e + 8);
  }
  return 0;
}

/** Writes `data` to `file` atomically (temp file in the same directory, then rename). */
export function writeAtomic(file, data) {
  const dir = path.dirname(path.resolve(file));
  fs.mkdirSync(dir, { recursive: true });
  const tmp = path.join(dir, `.${path.basename(file)}.${process.pid}.tmp`);
  try {
    fs.writeFileSync(tmp, data);
    fs.renameSync(tmp, file);
  } catch (e) {
    fs.rmSync(tmp, { force: true });
    throw e;
  }
}

function main() {
  let opts;
  try {
    opts = parseArgs(process.argv.slice(2));
    const { bundle, stats, warnings } = compile({ assets: opts.assets, seeds: opts.seeds, borders: opts.borders });
    for (const w of warnings) console.error(w);
    writeAtomic(opts.out, bundle);
    if (!opts.quiet) {
      const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
      console.log(`compile: wrote ${display(path.resolve(opts.out))}: ${kb(stats.bytes)} ` +
        `(geometry ${kb(stats.geometryBytes)}, fonts ${kb(stats.fontBytes)}); ` +
        `${stats.countries} countries (${stats.withGeometry} with geometry), ${stats.rings} rings, ${stats.vertices} vertices (${stats.triangles} triangles, cut by the renderer); ` +
        `${stats.places} places, ${stats.articles} articles, ${stats.events} events, ${stats.relations} relations, ${stats.figures} figures, ${stats.sources} sources` +
        (warnings.length ? `; ${warnings.length} warning${warnings.length > 1 ? 's' : ''}` : ''));
    }
  } catch (e) {
    if (e instanceof CompileError) {
      for (const m of e.messages) console.error(m);
      const n = e.messages.filter((m) => !/: warning: /.test(m)).length;
      console.error(`compile: ${n} error${n === 1 ? '' : 's'}; no bundle written`);
    } else {
      console.error(`compile: internal error: ${e.stack || e}`);
      console.error('compile: no bundle written');
    }
    process.exitCode = 1;
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
