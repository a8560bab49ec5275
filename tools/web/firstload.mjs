// What the web page's first load transfers, measured from the built files (no
// browser): the files index.html references, the .wasm its glue loads and, in
// the static-host output (build/web/dist), the service worker and what it
// precaches. Used by tools/web/budget.mjs and the tests.
//
//   const m = measureFirstLoad('build/web/out');
//   m.files        [{ name, kind, raw, gz }]  kind: code | glue | page | bundle | icon
//   m.install      the same for the manifest's icons, fetched only to install the app (not in the totals)
//   m.totalGz      sum of gz over m.files (gzip -9 of each file, like ../shared/bench)
//   m.wasm         { name, sections: [{ name, raw, gz }], bundle } for the code file
//   m.bundle       { where, offset, raw, gz, sections: [{ tag, raw, gz }], lzma } or null
//
// The page embeds the bundle LZMA-compressed (tools/bundle/pack.mjs, the
// "SATZ" container of src/core/bundle_lzma.h), which nothing here can
// decode: m.bundle's raw and gz are then the container's as the page loads
// it, m.bundle.lzma is { plainRaw, plainGz } and the sections are those of
// the plain bundle it unpacks to, read from a file (options.plainBundle, else
// the build's atlas.bundle beside dir) whose size and CRC-32 the container's
// header names; sections is [] and m.bundle.plainMissing says why if no such
// file is found.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { MAGIC, VERSION, HEADER_SIZE, SECTION_ENTRY_SIZE, crc32 } from '../bundle/format.mjs';
import { PACK_MAGIC, readPackHeader } from '../bundle/pack.mjs';

export const gz9 = (buf) => zlib.gzipSync(buf, { level: 9 }).length;

