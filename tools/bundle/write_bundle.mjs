// Serialises bundle sections into the binary format of src/core/bundle_format.md.

import { MAGIC, VERSION, HEADER_SIZE, SECTION_ENTRY_SIZE, LAYOUTS, RECORD_SIZE, SECTION_ORDER, OPTIONAL, BLOBS, PACKED, crc32 } from './format.mjs';
import { QUANTUM, encodeVertices } from './packed.mjs';

/** The string pool: deduplicated, starts with a NUL so offset 0 is "". */
export class StringPool {
  constructor() {
    this.offsets = new Map([['', 0]]);
    this.chunks = [Buffer.from([0])];
    this.size = 1;
  }
  add(s) {
    if (s === undefined || s === null) s = '';
    if (typeof s !== 'string') throw new TypeError(`string pool: not a string: ${s}`);
    if (s.includes('\0')) throw new Error(`string pool: NUL inside ${JSON.stringify(s)}`);
    let off = this.offsets.get(s);
    if (off === undefined) {
      off = this.size;
      const b = Buffer.from(s + '\0', 'utf8');
      this.chunks.push(b);
      this.size += b.length;
      this.offsets.set(s, off);
    }
    return off;
  }
  bytes() { return Buffer.concat(this.chunks, this.size); }
}

function encodeTable(tag, records, pool) {
  const layout = LAYOUTS[tag];
  const size = RECORD_SIZE[tag];
  const buf = Buffer.alloc(records.length * size);
  records.forEach((rec, ri) => {
    let o = ri * size;
    for (const [name, type] of layout) {
      const v = rec[name];
      const where = () => `${tag}[${ri}].${name}`;
      switch (type) {
        case 'str': buf.writeUInt32LE(pool.add(v ?? ''), o); o += 4; break;
        case 'u32': {
          const n = v ?? 0;
          if (!Number.isInteger(n) || n < 0 || n > 0xffffffff) throw new Error(`${where()}: bad u32 ${v}`);
          buf.writeUInt32LE(n, o); o += 4; break;
        }
        case 'u16': {
          const n = v ?? 0;
          if (!Number.isInteger(n) || n < 0 || n > 0xffff) throw new Error(`${where()}: bad u16 ${v}`);
          buf.writeUInt16LE(n, o); o += 2; break;
        }
        case 'u8': {
          const n = v ?? 0;
          if (!Number.isInteger(n) || n < 0 || n > 0xff) throw new Error(`${where()}: bad u8 ${v}`);
          buf.writeUInt8(n, o); o += 1; break;
        }
        case 'f32': {
          const n = v ?? 0;
          if (typeof n !== 'number') throw new Error(`${where()}: bad f32 ${v}`);
          buf.writeFloatLE(n, o); o += 4; break;
        }
        case 'f32[4]': {
          const a = v ?? [0, 0, 0, 0];
          if (a.length !== 4) throw new Error(`${where()}: expected 4 numbers`);
          for (let k = 0; k < 4; k++) buf.writeFloatLE(a[k], o + 4 * k);
          o += 16; break;
        }
        default: throw new Error(`unknown type ${type}`);
      }
    }
  });
  return buf;
}

/** Vertices per ring, checking that the rings cover VERT in order (the packed
 *  VERT restarts its deltas at each ring, so the reader relies on this). */
function ringCounts(rings, vertexCount) {
  if (!Array.isArray(rings)) throw new Error('bundle: RING must be given as records (VERT is packed ring by ring)');
  let next = 0;
  rings.forEach((r, i) => {
    if (r.vert_first !== next) throw new Error(`bundle: RING[${i}].vert_first = ${r.vert_first}, expected ${next}: rings must cover VERT in order`);
    next += r.vert_count;
  });
  if (next !== vertexCount) throw new Error(`bundle: rings cover ${next} vertices but VERT has ${vertexCount}`);
  return rings.map((r) => r.vert_count);
}

/** The packed section: VERT { steps: [x0, y0, ...] integer steps, quantum? }. */
function encodePacked(tag, s, sections) {
  const count = s.steps.length / 2;
  return { data: encodeVertices(s.steps, ringCounts(sections.RING, count), s.quantum ?? QUANTUM), count };
}

/**
 * sections: { META: [rec], VERT: { steps, quantum? }, RING: [rec], ..., FNTR: Buffer, FNTB: Buffer }
 * Tables may be given as arrays of records, and tables and packed sections as
 * { buffer, count } (pre-encoded: tests use it to write malformed bytes).
 * Strings referenced by records are added to the pool while encoding, so
 * STRS is encoded last but placed first.
 */
export function writeBundle(sections) {
  const pool = new StringPool();
  const encoded = new Map();
  // an optional section left out is not written at all
  const tags = SECTION_ORDER.filter((tag) => !(OPTIONAL.has(tag) && sections[tag] === undefined));
  for (const tag of tags) {
    if (tag === 'STRS') continue;
    const s = sections[tag];
    if (s === undefined) throw new Error(`bundle: section ${tag} missing`);
    if (BLOBS.has(tag)) encoded.set(tag, { data: Buffer.from(s), count: 0 });
    else if (PACKED.has(tag) && !Buffer.isBuffer(s.buffer)) encoded.set(tag, encodePacked(tag, s, sections));
    else if (Buffer.isBuffer(s.buffer)) {
      if (!PACKED.has(tag) && s.buffer.length !== s.count * RECORD_SIZE[tag]) throw new Error(`bundle: ${tag} size mismatch`);
      encoded.set(tag, { data: s.buffer, count: s.count });
    } else encoded.set(tag, { data: encodeTable(tag, s, pool), count: s.length });
  }
  encoded.set('STRS', { data: pool.bytes(), count: 0 });

  const align4 = (n) => (n + 3) & ~3;
  let offset = HEADER_SIZE + tags.length * SECTION_ENTRY_SIZE;
  const placed = [];
  for (const tag of tags) {
    offset = align4(offset);
    const { data, count } = encoded.get(tag);
    placed.push({ tag, offset, data, count });
    offset += data.length;
  }
  const fileSize = align4(offset);
  const out = Buffer.alloc(fileSize); // padding bytes stay 0
  out.write(MAGIC, 0, 'latin1');
  out.writeUInt32LE(VERSION, 4);
  out.writeUInt32LE(fileSize, 8);
  out.writeUInt32LE(placed.length, 16);
  out.writeUInt32LE(0, 20);
  placed.forEach((p, i) => {
    const e = HEADER_SIZE + i * SECTION_ENTRY_SIZE;
    out.write(p.tag, e, 'latin1');
    out.writeUInt32LE(p.offset, e + 4);
    out.writeUInt32LE(p.data.length, e + 8);
    out.writeUInt32LE(p.count, e + 12);
    p.data.copy(out, p.offset);
  });
  out.writeUInt32LE(crc32(out, 16, fileSize), 12);
  return out;
}
