// The compiler's validation: broken fixture sets must fail with every problem
// reported as `file:line: path: message`, and no bundle may be written.

import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { runCompile, mutatedFixtures, lineOfText, tempDir, FIXTURES } from './helpers.mjs';
import { parseJson, lineOf } from '../../tools/bundle/json_lines.mjs';
import { parseDate, wordCount } from '../../tools/bundle/validate.mjs';

/** Compiles a mutated fixture set; asserts failure and that no output exists. */
function expectFailure(mutate) {
  const dir = mutatedFixtures(mutate);
  const outDir = tempDir();
  const out = path.join(outDir, 'atlas.bundle');
  const r = runCompile(dir, out);
  const leftovers = fs.readdirSync(outDir);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.rmSync(outDir, { recursive: true, force: true });
  assert.equal(r.status, 1, `expected exit code 1, got ${r.status}\n${r.stderr}`);
  assert.deepEqual(leftovers, [], 'no bundle (and no temp file) may be left behind on error');
  assert.match(r.lines[r.lines.length - 1], /^compile: \d+ errors?; no bundle written$/);
  return { ...r, dir: path.basename(dir) };
}

/** Finds the error line for `file` (basename) at `line` mentioning `fieldPath` and `text`. */
function assertError(r, file, line, fieldPath, text) {
  const re = new RegExp(`(^|/)${file.replace('.', '\\.')}:${line}: ${fieldPath.replace(/[[\].]/g, '\\$&')}: (?!warning:).*${text}`);
  const hit = r.lines.find((l) => re.test(l));
  assert.ok(hit, `expected an error like ${file}:${line}: ${fieldPath}: ...${text}...\ngot:\n${r.stderr}`);
  return hit;
}

test('the fixtures compile cleanly (no errors, no warnings)', () => {
  const outDir = tempDir();
  const out = path.join(outDir, 'atlas.bundle');
  const r = runCompile(FIXTURES, out);
  try {
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stderr, '', 'fixtures should produce no warnings');
    assert.match(r.stdout, /^compile: wrote .*: [\d.]+ KB .* 6 places, 2 articles, 4 events, 3 relations, 2 figures/);
    assert.ok(fs.statSync(out).size > 10000);
    assert.deepEqual(fs.readdirSync(outDir), ['atlas.bundle'], 'only the bundle, no temp file');
  } finally {
    fs.rmSync(outDir, { recursive: true, force: true });
  }
});

test('unknown place is reported with file:line and field', () => {
  let text;
  const r = expectFailure((f) => {
    f.events = f.events.replace('"place": "washington"', '"place": "washingtonn"');
    text = f.events;
  });
  const line = lineOfText(text, '"place": "washingtonn"');
  const msg = assertError(r, 'events.json', line, 'events[2].place', 'unknown place "washingtonn"');
  assert.match(msg, /did you mean "washington"/);
});

test('unknown article in a source is reported', () => {
  let text;
  const r = expectFailure((f) => {
    f.relations = f.relations.replace('"article": "a-future-us-kazakhstan-relations", "locator": "para 11"', '"article": "a-no-such-article", "locator": "para 11"');
    text = f.relations;
  });
  assertError(r, 'relations.json', lineOfText(text, 'a-no-such-article'), 'relations[2].sources[0].article', 'unknown article "a-no-such-article"');
});

test('duplicate ids are reported at the second occurrence, naming the first', () => {
  let text;
  const r = expectFailure((f) => {
    f.places = f.places.replace('"id": "new-york"', '"id": "moscow"');
    text = f.places;
  });
  const first = lineOfText(text, '"id": "moscow"');
  const second = lineOfText(text, '"id": "moscow"', '"name": "Moscow"');
  assert.notEqual(first, second);
  assertError(r, 'places.json', second, 'places[4].id', `duplicate id "moscow" \\(first at line ${first}\\)`);
});

test('impossible calendar dates are rejected (2019-02-30), real ones accepted', () => {
  let text;
  const r = expectFailure((f) => {
    f.events = f.events.replace('"date": "2019-06-09"', '"date": "2019-02-30"');
    text = f.events;
  });
  assertError(r, 'events.json', lineOfText(text, '2019-02-30'), 'events[0].date', 'bad date "2019-02-30"');
  assert.equal(parseDate('2019-02-30'), null);
  assert.equal(parseDate('2019-13'), null);
  assert.equal(parseDate('2019-4-1'), null);
  assert.equal(parseDate('19'), null);
  assert.equal(parseDate('2021-02-29'), null);
  assert.deepEqual(parseDate('2020-02-29'), { year: 2020, month: 2, day: 29, precision: 3 });
  assert.deepEqual(parseDate('2019-04'), { year: 2019, month: 4, day: 0, precision: 2 });
  assert.deepEqual(parseDate('2019'), { year: 2019, month: 0, day: 0, precision: 1 });
});

