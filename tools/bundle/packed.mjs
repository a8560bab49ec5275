// The packed geometry section of bundle format 4 (src/core/bundle_format.md,
// "VERT"): vertices as integer steps of a quantum, each stored as a zig-zag
// varint delta from the previous vertex of its ring, or, when it repeats a
// vertex of an earlier ring (a shared border), as a back-reference to that
// vertex. (Format 3's TRIS, the triangles, is gone: the renderer cuts them
// from the rings, src/core/triangulate.h.)
// Shared by the writer (write_bundle.mjs) and the reader (read_bundle.mjs),
// which must agree with src/core/bundle.c to the bit.
//
// Why this shape: neighbouring border points are close, so their deltas are
// small numbers of one to three bytes that gzip squeezes well, where the f32
// pairs of version 1 looked like noise to it. A border shared by two
// countries is stored once: the second country's copy is a run of
// references, each one step from the last (a run of identical bytes).

/** World units per step; 1e-6 is ~6 m on the ground, ~0.2 device px at the deepest zoom. */
export const QUANTUM = 1e-6;
/** Bytes before the first vertex: the f64 quantum. */
export const VERT_HEADER_SIZE = 8;
/** A varint holds a u32: at most 5 bytes of 7 bits. */
export const VARINT_MAX_BYTES = 5;

const INT32_MIN = -0x80000000, INT32_MAX = 0x7fffffff;
const FLT_MAX = 3.4028234663852886e38;

/** The step count nearest to a world coordinate (never -0: a reader's integer 0 is +0). */
export function quantize(world, quantum = QUANTUM) { return Math.round(world / quantum) || 0; }

const zigzag = (v) => (v >= 0 ? 2 * v : -2 * v - 1); // exact for |v| < 2^31 in doubles
const unzigzag = (u) => (u % 2 === 0 ? u / 2 : -(u + 1) / 2);

function pushVarint(out, u) {
  while (u >= 0x80) { out.push((u % 0x80) | 0x80); u = Math.floor(u / 0x80); }
  out.push(u);
}

/**
 * vertexSteps: interleaved integer steps [x0, y0, x1, y1, ...];
 * ringCounts: vertices per ring, in order, covering every vertex exactly once.
 * Returns the section bytes (format 3: a vertex that repeats a vertex of an
 * earlier ring is written as a back-reference to it, see the format page;
 * `references: false` writes every vertex as a literal, which decodes to the
 * same points, as version 2 stored them). Throws if a value does not fit the format.
 */
export function encodeVertices(vertexSteps, ringCounts, quantum = QUANTUM, { references = true } = {}) {
  const count = vertexSteps.length / 2;
  if (!Number.isInteger(count)) throw new Error('VERT: odd number of coordinates');
  if (!(quantum > 0 && Number.isFinite(quantum))) throw new Error(`VERT: quantum ${quantum} is not a positive finite number`);
  const covered = ringCounts.reduce((s, n) => s + n, 0);
  if (covered !== count) throw new Error(`VERT: rings cover ${covered} vertices but there are ${count}`);
  for (let i = 0; i < vertexSteps.length; i++) {
    const q = vertexSteps[i];
    if (!Number.isInteger(q) || q < INT32_MIN || q > INT32_MAX) throw new Error(`VERT[${i >> 1}].${i & 1 ? 'y' : 'x'}: ${q} steps is not a 32-bit integer`);
  }
  const out = [];
  const firstAt = new Map(); // "x,y" -> every vertex of an earlier ring at that point, in order
  const key = (i) => `${vertexSteps[2 * i]},${vertexSteps[2 * i + 1]}`;
  let v = 0, lastRef = 0;
  for (const n of ringCounts) {
    const ringFirst = v;
    let px = 0, py = 0; // every ring's literals start from (0, 0)
    for (let k = 0; k < n; k++, v++) {
      const x = vertexSteps[2 * v], y = vertexSteps[2 * v + 1];
      const earlier = references && firstAt.get(key(v));
      if (earlier) {
        // the occurrence that continues the previous reference's run, else the first one
        const src = earlier.find((i) => i === lastRef - 1 || i === lastRef + 1) ?? earlier[0];
        out.push(0);
        pushVarint(out, zigzag(src - lastRef));
        lastRef = src;
      } else {
        const dx = x - px, dy = y - py;
        if (dx <= INT32_MIN || dx > INT32_MAX) throw new Error(`VERT[${v}].x: delta ${dx} does not fit 32 bits`);
        if (dy < INT32_MIN || dy > INT32_MAX) throw new Error(`VERT[${v}].y: delta ${dy} does not fit 32 bits`);
        pushVarint(out, zigzag(dx) + 1);
        pushVarint(out, zigzag(dy));
      }
      px = x; py = y;
    }
    for (let i = ringFirst; i < v; i++) {
      const list = firstAt.get(key(i));
      if (list) { if (list[list.length - 1] !== i) list.push(i); } else firstAt.set(key(i), [i]);
    }
  }
  const buf = Buffer.alloc(VERT_HEADER_SIZE + out.length);
  buf.writeDoubleLE(quantum, 0);
  Buffer.from(out).copy(buf, VERT_HEADER_SIZE);
  return buf;
}

