// Guided tours (assets/tours.json): the file parses, every reference resolves,
// every stop's slide is 40–120 words in our own words, and every source
// locator is verbatim (and unique) in its article's seed.
//   { "tours": [ { id, title, summary, stops: [ { title, text, select, view,
//                  years?, categories?, layers?, sources, notes? } ] } ] }

import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { ASSETS, SEEDS, readContent, haveRealAssets, seedText, collapse, locatorPhrases, wordCount } from './helpers.mjs';

const TOURS = path.join(ASSETS, 'tours.json');
const KEBAB = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const CATEGORIES = new Set(['diplomacy', 'security', 'trade', 'economy', 'politics', 'education', 'environment', 'health', 'culture']);
const LAYERS = new Set(['markers', 'labels', 'relations']);
const SELECT_KINDS = ['event', 'country', 'place', 'article'];
const YEAR_MIN = 1991;
const YEAR_MAX = 2022;
/** The tours the issue asks for, with their minimum number of stops. */
const REQUIRED = { 'kaz-between-powers': 15, 'transition-2019': 6, 'central-asia-together': 8 };
const RUN = 10; // a run of this many words shared with a seed counts as copying

const skip = !fs.existsSync(TOURS) || !haveRealAssets();
const raw = skip ? '' : fs.readFileSync(TOURS, 'utf8');
const tours = skip ? [] : JSON.parse(raw).tours;
const content = skip ? null : readContent(ASSETS);

// ---- own-words check ------------------------------------------------------

