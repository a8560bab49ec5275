// The compiler's checks of tours.json (issue 11): a broken tour is refused
// with `file:line: path: message` and no bundle is written — an unknown event,
// country, place or article, a bad year range, an empty or too short slide
// text, a duplicate id, a bad view — and a good one compiles, its stops
// becoming deep-link state strings.
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { runCompile, tempDir, FIXTURES, lineOfText } from './helpers.mjs';
import { CONTENT_FILES } from '../../tools/bundle/validate.mjs';
import { readBundle } from '../../tools/bundle/read_bundle.mjs';

const WORDS = Array.from({ length: 45 }, (_, i) => `word${i}`).join(' ');
const SOURCE = { article: 'a-tokayev-elections-2019', locator: 'para 1: "hold presidential elections on June 9"' };

function stop(over = {}) {
  return { title: 'A stop', text: WORDS, select: { event: 'ev-2019-06-09-presidential-election' }, view: 'fit',
    sources: [SOURCE], ...over };
}

/** The fixtures plus a tours.json; returns the compiler's result and the file's text. */
function compileWith(tours) {
  const dir = tempDir('steppe-tours-');
  for (const n of CONTENT_FILES) fs.copyFileSync(path.join(FIXTURES, `${n}.json`), path.join(dir, `${n}.json`));
  const text = JSON.stringify({ tours }, null, 2) + '\n';
  fs.writeFileSync(path.join(dir, 'tours.json'), text);
  const outDir = tempDir();
  const out = path.join(outDir, 'atlas.bundle');
  const r = runCompile(dir, out);
  const bundle = fs.existsSync(out) ? fs.readFileSync(out) : null;
  fs.rmSync(dir, { recursive: true, force: true });
  fs.rmSync(outDir, { recursive: true, force: true });
  return { ...r, text, bundle };
}

function expectError(r, line, fieldPath, message) {
  assert.equal(r.status, 1, `expected a failure, got ${r.status}\n${r.stderr}`);
  assert.equal(r.bundle, null, 'no bundle is written');
  const re = new RegExp(`tours\\.json:${line}: ${fieldPath.replace(/[[\].]/g, '\\$&')}: .*${message}`);
  assert.ok(r.lines.some((l) => re.test(l)), `expected tours.json:${line}: ${fieldPath}: ...${message}...\ngot:\n${r.stderr}`);
}

test('a good tour compiles, its stops as state strings', () => {
  const r = compileWith([{ id: 'good', title: 'Good', summary: 'Two stops.', stops: [
    stop({ years: [2019, 2019], categories: ['politics'] }),
    stop({ select: null, view: { lat: 45, lon: 60, zoom: -1 }, layers: ['markers'], notes: 'Ask why.' }),
  ] }]);
  assert.equal(r.status, 0, r.stderr);
  const b = readBundle(r.bundle);
  assert.equal(b.tables.TOUR.length, 1);
  assert.deepEqual(b.tables.TSTP.map((s) => s.state),
    ['e=ev-2019-06-09-presidential-election&t=2019-2019&f=politics', 'v=45.00000,60.00000,-1.00&l=markers']);
});

test('an unknown event, country, place or article is refused at its line', () => {
  const cases = [
    [{ event: 'ev-nope' }, 'select.event', 'unknown event "ev-nope"', '"event": "ev-nope"'],
    [{ country: 'XXX' }, 'select.country', 'unknown country "XXX"', '"country": "XXX"'],
    [{ place: 'atlantis' }, 'select.place', 'unknown place "atlantis"', '"place": "atlantis"'],
    [{ article: 'a-nope' }, 'select.article', 'unknown article "a-nope"', '"article": "a-nope"'],
  ];
  for (const [select, field, message, needle] of cases) {
    const r = compileWith([{ id: 't', title: 'T', stops: [stop({ select })] }]);
    expectError(r, lineOfText(r.text, needle), `tours[0].stops[0].${field}`, message);
  }
});

test('a bad year range, an empty or short text, a duplicate id and a bad view are refused', () => {
  let r = compileWith([{ id: 't', title: 'T', stops: [stop({ years: [2020, 2018] })] }]);
  expectError(r, lineOfText(r.text, '"years"'), 'tours[0].stops[0].years', 'bad year range 2020–2018');
  r = compileWith([{ id: 't', title: 'T', stops: [stop({ text: '' })] }]);
  expectError(r, lineOfText(r.text, '"text": ""'), 'tours[0].stops[0].text', 'must not be empty');
  r = compileWith([{ id: 't', title: 'T', stops: [stop({ text: 'Far too short.' })] }]);
  expectError(r, lineOfText(r.text, '"text": "Far too short."'), 'tours[0].stops[0].text', '3 words, a slide needs 40–120');
  r = compileWith([{ id: 't', title: 'T', stops: [stop()] }, { id: 't', title: 'Again', stops: [stop()] }]);
  expectError(r, lineOfText(r.text, '"id": "t"', '"title": "T"'), 'tours[1].id', 'duplicate id "t"');
  r = compileWith([{ id: 't', title: 'T', stops: [stop({ select: null, view: 'fit' })] }]);
  expectError(r, lineOfText(r.text, '"view": "fit"'), 'tours[0].stops[0].view', '"fit" needs something selected');
  r = compileWith([{ id: 't', title: 'T', stops: [stop({ layers: ['roads'] })] }]);
  expectError(r, lineOfText(r.text, '"layers"'), 'tours[0].stops[0].layers', 'unknown layer "roads"');
});
