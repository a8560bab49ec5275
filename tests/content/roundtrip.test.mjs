// Compile the content (assets/, or the fixtures until assets exist), read the
// bundle back with read_bundle.mjs and check it says what the JSON says.

import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import zlib from 'node:zlib';
import { readBundle } from '../../tools/bundle/read_bundle.mjs';
import { encodeVertices, decodeVertices } from '../../tools/bundle/packed.mjs';
import { makeProjection } from '../../tools/bundle/geometry.mjs';
import { featureAlpha3 } from '../../tools/bundle/iso3166.mjs';
import { fontCoverage, displayForms } from '../../tools/bundle/fonts.mjs';
import { compileToBuffer, contentDir, readContent, tempDir, REPO, toolsRequire, worldAtlas50m } from './helpers.mjs';

const { neighbors } = toolsRequire('topojson-client');
const earcut = toolsRequire('earcut');

const dir = contentDir();
const json = readContent(dir);
const buf = compileToBuffer(dir);
const b = readBundle(buf);
const byIso = new Map(b.countries.map((c) => [c.iso3, c]));
const CA5 = ['KAZ', 'KGZ', 'TJK', 'TKM', 'UZB'];

/** geo.c's formula, written out independently of d3 (x east, y south). */
function albers(lon, lat) {
  const D = Math.PI / 180, lon0 = 68, lat0 = 45, lat1 = 38, lat2 = 52;
  const s1 = Math.sin(lat1 * D), n = (s1 + Math.sin(lat2 * D)) / 2, c = 1 + s1 * (2 * n - s1);
  const rho0 = Math.sqrt(c - 2 * n * Math.sin(lat0 * D)) / n;
  let dl = ((lon - lon0 + 180) % 360 + 360) % 360 - 180;
  const rho = Math.sqrt(c - 2 * n * Math.sin(lat * D)) / n, th = n * dl * D;
  return [rho * Math.sin(th), rho * Math.cos(th) - rho0];
}

test(`record counts equal the JSON (${path.relative(REPO, dir)})`, () => {
  assert.equal(b.articles.length, json.articles.length);
  assert.equal(b.events.length, json.events.length);
  assert.equal(b.places.length, json.places.length);
  assert.equal(b.relations.length, json.relations.length);
  assert.equal(b.figures.length, json.countries.reduce((n, c) => n + c.figures.length, 0));
  const srcCount = json.events.reduce((n, e) => n + e.sources.length, 0) + json.relations.reduce((n, r) => n + r.sources.length, 0) +
    json.countries.reduce((n, c) => n + c.figures.reduce((m, f) => m + f.sources.length, 0), 0) +
    (json.tours ? json.tours.reduce((n, t) => n + t.stops.reduce((m, st) => m + st.sources.length, 0), 0) : 0);
  assert.equal(b.tables.SRCS.length, srcCount);
  assert.equal(b.tables.LIST.length, json.events.reduce((n, e) => n + e.countries.length, 0));
  // every country of the world map plus content-only ones (EUU)
  assert.ok(b.countries.length >= 235, `only ${b.countries.length} countries`);
  for (const g of worldAtlas50m().objects.countries.geometries) {
    const iso = featureAlpha3(g);
    const rec = iso ? byIso.get(iso) : b.countries.find((c) => c.iso3 === '' && c.name === g.properties.name);
    assert.ok(rec && rec.has_geometry && rec.rings > 0, `${g.properties.name} (${iso}) is not on the map`);
  }
  assert.equal(byIso.get('XKX').name, 'Kosovo');
  assert.equal(byIso.get('AUS').name, 'Australia');
  for (const c of json.countries) assert.ok(byIso.has(c.iso3), `${c.iso3} missing from CTRY`);
});

