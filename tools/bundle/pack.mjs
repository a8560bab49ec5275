#!/usr/bin/env node
// Compresses a bundle for embedding (issue 12: the web page's first load):
//
//   node tools/bundle/pack.mjs <bundle> <out>
//
// writes the container src/core/bundle_lzma.h describes ("SATZ", version 1,
// the plain bundle's size and CRC-32, the LZMA stream's size, its 5 property
// bytes, then the stream) from `xz --format=lzma -9e` (Debian's xz-utils;
// single-threaded, so the same input gives the same bytes), atomically
// (temp file + rename). The bundle itself stays the plain format: only the
// copy the programs embed is compressed (src/core/bundle_lzma.c decodes it).
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { crc32 } from './format.mjs';

export const PACK_MAGIC = 'SATZ';
export const PACK_VERSION = 1;
export const PACK_HEADER_SIZE = 25;
// The .lzma ("lzma_alone") file xz writes: 5 property bytes, a u64 size, the stream.
const ALONE_HEADER_SIZE = 13;

export function xzLzma(bytes) {
  const r = spawnSync('xz', ['--format=lzma', '-9e', '--threads=1', '--stdout', '--quiet'], { input: bytes, maxBuffer: 1 << 28 });
  if (r.error) throw new Error(`pack: cannot run xz (${r.error.code === 'ENOENT' ? 'not installed: Debian package xz-utils, tools/setup.sh' : r.error.message})`);
  if (r.status !== 0) throw new Error(`pack: xz failed (exit ${r.status}): ${r.stderr.toString().trim()}`);
  return r.stdout;
}

// The container for a plain bundle's bytes.
export function packBundle(bytes) {
  const alone = xzLzma(bytes);
  if (alone.length < ALONE_HEADER_SIZE) throw new Error('pack: xz wrote no .lzma header');
  const stated = alone.readBigUInt64LE(5);
  if (stated !== 0xffffffffffffffffn && stated !== BigInt(bytes.length))
    throw new Error(`pack: xz's header says ${stated} bytes, the bundle has ${bytes.length}`);
  const stream = alone.subarray(ALONE_HEADER_SIZE);
  const header = Buffer.alloc(PACK_HEADER_SIZE);
  header.write(PACK_MAGIC, 0, 'latin1');
  header.writeUInt32LE(PACK_VERSION, 4);
  header.writeUInt32LE(bytes.length, 8);
  header.writeUInt32LE(crc32(bytes), 12);
  header.writeUInt32LE(stream.length, 16);
  alone.copy(header, 20, 0, 5);
  return Buffer.concat([header, stream]);
}

// The header of a container, or null if buf does not start with one.
export function readPackHeader(buf, at = 0) {
  if (at + PACK_HEADER_SIZE > buf.length || buf.toString('latin1', at, at + 4) !== PACK_MAGIC) return null;
  if (buf.readUInt32LE(at + 4) !== PACK_VERSION) return null;
  const streamSize = buf.readUInt32LE(at + 16);
  if (at + PACK_HEADER_SIZE + streamSize > buf.length) return null;
  return { offset: at, plainSize: buf.readUInt32LE(at + 8), plainCrc: buf.readUInt32LE(at + 12), streamSize,
    size: PACK_HEADER_SIZE + streamSize };
}

function main() {
  const [bundle, out] = process.argv.slice(2);
  if (!bundle || !out || process.argv.length > 4) {
    console.error('usage: node tools/bundle/pack.mjs <bundle> <out>');
    process.exitCode = 1;
    return;
  }
  let bytes, packed;
  try { bytes = fs.readFileSync(bundle); } catch (e) {
    console.error(`pack: cannot read ${bundle}: ${e.message}`);
    process.exitCode = 1;
    return;
  }
  try { packed = packBundle(bytes); } catch (e) {
    console.error(e.message);
    process.exitCode = 1;
    return;
  }
  const dir = path.dirname(path.resolve(out));
  const tmp = path.join(dir, `.${path.basename(out)}.${process.pid}.tmp`);
  try {
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(tmp, packed);
    fs.renameSync(tmp, out);
  } catch (e) {
    fs.rmSync(tmp, { force: true });
    console.error(`pack: cannot write ${out}: ${e.message}`);
    process.exitCode = 1;
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
