#!/usr/bin/env node
// Minifies the Emscripten JS glue (build/web/out/atlas.js) in place, after the
// link (CMakeLists.txt runs it as steppe_atlas's POST_BUILD step). emcc -Oz
// only strips its whitespace: without Closure (Debian's closure-compiler is
// from 2013 and cannot read this glue) every name stays long. terser
// (tools/package.json) compresses it and renames every local and top-level
// name, which takes its gzip -9 size from 34.3 to about 24 KiB.
//
//   node tools/web/minify_glue.mjs build/web/out/atlas.js
//
// The glue runs inside a function of its own, so its hundreds of renamed
// top-level names (now one or two letters) cannot clash with the page's or
// the browser's globals. Only `Module` stays global: web/steppe.js sets it up
// before the glue runs, and the page and the tests call Module.ccall and
// friends. The glue's own `var Module = typeof Module != "undefined" ? Module
// : {}` then finds the same object as its argument.
//
// Running it again on its own output changes nothing (the file starts with
// PREFIX), so the step can never wrap the glue twice.
import fs from 'node:fs';
import { minify } from 'terser';

// What the output starts with: Module made global, then terser's form of the
// wrapper, (function(Module){...})(Module) with its argument renamed.
export const PREFIX = 'var Module=typeof Module!="undefined"?Module:{};!function(';

export async function minifyGlue(source) {
  if (source.startsWith(PREFIX)) return source;
  const wrapped = `(function(Module){${source}\n})(Module);`;
  const result = await minify(wrapped, {
    ecma: 2020, // the glue already uses arrow functions; nothing newer is introduced
    compress: { passes: 2 },
    mangle: true,
    format: { comments: false },
  });
  const out = `${PREFIX.slice(0, PREFIX.lastIndexOf('!'))}${result.code}`;
  if (!out.startsWith(PREFIX))
    throw new Error(`minify_glue: unexpected output start ${JSON.stringify(result.code.slice(0, 40))}`);
  return out;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const file = process.argv[2];
  if (!file) { console.error('usage: node tools/web/minify_glue.mjs build/web/out/atlas.js'); process.exit(2); }
  const before = fs.readFileSync(file, 'utf8');
  const after = await minifyGlue(before);
  if (after !== before) {
    // Written beside, then renamed: an interrupted run never leaves half a glue.
    fs.writeFileSync(`${file}.tmp`, after);
    fs.renameSync(`${file}.tmp`, file);
  }
}