test('Central Asia and neighbours have geometry; Astana projects into Kazakhstan', () => {
  for (const iso of ['KAZ', 'UZB', 'TJK', 'KGZ', 'TKM', 'RUS', 'CHN', 'AFG', 'IRN']) {
    const c = byIso.get(iso);
    assert.ok(c && c.has_geometry && c.rings > 0, `${iso} has no geometry`);
  }
  for (const iso of CA5) {
    assert.equal(byIso.get(iso).central_asia, true, iso);
    assert.equal(byIso.get(iso).label_rank, 1, iso);
  }
  for (const iso of ['RUS', 'CHN', 'AFG', 'IRN']) assert.equal(byIso.get(iso).label_rank, 2, iso);
  // Kyrgyzstan has holes: the Fergana valley enclaves of Uzbekistan and Tajikistan
  const kgz = byIso.get('KGZ');
  const holes = b.tables.RING.slice(kgz.ring_first, kgz.ring_first + kgz.rings).filter((r) => r.flags & 1).length;
  assert.ok(holes >= 2, `KGZ has ${holes} holes`);

  const astana = b.places.find((p) => p.key === 'astana');
  assert.ok(astana, 'place "astana" exists');
  const [x, y] = albers(71.4304, 51.1282);
  const kaz = byIso.get('KAZ').bbox;
  assert.ok(x > kaz[0] && x < kaz[2] && y > kaz[1] && y < kaz[3], `Astana (${x}, ${y}) outside KAZ bbox ${kaz}`);
  const [ax, ay] = albers(astana.lon, astana.lat);
  assert.ok(Math.abs(ax - astana.x) < 1e-6 && Math.abs(ay - astana.y) < 1e-6, 'PLAC x/y = geo.c formula');
  assert.ok(y < 0, 'Astana (51°N) is north of the origin (45°N): negative y, y grows south');
  // Astana lies in the rings of Kazakhstan, not just its bbox
  assert.ok(countryAt(astana.x, astana.y) === 'KAZ', `Astana hits ${countryAt(astana.x, astana.y)}`);
  assert.equal(b.places.find((p) => p.key === 'astana').country, 'KAZ');
});

function countryAt(x, y) {
  const T = b.tables;
  for (const c of b.countries) {
    if (!c.rings || x < c.bbox[0] || x > c.bbox[2] || y < c.bbox[1] || y > c.bbox[3]) continue;
    // even-odd over all the country's rings (holes included)
    let inside = false;
    for (const r of T.RING.slice(c.ring_first, c.ring_first + c.rings)) {
      for (let i = 0, j = r.vert_count - 1; i < r.vert_count; j = i++) {
        const p = T.VERT[r.vert_first + i], q = T.VERT[r.vert_first + j];
        if ((p.y > y) !== (q.y > y) && x < ((q.x - p.x) * (y - p.y)) / (q.y - p.y) + p.x) inside = !inside;
      }
    }
    if (inside) return c.iso3;
  }
  return null;
}

/** A country's polygons as the renderer reads them (bundle_format.md,
 *  src/core/country_triangles.c): a ring without the hole flag starts a
 *  polygon, the hole rings after it are its holes. Triangulated with npm
 *  earcut, whose algorithm the C renderer's port runs: flat indices into
 *  VERT, per country. */
function countryTriangles(c) {
  const T = b.tables;
  const out = [];
  const rings = T.RING.slice(c.ring_first, c.ring_first + c.rings);
  for (let k = 0; k < rings.length;) {
    let n = 1;
    while (k + n < rings.length && (rings[k + n].flags & 1)) n++;
    const base = rings[k].vert_first, flat = [], holes = [];
    for (let j = 0; j < n; j++) {
      if (j > 0) holes.push(flat.length / 2);
      for (let v = 0; v < rings[k + j].vert_count; v++) {
        const p = T.VERT[rings[k + j].vert_first + v];
        flat.push(p.x, p.y);
      }
    }
    for (const i of earcut(flat, holes.length ? holes : null, 2)) out.push(base + i);
    k += n;
  }
  return out;
}

test('capitals and a few well-known cities fall inside their country', () => {
  const cities = [['Tashkent', 69.2401, 41.2995, 'UZB'], ['Bishkek', 74.5698, 42.8746, 'KGZ'], ['Dushanbe', 68.7791, 38.5598, 'TJK'],
    ['Ashgabat', 58.3261, 37.9601, 'TKM'], ['Almaty', 76.8512, 43.222, 'KAZ'], ['Moscow', 37.6173, 55.7558, 'RUS'],
    ['Kabul', 69.2075, 34.5553, 'AFG'], ['Tehran', 51.389, 35.6892, 'IRN'], ['Urumqi', 87.6168, 43.8256, 'CHN'],
    ['Paris', 2.3522, 48.8566, 'FRA'], ['Denver (east of the cut at 112°W)', -104.99, 39.74, 'USA'], ['Los Angeles (west of the cut)', -118.24, 34.05, 'USA']];
  for (const [name, lon, lat, iso] of cities) {
    const [x, y] = albers(lon, lat);
    assert.equal(countryAt(x, y), iso, name);
  }
  for (const c of json.countries) {
    if (!c.capital) continue;
    const cap = b.places.find((p) => p.key === c.capital);
    assert.equal(byIso.get(c.iso3).capital, c.capital);
    if (byIso.get(c.iso3).has_geometry) assert.equal(countryAt(cap.x, cap.y), c.iso3, `capital ${c.capital} of ${c.iso3}`);
  }
});

