// Reads a bundle back into plain JavaScript objects, checking it the way the C
// reader does (src/core/bundle_format.md, "Reader checks"). Used by dump.mjs
// and by the tests.
//
//   const b = readBundle(buffer);      // throws BundleError with a clear message
//   b.tables.EVNT[0].title             // strings resolved; ids stay numeric (1-based)
//   b.tables.VERT[3].x                      // packed geometry decoded (f32 world units)
//   b.events[0].place.key              // convenience views with references resolved

import { MAGIC, VERSION, HEADER_SIZE, SECTION_ENTRY_SIZE, LAYOUTS, RECORD_SIZE, SECTION_ORDER, OPTIONAL, BLOBS, PACKED, crc32, CATEGORIES, RING_HOLE } from './format.mjs';
import { PACKED_SIZE, decodeVertices } from './packed.mjs';

export class BundleError extends Error {}

function fail(msg) { throw new BundleError(`bundle: ${msg}`); }

export function readBundle(buf) {
  if (!Buffer.isBuffer(buf)) buf = Buffer.from(buf);
  // 1. size, magic, version
  if (buf.length < HEADER_SIZE) fail(`file is ${buf.length} bytes, smaller than the ${HEADER_SIZE}-byte header`);
  const magic = buf.toString('latin1', 0, 4);
  if (magic !== MAGIC) fail(`bad magic ${JSON.stringify(magic)} (expected "${MAGIC}"): not a Steppe Atlas bundle`);
  const version = buf.readUInt32LE(4);
  if (version !== VERSION) fail(`unsupported format version ${version}, this reader understands version ${VERSION}`);
  // 2. file size
  const fileSize = buf.readUInt32LE(8);
  if (fileSize !== buf.length) fail(`header says ${fileSize} bytes but the file has ${buf.length} (truncated or trailing bytes)`);
  // 3. checksum
  const stored = buf.readUInt32LE(12);
  const actual = crc32(buf, 16, fileSize);
  if (stored !== actual) fail(`checksum mismatch: header 0x${stored.toString(16).padStart(8, '0')}, computed 0x${actual.toString(16).padStart(8, '0')} (corrupted)`);
  // 4. section table
  const count = buf.readUInt32LE(16);
  if (HEADER_SIZE + count * SECTION_ENTRY_SIZE > fileSize) fail(`section table (${count} entries) runs past the end of the file`);
  const sections = new Map();
  const order = [];
  for (let i = 0; i < count; i++) {
    const e = HEADER_SIZE + i * SECTION_ENTRY_SIZE;
    const tag = buf.toString('latin1', e, e + 4);
    const offset = buf.readUInt32LE(e + 4), size = buf.readUInt32LE(e + 8), n = buf.readUInt32LE(e + 12);
    if (offset % 4) fail(`section ${tag} at ${offset} is not 4-byte aligned`);
    if (offset + size > fileSize || offset < HEADER_SIZE + count * SECTION_ENTRY_SIZE) fail(`section ${tag} (${offset}+${size}) lies outside the data area`);
    if (RECORD_SIZE[tag] !== undefined && size !== n * RECORD_SIZE[tag]) fail(`section ${tag}: size ${size} != count ${n} × ${RECORD_SIZE[tag]}`);
    if (PACKED.has(tag)) {
      const [min, max] = PACKED_SIZE[tag](n);
      if (size < min || size > max) fail(`section ${tag}: size ${size} cannot hold count ${n} (${min}..${max} bytes)`);
    }
    sections.set(tag, { tag, offset, size, count: n });
    order.push(tag);
  }
  for (const tag of SECTION_ORDER) if (!sections.has(tag) && !OPTIONAL.has(tag)) fail(`required section ${tag} missing`);

  // 5. strings
  const S = sections.get('STRS');
  if (S.size < 1 || buf[S.offset] !== 0 || buf[S.offset + S.size - 1] !== 0) fail('STRS must start and end with a NUL byte');
  const strAt = (off, where) => {
    if (off >= S.size) fail(`${where} = ${off} beyond STRS size ${S.size}`);
    const start = S.offset + off;
    const end = buf.indexOf(0, start);
    return buf.toString('utf8', start, end);
  };

  const tables = {};
  for (const tag of Object.keys(LAYOUTS)) {
    const sec = sections.get(tag);
    if (!sec) { tables[tag] = []; continue; } // an optional section that is absent
    const size = RECORD_SIZE[tag];
    const recs = new Array(sec.count);
    for (let r = 0; r < sec.count; r++) {
      let o = sec.offset + r * size;
      const rec = {};
      for (const [name, type] of LAYOUTS[tag]) {
        switch (type) {
          case 'str': rec[name] = strAt(buf.readUInt32LE(o), `${tag}[${r}].${name}`); o += 4; break;
          case 'u32': rec[name] = buf.readUInt32LE(o); o += 4; break;
          case 'u16': rec[name] = buf.readUInt16LE(o); o += 2; break;
          case 'u8': rec[name] = buf.readUInt8(o); o += 1; break;
          case 'f32': rec[name] = buf.readFloatLE(o); o += 4; break;
          case 'f32[4]': rec[name] = [0, 1, 2, 3].map((k) => buf.readFloatLE(o + 4 * k)); o += 16; break;
        }
      }
      recs[r] = rec;
    }
    tables[tag] = recs;
  }
  const blob = (tag) => { const s = sections.get(tag); return buf.subarray(s.offset, s.offset + s.size); };
  const fonts = { regular: blob('FNTR'), bold: blob('FNTB') };
  for (const [k, f] of Object.entries(fonts)) checkFont(f, k === 'regular' ? 'FNTR' : 'FNTB');

  // 6. references
  const T = tables;
  const countOf = (tag) => sections.get(tag).count; // packed VERT is decoded last
  const id = (tag, field, r, v, target, allowZero) => {
    if (v === 0) { if (!allowZero) fail(`${tag}[${r}].${field} = 0 (must not be none)`); return; }
    if (v > countOf(target)) fail(`${tag}[${r}].${field} = ${v} beyond ${target} count ${countOf(target)}`);
  };
  const range = (tag, field, r, first, n, target) => {
    if (first + n > countOf(target)) fail(`${tag}[${r}].${field} range ${first}+${n} beyond ${target} count ${countOf(target)}`);
  };
  if (T.META.length !== 1) fail(`META has ${T.META.length} records, expected 1`);
  if (sections.has('ENOT') && T.ENOT.length !== T.EVNT.length) fail(`ENOT has ${T.ENOT.length} records but EVNT has ${T.EVNT.length}`);
  T.RING.forEach((g, r) => {
    if (g.vert_count < 3) fail(`RING[${r}].vert_count = ${g.vert_count} < 3`);
    range('RING', 'vert', r, g.vert_first, g.vert_count, 'VERT');
    id('RING', 'country', r, g.country, 'CTRY', false);
  });
  T.CTRY.forEach((c, r) => {
    id('CTRY', 'capital', r, c.capital, 'PLAC', true);
    range('CTRY', 'ring', r, c.ring_first, c.ring_count, 'RING');
    // a country's polygons are an outer ring and the holes after it, so its first ring is not a hole
    if (c.ring_count && T.RING[c.ring_first] && (T.RING[c.ring_first].flags & RING_HOLE))
      fail(`CTRY[${r}].ring_first = ${c.ring_first} is a hole (a country's first ring must be an outer ring)`);
  });
  T.PLAC.forEach((p, r) => id('PLAC', 'country', r, p.country, 'CTRY', true));
  T.EVNT.forEach((e, r) => {
    id('EVNT', 'place', r, e.place, 'PLAC', false);
    range('EVNT', 'country', r, e.country_first, e.country_count, 'LIST');
    range('EVNT', 'source', r, e.source_first, e.source_count, 'SRCS');
    if (e.source_count < 1) fail(`EVNT[${r}].source_count = 0`);
    if (e.category >= CATEGORIES.length) fail(`EVNT[${r}].category = ${e.category} unknown`);
  });
  T.RELN.forEach((e, r) => {
    id('RELN', 'country_a', r, e.country_a, 'CTRY', false);
    id('RELN', 'country_b', r, e.country_b, 'CTRY', true);
    range('RELN', 'source', r, e.source_first, e.source_count, 'SRCS');
  });
  T.FIGR.forEach((e, r) => {
    id('FIGR', 'country', r, e.country, 'CTRY', false);
    range('FIGR', 'source', r, e.source_first, e.source_count, 'SRCS');
  });
  T.SRCS.forEach((s, r) => id('SRCS', 'article', r, s.article, 'ARTC', false));
  T.LIST.forEach((l, r) => id('LIST', 'id', r, l.id, 'CTRY', false));

  // 7. packed geometry: the rings cover VERT in order (its deltas restart at
  // each ring), every varint decodes
  const V = sections.get('VERT');
  let nextVertex = 0;
  if (sections.has('ENOT') && T.ENOT.length !== T.EVNT.length) fail(`ENOT has ${T.ENOT.length} records but EVNT has ${T.EVNT.length}`);
  T.RING.forEach((g, r) => {
    if (g.vert_first !== nextVertex) fail(`RING[${r}].vert_first = ${g.vert_first}, expected ${nextVertex}: rings must cover VERT in order`);
    nextVertex += g.vert_count;
  });
  if (nextVertex !== V.count) fail(`RING: the rings cover ${nextVertex} vertices but VERT count is ${V.count}`);
  const vertices = decodeVertices(buf, V, T.RING.map((g) => g.vert_count), fail);
  T.VERT = Array.from({ length: V.count }, (_, i) => ({ x: vertices.xy[2 * i], y: vertices.xy[2 * i + 1] }));

  const geometry = { quantum: vertices.quantum, steps: vertices.steps, xy: vertices.xy };
  return { version, fileSize, checksum: stored, sectionOrder: order, sections, tables, fonts, geometry, ...views(T) };
}

