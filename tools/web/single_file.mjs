#!/usr/bin/env node
// Writes the single-file build: build/web/out -> one .html holding the page,
// its styles, scripts, icon, the code (the .wasm, base64) and the built-in
// bundle (inside the .wasm), that opens by double-click from file:// with no
// server (README.md, "One file, no server").
//
//   node tools/web/single_file.mjs [--out build/web/out] [--single build/web/single/steppe-atlas.html]
//
// - Every <script defer src> of the head becomes an inline <script> at the end
//   of the body, in the same order (an inline script cannot be deferred, and
//   the page's scripts expect the body parsed), the stylesheet a <style>,
//   the icon a data: address; the .wasm is handed to the glue as
//   Module.wasmBinary by one more inline script placed just before the glue
//   (the page's own fetch of it, named by the preload link, is left out).
// - Left out as well: what file:// cannot use (the web app manifest, the
//   service worker's registration).
// - The Content-Security-Policy is the tightest file:// allows: nothing by
//   default, each inline script and style by its SHA-256 hash, WebAssembly
//   ('wasm-unsafe-eval'), the icon as data:; no network at all.
// The run is deterministic: the same out/ gives the same file, byte for byte.
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';

function must(cond, msg) { if (!cond) throw new Error(`single_file: ${msg}`); }

const sha256 = (text) => `'sha256-${crypto.createHash('sha256').update(text, 'utf8').digest('base64')}'`;

// Text that goes between <script> and </script> (or <style>) unchanged: the
// HTML parser would end or misread it at "</script" or "<!--".
function inlineSafe(text, name, tag) {
  must(!new RegExp(`</${tag}`, 'i').test(text), `${name} contains "</${tag}": it cannot be inlined as it is`);
  must(!text.includes('<!--'), `${name} contains "<!--": it cannot be inlined as it is`);
  return text;
}

export function buildSingle(outDir) {
  const read = (name) => {
    const file = path.join(outDir, name);
    must(fs.existsSync(file), `${name} is referenced but missing from ${outDir}`);
    return fs.readFileSync(file);
  };
  let html = read('index.html').toString('utf8');
  const scriptHashes = [], styleHashes = [];
  const replaceOnce = (re, fn, what) => {
    let n = 0;
    html = html.replace(re, (...m) => { n++; return fn(...m); });
    must(n >= 1, `index.html: ${what} not found`);
  };

  // The .wasm the glue would fetch: given to it instead.
  const preload = /<link rel="preload" href="([\w.-]+\.wasm)" as="fetch" crossorigin>\n?/;
  const wasmName = (html.match(preload) || [])[1];
  must(wasmName, 'index.html: no <link rel="preload" href="*.wasm"> naming the code');
  const wasm = read(wasmName);
  replaceOnce(preload, () => '', 'the .wasm preload link');
  replaceOnce(/<link rel="manifest" href="[^"]*">\n?/, () => '', 'the manifest link');
  replaceOnce(/<script defer src="sw-register\.js"><\/script>\n?/, () => '', 'the service worker registration');
  replaceOnce(/<!-- In the head and deferred:[\s\S]*?-->\n?/, () => '', 'the comment on the deferred scripts');

  replaceOnce(/<link rel="icon" href="([^"]+\.svg)" type="image\/svg\+xml">/, (m, name) =>
    `<link rel="icon" href="data:image/svg+xml;base64,${read(name).toString('base64')}" type="image/svg+xml">`, 'the icon');
  replaceOnce(/<link rel="stylesheet" href="([^"]+)">/g, (m, name) => {
    const css = inlineSafe(read(name).toString('utf8'), name, 'style');
    styleHashes.push(sha256(css));
    return `<style>${css}</style>`;
  }, 'the stylesheet');

  let glueSeen = false, inlined = '';
  replaceOnce(/<script defer src="([^"]+)"><\/script>\n?/g, (m, name) => {
    const js = inlineSafe(read(name).toString('utf8'), name, 'script');
    if (js.includes(`'${wasmName}'`) || js.includes(`"${wasmName}"`)) {
      // The glue: its .wasm first, as bytes (the glue instantiates Module.wasmBinary and fetches nothing).
      glueSeen = true;
      const give = `Module.wasmBinary=Uint8Array.from(atob("${wasm.toString('base64')}"),function(c){return c.charCodeAt(0);});`;
      scriptHashes.push(sha256(give));
      inlined += `<script>${give}</script>\n`;
    }
    scriptHashes.push(sha256(js));
    inlined += `<script>${js}</script>\n`;
    return '';
  }, 'the scripts');
  replaceOnce(/<\/body>/, () => `${inlined}</body>`, 'the end of the body');
  must(glueSeen, `no script names ${wasmName}`);

  const policy = ["default-src 'none'", `script-src ${scriptHashes.join(' ')} 'wasm-unsafe-eval'`,
    `style-src ${styleHashes.join(' ')}`, 'img-src data:', "base-uri 'none'", "form-action 'none'"].join('; ');
  replaceOnce(/(<meta http-equiv="Content-Security-Policy" content=")[^"]+(">)/, (m, a, b) => a + policy + b,
    'the Content-Security-Policy <meta>');
  must(!/\s(?:src|href)="(?!data:|#)[^"]*"/.test(html.replace(/<script>[\s\S]*?<\/script>|<style>[\s\S]*?<\/style>/g, '')),
    'index.html still references another file');
  return { html, policy, wasmBytes: wasm.length };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2);
  const opt = (name, dflt) => { const i = args.indexOf(name); return i >= 0 ? args[i + 1] : dflt; };
  const target = opt('--single', 'build/web/single/steppe-atlas.html');
  try {
    const r = buildSingle(opt('--out', 'build/web/out'));
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, r.html);
    console.log(`[single] ${target}: ${(Buffer.byteLength(r.html) / 1024).toFixed(1)} KiB (code ${(r.wasmBytes / 1024).toFixed(1)} KiB before base64)`);
  } catch (e) { console.error(e.message); process.exit(1); }
}
