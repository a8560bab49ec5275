// The writer's layouts match src/core/bundle_format.md, the reader rejects
// damaged bundles with clear messages, and dump.mjs prints what is inside.

import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { LAYOUTS, RECORD_SIZE, SECTION_ORDER, crc32 } from '../../tools/bundle/format.mjs';
import { readBundle } from '../../tools/bundle/read_bundle.mjs';
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
    if (!spec[tag].rows.length) continue; // VERT, TRIS, SRCS, LIST are described in prose
    assert.deepEqual(layout.map(([f, t]) => [f, t]), spec[tag].rows, `${tag}: fields and types`);
  }
  // prose-described tables
  assert.match(SPEC, /`f32 x, f32 y`/);
  assert.match(SPEC, /`u32 a, b, c`/);
  assert.match(SPEC, /`u32 article` \(article id, never 0\), `str locator`/);
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
  assert.equal(buf.readUInt32LE(4), 1);
  assert.equal(buf.readUInt32LE(8), buf.length);
  assert.equal(buf.readUInt32LE(12), crc32(buf, 16));
  assert.equal(buf.readUInt32LE(16), SECTION_ORDER.length);
  assert.equal(buf.readUInt32LE(20), 0);
  let prevEnd = 24 + 16 * SECTION_ORDER.length;
  SECTION_ORDER.forEach((tag, i) => {
    const e = 24 + 16 * i;
    assert.equal(buf.toString('latin1', e, e + 4), tag, 'sections in the spec order');
    const off = buf.readUInt32LE(e + 4), size = buf.readUInt32LE(e + 8), count = buf.readUInt32LE(e + 12);
    assert.equal(off % 4, 0, `${tag} aligned`);
    assert.ok(off >= prevEnd && off - prevEnd < 4, `${tag} follows the previous section`);
    if (RECORD_SIZE[tag]) assert.equal(size, count * RECORD_SIZE[tag]);
    else assert.equal(count, 0);
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
    ['version 2', (() => { const b = Buffer.from(good); b.writeUInt32LE(2, 4); return b; })(), /version 2, this reader understands version 1/],
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
  ];
  for (const [name, buf, re] of cases) assert.throws(() => readBundle(buf), re, name);
});

test('writeBundle refuses values that do not fit their field', () => {
  const minimal = () => ({
    META: [{}], VERT: [], TRIS: [], RING: [], CTRY: [], PLAC: [], ARTC: [], EVNT: [], RELN: [], FIGR: [], SRCS: [], LIST: [],
    FNTR: Buffer.alloc(0), FNTB: Buffer.alloc(0),
  });
  const ok = writeBundle(minimal());
  assert.equal(ok.readUInt32LE(8), ok.length);
  assert.throws(() => writeBundle({ ...minimal(), EVNT: [{ year: 70000, place: 1 }] }), /EVNT\[0\]\.year: bad u16 70000/);
  assert.throws(() => writeBundle({ ...minimal(), LIST: [{ id: -1 }] }), /LIST\[0\]\.id: bad u32 -1/);
  const { LIST, ...noList } = minimal();
  assert.throws(() => writeBundle(noList), /section LIST missing/);
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
