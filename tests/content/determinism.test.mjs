// Building twice gives byte-identical bundles (and embedded C files, and the compressed copy the programs embed).

import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { runCompile, contentDir, tempDir, REPO, TOOLS } from './helpers.mjs';
import { readBundle } from '../../tools/bundle/read_bundle.mjs';
import { crc32 } from '../../tools/bundle/format.mjs';

const sha = (b) => crypto.createHash('sha256').update(b).digest('hex');

test(`compiling ${path.relative(REPO, contentDir())} twice gives identical bytes`, () => {
  const tmp = tempDir();
  try {
    const a = path.join(tmp, 'a.bundle'), b = path.join(tmp, 'sub/b.bundle');
    const ra = runCompile(contentDir(), a);
    assert.equal(ra.status, 0, ra.stderr);
    // a different output path, and a different working directory
    const rb = spawnSync(process.execPath, [path.join(TOOLS, 'compile.mjs'), '--assets', contentDir(), '--out', b], { cwd: tmp, encoding: 'utf8' });
    assert.equal(rb.status, 0, rb.stderr);
    const A = fs.readFileSync(a), B = fs.readFileSync(b);
    assert.equal(A.length, B.length);
    assert.equal(sha(A), sha(B));
    assert.ok(A.equals(B));
    // provenance names the inputs and carries a content hash, not a time
    const meta = readBundle(A).meta;
    assert.match(meta.built_from, /sha256 [0-9a-f]{16}$/);
    assert.doesNotMatch(meta.built_from, /20\d\d-\d\d-\d\d|:\d\d:\d\d|\/tmp\//);
    // the fonts inside are deterministic too (pyftsubset without timestamps)
    const fa = readBundle(A).fonts.regular;
    assert.ok(!fa.includes(Buffer.from(tmp)), 'no temp paths inside the font');
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
});

test('a content change changes built_from and the bytes', () => {
  const tmp = tempDir();
  try {
    const dir = path.join(tmp, 'content');
    fs.cpSync(contentDir(), dir, { recursive: true });
    const a = path.join(tmp, 'a.bundle'), b = path.join(tmp, 'b.bundle');
    assert.equal(runCompile(dir, a).status, 0);
    const f = path.join(dir, 'places.json');
    fs.writeFileSync(f, fs.readFileSync(f, 'utf8').replace('"name": "Astana"', '"name": "Astana city"'));
    const r = runCompile(dir, b);
    assert.equal(r.status, 0, r.stderr);
    const A = readBundle(fs.readFileSync(a)), B = readBundle(fs.readFileSync(b));
    assert.notEqual(A.meta.built_from, B.meta.built_from);
    assert.equal(B.places.find((p) => p.key === 'astana').name, 'Astana city');
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
});

test('embed.mjs writes a compact, aligned, deterministic C array of the exact bytes', () => {
  const tmp = tempDir();
  try {
    const bundle = path.join(tmp, 'atlas.bundle');
    assert.equal(runCompile(contentDir(), bundle).status, 0);
    const bytes = fs.readFileSync(bundle);
    const outs = ['one.c', 'two.c'].map((n) => path.join(tmp, n));
    for (const o of outs) {
      const r = spawnSync(process.execPath, [path.join(TOOLS, 'embed.mjs'), bundle, o, 'steppe_default_bundle'], { encoding: 'utf8' });
      assert.equal(r.status, 0, r.stderr);
    }
    const [c1, c2] = outs.map((o) => fs.readFileSync(o, 'utf8'));
    assert.equal(c1, c2);
    assert.match(c1, /__attribute__\(\(aligned\(16\)\)\) const unsigned char steppe_default_bundle\[\d+\] = \{/);
    assert.match(c1, new RegExp(`const unsigned long steppe_default_bundle_size = ${bytes.length}UL;`));
    const body = c1.slice(c1.indexOf('= {') + 3, c1.indexOf('};'));
    const parsed = Buffer.from(body.split(',').map((s) => Number(s.trim())));
    assert.ok(parsed.equals(bytes), 'the array holds exactly the bundle bytes');
    const dataLines = body.trim().split('\n');
    assert.ok(dataLines.slice(0, -1).every((l) => l.split(',').filter(Boolean).length === 24), '24 bytes per line');
    assert.ok(!/ /.test(body.replace(/\n/g, '')), 'no spaces in the data');
    assert.ok(c1.length < bytes.length * 4.1, `C file is ${c1.length} bytes for ${bytes.length}`);
    assert.deepEqual(fs.readdirSync(tmp).sort(), ['atlas.bundle', 'one.c', 'two.c'], 'no temp files left');
    // bad usage and a missing input fail cleanly
    const bad = spawnSync(process.execPath, [path.join(TOOLS, 'embed.mjs'), path.join(tmp, 'nope'), path.join(tmp, 'x.c'), 'sym'], { encoding: 'utf8' });
    assert.equal(bad.status, 1);
    assert.match(bad.stderr, /cannot read/);
    assert.ok(!fs.existsSync(path.join(tmp, 'x.c')));
    // and it compiles, if there is a C compiler
    const cc = ['cc', 'gcc', 'clang'].find((c) => spawnSync(c, ['--version']).status === 0);
    if (cc) {
      const r = spawnSync(cc, ['-std=c11', '-Wall', '-Wextra', '-pedantic', '-c', outs[0], '-o', path.join(tmp, 'one.o')], { encoding: 'utf8' });
      assert.equal(r.status, 0, r.stderr);
      assert.equal(r.stderr, '', 'compiles without warnings');
    }
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
});

test('pack.mjs compresses the bundle for embedding deterministically, and xz gives the exact bytes back', () => {
  const tmp = tempDir();
  try {
    const bundle = path.join(tmp, 'atlas.bundle');
    assert.equal(runCompile(contentDir(), bundle).status, 0);
    const bytes = fs.readFileSync(bundle);
    const outs = ['one.satz', 'sub/two.satz'].map((n) => path.join(tmp, n));
    for (const [i, o] of outs.entries()) {
      // a different output path, and a different working directory
      const r = spawnSync(process.execPath, [path.join(TOOLS, 'pack.mjs'), bundle, o], { cwd: i ? tmp : REPO, encoding: 'utf8' });
      assert.equal(r.status, 0, r.stderr);
    }
    const [p1, p2] = outs.map((o) => fs.readFileSync(o));
    assert.ok(p1.equals(p2), 'same input, same bytes');
    // The header of src/core/bundle_lzma.h.
    assert.equal(p1.toString('latin1', 0, 4), 'SATZ');
    assert.equal(p1.readUInt32LE(4), 1);
    assert.equal(p1.readUInt32LE(8), bytes.length);
    assert.equal(p1.readUInt32LE(12), crc32(bytes));
    assert.equal(p1.readUInt32LE(16), p1.length - 25);
    assert.ok(p1.length < bytes.length / 2, `${p1.length} bytes for ${bytes.length}`);
    // The stream is xz's own: as a .lzma file (properties, unknown size, stream) it decompresses to the bundle.
    const alone = Buffer.concat([p1.subarray(20, 25), Buffer.alloc(8, 0xff), p1.subarray(25)]);
    const back = spawnSync('xz', ['--format=lzma', '-dc'], { input: alone, maxBuffer: 1 << 26 });
    assert.equal(back.status, 0, String(back.stderr));
    assert.ok(back.stdout.equals(bytes), 'xz -d gives the bundle back');
    assert.deepEqual(fs.readdirSync(tmp).sort(), ['atlas.bundle', 'one.satz', 'sub'], 'no temp files left');
    assert.deepEqual(fs.readdirSync(path.join(tmp, 'sub')), ['two.satz']);
    // bad usage and a missing input fail cleanly, writing nothing
    const usage = spawnSync(process.execPath, [path.join(TOOLS, 'pack.mjs'), bundle], { encoding: 'utf8' });
    assert.equal(usage.status, 1);
    assert.match(usage.stderr, /usage: node tools\/bundle\/pack.mjs <bundle> <out>/);
    const bad = spawnSync(process.execPath, [path.join(TOOLS, 'pack.mjs'), path.join(tmp, 'nope'), path.join(tmp, 'x.satz')], { encoding: 'utf8' });
    assert.equal(bad.status, 1);
    assert.match(bad.stderr, /pack: cannot read .*nope/);
    assert.ok(!fs.existsSync(path.join(tmp, 'x.satz')));
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
});
