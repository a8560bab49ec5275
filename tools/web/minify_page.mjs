#!/usr/bin/env node
// Minifies the page's own scripts in build/web/out in place, after they are
// copied from web/ (CMakeLists.txt, steppe_atlas's POST_BUILD steps). The
// sources in web/ keep their comments; what a browser loads is terser's
// output, which takes them from 12.9 to about 9 KiB gz (issue 12, the first
// load's bytes).
//
//   node tools/web/minify_page.mjs build/web/out/steppe.js build/web/out/search_input.js ...
//
// Each script is one function of its own ('use strict'; (function () {...})()),
// so only local names are renamed; what the scripts share goes through
// window and Module properties, which terser leaves as they are.
// sw-register.js is not given here: tools/web/dist.mjs switches it on by
// rewriting its source text.
import fs from 'node:fs';
import { minify } from 'terser';

export async function minifyPage(source) {
  const result = await minify(source, {
    ecma: 5, // the page's scripts are ES5 (they run, or fail clearly, in old browsers)
    compress: { passes: 2 },
    mangle: true,
    format: { comments: false },
  });
  return result.code + '\n';
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const files = process.argv.slice(2);
  if (!files.length) { console.error('usage: node tools/web/minify_page.mjs FILE.js...'); process.exit(2); }
  for (const file of files) {
    const before = fs.readFileSync(file, 'utf8');
    const after = await minifyPage(before);
    fs.writeFileSync(`${file}.tmp`, after);
    fs.renameSync(`${file}.tmp`, file);
  }
}