test('d3 projection equals the C formula (geo.c) to 1e-9', () => {
  const p = makeProjection();
  for (let lon = -179; lon <= 180; lon += 17) {
    for (let lat = -85; lat <= 85; lat += 10) {
      const [x, y] = p([lon, lat]);
      const [cx, cy] = albers(lon, lat);
      assert.ok(Math.abs(x - cx) < 1e-9 && Math.abs(y - cy) < 1e-9, `${lon},${lat}: d3 ${x},${y} vs ${cx},${cy}`);
    }
  }
});

test('content round-trips: events sorted, fields, references and sources', () => {
  const sorted = json.events.slice().sort((a, c) => {
    const k = (e) => e.date.padEnd(10, '-00').replace(/-$/, '');
    const da = k(a), dc = k(c);
    return da < dc ? -1 : da > dc ? 1 : a.id < c.id ? -1 : 1;
  });
  assert.deepEqual(b.events.map((e) => e.key), sorted.map((e) => e.id));
  for (const e of json.events) {
    const r = b.events.find((x) => x.key === e.id);
    assert.equal(r.date, e.date);
    assert.equal(r.precision, e.date.split('-').length);
    assert.equal(r.title, e.title);
    assert.equal(r.summary, e.summary);
    assert.equal(r.place, e.place);
    assert.equal(r.category, e.category);
    assert.deepEqual(r.countries, e.countries);
    assert.deepEqual(r.sources, e.sources);
    assert.equal(r.place_note, e.place_note ?? '');
    assert.equal(r.date_note, e.date_note ?? '');
  }
  for (const a of json.articles) {
    const r = b.articles.find((x) => x.key === a.id);
    assert.deepEqual([r.title, r.author, r.outlet, r.date, r.summary, r.file], [a.title, a.author, a.outlet, a.date, a.summary, a.file]);
    assert.deepEqual(r.key_points, a.key_points);
    assert.deepEqual(r.topics, a.topics);
  }
  for (const p of json.places) {
    const r = b.places.find((x) => x.key === p.id);
    assert.deepEqual([r.name, r.name_local, r.kind, r.country], [p.name, p.name_local, p.kind, p.country]);
    assert.deepEqual(r.alt_names, p.alt_names);
    assert.ok(Math.abs(r.lon - p.lon) < 1e-4 && Math.abs(r.lat - p.lat) < 1e-4);
  }
  for (const rel of json.relations) {
    const r = b.relations.find((x) => x.key === rel.id);
    assert.deepEqual([r.kind, r.a, r.b, r.group, r.label, r.unit, r.year], [rel.kind, rel.a, rel.b, rel.group, rel.label, rel.unit, rel.year]);
    if (rel.value === null) assert.equal(r.value, null);
    else assert.ok(Math.abs(r.value - rel.value) <= 1e-6 * Math.max(1, Math.abs(rel.value)), `${rel.id}: ${r.value} vs ${rel.value}`);
    assert.deepEqual(r.sources, rel.sources);
  }
  // figures grouped by country, in countries.json order
  const expected = json.countries.flatMap((c) => c.figures.map((f) => [c.iso3, f.label, String(f.value), f.year]));
  assert.deepEqual(b.figures.map((f) => [f.country, f.label, f.value, f.year]), expected);
  for (const c of json.countries) {
    const r = byIso.get(c.iso3);
    assert.deepEqual([r.name, r.name_local, r.profile, r.focus], [c.name, c.name_local, c.profile, true]);
  }
});

test('meta: title, attribution, projection, bounds', () => {
  const m = b.meta;
  assert.equal(m.title, 'Steppe Atlas');
  assert.equal(m.attribution, 'Borders: Natural Earth (public domain), via world-atlas');
  assert.deepEqual(m.projection, { lon0: 68, lat0: 45, lat1: 38, lat2: 52 });
  assert.match(m.built_from, /articles\.json .*countries-50m\.json.*sha256 [0-9a-f]{16}$/);
  const [hx0, hy0, hx1, hy1] = m.home_bounds, [wx0, wy0, wx1, wy1] = m.world_bounds;
  for (const iso of CA5) {
    const bb = byIso.get(iso).bbox;
    assert.ok(bb[0] > hx0 && bb[1] > hy0 && bb[2] < hx1 && bb[3] < hy1, `${iso} inside home_bounds`);
  }
  assert.ok(hx0 > wx0 && hy0 > wy0 && hx1 < wx1 && hy1 < wy1);
  assert.ok(hx1 - hx0 < 0.7 && hy1 - hy0 < 0.6, 'home view is the region, not the world');
  // world bounds are exactly the vertex extent
  const xs = b.tables.VERT.map((v) => v.x), ys = b.tables.VERT.map((v) => v.y);
  assert.deepEqual([wx0, wy0, wx1, wy1], [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)]);
});