test('latitude 95 is out of range', () => {
  let text;
  const r = expectFailure((f) => {
    f.places = f.places.replace('"lat": 41.2995', '"lat": 95');
    text = f.places;
  });
  assertError(r, 'places.json', lineOfText(text, '"lat": 95'), 'places[1].lat', '95 out of range \\[-90, 90\\]');
});

test('unknown category is reported with the list of categories', () => {
  let text;
  const r = expectFailure((f) => {
    f.events = f.events.replace('"category": "politics"', '"category": "poltics"');
    text = f.events;
  });
  const msg = assertError(r, 'events.json', lineOfText(text, '"poltics"'), 'events[0].category', 'unknown category "poltics"');
  assert.match(msg, /did you mean "politics"/);
  assert.match(msg, /diplomacy, security, trade, economy, politics, education, environment, health, culture/);
});

test('missing and empty summaries are reported', () => {
  let text;
  const r = expectFailure((f) => {
    const doc = f.articles.split('\n');
    // article 0 loses its summary line; article 1 gets an empty one
    const i0 = doc.findIndex((l) => l.includes('"summary": "The piece looks at'));
    doc.splice(i0, 1);
    f.articles = doc.join('\n').replace(/"summary": "This analysis reviews[^"]*"/, '"summary": ""');
    text = f.articles;
  });
  // a missing member is reported at the line where its object starts
  const objLine = lineOfText(text, '{', '"articles": [');
  assertError(r, 'articles.json', objLine, 'articles[0].summary', 'missing');
  assertError(r, 'articles.json', lineOfText(text, '"summary": ""'), 'articles[1].summary', 'must not be empty');
});

test('several problems in several files are all reported, one per line', () => {
  let ev, pl, co;
  const r = expectFailure((f) => {
    f.events = f.events
      .replace('"place": "astana",\n      "countries": ["KAZ"],\n      "category": "politics"', '"place": "astanaa",\n      "countries": ["KAZ"],\n      "category": "politics"')
      .replace('"category": "diplomacy"', '"category": "trading"')
      .replace('"countries": ["USA", "KAZ", "UZB"]', '"countries": ["USA", "KAZZ", "UZB"]');
    f.places = f.places.replace('"lon": -74.006', '"lon": -200');
    f.countries = f.countries.replace('"capital": "tashkent"', '"capital": "samarkand"').replace('"central_asia": true,\n      "profile": "Uzbekistan', '"centralasia": true,\n      "profile": "Uzbekistan');
    ev = f.events; pl = f.places; co = f.countries;
  });
  assertError(r, 'events.json', lineOfText(ev, '"astanaa"'), 'events[0].place', 'unknown place "astanaa"');
  assertError(r, 'events.json', lineOfText(ev, '"trading"'), 'events[2].category', 'unknown category "trading"');
  assertError(r, 'events.json', lineOfText(ev, '"KAZZ"'), 'events[3].countries[1]', 'unknown country code "KAZZ"');
  assertError(r, 'places.json', lineOfText(pl, '"lon": -200'), 'places[4].lon', 'out of range');
  assertError(r, 'countries.json', lineOfText(co, '"samarkand"'), 'countries[1].capital', 'unknown place "samarkand"');
  assertError(r, 'countries.json', lineOfText(co, '"centralasia"'), 'countries[1].centralasia', 'unknown field \\(did you mean "central_asia"\\?\\)');
  assertError(r, 'countries.json', lineOfText(co, '"iso3": "UZB"') - 1, 'countries[1].central_asia', 'missing');
  const errors = r.lines.filter((l) => !/: warning: /.test(l) && !/^compile: /.test(l));
  assert.equal(errors.length, 7, `exactly the 7 problems, got:\n${errors.join('\n')}`);
  assert.match(r.lines[r.lines.length - 1], /^compile: 7 errors; no bundle written$/);
});