// Local URLs in src= / href= attributes of an HTML page, in document order.
export function htmlReferences(html) {
  const refs = [];
  for (const m of html.matchAll(/\s(?:src|href)\s*=\s*"([^"]*)"/g)) {
    const u = m[1];
    if (!u || /^[a-z][a-z0-9+.-]*:/i.test(u) || u.startsWith('//') || u.startsWith('#')) continue;
    refs.push(u.split(/[?#]/)[0]);
  }
  return refs;
}

// The precache list a built sw.js carries (tools/web/dist.mjs writes it), or null.
export function precacheList(swSource) {
  const m = swSource.match(/^const PRECACHE = (\{.*\});$/m);
  return m ? JSON.parse(m[1]) : null;
}

function kindOf(name) {
  if (/\.wasm$/.test(name)) return 'code';
  if (/^atlas(\.[0-9a-f]+)?\.js$/.test(name)) return 'glue';
  if (/\.bundle$/.test(name)) return 'bundle';
  if (/\.(png|svg|ico)$/.test(name)) return 'icon';
  return 'page';
}

// WebAssembly sections by id (the binary format's section ids).
const WASM_SECTIONS = ['custom', 'type', 'import', 'function', 'table', 'memory', 'global', 'export',
  'start', 'element', 'code', 'data', 'datacount'];

function leb(buf, pos) {
  let v = 0, shift = 0, b;
  do { b = buf[pos++]; v += (b & 0x7f) * 2 ** shift; shift += 7; } while (b & 0x80);
  return [v, pos];
}

export function wasmSections(buf) {
  if (buf.readUInt32BE(0) !== 0x0061736d) throw new Error('not a WebAssembly module');
  const out = [];
  let pos = 8;
  while (pos < buf.length) {
    const id = buf[pos];
    const [size, start] = leb(buf, pos + 1);
    out.push({ name: WASM_SECTIONS[id] || `id${id}`, start, end: start + size });
    pos = start + size;
  }
  return out;
}

// Splits the code section by who wrote each function. symbols: the text of
// emcc's --emit-symbol-map (`index:name`, the function index space, imports
// first); owners: [{ label, names: Set }] (e.g. from llvm-nm of the objects
// and libraries). Functions no owner names go to restLabel; a name several
// owners define goes to 'ambiguous'. Returns [{ label, functions, raw, gz }],
// gz of each owner's function bodies compressed together.
export function codeOwners(buf, symbols, owners, restLabel = 'other') {
  const names = new Map();
  for (const line of symbols.split('\n')) {
    const i = line.indexOf(':');
    if (i > 0) names.set(Number(line.slice(0, i)), line.slice(i + 1));
  }
  const sections = wasmSections(buf);
  let imported = 0;
  const imp = sections.find((x) => x.name === 'import');
  if (imp) {
    let [n, pos] = leb(buf, imp.start);
    for (let i = 0; i < n; i++) {
      for (let k = 0; k < 2; k++) { let len; [len, pos] = leb(buf, pos); pos += len; } // module, field
      const kind = buf[pos++];
      if (kind === 0) { imported++; [, pos] = leb(buf, pos); }
      else if (kind === 1) { pos++; let f; [f, pos] = leb(buf, pos); [, pos] = leb(buf, pos); if (f & 1) [, pos] = leb(buf, pos); }
      else if (kind === 2) { let f; [f, pos] = leb(buf, pos); [, pos] = leb(buf, pos); if (f & 1) [, pos] = leb(buf, pos); }
      else if (kind === 3) pos += 2;
      else throw new Error(`unknown import kind ${kind}`);
    }
  }
  const code = sections.find((x) => x.name === 'code');
  const groups = new Map();
  const put = (label, body) => {
    if (!groups.has(label)) groups.set(label, { label, functions: 0, raw: 0, bodies: [] });
    const g = groups.get(label); g.functions++; g.raw += body.length; g.bodies.push(body);
  };
  let [n, pos] = leb(buf, code.start);
  const last = Math.max(...names.keys());
  if (last !== imported + n - 1) throw new Error(`the symbol map names functions up to ${last}, the .wasm has ${imported + n} (not the map of this build)`);
  for (let i = 0; i < n; i++) {
    let size; [size, pos] = leb(buf, pos);
    const body = buf.subarray(pos, pos + size);
    pos += size;
    const name = (names.get(imported + i) || '').replace(/\.\d+$/, '');
    const who = owners.filter((o) => o.names.has(name));
    put(who.length === 1 ? who[0].label : who.length > 1 ? 'ambiguous' : restLabel, body);
  }
  return [...groups.values()].map(({ bodies, ...g }) => ({ ...g, gz: gz9(Buffer.concat(bodies)) }))
    .sort((a, b) => b.raw - a.raw);
}

function sleb(buf, pos) {
  let v = 0, shift = 0, b;
  do { b = buf[pos++]; v |= (b & 0x7f) << shift; shift += 7; } while (b & 0x80);
  if (shift < 32 && (b & 0x40)) v |= -1 << shift;
  return [v, pos];
}

// The data section's active segments laid out at their addresses: the linear
// memory's initial image (wasm-opt splits data at runs of zeros, so a blob
// embedded in C is not contiguous in the file). Returns { image, base, segments }.
export function wasmDataImage(buf, section) {
  let [n, pos] = leb(buf, section.start);
  const segs = [];
  for (let i = 0; i < n; i++) {
    let flags; [flags, pos] = leb(buf, pos);
    let addr = null;
    if (flags === 2) [, pos] = leb(buf, pos);
    if (flags === 0 || flags === 2) {
      if (buf[pos] !== 0x41) throw new Error('data segment offset is not an i32.const');
      [addr, pos] = sleb(buf, pos + 1);
      if (buf[pos++] !== 0x0b) throw new Error('data segment offset expression too long');
    }
    let size; [size, pos] = leb(buf, pos);
    segs.push({ addr, start: pos, size });
    pos += size;
  }
  const active = segs.filter((s) => s.addr !== null);
  const base = Math.min(...active.map((s) => s.addr));
  const image = Buffer.alloc(Math.max(...active.map((s) => s.addr + s.size)) - base);
  for (const s of active) buf.copy(image, s.addr - base, s.start, s.start + s.size);
  return { image, base, segments: segs };
}

// Finds a valid Steppe Atlas bundle (magic, version, size, CRC) inside buf.
export function findBundle(buf) {
  const magic = Buffer.from(MAGIC, 'latin1');
  for (let at = buf.indexOf(magic); at >= 0; at = buf.indexOf(magic, at + 1)) {
    if (at + HEADER_SIZE > buf.length || buf.readUInt32LE(at + 4) !== VERSION) continue;
    const size = buf.readUInt32LE(at + 8);
    if (size < HEADER_SIZE || at + size > buf.length) continue;
    const b = buf.subarray(at, at + size);
    if (b.readUInt32LE(12) !== crc32(b, 16, size)) continue;
    const sections = [];
    const n = b.readUInt32LE(16);
    for (let i = 0; i < n; i++) {
      const e = HEADER_SIZE + i * SECTION_ENTRY_SIZE;
      const tag = b.toString('latin1', e, e + 4), off = b.readUInt32LE(e + 4), len = b.readUInt32LE(e + 8);
      const data = b.subarray(off, off + len);
      sections.push({ tag, raw: len, gz: gz9(data) });
    }
    return { offset: at, raw: size, gz: gz9(b), sections };
  }
  return null;
}

// Finds the compressed bundle ("SATZ" container) inside buf, and the plain
// bundle it unpacks to among the candidate files (matched by size and CRC-32).
export function findCompressedBundle(buf, plainCandidates = []) {
  const magic = Buffer.from(PACK_MAGIC, 'latin1');
  for (let at = buf.indexOf(magic); at >= 0; at = buf.indexOf(magic, at + 1)) {
    const h = readPackHeader(buf, at);
    if (!h) continue;
    const container = buf.subarray(at, at + h.size);
    const found = { offset: at, raw: h.size, gz: gz9(container), sections: [], lzma: { plainRaw: h.plainSize, plainGz: null } };
    const tried = [];
    for (const file of plainCandidates.filter(Boolean)) {
      if (!fs.existsSync(file)) { tried.push(`${file}: missing`); continue; }
      const plain = fs.readFileSync(file);
      if (plain.length !== h.plainSize || crc32(plain) !== h.plainCrc) { tried.push(`${file}: not the bundle embedded`); continue; }
      const b = findBundle(plain);
      if (!b || b.offset !== 0) { tried.push(`${file}: not a valid bundle`); continue; }
      found.sections = b.sections;
      found.lzma.plainGz = b.gz;
      found.plainFile = file;
      return found;
    }
    found.plainMissing = `no plain copy of the embedded bundle (${tried.join('; ') || 'none named'})`;
    return found;
  }
  return null;
}

export function measureFirstLoad(dir, options = {}) {
  const plainCandidates = [options.plainBundle, path.join(dir, '..', 'atlas.bundle')];
  const read = (name) => fs.readFileSync(path.join(dir, name));
  if (!fs.existsSync(path.join(dir, 'index.html'))) throw new Error(`${dir}/index.html not found (build the web preset first)`);
  const names = ['index.html'];
  const add = (n) => { if (!names.includes(n)) names.push(n); };
  for (const ref of htmlReferences(read('index.html').toString('utf8'))) add(ref);
  // The glue fetches the module itself (index.html may also preload it).
  for (const n of [...names]) {
    if (kindOf(n) !== 'glue') continue;
    for (const m of read(n).toString('utf8').matchAll(/["']([\w.-]+\.wasm)["']/g)) add(m[1]);
  }
  // The static-host build registers a service worker that precaches its list.
  let precache = null;
  if (fs.existsSync(path.join(dir, 'sw.js'))) {
    precache = precacheList(read('sw.js').toString('utf8'));
    if (precache) { add('sw.js'); for (const f of precache.files) add(f); }
  }
  // The manifest's icons are fetched only to install the app (Chromium fetches
  // neither them nor the manifest on load): listed apart, not in the total.
  const installOnly = [];
  for (const n of [...names]) {
    if (!/\.webmanifest$/.test(n) || !fs.existsSync(path.join(dir, n))) continue;
    for (const icon of JSON.parse(read(n)).icons || [])
      if (!names.includes(icon.src) && !installOnly.includes(icon.src)) installOnly.push(icon.src);
  }
  const files = [];
  let wasm = null, bundle = null;
  for (const name of names) {
    if (!fs.existsSync(path.join(dir, name))) throw new Error(`${name} is referenced but missing from ${dir}`);
    const buf = read(name);
    const f = { name, kind: kindOf(name), raw: buf.length, gz: gz9(buf) };
    files.push(f);
    if (f.kind === 'code') {
      wasm = { name, raw: f.raw, gz: f.gz, sections: [] };
      for (const s of wasmSections(buf)) {
        const slice = buf.subarray(s.start, s.end);
        const prev = wasm.sections.find((x) => x.name === s.name);
        if (prev) { prev.raw += slice.length; prev.gz += gz9(slice); continue; }
        wasm.sections.push({ name: s.name, raw: slice.length, gz: gz9(slice), start: s.start, end: s.end });
      }
      // The bundle compiled into the code: look for it in the initial memory image.
      const data = wasm.sections.find((s) => s.name === 'data');
      if (data && !bundle) {
        const { image } = wasmDataImage(buf, data);
        const lz = findCompressedBundle(image, plainCandidates);
        const found = lz || findBundle(image);
        if (found) {
          bundle = { where: lz ? `embedded LZMA-compressed in ${name}'s data section; its sections as ${lz.plainFile
            ? path.basename(lz.plainFile) : 'the plain bundle'} holds them` : `embedded in ${name}'s data section`, ...found };
          const rest = Buffer.concat([image.subarray(0, found.offset), image.subarray(found.offset + found.raw)]);
          data.restRaw = rest.length; data.restGz = gz9(rest);
        }
      }
    } else if (f.kind === 'bundle' && !bundle) {
      const found = findBundle(buf);
      if (found) bundle = { where: `separate file ${name}`, ...found };
    }
  }
  const install = installOnly.map((name) => {
    if (!fs.existsSync(path.join(dir, name))) throw new Error(`${name} is referenced but missing from ${dir}`);
    const buf = read(name);
    return { name, kind: 'install', raw: buf.length, gz: gz9(buf) };
  });
  return { dir, files, install, totalGz: files.reduce((s, f) => s + f.gz, 0), totalRaw: files.reduce((s, f) => s + f.raw, 0), wasm, bundle, precache };
}
