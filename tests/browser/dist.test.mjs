// The static-host build (build/web/dist, tools/web/dist.mjs), from its files:
// hashed names match their contents, every reference points at a file that is
// there, the precompressed copies hold the same bytes, the service worker's
// list is complete, _headers names every hashed file immutable, and a second
// run writes the same bytes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { repoRoot, webRoot } from './helpers.mjs';
import { buildDist, hashOf, UNHASHED, blankComments } from '../../tools/web/dist.mjs';
import { htmlReferences, precacheList } from '../../tools/web/firstload.mjs';

const dist = process.env.STEPPE_DIST_ROOT || path.join(repoRoot, 'build/web/dist');
const files = fs.readdirSync(dist).sort();
const read = (n) => fs.readFileSync(path.join(dist, n));
const plain = files.filter((n) => !/\.(gz|br)$/.test(n) && n !== '_headers');
const html = read('index.html').toString('utf8');

test('only the three short-lived files are unhashed; every other name carries its content hash', () => {
  for (const n of plain) {
    if (UNHASHED.has(n)) continue;
    const m = n.match(/^(.+)\.([0-9a-f]{10})(\.[a-z]+)$/);
    assert.ok(m, `${n} has no hash in its name`);
    assert.equal(m[2], hashOf(read(n)), `${n}: name and content disagree`);
  }
  for (const n of ['index.html', 'sw.js', 'manifest.webmanifest']) assert.ok(plain.includes(n), `${n} is there`);
  for (const base of ['atlas', 'steppe', 'style', 'sw-register'])
    assert.ok(plain.some((n) => n.startsWith(base + '.') && /\.[0-9a-f]{10}\./.test(n)), `a hashed ${base}`);
  assert.ok(!plain.includes('screenshot.png'), 'files the page does not use stay out');
});

