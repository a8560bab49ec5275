// The writer's layouts match src/core/bundle_format.md, the reader rejects
// damaged bundles with clear messages, and dump.mjs prints what is inside.

import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { LAYOUTS, RECORD_SIZE, SECTION_ORDER, PACKED, VERSION, crc32 } from '../../tools/bundle/format.mjs';
import { readBundle } from '../../tools/bundle/read_bundle.mjs';
import { QUANTUM, PACKED_SIZE, encodeVertices, decodeVertices, quantize } from '../../tools/bundle/packed.mjs';
import { writeBundle, StringPool } from '../../tools/bundle/write_bundle.mjs';
import { compileToBuffer, FIXTURES, REPO, TOOLS, tempDir } from './helpers.mjs';

const SPEC = fs.readFileSync(path.join(REPO, 'src/core/bundle_format.md'), 'utf8');

/** Tables of the spec: `### \`TAG\` — ..., N bytes each` followed by | type | field | rows. */
function specTables() {
  const out = {};
  const parts = SPEC.split(/^### /m).slice(1);
  for (const part of parts) {
    const head = part.split('\n')[0];
    const tags = [...head.matchAll(/`([A-Z]{4})`/g)].map((m) => m[1]);
    const size = /(\d+) bytes/.exec(head);
    const rows = part.split('\n').filter((l) => /^\|\s*(str|u8|u16|u32|f32|f32\[4\]|u8\[4\])\s*\|/.test(l))
      .map((l) => l.split('|').map((c) => c.trim())).map((c) => [c[2], c[1]]);
    for (const tag of tags) out[tag] = { size: size ? Number(size[1]) : null, rows, head };
  }
  return out;
}

test('record layouts equal the tables of bundle_format.md', () => {
  const spec = specTables();
  for (const tag of SECTION_ORDER) assert.ok(spec[tag], `spec has a section ${tag}`);
  for (const [tag, layout] of Object.entries(LAYOUTS)) {
    assert.equal(RECORD_SIZE[tag], spec[tag].size, `${tag}: record size`);
    if (!spec[tag].rows.length) continue; // SRCS, LIST are described in prose
    assert.deepEqual(layout.map(([f, t]) => [f, t]), spec[tag].rows, `${tag}: fields and types`);
  }
  // prose-described tables
  assert.match(SPEC, /`u32 article` \(article id, never 0\), `str locator`/);
  // the packed sections, and the constants packed.mjs shares with the spec
  for (const tag of PACKED) assert.match(spec[tag].head, /packed/, `${tag} is described as packed`);
  assert.match(SPEC, /\| f64 +\| quantum +\| world units per step; finite and > 0 \(the compiler writes 1e-6\)/);
  assert.equal(QUANTUM, 1e-6);
  assert.match(SPEC, /per ring of `RING`, in order, per vertex: a literal or a back-reference/);
  assert.match(SPEC, /\*\*literal\*\* \(`u ≥ 1`\): `u − 1` is the zig-zag `Δx`, and the next varint is\s+the zig-zag `Δy`/);
  assert.match(SPEC, /\*\*back-reference\*\* \(`u = 0`\): the next varint `r` is a zig-zag distance/);
  assert.match(SPEC, /`src = last \+ unzigzag\(r\)`/);
  // no triangles since version 4: a country's polygons come from its rings' hole flags
  assert.ok(!/^### `TRIS`/m.test(SPEC), 'no TRIS section in the spec');
  assert.match(SPEC, /a ring without the hole flag\s+starts a polygon, and the hole rings right after it/);
  assert.match(SPEC, /at most 5 bytes, and the 5th byte at most `0x0F`/);
  assert.match(SPEC, new RegExp(`^# Steppe Atlas bundle format, version ${VERSION}$`, 'm'));
  // category order
  assert.match(SPEC, /0 diplomacy, 1 security, 2 trade, 3 economy, 4 politics, 5 education, 6 environment, 7 health, 8 culture/);
});

test('CRC-32 is zlib\'s', () => {
  assert.equal(crc32(Buffer.from('123456789')), 0xcbf43926);
  assert.equal(crc32(Buffer.alloc(0)), 0);
});

test('header, section table, alignment and string pool are as specified', () => {
  const buf = compileToBuffer(FIXTURES);
  assert.equal(buf.toString('latin1', 0, 4), 'SATL');
  assert.equal(buf.readUInt32LE(4), 4);
  assert.equal(buf.readUInt32LE(8), buf.length);
  assert.equal(buf.readUInt32LE(12), crc32(buf, 16));
  // the fixtures have no tours: their two optional sections are not written
  const written = SECTION_ORDER.filter((tag) => tag !== 'TOUR' && tag !== 'TSTP');
  assert.equal(buf.readUInt32LE(16), written.length);
  assert.equal(buf.readUInt32LE(20), 0);
  let prevEnd = 24 + 16 * written.length;
  written.forEach((tag, i) => {
    const e = 24 + 16 * i;
    assert.equal(buf.toString('latin1', e, e + 4), tag, 'sections in the spec order');
    const off = buf.readUInt32LE(e + 4), size = buf.readUInt32LE(e + 8), count = buf.readUInt32LE(e + 12);
    assert.equal(off % 4, 0, `${tag} aligned`);
    assert.ok(off >= prevEnd && off - prevEnd < 4, `${tag} follows the previous section`);
    if (RECORD_SIZE[tag]) assert.equal(size, count * RECORD_SIZE[tag]);
    else if (PACKED.has(tag)) {
      const [min, max] = PACKED_SIZE[tag](count);
      assert.ok(count > 0 && size >= min && size <= max, `${tag}: ${size} bytes for ${count}`);
    } else assert.equal(count, 0);
    prevEnd = off + size;
  });
  const b = readBundle(buf);
  const strs = b.sections.get('STRS');
  assert.equal(buf[strs.offset], 0);
  assert.equal(buf[strs.offset + strs.size - 1], 0);
  // every event has a place and a source
  for (const e of b.tables.EVNT) { assert.ok(e.place > 0); assert.ok(e.source_count >= 1); }
});

test('the string pool deduplicates and starts with ""', () => {
  const p = new StringPool();
  assert.equal(p.add(''), 0);
  const a = p.add('Астана');
  assert.equal(p.add('Астана'), a);
  assert.equal(p.add('x'), a + Buffer.byteLength('Астана') + 1);
  assert.deepEqual([...p.bytes()].slice(0, 1), [0]);
  assert.throws(() => p.add('a\0b'), /NUL/);
});

test('the reader rejects damaged bundles with a clear message', () => {
  const good = compileToBuffer(FIXTURES);
  const refix = (b) => { b.writeUInt32LE(crc32(b, 16), 12); return b; };
  const cases = [
    ['too small', good.subarray(0, 10), /smaller than the 24-byte header/],
    ['bad magic', (() => { const b = Buffer.from(good); b.write('XXXX', 0, 'latin1'); return b; })(), /bad magic "XXXX"/],
    ['version 1', (() => { const b = Buffer.from(good); b.writeUInt32LE(1, 4); return b; })(), /unsupported format version 1, this reader understands version 4/],
    ['version 3 (triangles in TRIS)', (() => { const b = Buffer.from(good); b.writeUInt32LE(3, 4); return b; })(), /unsupported format version 3, this reader understands version 4/],
    ['truncated', good.subarray(0, good.length - 8), /header says \d+ bytes but the file has \d+/],
    ['trailing bytes', Buffer.concat([good, Buffer.alloc(4)]), /truncated or trailing bytes/],
    ['flipped byte', (() => { const b = Buffer.from(good); b[b.length >> 1] ^= 0x40; return b; })(), /checksum mismatch/],
    ['bad place id', (() => {
      const b = Buffer.from(good);
      const evnt = readBundle(good).sections.get('EVNT');
      b.writeUInt32LE(9999, evnt.offset + 20);
      return refix(b);
    })(), /EVNT\[0\]\.place = 9999 beyond PLAC count/],
    ['missing section', (() => {
      const b = Buffer.from(good);
      const i = SECTION_ORDER.indexOf('LIST');
      b.write('LIXX', 24 + 16 * i, 'latin1');
      return refix(b);
    })(), /required section LIST missing/],
    ['bad table size', (() => {
      const b = Buffer.from(good);
      const i = SECTION_ORDER.indexOf('PLAC');
      b.writeUInt32LE(b.readUInt32LE(24 + 16 * i + 8) - 4, 24 + 16 * i + 8);
      return refix(b);
    })(), /section PLAC: size \d+ != count \d+ × 40/],
    ['bad font', (() => {
      const b = Buffer.from(good);
      b.writeUInt32LE(0x12345678, readBundle(good).sections.get('FNTB').offset);
      return refix(b);
    })(), /FNTB: no TrueType\/OpenType signature/],
    ['truncated varint', (() => {
      const b = Buffer.from(good);
      const v = readBundle(good).sections.get('VERT');
      b[v.offset + v.size - 1] |= 0x80; // the last byte now says "more follows"
      return refix(b);
    })(), /VERT\[\d+\]\.y: varint runs past the end of VERT \(at byte \d+\)/],
    ['overlong varint', (() => {
      const b = Buffer.from(good);
      const v = readBundle(good).sections.get('VERT');
      b.fill(0x80, v.offset + 8, v.offset + 8 + 6); // vertex 0: six bytes that all say "more follows"
      return refix(b);
    })(), /VERT\[0\]\.x: varint longer than 5 bytes/],
    ['rings out of order', (() => {
      const b = Buffer.from(good);
      const r = readBundle(good).sections.get('RING');
      b.writeUInt32LE(1, r.offset + 16); // RING[1].vert_first
      return refix(b);
    })(), /RING\[1\]\.vert_first = 1, expected \d+: rings must cover VERT in order/],
  ];
  for (const [name, buf, re] of cases) assert.throws(() => readBundle(buf), re, name);
});

test('writeBundle refuses values that do not fit their field', () => {
  const minimal = () => ({
    META: [{}], VERT: { steps: [] }, RING: [], CTRY: [], PLAC: [], ARTC: [], EVNT: [], RELN: [], FIGR: [], SRCS: [], LIST: [],
    FNTR: Buffer.alloc(0), FNTB: Buffer.alloc(0),
  });
  const ok = writeBundle(minimal());
  assert.equal(ok.readUInt32LE(8), ok.length);
  assert.throws(() => writeBundle({ ...minimal(), EVNT: [{ year: 70000, place: 1 }] }), /EVNT\[0\]\.year: bad u16 70000/);
  assert.throws(() => writeBundle({ ...minimal(), LIST: [{ id: -1 }] }), /LIST\[0\]\.id: bad u32 -1/);
  const { LIST, ...noList } = minimal();
  assert.throws(() => writeBundle(noList), /section LIST missing/);
  // packed geometry: whole steps that fit 32 bits, rings that cover VERT in order
  const ring = [{ vert_first: 0, vert_count: 3, country: 1 }];
  const tri = { steps: [0, 0, 5, 0, 0, 5] };
  assert.ok(writeBundle({ ...minimal(), VERT: { steps: tri.steps }, RING: ring }));
  assert.throws(() => writeBundle({ ...minimal(), VERT: { steps: [0, 0.5, 5, 0, 0, 5] }, RING: ring }), /VERT\[0\]\.y: 0\.5 steps is not a 32-bit integer/);
  assert.throws(() => writeBundle({ ...minimal(), VERT: { steps: [0, 0, 2 ** 31, 0, 0, 5] }, RING: ring }), /VERT\[1\]\.x: 2147483648 steps is not a 32-bit integer/);
  assert.throws(() => writeBundle({ ...minimal(), VERT: { steps: tri.steps }, RING: [{ ...ring[0], vert_first: 1 }] }), /RING\[0\]\.vert_first = 1, expected 0/);
  assert.throws(() => writeBundle({ ...minimal(), VERT: { steps: tri.steps.slice(0, 4) }, RING: ring }), /RING\[0\]|rings cover 3 vertices but VERT has 2/);
});

/** A minimal readable bundle with one triangle country; `packed` overrides VERT (or any section) with raw bytes. */
function triangleBundle(packed = {}) {
  // a TrueType-looking blob: sfnt 1.0, one 4-byte table (as tests/unit/test_support.h's)
  const font = Buffer.from([0, 1, 0, 0, 0, 1, 0, 16, 0, 0, 0, 0, 0x68, 0x65, 0x61, 0x64, 0, 0, 0, 0, 0, 0, 0, 28, 0, 0, 0, 4, 0, 1, 0, 0]);
  return writeBundle({
    META: [{ title: 'T' }], VERT: { steps: [0, 0, 5, 0, 0, 5] },
    RING: [{ vert_first: 0, vert_count: 3, country: 1 }],
    CTRY: [{ iso3: 'TRI', ring_first: 0, ring_count: 1, flags: 4 }],
    PLAC: [], ARTC: [], EVNT: [], RELN: [], FIGR: [], SRCS: [], LIST: [], FNTR: font, FNTB: font, ...packed,
  });
}

test('packed geometry: known coordinates round-trip; bad varints and references are named', () => {
  // coordinates snap to the nearest step, at most half a quantum away, and come back as f32
  const xy = [0, 0, 0.5, -0.25, 1.2345674, -1.2345675, 2.4999996, -2.4999996, -2.4, 2.4, 1e-7, -4e-7, -0.0000015, 0.0000025];
  const steps = xy.map((v) => quantize(v));
  assert.deepEqual(steps.slice(0, 4), [0, 0, 500000, -250000]);
  const bytes = encodeVertices(steps, [xy.length / 2]);
  assert.equal(bytes.readDoubleLE(0), QUANTUM);
  const fail = (m) => { throw new Error(m); };
  const section = { offset: 0, size: bytes.length, count: xy.length / 2 };
  const back = decodeVertices(bytes, section, [xy.length / 2], fail);
  assert.deepEqual([...back.steps], steps);
  xy.forEach((v, i) => {
    assert.equal(back.xy[i], Math.fround(steps[i] * QUANTUM));
    assert.ok(Math.abs(back.xy[i] - v) <= 0.5e-6 + 2.5e-7, `${v} -> ${back.xy[i]}`);
  });
  // a second ring restarts from (0, 0): written as literals, the same ring
  // twice encodes to the same bytes twice ...
  const twiceSteps = [...steps, ...steps], twiceRings = [xy.length / 2, xy.length / 2];
  const literal = encodeVertices(twiceSteps, twiceRings, QUANTUM, { references: false });
  assert.ok(literal.subarray(8).equals(Buffer.concat([bytes.subarray(8), bytes.subarray(8)])));
  // ... and by default the second copy is back-references: 0, then the
  // zig-zag step from the previous reference's vertex (+1 along the run; the
  // ring's two (0, 0) points, vertices 0 and 5, keep the run going at 5)
  const twice = encodeVertices(twiceSteps, twiceRings);
  assert.deepEqual([...twice.subarray(bytes.length)], [0, 0, 0, 2, 0, 2, 0, 2, 0, 2, 0, 2, 0, 2]);
  for (const b of [literal, twice]) {
    const d = decodeVertices(b, { offset: 0, size: b.length, count: 14 }, twiceRings, fail);
    assert.deepEqual([...d.steps], twiceSteps);
  }

  // through readBundle: the whole file
  const good = readBundle(triangleBundle());
  assert.deepEqual(good.tables.VERT, [{ x: 0, y: 0 }, { x: Math.fround(5e-6), y: 0 }, { x: 0, y: Math.fround(5e-6) }]);
  assert.equal(good.tables.TRIS, undefined);
  assert.equal(good.geometry.quantum, QUANTUM);
  const vert = (raw) => ({ VERT: { buffer: Buffer.concat([encodeVertices([], []).subarray(0, 8), Buffer.from(raw)]), count: 3 } });
  const cases = [
    // a country's polygons are an outer ring and the holes after it: its first ring is no hole
    ['first ring a hole', { RING: [{ vert_first: 0, vert_count: 3, country: 1, flags: 1 }] }, /CTRY\[0\]\.ring_first = 0 is a hole/],
    ['truncated VERT varint', vert([1, 0, 11, 0, 10, 0x80]), /VERT\[2\]\.y: varint runs past the end of VERT/],
    ['overlong varint', vert([0x80, 0x80, 0x80, 0x80, 0x80, 0x00, 0, 10, 0, 0, 10]), /VERT\[0\]\.x: varint longer than 5 bytes/],
    ['varint beyond 32 bits', vert([0xff, 0xff, 0xff, 0xff, 0x10, 0, 10, 0, 0, 10]), /VERT\[0\]\.x: varint exceeds 32 bits/],
    ['varint not shortest', vert([0x80, 0x00, 0, 10, 0, 0, 10]), /VERT\[0\]\.x: varint not in its shortest form/],
    ['steps beyond 32 bits', vert([0xff, 0xff, 0xff, 0xff, 0x0f, 0, 0x03, 0, 1, 10]), /VERT\[1\]\.x = 2147483648 steps, outside 32 bits/],
    // back-references: 0, then the zig-zag distance from the previous reference's vertex
    ['reference to itself', vert([1, 0, 11, 0, 0, 4]), /VERT\[2\]\.ref = 2 does not point back to an earlier vertex \(must be < 2\) \(at byte \d+\)/],
    ['reference ahead', vert([1, 0, 11, 0, 0, 0x0a]), /VERT\[2\]\.ref = 5 does not point back/],
    ['reference below 0', vert([1, 0, 11, 0, 0, 1]), /VERT\[2\]\.ref = -1, below 0 \(at byte \d+\)/],
    ['reference first', vert([0, 0, 11, 0, 10, 10]), /VERT\[0\]\.ref = 0 does not point back/],
    ['truncated reference', vert([1, 0, 11, 0, 0, 0x82]), /VERT\[2\]\.ref: varint runs past the end of VERT/],
    ['bad quantum', { VERT: { buffer: Buffer.from([0, 0, 0, 0, 0, 0, 0xf0, 0xbf, 0, 0, 10, 0, 0, 10]), count: 3 } }, /VERT\.quantum = -1 is not a positive finite number/],
    ['count beyond size', { VERT: { buffer: encodeVertices([0, 0, 5, 0, 0, 5], [3]), count: 1000 } }, /section VERT: size 14 cannot hold count 1000 \(2008\.\.10008 bytes\)/],
  ];
  for (const [name, packed, re] of cases) assert.throws(() => readBundle(triangleBundle(packed)), re, name);
  // a good reference: vertex 2 repeats vertex 1
  assert.deepEqual(readBundle(triangleBundle(vert([1, 0, 11, 0, 0, 2]))).tables.VERT, [{ x: 0, y: 0 }, { x: Math.fround(5e-6), y: 0 }, { x: Math.fround(5e-6), y: 0 }]);
});

test('dump.mjs prints the content as TSV and JSON, and rejects a damaged file', () => {
  const tmp = tempDir();
  try {
    const file = path.join(tmp, 'atlas.bundle');
    fs.writeFileSync(file, compileToBuffer(FIXTURES));
    const dump = (...a) => spawnSync(process.execPath, [path.join(TOOLS, 'dump.mjs'), file, ...a], { encoding: 'utf8' });
    const ev = dump('events');
    assert.equal(ev.status, 0, ev.stderr);
    const lines = ev.stdout.trim().split('\n');
    assert.equal(lines[0], 'id\tdate\tkey\tcategory\tplace\tcountries\ttitle\tsummary\tsources');
    assert.equal(lines.length, 5);
    assert.match(lines[1], /^1\t2018-01\tev-2018-01-nazarbayev-meets-trump\tdiplomacy\twashington\tKAZ\|USA\t/);
    const js = JSON.parse(dump('countries', '--json').stdout);
    const kaz = js.find((c) => c.iso3 === 'KAZ');
    assert.equal(kaz.name_local, 'Қазақстан');
    assert.equal(kaz.capital, 'astana');
    assert.equal(kaz.central_asia, true);
    const all = JSON.parse(dump('all', '--json').stdout);
    assert.deepEqual(Object.keys(all), ['meta', 'sections', 'countries', 'places', 'articles', 'events', 'relations', 'figures']);
    assert.equal(all.meta.title, 'Steppe Atlas');
    const meta = dump('meta');
    assert.match(meta.stdout, /^title\tSteppe Atlas$/m);
    const art = dump('articles');
    assert.ok(!art.stdout.split('\n').slice(1).some((l) => l && l.split('\t').length !== 11), 'key points with \\n stay on one TSV line');
    // damaged file
    const bad = Buffer.from(fs.readFileSync(file));
    bad[100] ^= 1;
    fs.writeFileSync(file, bad);
    const r = dump('events');
    assert.equal(r.status, 1);
    assert.match(r.stderr, /checksum mismatch/);
    const usage = spawnSync(process.execPath, [path.join(TOOLS, 'dump.mjs'), file, 'nonsense'], { encoding: 'utf8' });
    assert.equal(usage.status, 1);
    assert.match(usage.stderr, /^usage:/);
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
});