test('VERT stores shared borders once (format 3): the same points as every vertex written as a literal (format 2)', () => {
  const V = b.sections.get('VERT');
  const rings = b.tables.RING.map((r) => r.vert_count);
  const v3 = buf.subarray(V.offset, V.offset + V.size);
  const fail = (m) => { throw new Error(m); };
  // the bundle's section is what the encoder writes for its decoded steps ...
  assert.ok(encodeVertices([...b.geometry.steps], rings, b.geometry.quantum).equals(v3));
  // ... and the literal-only (version 2) encoding of the same steps decodes to bit-identical floats
  const v2 = encodeVertices([...b.geometry.steps], rings, b.geometry.quantum, { references: false });
  const back = decodeVertices(v2, { offset: 0, size: v2.length, count: V.count }, rings, fail);
  assert.equal(back.xy.length, b.geometry.xy.length);
  assert.ok(Buffer.from(back.xy.buffer).equals(Buffer.from(b.geometry.xy.buffer)), 'decoded vertices differ');
  // shared borders exist, so references pay: the section gzips smaller
  const gz = (x) => zlib.gzipSync(x, { level: 9 }).length;
  assert.ok(v3.length < v2.length, 'no back-reference written');
  assert.ok(gz(v3) < gz(v2), `VERT gzip ${gz(v3)} not below ${gz(v2)} without references`);
});

test('geometry: rings belong to their country, and their polygons (outer ring, then holes) triangulate to cover it', () => {
  const T = b.tables;
  let prevRing = 0, triangles = 0;
  for (const c of b.countries) {
    if (!c.has_geometry) { assert.equal(c.rings, 0); continue; }
    assert.equal(c.ring_first, prevRing, `${c.iso3}: rings contiguous in CTRY order`);
    assert.equal(T.RING[c.ring_first].flags & 1, 0, `${c.iso3}: the first ring is an outer ring`);
    prevRing += c.rings;
    let lo = Infinity, hi = -Infinity, area = 0;
    for (const r of T.RING.slice(c.ring_first, c.ring_first + c.rings)) {
      assert.equal(r.country, c.id);
      assert.ok(r.vert_count >= 3);
      lo = Math.min(lo, r.vert_first); hi = Math.max(hi, r.vert_first + r.vert_count);
      let s = 0;
      for (let i = 0, j = r.vert_count - 1; i < r.vert_count; j = i++) {
        const p = T.VERT[r.vert_first + j], q = T.VERT[r.vert_first + i];
        s += p.x * q.y - q.x * p.y;
      }
      // outer rings positive (clockwise on screen, y down), holes negative
      assert.equal(Math.sign(s), r.flags & 1 ? -1 : 1, `${c.iso3}: ring orientation`);
      area += s / 2;
    }
    // the grouping by hole flags gives polygons that triangulate to the rings' area
    const tris = countryTriangles(c);
    triangles += tris.length / 3;
    let triArea = 0;
    for (let t = 0; t < tris.length; t += 3) {
      for (let k = 0; k < 3; k++) assert.ok(tris[t + k] >= lo && tris[t + k] < hi, `${c.iso3}: triangle uses a vertex outside its rings`);
      const [p, q, r] = [T.VERT[tris[t]], T.VERT[tris[t + 1]], T.VERT[tris[t + 2]]];
      triArea += Math.abs((q.x - p.x) * (r.y - p.y) - (r.x - p.x) * (q.y - p.y)) / 2;
    }
    assert.ok(Math.abs(triArea - area) / area < 1e-6, `${c.iso3}: triangles ${triArea} vs rings ${area}`);
  }
  assert.equal(prevRing, T.RING.length);
  assert.ok(triangles > 10000, `${triangles} triangles`);
  // equal-area projection on the unit sphere: Kazakhstan is ~2.72 million km²
  const kaz = byIso.get('KAZ');
  let kazArea = 0;
  for (const r of T.RING.slice(kaz.ring_first, kaz.ring_first + kaz.rings)) {
    let s2 = 0;
    for (let i = 0, j = r.vert_count - 1; i < r.vert_count; j = i++) {
      const p = T.VERT[r.vert_first + j], q = T.VERT[r.vert_first + i];
      s2 += p.x * q.y - q.x * p.y;
    }
    kazArea += s2 / 2; // holes are negative
  }
  kazArea *= 6371 * 6371;
  assert.ok(Math.abs(kazArea - 2.72e6) / 2.72e6 < 0.03, `KAZ area ${kazArea} km²`);
});

