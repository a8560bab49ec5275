#!/usr/bin/env node
// Writes the static-host build: build/web/out -> build/web/dist.
//
//   node tools/web/dist.mjs [--out build/web/out] [--dist build/web/dist]
//
// - Only what the page uses: index.html, what it references (src/href), the
//   .wasm the glue loads, the web app manifest and its icons, the service worker.
// - Content-hashed names (atlas.3f9c0a1b2d.wasm) for everything but index.html,
//   sw.js and manifest.webmanifest, with every reference rewritten, so hashed
//   files can be cached for ever and the three short-lived files name them.
// - The page's own scripts and stylesheets (not the Emscripten glue) have their
//   whole-line comments blanked (blankComments): users download no prose, and
//   every line keeps its number, so errors point at the same line in web/.
// - sw.js gets this version's file list (`const PRECACHE = {...};`), and
//   sw-register.js is switched on (it registers sw.js only here).
// - Precompressed copies beside each compressible file: NAME.gz (zlib, gzip
//   level 9) and NAME.br (Node's brotli, quality 11), written only when smaller.
// - _headers: the HTTP headers to set, in the format Netlify and Cloudflare
//   Pages read (README.md, "Putting the atlas on a web server", explains them for any server).
// The run is deterministic: the same out/ gives the same dist/, byte for byte.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import crypto from 'node:crypto';
import { htmlReferences } from './firstload.mjs';

export const UNHASHED = new Set(['index.html', 'sw.js', 'manifest.webmanifest']);
const COMPRESSIBLE = /\.(html|js|css|wasm|svg|webmanifest|json|bundle)$/;
const TEXT = /\.(html|js|css|svg|webmanifest|json)$/;

export const hashOf = (buf) => crypto.createHash('sha256').update(buf).digest('hex').slice(0, 10);
export const hashedName = (name, buf) => {
  const ext = path.extname(name);
  return `${name.slice(0, name.length - ext.length)}.${hashOf(buf)}${ext}`;
};

// Replaces every quoted occurrence ("name" or 'name') of each key of map.
function rewrite(text, map) {
  let n = 0;
  for (const [from, to] of map) {
    const re = new RegExp(`(["'])${from.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\1`, 'g');
    text = text.replace(re, (m, q) => { n++; return q + to + q; });
  }
  return [text, n];
}

// Blanks the lines that are nothing but a comment: a // line (JS only), or a
// /* ... */ block that begins a line and whose end ends one (a block with code
// after its end stays whole). /* global ... */ and /* eslint ... */ stay.
export function blankComments(text, js) {
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    if (js && /^\s*\/\//.test(lines[i])) { lines[i] = ''; continue; }
    if (!/^\s*\/\*/.test(lines[i]) || /^\s*\/\*\s*(global|eslint)\b/.test(lines[i])) continue;
    let j = i, at = lines[i].indexOf('/*') + 2;
    while (j < lines.length && lines[j].indexOf('*/', j === i ? at : 0) < 0) j++;
    if (j === lines.length || !/^\s*$/.test(lines[j].slice(lines[j].indexOf('*/', j === i ? at : 0) + 2))) continue;
    for (let k = i; k <= j; k++) lines[k] = '';
    i = j;
  }
  return lines.join('\n');
}

function must(cond, msg) { if (!cond) throw new Error(`dist: ${msg}`); }

