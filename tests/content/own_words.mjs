// "Own words" checker: no prose field of the content may share a run of
// RUN_WORDS (10) or more consecutive words with any seed document, outside a
// marked quotation. Used by own_words.test.mjs; also runnable by hand:
//
//   node tests/content/own_words.mjs [assets-dir] [seeds-dir]
//
// prints every finding as `file:line: field: shared run "…" (seed NNN)` and
// exits 1 if there is any.
//
// Words: letters and digits, lower-cased; an apostrophe inside a word (’ or ')
// is kept, every other character separates words ("post-Soviet" is two words,
// "$2.1" is "2" "1"). So punctuation and capitals never hide a copy.
//
// A marked quotation is text between quotation marks (“…”, "…", or ‘…’ used as
// outer quotes are not recognised, only double quotes). Its words are not
// compared, and a run cannot span it. A quotation must stay short: one of more
// than QUOTE_MAX_WORDS (20) words is itself a finding. (Name the source next to
// it, e.g. "in the chapter's words", "according to the European Commission".)
//
// Prose fields: articles' title (unless it is the printed one, i.e. has no
// title_note), title_note, date_note, summary, key_points;
// events' title, summary, place_note, date_note; countries' profile and figure
// labels; relations' label. Locators (sources) are quotations by design and
// are not checked.

import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseJson, lineOf } from '../../tools/bundle/json_lines.mjs';

export const RUN_WORDS = 10;
export const QUOTE_MAX_WORDS = 20;

const WORD_RE = /[\p{L}\p{N}]+(?:['’][\p{L}\p{N}]+)*/gu;
const BREAK = null; // stands where a quotation was: no run crosses it

/** Words of `s` (lower-cased, apostrophes unified). */
export function words(s) {
  return (s.toLowerCase().replace(/[’‘]/g, "'").match(WORD_RE) || []);
}

/** Splits prose into its unquoted words (with BREAK where a quotation stood)
 *  and the list of quotations. */
export function splitQuotes(s) {
  const out = [];
  const quotes = [];
  const re = /“([^”]*)”|"([^"]*)"/g;
  let last = 0;
  for (const m of s.matchAll(re)) {
    out.push(...words(s.slice(last, m.index)), BREAK);
    quotes.push(m[1] ?? m[2]);
    last = m.index + m[0].length;
  }
  out.push(...words(s.slice(last)));
  return { tokens: out, quotes };
}

/** Index of a seed text: the set of its RUN_WORDS-word windows. */
export function indexSeed(text) {
  const w = words(text);
  const grams = new Set();
  for (let i = 0; i + RUN_WORDS <= w.length; i++) grams.add(w.slice(i, i + RUN_WORDS).join(' '));
  return grams;
}

/** Maximal runs of ≥ RUN_WORDS tokens of `prose` found in one seed index.
 *  Returns [{ run: "w1 w2 …", seed }] for each seed name in `seeds` (Map name -> index). */
export function sharedRuns(prose, seeds) {
  const { tokens, quotes } = splitQuotes(prose);
  const found = [];
  for (const [seed, grams] of seeds) {
    let i = 0;
    while (i + RUN_WORDS <= tokens.length) {
      const win = tokens.slice(i, i + RUN_WORDS);
      if (win.includes(BREAK) || !grams.has(win.join(' '))) { i++; continue; }
      // extend while the next window is shared too
      let end = i + RUN_WORDS;
      while (end < tokens.length && tokens[end] !== BREAK && grams.has(tokens.slice(end + 1 - RUN_WORDS, end + 1).join(' '))) end++;
      found.push({ run: tokens.slice(i, end).join(' '), seed });
      i = end;
    }
  }
  const longQuotes = quotes.filter((q) => words(q).length > QUOTE_MAX_WORDS);
  return { found, longQuotes };
}

/** Every prose field of the content: [{ file, line, field, text }]. */
export function proseFields(assetsDir, displayDir = assetsDir) {
  const out = [];
  const load = (name) => {
    const file = path.join(displayDir, `${name}.json`);
    const doc = parseJson(fs.readFileSync(path.join(assetsDir, `${name}.json`), 'utf8'), file);
    return { file, list: doc.value[name] || [] };
  };
  const add = (file, container, key, field) => {
    const v = container[key];
    if (typeof v === 'string' && v !== '') out.push({ file, line: lineOf(container, key), field, text: v });
  };
  {
    const { file, list } = load('articles');
    list.forEach((a, i) => {
      // a title without a title_note is the document's own, printed title:
      // a quotation by nature, not checked
      for (const k of ['title', 'title_note', 'date_note', 'summary']) {
        if (k === 'title' && !a.title_note) continue;
        add(file, a, k, `articles[${i}].${k}`);
      }
      (a.key_points || []).forEach((_, j) => add(file, a.key_points, j, `articles[${i}].key_points[${j}]`));
    });
  }
  {
    const { file, list } = load('events');
    list.forEach((e, i) => { for (const k of ['title', 'summary', 'place_note', 'date_note']) add(file, e, k, `events[${i}].${k}`); });
  }
  {
    const { file, list } = load('countries');
    list.forEach((c, i) => {
      add(file, c, 'profile', `countries[${i}].profile`);
      (c.figures || []).forEach((f, j) => add(file, f, 'label', `countries[${i}].figures[${j}].label`));
    });
  }
  {
    const { file, list } = load('relations');
    list.forEach((r, i) => add(file, r, 'label', `relations[${i}].label`));
  }
  return out;
}

/** Seed indexes of a directory: Map "NNN" (the file's number) -> index. */
export function indexSeeds(seedsDir) {
  const m = new Map();
  for (const f of fs.readdirSync(seedsDir).filter((x) => x.endsWith('.txt')).sort()) {
    m.set(f.split('_')[0], indexSeed(fs.readFileSync(path.join(seedsDir, f), 'utf8')));
  }
  return m;
}

/** All findings for a content directory against a seeds directory, as report lines. */
export function checkOwnWords(assetsDir, seedsDir, displayDir = assetsDir) {
  const seeds = indexSeeds(seedsDir);
  const report = [];
  for (const { file, line, field, text } of proseFields(assetsDir, displayDir)) {
    const { found, longQuotes } = sharedRuns(text, seeds);
    for (const { run, seed } of found) report.push(`${file}:${line}: ${field}: shared run "${run}" (seed ${seed})`);
    for (const q of longQuotes) report.push(`${file}:${line}: ${field}: quotation of ${words(q).length} words, at most ${QUOTE_MAX_WORDS} allowed: "${q}"`);
  }
  return report;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
  const assets = process.argv[2] || path.join(repo, 'assets');
  const seeds = process.argv[3] || path.resolve(repo, '../shared/seeds');
  const report = checkOwnWords(assets, seeds, path.relative(process.cwd(), assets) || '.');
  for (const l of report) console.log(l);
  console.error(`own words: ${report.length} finding(s)`);
  process.exit(report.length ? 1 : 0);
}