test('colour slots: 0..5 and neighbouring countries differ', () => {
  const topo = worldAtlas50m();
  const geoms = topo.objects.countries.geometries;
  const keyOf = (g) => featureAlpha3(g) || g.properties.name;
  const colourOf = new Map(b.countries.map((c) => [c.iso3 || c.name, c.color]));
  let pairs = 0;
  neighbors(geoms).forEach((list, i) => {
    for (const j of list) {
      const a = keyOf(geoms[i]), c = keyOf(geoms[j]);
      if (a === c) continue;
      assert.notEqual(colourOf.get(a), colourOf.get(c), `${a} and ${c} share a border and a colour`);
      pairs++;
    }
  });
  assert.ok(pairs > 500, `only ${pairs} neighbour pairs`);
  for (const c of b.countries) assert.ok(c.color >= 0 && c.color <= 5);
  assert.ok(new Set(b.countries.map((c) => c.color)).size === 6, 'all six slots used');
});

/** The non-ASCII characters of the string literals in src/ (comments
 *  stripped): what the UI itself can draw besides the content. */
function uiCharacters() {
  const src = path.join(REPO, 'src');
  const out = new Set();
  for (const f of fs.readdirSync(src, { recursive: true }).filter((f) => f.endsWith('.c'))) {
    const code = fs.readFileSync(path.join(src, f), 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, '');
    for (const [lit] of code.matchAll(/"(?:[^"\\\n]|\\.)*"/g)) for (const ch of lit) if (ch.codePointAt(0) > 0x7e) out.add(ch);
  }
  return out;
}

test('the UI\'s own characters are found in src/ (the font check below reads them)', () => {
  const ui = uiCharacters();
  for (const ch of '·–—“”•›‹×°…') assert.ok(ui.has(ch), `${ch} not found in src/'s string literals`);
  for (const ch of ui) assert.ok(ch.codePointAt(0) < 0x600 || ch.codePointAt(0) >= 0x2000, `U+${ch.codePointAt(0).toString(16)} ${ch}: a letter in a UI string?`);
});