export function buildDist(outDir, distDir) {
  const read = (name) => {
    const file = path.join(outDir, name);
    must(fs.existsSync(file), `${name} is referenced but missing from ${outDir}`);
    return fs.readFileSync(file);
  };
  const indexHtml = read('index.html').toString('utf8');
  const pageRefs = [...new Set(htmlReferences(indexHtml))];
  const glue = pageRefs.filter((n) => /\.js$/.test(n) && /\.wasm["']/.test(read(n).toString('utf8')));
  const wasm = [...new Set(glue.flatMap((n) => [...read(n).toString('utf8').matchAll(/["']([\w.-]+\.wasm)["']/g)].map((m) => m[1])))];
  must(wasm.length === 1, `expected the glue to load one .wasm, found ${JSON.stringify(wasm)}`);
  const manifestName = pageRefs.find((n) => /\.webmanifest$/.test(n));
  const manifest = manifestName ? JSON.parse(read(manifestName)) : null;
  const icons = manifest ? (manifest.icons || []).map((i) => i.src) : [];

  const content = new Map(); // final name -> bytes
  const renamed = new Map(); // original name -> final name
  const place = (name, buf) => {
    const final = UNHASHED.has(name) ? name : hashedName(name, buf);
    renamed.set(name, final);
    content.set(final, buf);
  };
  // Leaves first, then the files that name them.
  for (const n of [...wasm, ...icons]) place(n, read(n));
  for (const n of pageRefs) {
    if (renamed.has(n)) continue;
    if (n === manifestName) {
      const m = { ...manifest, icons: manifest.icons.map((i) => ({ ...i, src: renamed.get(i.src) })) };
      place(n, Buffer.from(JSON.stringify(m, null, 1) + '\n'));
      continue;
    }
    let buf = read(n);
    if (TEXT.test(n)) {
      let text = buf.toString('utf8');
      if (glue.includes(n)) { let k; [text, k] = rewrite(text, [[wasm[0], renamed.get(wasm[0])]]); must(k >= 1, `${n}: no "${wasm[0]}" to rename`); }
      if (/\.(js|css)$/.test(n) && !glue.includes(n)) text = blankComments(text, /\.js$/.test(n));
      if (/(^|\/)sw-register\.js$/.test(n)) {
        const before = text;
        text = text.replace("var serviceWorkerUrl = '';", "var serviceWorkerUrl = 'sw.js';");
        must(text !== before, `${n}: the line var serviceWorkerUrl = ''; is missing`);
      }
      buf = Buffer.from(text);
    }
    place(n, buf);
  }
  // index.html: every reference to its hashed name.
  const [html, k] = rewrite(indexHtml, [...renamed].filter(([a, b]) => a !== b));
  must(k >= pageRefs.filter((n) => !UNHASHED.has(n)).length, 'index.html: a reference was not rewritten');
  content.set('index.html', Buffer.from(html));

  // The service worker: this version's files (icons only matter for installing: not precached).
  const precached = ['index.html', ...[...renamed].filter(([a]) => !icons.includes(a) || pageRefs.includes(a)).map(([, b]) => b)];
  const files = [...new Set(precached)].filter((n) => n !== 'sw.js');
  const hashed = files.filter((n) => !UNHASHED.has(n));
  const version = hashOf(Buffer.from(files.map((n) => `${n} ${hashOf(content.get(n))}`).join('\n')));
  let sw = blankComments(read('sw.js').toString('utf8'), true);
  const line = `const PRECACHE = ${JSON.stringify({ version, files, hashed })};`;
  must(sw.includes('/* global PRECACHE */'), 'sw.js: the line /* global PRECACHE */ is missing');
  sw = sw.replace('/* global PRECACHE */', line);
  content.set('sw.js', Buffer.from(sw));

  const headers = [
    '# HTTP headers for the static-host build (Netlify / Cloudflare Pages format; see README.md, "Putting the atlas on a web server")',
    '/*', `  Content-Security-Policy: ${cspOf(html)}`, '  X-Content-Type-Options: nosniff', '  Referrer-Policy: no-referrer',
    '/', '  Cache-Control: no-cache', '/index.html', '  Cache-Control: no-cache', '/sw.js', '  Cache-Control: no-cache',
    '/manifest.webmanifest', '  Cache-Control: no-cache', '  Content-Type: application/manifest+json',
    ...hashed.concat(icons.map((i) => renamed.get(i))).filter((n, i, a) => a.indexOf(n) === i)
      .flatMap((n) => [`/${n}`, '  Cache-Control: public, max-age=31536000, immutable', ...(/\.wasm$/.test(n) ? ['  Content-Type: application/wasm'] : [])]),
  ];

  fs.rmSync(distDir, { recursive: true, force: true });
  fs.mkdirSync(distDir, { recursive: true });
  const written = [];
  for (const [name, buf] of [...content].sort(([a], [b]) => a.localeCompare(b))) {
    fs.writeFileSync(path.join(distDir, name), buf);
    const entry = { name, raw: buf.length };
    if (COMPRESSIBLE.test(name)) {
      const gz = zlib.gzipSync(buf, { level: 9 });
      const br = zlib.brotliCompressSync(buf, { params: {
        [zlib.constants.BROTLI_PARAM_QUALITY]: 11,
        [zlib.constants.BROTLI_PARAM_MODE]: TEXT.test(name) ? zlib.constants.BROTLI_MODE_TEXT : zlib.constants.BROTLI_MODE_GENERIC,
        [zlib.constants.BROTLI_PARAM_SIZE_HINT]: buf.length } });
      if (gz.length < buf.length) { fs.writeFileSync(path.join(distDir, name + '.gz'), gz); entry.gz = gz.length; }
      if (br.length < buf.length) { fs.writeFileSync(path.join(distDir, name + '.br'), br); entry.br = br.length; }
    }
    written.push(entry);
  }
  fs.writeFileSync(path.join(distDir, '_headers'), headers.join('\n') + '\n');
  return { version, files, hashed, written, renamed };
}

// The policy index.html's <meta http-equiv="Content-Security-Policy"> sets.
export function cspOf(html) {
  const m = html.match(/<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]+)"/i);
  must(m, 'index.html has no Content-Security-Policy <meta>');
  return m[1];
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2);
  const opt = (name, dflt) => { const i = args.indexOf(name); return i >= 0 ? args[i + 1] : dflt; };
  try {
    const r = buildDist(opt('--out', 'build/web/out'), opt('--dist', 'build/web/dist'));
    const kib = (n) => (n === undefined ? '-' : (n / 1024).toFixed(1));
    console.log(`[dist] ${opt('--dist', 'build/web/dist')}: version ${r.version}, ${r.files.length} files precached`);
    for (const w of r.written) console.log(`[dist]   ${w.name.padEnd(32)} ${kib(w.raw).padStart(7)} KiB  gz ${kib(w.gz).padStart(6)}  br ${kib(w.br).padStart(6)}`);
  } catch (e) { console.error(e.message); process.exit(1); }
}