/** Lower-case words (letters, digits, inner apostrophes), curly quotes folded. */
export function words(s) {
  return (s.toLowerCase().replace(/[’‘]/g, "'").match(/[\p{L}\p{N}]+(?:'[\p{L}\p{N}]+)*/gu) || []);
}

/** Every run of `n` consecutive words of `s`, joined by a space. */
function runs(s, n) {
  const w = words(s);
  const out = [];
  for (let i = 0; i + n <= w.length; i++) out.push(w.slice(i, i + n).join(' '));
  return out;
}

let seedRunsCache = null;
function seedRuns() {
  if (!seedRunsCache) {
    seedRunsCache = new Map();
    for (const f of fs.readdirSync(SEEDS).filter((x) => x.endsWith('.txt'))) {
      for (const r of runs(seedText(f), RUN)) if (!seedRunsCache.has(r)) seedRunsCache.set(r, f);
    }
  }
  return seedRunsCache;
}

/** The runs of RUN or more words that `s` shares with any seed: [{ run, seed }]. */
export function copiedRuns(s) {
  const seeds = seedRuns();
  return runs(s, RUN).filter((r) => seeds.has(r)).map((r) => ({ run: r, seed: seeds.get(r) }));
}

/** The own-words fields of a tour and its stops, as [where, text]. */
function ownWordsFields(tour) {
  const out = [[`${tour.id}.title`, tour.title], [`${tour.id}.summary`, tour.summary]];
  tour.stops.forEach((s, i) => {
    out.push([`${tour.id}[${i + 1}].title`, s.title], [`${tour.id}[${i + 1}].text`, s.text]);
    if (s.notes !== undefined) out.push([`${tour.id}[${i + 1}].notes`, s.notes]);
  });
  return out;
}

// ---- tests -----------------------------------------------------------------

test('tours.json parses, is two-space JSON and has the required tours', { skip }, () => {
  assert.equal(raw, JSON.stringify(JSON.parse(raw), null, 2) + '\n', 'tours.json is not two-space JSON ending in a newline');
  assert.ok(Array.isArray(tours) && tours.length >= 3, 'at least three tours');
  const ids = tours.map((t) => t.id);
  assert.equal(new Set(ids).size, ids.length, 'duplicate tour id');
  for (const id of ids) assert.match(id, KEBAB, `tour id ${id} is not kebab-case`);
  for (const [id, min] of Object.entries(REQUIRED)) {
    const t = tours.find((x) => x.id === id);
    assert.ok(t, `no tour ${id}`);
    assert.ok(t.stops.length >= min, `${id}: ${t.stops.length} stops, needs ${min} or more`);
  }
});

test('every tour and stop has its fields, with valid values', { skip }, () => {
  const problems = [];
  const bad = (where, msg) => problems.push(`${where}: ${msg}`);
  for (const t of tours) {
    for (const k of ['title', 'summary']) if (typeof t[k] !== 'string' || !t[k].trim()) bad(t.id, `empty ${k}`);
    const sn = wordCount(t.summary || '');
    if (sn > 60) bad(t.id, `summary has ${sn} words (one or two sentences)`);
    if (!Array.isArray(t.stops) || t.stops.length === 0) { bad(t.id, 'no stops'); continue; }
    t.stops.forEach((s, i) => {
      const where = `${t.id}[${i + 1}]`;
      const known = new Set(['title', 'text', 'select', 'view', 'years', 'categories', 'layers', 'sources', 'notes']);
      for (const k of Object.keys(s)) if (!known.has(k)) bad(where, `unknown field ${k}`);
      if (typeof s.title !== 'string' || !s.title.trim()) bad(where, 'empty title');
      if (typeof s.text !== 'string') { bad(where, 'no text'); return; }
      const n = wordCount(s.text);
      if (n < 40 || n > 120) bad(where, `text has ${n} words (40–120)`);
      if (s.notes !== undefined && (typeof s.notes !== 'string' || !s.notes.trim())) bad(where, 'notes given but empty');
      // view
      if (s.view === 'fit') {
        if (s.select === null) bad(where, 'view "fit" with nothing selected');
      } else if (s.view && typeof s.view === 'object') {
        const { lat, lon, zoom } = s.view;
        if (Object.keys(s.view).sort().join() !== 'lat,lon,zoom') bad(where, 'view needs exactly lat, lon, zoom');
        if (!(Number.isFinite(lat) && lat >= -90 && lat <= 90)) bad(where, `view lat ${lat}`);
        if (!(Number.isFinite(lon) && lon >= -180 && lon <= 180)) bad(where, `view lon ${lon}`);
        if (!(Number.isFinite(zoom) && zoom >= -4 && zoom <= 8)) bad(where, `view zoom ${zoom}`);
      } else bad(where, 'view must be "fit" or { lat, lon, zoom }');
      // years
      if (s.years !== undefined) {
        const y = s.years;
        if (!(Array.isArray(y) && y.length === 2 && y.every(Number.isInteger) && y[0] <= y[1] && y[0] >= YEAR_MIN && y[1] <= YEAR_MAX)) {
          bad(where, `years ${JSON.stringify(y)} is not an inclusive [from, to] within ${YEAR_MIN}–${YEAR_MAX}`);
        }
      }
      if (s.categories !== undefined) {
        if (!Array.isArray(s.categories) || s.categories.length === 0) bad(where, 'categories must be a non-empty list');
        else for (const c of s.categories) if (!CATEGORIES.has(c)) bad(where, `unknown category ${c}`);
      }
      if (s.layers !== undefined) {
        if (!Array.isArray(s.layers) || s.layers.length === 0) bad(where, 'layers must be a non-empty list');
        else for (const l of s.layers) if (!LAYERS.has(l)) bad(where, `unknown layer ${l}`);
      }
      if (!Array.isArray(s.sources) || s.sources.length === 0) bad(where, 'no sources');
    });
  }
  assert.deepEqual(problems, []);
});

test('every selection and source refers to something that exists', { skip }, () => {
  const ids = {
    event: new Set(content.events.map((e) => e.id)),
    country: new Set(content.countries.map((c) => c.iso3)),
    place: new Set(content.places.map((p) => p.id)),
    article: new Set(content.articles.map((a) => a.id)),
  };
  const problems = [];
  for (const t of tours) t.stops.forEach((s, i) => {
    const where = `${t.id}[${i + 1}]`;
    if (s.select !== null) {
      const keys = s.select && typeof s.select === 'object' ? Object.keys(s.select) : [];
      if (keys.length !== 1 || !SELECT_KINDS.includes(keys[0])) problems.push(`${where}: select must be null or one of ${SELECT_KINDS.join(', ')}`);
      else if (!ids[keys[0]].has(s.select[keys[0]])) problems.push(`${where}: unknown ${keys[0]} ${s.select[keys[0]]}`);
    }
    for (const src of s.sources || []) if (!ids.article.has(src.article)) problems.push(`${where}: unknown article ${src.article}`);
  });
  assert.deepEqual(problems, []);
});

test('every locator phrase is verbatim in its seed and occurs there once', { skip }, () => {
  const files = new Map(content.articles.map((a) => [a.id, a.file]));
  const problems = [];
  let checked = 0;
  for (const t of tours) t.stops.forEach((s, i) => {
    for (const src of s.sources) {
      const where = `${t.id}[${i + 1}] ${src.article}`;
      const m = /^para (\d+): "(.*)"$/s.exec(src.locator);
      const phrases = m ? [m[2]] : locatorPhrases(src.locator);
      if (phrases.length === 0) problems.push(`${where}: locator ${src.locator} quotes nothing`);
      const seed = seedText(files.get(src.article));
      for (const ph of phrases) {
        checked++;
        const count = seed.split(collapse(ph)).length - 1;
        if (count !== 1) problems.push(`${where}: "${ph}" occurs ${count} times in ${files.get(src.article)}`);
      }
    }
  });
  assert.deepEqual(problems, []);
  assert.ok(checked > 0);
});

test(`no run of ${RUN} or more words is shared with a seed outside the locators`, { skip }, () => {
  const problems = [];
  for (const t of tours) for (const [where, text] of ownWordsFields(t)) {
    for (const { run, seed } of copiedRuns(text)) problems.push(`${where}: "${run}" (${seed})`);
  }
  assert.deepEqual(problems, []);
});

test('the own-words check catches a planted copied sentence', { skip }, () => {
  const copied = 'it constituted the first meeting of Central Asian presidents in almost a decade';
  assert.ok(seedText('004_96de2652192d8e01.txt').includes(copied), 'the planted sentence must be in seed 004');
  const stop = tours[0].stops[0];
  const planted = `${stop.text} In fact, ${copied.replace(/^it/, 'It')}.`;
  const hits = copiedRuns(planted);
  assert.ok(hits.length > 0, 'planted copy not detected');
  assert.ok(hits.every((h) => h.seed === '004_96de2652192d8e01.txt'));
  // curly versus straight apostrophes and line breaks do not hide a copy
  const seed003 = 'Kazakhstan’s relations with Turkmenistan may improve as well, as the two countries signed an agreement';
  assert.ok(copiedRuns(seed003.replace('’', "'")).length > 0, 'apostrophe variant not detected');
  // nine shared words are allowed
  assert.deepEqual(copiedRuns('the first meeting of Central Asian presidents in almost'), []);
  assert.deepEqual(copiedRuns(stop.text), []);
});