test('wrong types, bad ids, membership rules and empty sources are reported', () => {
  let ev, rel, art;
  const r = expectFailure((f) => {
    f.events = f.events.replace('"id": "ev-2019-03-nazarbayev-steps-down"', '"id": "Ev_2019 Steps Down"')
      .replace('"sources": [{ "article": "a-future-us-kazakhstan-relations", "locator": "para 2: \\"February visit to Kazakhstan and Uzbekistan\\"" }]', '"sources": []');
    f.relations = f.relations.replace('"value": 2.1,', '"value": "2.1",').replace('"b": "",\n      "group": "C5+1"', '"b": "USA",\n      "group": "C5+1"');
    f.articles = f.articles.replace('"topics": ["US relations", "Afghanistan", "trade"]', '"topics": "US relations"')
      .replace('        "Kazakhstan supports stability in Afghanistan."\n', '        "Kazakhstan supports stability in Afghanistan.",\n        "six", "seven"\n');
    ev = f.events; rel = f.relations; art = f.articles;
  });
  assertError(r, 'events.json', lineOfText(ev, 'Ev_2019'), 'events[1].id', 'bad id "Ev_2019 Steps Down"');
  assertError(r, 'events.json', lineOfText(ev, '"sources": []'), 'events[3].sources', 'must not be empty');
  assertError(r, 'relations.json', lineOfText(rel, '"value": "2.1"'), 'relations[0].value', 'expected a number or null, got string');
  assertError(r, 'relations.json', lineOfText(rel, '"b": "USA",\n      "group": "C5+1"'), 'relations[2].b', 'a membership has no partner');
  assertError(r, 'articles.json', lineOfText(art, '"topics": "US relations"'), 'articles[1].topics', 'expected an array, got string');
  assertError(r, 'articles.json', lineOfText(art, '"key_points": [', '"id": "a-future-us-kazakhstan-relations"'), 'articles[1].key_points', 'needs 4–6 entries, has 7');
});

test('JSON syntax errors and duplicate members are reported with their line', () => {
  let ev;
  const r = expectFailure((f) => {
    f.places = f.places.replace('"kind": "capital", "country": "KAZ"', '"kind": "capital", "kind": "city", "country": "KAZ"');
    f.events = f.events.replace('"category": "politics",\n      "sources"', '"category": "politics"\n      "sources"');
    ev = f.events;
  });
  assertError(r, 'places.json', 3, 'places[0].kind', 'duplicate member');
  const line = lineOfText(ev, '"sources"', '"category": "politics"\n');
  assert.ok(r.lines.some((l) => new RegExp(`events\\.json:${line}: JSON syntax error .*expected ',' or '}'`).test(l)), r.stderr);
});

test('a missing content file is an error; references into a broken file do not cascade', () => {
  const r = expectFailure((f) => {
    f.relations = undefined;
    f.places = f.places.replace('"places": [', '"places": [,');
  });
  assert.ok(r.lines.some((l) => /relations\.json:0: file missing/.test(l)), r.stderr);
  assert.ok(r.lines.some((l) => /places\.json:2: JSON syntax error/.test(l)), r.stderr);
  assert.equal(r.lines.length, 3, `only the two problems and the summary:\n${r.stderr}`);
});

test('an article whose seed file does not exist is an error', () => {
  let text;
  const r = expectFailure((f) => {
    f.articles = f.articles.replace('"file": "001_c28b58cb37fc7d8d.txt"', '"file": "001_missing.txt"');
    text = f.articles;
  });
  assertError(r, 'articles.json', lineOfText(text, '001_missing.txt'), 'articles[1].file', 'no such source document');
});

test('the JSON parser records lines of objects, members and elements', () => {
  const doc = parseJson('{\n "a": [\n  1,\n  {"b":\n   2}\n ],\n "c": "x\\u00e9"\n}', 'x.json');
  assert.deepEqual(doc.value, { a: [1, { b: 2 }], c: 'xé' });
  assert.equal(lineOf(doc.value), 1);
  assert.equal(lineOf(doc.value, 'a'), 2);
  assert.equal(lineOf(doc.value, 'c'), 7);
  assert.equal(lineOf(doc.value.a, 0), 3);
  assert.equal(lineOf(doc.value.a, 1), 4);
  assert.equal(lineOf(doc.value.a[1], 'b'), 4);
  assert.throws(() => parseJson('{"a": 1,}', 'y.json'), /y\.json:1:9: unexpected "}"/);
  assert.throws(() => parseJson('[1,\n2\n', 'z.json'), /z\.json:3:1: unexpected end of file/);
  assert.equal(wordCount('Kazakhstan — a “big” country, 2019.'), 5);
});