/** A reader over one section's bytes; fail(message) must throw. */
class VarintReader {
  constructor(bytes, start, end, tag, fail) { Object.assign(this, { bytes, at: start, end, tag, fail }); }
  /** The next varint as a u32; `field` names it in errors. */
  next(field) {
    const start = this.at;
    let value = 0;
    for (let k = 0; ; k++) {
      if (k === VARINT_MAX_BYTES) this.fail(`${field}: varint longer than ${VARINT_MAX_BYTES} bytes (at byte ${start})`);
      if (this.at >= this.end) this.fail(`${field}: varint runs past the end of ${this.tag} (at byte ${start})`);
      const byte = this.bytes[this.at++];
      value += (byte & 0x7f) * 2 ** (7 * k);
      if (byte < 0x80) {
        if (byte === 0 && k > 0) this.fail(`${field}: varint not in its shortest form (at byte ${start})`);
        if (value > 0xffffffff) this.fail(`${field}: varint exceeds 32 bits (at byte ${start})`);
        return value;
      }
    }
  }
  /** The next zig-zag varint as an int32. */
  nextSigned(field) { return unzigzag(this.next(field)); }
}

/**
 * Decodes VERT. section: { offset, size, count } in `buf`; ringCounts as for
 * encodeVertices (the caller has checked that they cover `count`).
 * Returns { quantum, steps: Int32Array (interleaved), xy: Float32Array }.
 */
export function decodeVertices(buf, section, ringCounts, fail) {
  const { offset, size, count } = section;
  if (size < VERT_HEADER_SIZE) fail(`VERT: ${size} bytes, too small for its ${VERT_HEADER_SIZE}-byte header (at byte ${offset})`);
  const quantum = buf.readDoubleLE(offset);
  if (!(quantum > 0 && Number.isFinite(quantum))) fail(`VERT.quantum = ${quantum} is not a positive finite number (at byte ${offset})`);
  const r = new VarintReader(buf, offset + VERT_HEADER_SIZE, offset + size, 'VERT', fail);
  const steps = new Int32Array(2 * count), xy = new Float32Array(2 * count);
  let v = 0, lastRef = 0;
  for (const n of ringCounts) {
    const q = [0, 0];
    for (let k = 0; k < n; k++, v++) {
      const at = r.at;
      const first = r.next(`VERT[${v}].x`);
      if (first === 0) {
        // a back-reference: the same point as an earlier vertex
        const refAt = r.at;
        const src = lastRef + r.nextSigned(`VERT[${v}].ref`);
        if (src < 0) fail(`VERT[${v}].ref = ${src}, below 0 (at byte ${refAt})`);
        if (src >= v) fail(`VERT[${v}].ref = ${src} does not point back to an earlier vertex (must be < ${v}) (at byte ${refAt})`);
        lastRef = src;
        for (const axis of [0, 1]) {
          q[axis] = steps[2 * src + axis];
          steps[2 * v + axis] = q[axis];
          xy[2 * v + axis] = xy[2 * src + axis];
        }
        continue;
      }
      for (const axis of [0, 1]) {
        const field = `VERT[${v}].${axis ? 'y' : 'x'}`;
        const fieldAt = axis ? r.at : at;
        q[axis] += axis ? r.nextSigned(field) : unzigzag(first - 1);
        if (q[axis] < INT32_MIN || q[axis] > INT32_MAX) fail(`${field} = ${q[axis]} steps, outside 32 bits (at byte ${fieldAt})`);
        const exact = q[axis] * quantum;
        if (!(Math.abs(exact) <= FLT_MAX)) fail(`${field} = ${exact} is not a finite float (at byte ${fieldAt})`);
        steps[2 * v + axis] = q[axis];
        xy[2 * v + axis] = Math.fround(exact);
      }
    }
  }
  if (r.at !== offset + size) fail(`VERT: ${offset + size - r.at} bytes left after the last vertex (at byte ${r.at})`);
  return { quantum, steps, xy };
}

/** Bytes a section of `count` records may take: [min, max] (for the section table check). */
export const PACKED_SIZE = {
  VERT: (count) => [VERT_HEADER_SIZE + 2 * count, VERT_HEADER_SIZE + 2 * VARINT_MAX_BYTES * count],
};