function checkFont(f, tag) {
  if (f.length < 12) fail(`${tag}: ${f.length} bytes, too small for a font`);
  const sig = f.readUInt32BE(0);
  if (sig !== 0x00010000 && sig !== 0x4f54544f /* OTTO */ && sig !== 0x74727565 /* true */) fail(`${tag}: no TrueType/OpenType signature`);
  const n = f.readUInt16BE(4);
  if (12 + n * 16 > f.length) fail(`${tag}: table directory runs past the blob`);
  for (let i = 0; i < n; i++) {
    const e = 12 + i * 16;
    const off = f.readUInt32BE(e + 8), len = f.readUInt32BE(e + 12);
    if (off + len > f.length) fail(`${tag}: table ${f.toString('latin1', e, e + 4)} lies outside the blob`);
  }
}

/** Resolved, friendlier views of the tables (ids -> objects). */
function views(T) {
  const sources = (first, n) => T.SRCS.slice(first, first + n).map((s) => ({ article: T.ARTC[s.article - 1].key, locator: s.locator }));
  const ctry = (i) => (i ? T.CTRY[i - 1] : null);
  const splitList = (s, sep) => (s === '' ? [] : s.split(sep));
  const meta = T.META[0];
  const countries = T.CTRY.map((c, i) => ({
    id: i + 1, iso3: c.iso3, name: c.name, name_local: c.name_local, profile: c.profile,
    capital: c.capital ? T.PLAC[c.capital - 1].key : '',
    central_asia: !!(c.flags & 1), focus: !!(c.flags & 2), has_geometry: !!(c.flags & 4),
    color: c.color, label: [c.label_x, c.label_y], label_rank: c.label_rank, bbox: c.bbox,
    rings: c.ring_count, ring_first: c.ring_first,
  }));
  const places = T.PLAC.map((p, i) => ({
    id: i + 1, key: p.key, name: p.name, name_local: p.name_local, alt_names: splitList(p.alt_names, '|'),
    kind: p.kind, country: ctry(p.country)?.iso3 ?? '', lon: p.lon_deg, lat: p.lat_deg, x: p.x, y: p.y,
  }));
  const articles = T.ARTC.map((a, i) => ({
    id: i + 1, key: a.key, title: a.title, author: a.author, outlet: a.outlet, date: a.date, date_note: a.date_note,
    summary: a.summary, key_points: splitList(a.key_points, '\n'), topics: splitList(a.topics, '|'), file: a.file,
  }));
  const pad = (n) => String(n).padStart(2, '0');
  const events = T.EVNT.map((e, i) => ({
    id: i + 1, key: e.key,
    date: e.precision === 1 ? `${e.year}` : e.precision === 2 ? `${e.year}-${pad(e.month)}` : `${e.year}-${pad(e.month)}-${pad(e.day)}`,
    year: e.year, month: e.month, day: e.day, precision: e.precision,
    category: CATEGORIES[e.category], title: e.title, summary: e.summary,
    place_note: T.ENOT[i]?.place_note ?? '', date_note: T.ENOT[i]?.date_note ?? '',
    place: T.PLAC[e.place - 1].key,
    countries: T.LIST.slice(e.country_first, e.country_first + e.country_count).map((l) => T.CTRY[l.id - 1].iso3),
    sources: sources(e.source_first, e.source_count),
  }));
  const relations = T.RELN.map((r, i) => ({
    id: i + 1, key: r.key, kind: r.kind, label: r.label, group: r.group,
    a: ctry(r.country_a).iso3, b: ctry(r.country_b)?.iso3 ?? '',
    value: Number.isNaN(r.value) ? null : r.value, unit: r.unit, year: r.year || null,
    sources: sources(r.source_first, r.source_count),
  }));
  const figures = T.FIGR.map((f, i) => ({
    id: i + 1, country: ctry(f.country).iso3, label: f.label, value: f.value, year: f.year || null,
    sources: sources(f.source_first, f.source_count),
  }));
  return {
    meta: {
      title: meta.title, attribution: meta.attribution, projection_name: meta.projection_name,
      projection: { lon0: meta.proj_lon0_deg, lat0: meta.proj_lat0_deg, lat1: meta.proj_lat1_deg, lat2: meta.proj_lat2_deg },
      world_bounds: meta.world_bounds, home_bounds: meta.home_bounds, built_from: meta.built_from,
    },
    countries, places, articles, events, relations, figures,
  };
}