test('fonts cover every character of the country names and content that Noto Sans has', () => {
  const tmp = tempDir();
  try {
    for (const [which, blob] of Object.entries(b.fonts)) {
      const f = path.join(tmp, `${which}.ttf`);
      fs.writeFileSync(f, blob);
      const cov = fontCoverage(f);
      // What the UI draws (ASCII, its punctuation and symbols) in both; what a
      // user may type into the search box (the region's Cyrillic, Uzbek ʻ) in
      // the regular font, which draws the box (tools/bundle/fonts.mjs).
      const typed = which === 'regular' ? ' Қазақстан Oʻzbekiston Тоҷикистон Кыргызстан Ўзбекистон Ёё Һһ' : '';
      for (const ch of `AZaz09~ “quotes” ‘’ – — … € № ← → ▶ ◀ ✕ − · × ° • ‹ ›${typed}`) {
        if (ch === ' ') continue;
        assert.ok(cov.has(ch.codePointAt(0)), `${which} lacks U+${ch.codePointAt(0).toString(16)} ${ch}`);
      }
      for (const ch of uiCharacters()) assert.ok(cov.has(ch.codePointAt(0)), `${which} lacks U+${ch.codePointAt(0).toString(16)} ${ch}, which src/ draws`);
      const all = [b.countries.map((c) => c.name + c.name_local + c.profile), b.places.map((p) => p.name + p.name_local + p.alt_names.join('')),
        b.events.map((e) => e.title + e.summary), b.articles.map((a) => a.title + a.summary + a.key_points.join(''))].flat().join('');
      // Every character is in the font as it is drawn: Arabic letters as all
      // their presentation forms (the app shapes them, src/core/shape.c),
      // Han from the CJK donor. Only scripts no font here has (Devanagari,
      // which would also need shaping) may be missing.
      const missing = [...new Set(all)].filter((ch) => ch.codePointAt(0) >= 0x20 && !displayForms(ch.codePointAt(0)).every((c) => cov.has(c)));
      for (const ch of missing) assert.match(ch, /[\p{Script=Devanagari}]/u, `${which} lacks ${ch} U+${ch.codePointAt(0).toString(16)}`);
      assert.ok(blob.length < 120000, `${which} font subset is ${blob.length} bytes`);
    }
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
});

/** FNV-1a over the bytes of a typed array (little-endian, as the C side hashes them). */
function fnv1a(view) {
  const bytes = new Uint8Array(view.buffer, view.byteOffset, view.byteLength);
  let h = 0x811c9dc5;
  for (const byte of bytes) h = Math.imul(h ^ byte, 16777619) >>> 0;
  return h.toString(16).padStart(8, '0');
}

test('the C reader (src/core/bundle.c) accepts the bundle and decodes the same geometry', (t) => {
  const cc = ['cc', 'gcc', 'clang'].find((c) => spawnSync(c, ['--version']).status === 0);
  const src = path.join(REPO, 'src/core/bundle.c');
  if (!cc || !fs.existsSync(src)) { t.skip('no C compiler or no src/core/bundle.c'); return; }
  const tmp = tempDir();
  try {
    const main = path.join(tmp, 'check.c');
    fs.writeFileSync(main, `#include "bundle.h"
#include "country_triangles.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
static unsigned fnv1a(const void *data, size_t n, unsigned h) {
  const unsigned char *p = data;
  for (size_t i = 0; i < n; i++) h = (h ^ p[i]) * 16777619u;
  return h;
}
int main(int argc, char **argv) {
  FILE *f = fopen(argv[1], "rb"); if (!f) return 2;
  fseek(f, 0, SEEK_END); long n = ftell(f); fseek(f, 0, SEEK_SET);
  unsigned char *buf = malloc((size_t)n); if (fread(buf, 1, (size_t)n, f) != (size_t)n) return 2; fclose(f);
  Bundle b; char msg[512];
  BundleError e = bundle_open(&b, buf, (size_t)n, msg, sizeof msg);
  if (e != BUNDLE_OK) { printf("%s\\n", msg); return 1; }
  BundleCountry c = bundle_country(&b, 1);
  unsigned hv = 0x811c9dc5u, ht = 0x811c9dc5u;
  for (uint32_t i = 0; i < b.vert_count; i++) { float xy[2]; bundle_vertex(&b, i, &xy[0], &xy[1]); hv = fnv1a(xy, sizeof xy, hv); }
  TriangulateOut tris = { 0 };
  for (uint32_t id = 1; id <= b.country_count; id++) if (country_triangles(&b, id, &tris) != TRIANGULATE_OK) return 3;
  ht = fnv1a(tris.indices, tris.count * sizeof *tris.indices, ht);
  free(tris.indices);
  printf("ok %u %u %u %s %08x %08x\\n", b.country_count, b.event_count, b.vert_count, c.iso3, hv, ht);
  bundle_close(&b);
  return 0;
}
`);
    const exe = path.join(tmp, 'check');
    const core = ['bundle_access.c', 'triangulate.c', 'country_triangles.c'].map((f) => path.join(REPO, 'src/core', f));
    const build = spawnSync(cc, ['-std=c11', '-O1', '-I', path.join(REPO, 'src/core'), '-o', exe, main, src, ...core, '-lm'], { encoding: 'utf8' });
    if (build.status !== 0) { t.skip(`src/core/bundle.c does not build standalone: ${build.stderr.slice(0, 200)}`); return; }
    const file = path.join(tmp, 'atlas.bundle');
    fs.writeFileSync(file, buf);
    const run = spawnSync(exe, [file], { encoding: 'utf8' });
    assert.equal(run.status, 0, run.stdout + run.stderr);
    // the same vertices to the bit, and the C port of earcut (src/core/triangulate.c) cuts the same
    // triangles as npm earcut does from the same polygons (the hash reads the bytes little-endian, as x86 and wasm store them)
    const indices = Uint32Array.from(b.countries.flatMap((c) => (c.rings ? countryTriangles(c) : [])));
    assert.equal(run.stdout.trim(), `ok ${b.countries.length} ${b.events.length} ${b.tables.VERT.length} ${b.countries[0].iso3} ` +
      `${fnv1a(b.geometry.xy)} ${fnv1a(indices)}`);
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
});
