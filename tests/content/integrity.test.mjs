// Integrity of the real content (assets/*.json; the fixtures stand in until
// the assets exist): references resolve, the required fields are there, and
// every quoted phrase in a locator is verbatim in the article's seed file.

import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { contentDir, readContent, seedText, collapse, locatorPhrases, wordCount, SEEDS, REPO, haveRealAssets } from './helpers.mjs';
import { parseDate } from '../../tools/bundle/validate.mjs';
import { ALL_ALPHA3 } from '../../tools/bundle/iso3166.mjs';

const dir = contentDir();
const c = readContent(dir);
const label = path.relative(REPO, dir) + (haveRealAssets() ? '' : ' (assets/*.json not there yet: using the fixtures)');
const places = new Map(c.places.map((p) => [p.id, p]));
const articles = new Map(c.articles.map((a) => [a.id, a]));

/** Every source list of the content, with where it comes from. */
function allSources() {
  const out = [];
  for (const e of c.events) for (const s of e.sources) out.push([`events/${e.id}`, s]);
  for (const r of c.relations) for (const s of r.sources) out.push([`relations/${r.id}`, s]);
  for (const k of c.countries) for (const f of k.figures) for (const s of f.sources) out.push([`countries/${k.iso3}/${f.label}`, s]);
  return out;
}

test(`ids are unique and references resolve: ${label}`, () => {
  for (const [name, key] of [['articles', 'id'], ['events', 'id'], ['places', 'id'], ['relations', 'id'], ['countries', 'iso3']]) {
    const ids = c[name].map((r) => r[key]);
    assert.equal(new Set(ids).size, ids.length, `duplicate ${key} in ${name}.json`);
  }
  const countryCodes = new Set(c.countries.map((k) => k.iso3));
  const code = (iso, where) => assert.ok(ALL_ALPHA3.has(iso), `${where}: ${iso} is not an alpha-3 code`);
  for (const e of c.events) {
    assert.ok(places.has(e.place), `event ${e.id}: unknown place ${e.place}`);
    assert.ok(e.countries.length > 0, `event ${e.id}: no countries`);
    e.countries.forEach((iso) => code(iso, `event ${e.id}`));
  }
  for (const p of c.places) if (p.country) code(p.country, `place ${p.id}`);
  for (const k of c.countries) {
    code(k.iso3, 'countries.json');
    if (k.capital) assert.ok(places.has(k.capital), `${k.iso3}: unknown capital ${k.capital}`);
  }
  for (const r of c.relations) {
    code(r.a, `relation ${r.id}`);
    if (r.b) code(r.b, `relation ${r.id}`);
  }
  for (const [where, s] of allSources()) assert.ok(articles.has(s.article), `${where}: unknown article ${s.article}`);
  // the five Central Asian states all have content
  for (const iso of ['KAZ', 'KGZ', 'TJK', 'TKM', 'UZB']) if (haveRealAssets()) assert.ok(countryCodes.has(iso), `countries.json lacks ${iso}`);
});

test(`every event has a place, a real date and at least one source: ${label}`, () => {
  assert.ok(c.events.length > 0);
  for (const e of c.events) {
    assert.ok(e.place, `${e.id}: no place`);
    assert.ok(parseDate(e.date), `${e.id}: bad date ${e.date}`);
    assert.ok(Array.isArray(e.sources) && e.sources.length >= 1, `${e.id}: no source`);
    for (const s of e.sources) assert.ok(s.locator && s.locator.trim(), `${e.id}: empty locator`);
    assert.ok(e.title.trim() && e.summary.trim(), `${e.id}: title and summary`);
  }
  for (const r of c.relations) assert.ok(r.sources.length >= 1, `${r.id}: no source`);
  for (const k of c.countries) for (const f of k.figures) assert.ok(f.sources.length >= 1, `${k.iso3} ${f.label}: no source`);
});

test(`every article has a 150–250-word summary, 4–6 key points and an existing seed file: ${label}`, () => {
  assert.ok(c.articles.length > 0);
  const files = new Set();
  for (const a of c.articles) {
    const n = wordCount(a.summary);
    assert.ok(n >= 150 && n <= 250, `${a.id}: summary has ${n} words`);
    assert.ok(a.key_points.length >= 4 && a.key_points.length <= 6, `${a.id}: ${a.key_points.length} key points`);
    assert.ok(parseDate(a.date), `${a.id}: bad date ${a.date}`);
    assert.ok(fs.existsSync(path.join(SEEDS, a.file)), `${a.id}: no seed file ${a.file}`);
    assert.ok(!files.has(a.file), `${a.file} described twice`);
    files.add(a.file);
  }
  if (haveRealAssets()) {
    const seeds = fs.readdirSync(SEEDS).filter((f) => f.endsWith('.txt'));
    for (const f of seeds) assert.ok(files.has(f), `no article for seed ${f}`);
  }
});

test(`locator phrases are verbatim in the article's seed (whitespace collapsed): ${label}`, () => {
  let checked = 0;
  const problems = [];
  for (const [where, s] of allSources()) {
    const a = articles.get(s.article);
    const seed = seedText(a.file);
    const m = /^para (\d+): "(.*)"$/s.exec(s.locator);
    const phrases = m ? [m[2]] : locatorPhrases(s.locator);
    for (const ph of phrases) {
      checked++;
      if (!seed.includes(collapse(ph))) problems.push(`${where}: "${ph}" is not in ${a.file}`);
    }
  }
  assert.deepEqual(problems, []);
  assert.ok(checked > 0, 'no quoted locators at all');
});

test(`locator phrases identify one passage: each occurs exactly once in its seed: ${label}`, () => {
  const problems = [];
  let checked = 0;
  for (const [where, s] of allSources()) {
    const a = articles.get(s.article);
    const seed = seedText(a.file);
    const m = /^para (\d+): "(.*)"$/s.exec(s.locator);
    for (const ph of m ? [m[2]] : locatorPhrases(s.locator)) {
      const needle = collapse(ph);
      let n = 0;
      for (let i = seed.indexOf(needle); i >= 0; i = seed.indexOf(needle, i + 1)) n++;
      checked++;
      if (n > 1) problems.push(`${where}: "${ph}" occurs ${n} times in ${a.file}; quote more of the passage`);
    }
  }
  assert.deepEqual(problems, []);
  assert.ok(checked > 0);
});