test('the page\'s scripts and stylesheets come without their comment lines, every other line as it was', () => {
  // out/'s steppe.js, search_input.js and presenter.js are minified already
  // (tools/web/minify_page.mjs), so their comments are gone before dist runs;
  // style.css and sw-register.js still carry theirs into out/.
  let saved = 0;
  const savedIn = {};
  for (const n of plain.filter((x) => /\.(js|css)$/.test(x) && !/^atlas\./.test(x))) {
    const orig = n.replace(/\.[0-9a-f]{10}(\.[a-z]+)$/, '$1'), a = fs.readFileSync(path.join(webRoot, orig), 'utf8').split('\n');
    const b = read(n).toString('utf8').split('\n');
    assert.equal(b.length, a.length, `${n}: as many lines as ${orig}`);
    for (let i = 0; i < a.length; i++) {
      if (b[i] === a[i] || /^const PRECACHE = |^\s*var serviceWorkerUrl = 'sw\.js';/.test(b[i])) continue; // dist's own edits
      assert.equal(b[i], '', `${n}:${i + 1} changed`);
      assert.match(a[i], /^\s*(\/\/|\/\*|\*)|\*\/\s*$/, `${n}:${i + 1} blanked but no comment: ${a[i]}`);
      saved += a[i].length;
      savedIn[orig] = (savedIn[orig] || 0) + a[i].length;
    }
    assert.ok(!b.some((l) => /^\s*\/\//.test(l)) || !/\.js$/.test(n), `${n} keeps a // line`);
  }
  // Each of the two lost its comments (style.css has about 360 bytes of
  // them, sw-register.js about 250), and no whole comment line is left.
  for (const orig of ['style.css', 'sw-register.js']) {
    assert.ok(savedIn[orig] > 100, `${orig}: ${savedIn[orig] || 0} bytes of comments left out`);
    const n = plain.find((x) => x.replace(/\.[0-9a-f]{10}(\.[a-z]+)$/, '$1') === orig);
    const left = read(n).toString('utf8').split('\n').filter((l) => /^\s*(\/\/|\/\*)/.test(l));
    assert.deepEqual(left, [], `${n} keeps whole comment lines`);
  }
  assert.ok(saved >= savedIn['style.css'] + savedIn['sw-register.js'], `${saved} bytes of comments left out`);
  // Only whole comments go: code after a comment's end, or a comment after code, stays.
  assert.equal(blankComments('/* a */ f();\n/* b\n */ g();\nh(); // c\n/* global X */\n// d\n/* e\n   f */', true),
    '/* a */ f();\n/* b\n */ g();\nh(); // c\n/* global X */\n\n\n');
  assert.equal(blankComments('// not a CSS comment\n/* c */\na { b: c }', false), '// not a CSS comment\n\na { b: c }');
});

test('every reference resolves to a file in dist, and none names an unhashed original', () => {
  const refs = htmlReferences(html);
  assert.ok(refs.length >= 6, refs.join(' '));
  for (const r of refs) assert.ok(plain.includes(r), `index.html names ${r}, which is missing`);
  for (const orig of ['atlas.wasm', 'atlas.js', 'steppe.js', 'style.css', 'sw-register.js', 'favicon.svg'])
    assert.ok(!refs.includes(orig), `index.html still names ${orig}`);
  const glue = plain.find((n) => /^atlas\.[0-9a-f]{10}\.js$/.test(n));
  const wasm = plain.find((n) => /^atlas\.[0-9a-f]{10}\.wasm$/.test(n));
  assert.ok(read(glue).toString().includes(`"${wasm}"`), `${glue} loads ${wasm}`);
  assert.ok(!/["']atlas\.wasm["']/.test(read(glue).toString()), 'the glue no longer names atlas.wasm');
  const manifest = JSON.parse(read('manifest.webmanifest'));
  for (const i of manifest.icons) assert.ok(plain.includes(i.src), `manifest icon ${i.src}`);
  const reg = plain.find((n) => /^sw-register\.[0-9a-f]{10}\.js$/.test(n));
  assert.match(read(reg).toString(), /var serviceWorkerUrl = 'sw\.js';/);
  assert.match(fs.readFileSync(path.join(webRoot, 'sw-register.js'), 'utf8'), /var serviceWorkerUrl = '';/, 'out/ keeps it off');
});

test('.gz and .br copies decompress to the same bytes and are smaller', () => {
  let n = 0;
  for (const f of files.filter((x) => /\.(gz|br)$/.test(x))) {
    const orig = f.replace(/\.(gz|br)$/, '');
    assert.ok(plain.includes(orig), `${f} without ${orig}`);
    const back = f.endsWith('.gz') ? zlib.gunzipSync(read(f)) : zlib.brotliDecompressSync(read(f));
    assert.ok(back.equals(read(orig)), `${f} differs from ${orig}`);
    assert.ok(read(f).length < read(orig).length);
    n++;
  }
  for (const n_ of plain.filter((x) => /\.(html|js|css|wasm)$/.test(x)))
    for (const ext of ['.gz', '.br']) assert.ok(files.includes(n_ + ext), `${n_}${ext} is missing`);
  assert.ok(n >= 12, `${n} compressed copies`);
});

test('the service worker precaches this version: index.html and every hashed file the page loads', () => {
  const p = precacheList(read('sw.js').toString('utf8'));
  assert.ok(p, 'sw.js carries PRECACHE');
  assert.match(p.version, /^[0-9a-f]{10}$/);
  assert.ok(p.files.includes('index.html'));
  for (const f of p.files) assert.ok(plain.includes(f), `precached ${f} is missing`);
  for (const r of htmlReferences(html)) if (!/\.webmanifest$/.test(r)) assert.ok(p.files.includes(r), `${r} is not precached`);
  assert.ok(p.files.some((f) => /\.wasm$/.test(f)), 'the .wasm is precached');
  assert.deepEqual(p.hashed, p.files.filter((f) => !UNHASHED.has(f)));
});

test('_headers: hashed files immutable, the short-lived ones no-cache, the CSP and the wasm type', () => {
  const h = read('_headers').toString('utf8');
  const block = (p) => { const m = h.match(new RegExp(`^${p.replace(/\./g, '\\.')}\\n((?:  .*\\n)*)`, 'm')); return m ? m[1] : null; };
  for (const n of plain.filter((x) => !UNHASHED.has(x))) assert.match(block('/' + n) || '', /Cache-Control: public, max-age=31536000, immutable/, n);
  for (const n of UNHASHED) assert.match(block('/' + n) || '', /Cache-Control: no-cache/, n);
  assert.match(block('/' + plain.find((x) => /\.wasm$/.test(x))), /Content-Type: application\/wasm/);
  assert.match(block('/\\*'), /Content-Security-Policy: default-src 'self'; script-src 'self' 'wasm-unsafe-eval';/);
});

test('a second run writes the same files, byte for byte', () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'steppe-dist-'));
  try {
    buildDist(webRoot, tmp);
    assert.deepEqual(fs.readdirSync(tmp).sort(), files);
    for (const f of files) assert.ok(fs.readFileSync(path.join(tmp, f)).equals(read(f)), `${f} differs`);
  } finally { fs.rmSync(tmp, { recursive: true, force: true }); }
});