test('Arabic and Han text gets its glyphs from the donor fonts, with no warning', async () => {
  const { readBundle } = await import('../../tools/bundle/read_bundle.mjs');
  const { fontCoverage } = await import('../../tools/bundle/fonts.mjs');
  const dir = mutatedFixtures((f) => {
    f.places = f.places.replace('"name_local": "Toshkent"', '"name_local": "تاشکند 塔什干"');
  });
  const outDir = tempDir();
  const out = path.join(outDir, 'atlas.bundle');
  try {
    const r = runCompile(dir, out);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.lines.filter((l) => l.includes('has no glyph')).length, 0, r.stderr);
    const b = readBundle(fs.readFileSync(out));
    assert.equal(b.places.find((p) => p.key === 'tashkent').name_local, 'تاشکند 塔什干');
    for (const [which, blob] of Object.entries(b.fonts)) {
      const f = path.join(outDir, `${which}.ttf`);
      fs.writeFileSync(f, blob);
      const cov = fontCoverage(f);
      // teh, alef, sheen, keheh, noon, dal in every form the shaper may pick
      // (src/core/shape.c), not the base letters; the three Han characters.
      for (const cp of [0xfe95, 0xfe96, 0xfe97, 0xfe98, 0xfe8d, 0xfe8e, 0xfeb5, 0xfeb8, 0xfb8e, 0xfb91, 0xfee5, 0xfee8, 0xfea9, 0xfeaa,
        0x5854, 0x4ec0, 0x5e72]) assert.ok(cov.has(cp), `${which} lacks U+${cp.toString(16)}`);
      for (const cp of [0x062a, 0x0627, 0x06a9, 0xfe99, 0xfebf]) assert.ok(!cov.has(cp), `${which} has U+${cp.toString(16)}, which nothing shows`);
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
    fs.rmSync(outDir, { recursive: true, force: true });
  }
});

test('text no font can show (Devanagari) is kept, with a warning naming the field', async () => {
  const { readBundle } = await import('../../tools/bundle/read_bundle.mjs');
  let text;
  const dir = mutatedFixtures((f) => {
    f.places = f.places.replace('"name_local": "Toshkent"', '"name_local": "ताशकंद"');
    text = f.places;
  });
  const outDir = tempDir();
  const out = path.join(outDir, 'atlas.bundle');
  try {
    const r = runCompile(dir, out);
    assert.equal(r.status, 0, r.stderr);
    const line = lineOfText(text, 'ताशकंद');
    const warn = r.lines.filter((l) => l.includes(`places.json:${line}: places[1].name_local: warning: NotoSans-Regular (nor Noto Sans Arabic, WenQuanYi Micro Hei) has no glyph for U+`));
    assert.equal(warn.length, 1, `one warning for the field:\n${r.stderr}`);
    assert.match(warn[0], /U\+0924 "त", U\+093E "ा", U\+0936 "श", U\+0915 "क", U\+0902 "ं", U\+0926 "द" \(text kept/);
    const b = readBundle(fs.readFileSync(out));
    assert.equal(b.places.find((p) => p.key === 'tashkent').name_local, 'ताशकंद');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
    fs.rmSync(outDir, { recursive: true, force: true });
  }
});

test('event notes: place_note and date_note are optional, checked, and reach the bundle (ENOT)', async () => {
  const { readBundle } = await import('../../tools/bundle/read_bundle.mjs');
  const note = '"place": "washington",\n      "place_note": "The sources give no place; shown at the capital.",\n      "date_note": "from context",';
  // accepted, and read back from the bundle's bytes
  const good = mutatedFixtures((f) => { f.events = f.events.replace('"place": "washington",', note); });
  const outDir = tempDir();
  try {
    const r = runCompile(good, path.join(outDir, 'atlas.bundle'));
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stderr, '');
    const b = readBundle(fs.readFileSync(path.join(outDir, 'atlas.bundle')));
    const ev = b.events.find((e) => e.place === 'washington');
    assert.equal(ev.place_note, 'The sources give no place; shown at the capital.');
    assert.equal(ev.date_note, 'from context');
    assert.ok(b.events.filter((e) => e !== ev).every((e) => e.place_note === '' && e.date_note === ''));
    assert.equal(b.tables.ENOT.length, b.tables.EVNT.length);
  } finally {
    fs.rmSync(good, { recursive: true, force: true });
    fs.rmSync(outDir, { recursive: true, force: true });
  }
  // rejected: a date note in brackets or with the reasoning in it; a place note that is not a sentence
  for (const [field, value, msg] of [
    ['date_note', '(from context)', 'without brackets'],
    ['date_note', 'the year is inferred from the date of the article that reports it', 'at most 40'],
    ['date_note', 'from context.', 'no full stop'],
    ['place_note', 'no place given', 'ending in a full stop'],
    ['place_note', '', 'must not be empty'],
  ]) {
    let text;
    const r = expectFailure((f) => {
      f.events = f.events.replace('"place": "washington",', `"place": "washington",\n      "${field}": ${JSON.stringify(value)},`);
      text = f.events;
    });
    assertError(r, 'events.json', lineOfText(text, `"${field}"`), `events[2].${field}`, msg);
  }
});
