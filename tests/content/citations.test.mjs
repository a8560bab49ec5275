// Citations (issue 16, item 18): every document's title, author and outlet as
// the document itself states them. The compiler refuses a title, author or
// outlet the text does not contain (`file:line: field: message`), and the
// real metadata is pinned to what each of the five documents prints.

import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { runCompile, mutatedFixtures, lineOfText, tempDir, readContent, haveRealAssets, SEEDS } from './helpers.mjs';

function compileMutated(mutate) {
  let text;
  const dir = mutatedFixtures((f) => { mutate(f); text = f.articles; });
  const outDir = tempDir();
  const r = runCompile(dir, path.join(outDir, 'atlas.bundle'));
  const written = fs.readdirSync(outDir);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.rmSync(outDir, { recursive: true, force: true });
  return { ...r, text, written };
}

function assertRefused(r, line, field, text) {
  assert.equal(r.status, 1, r.stderr);
  assert.deepEqual(r.written, []);
  const re = new RegExp(`articles\\.json:${line}: ${field.replace(/[[\].]/g, '\\$&')}: .*${text}`);
  assert.ok(r.lines.some((l) => re.test(l)), `expected articles.json:${line}: ${field}: ...${text}...\ngot:\n${r.stderr}`);
}

test('an author the document does not name is refused with file:line: field', () => {
  const r = compileMutated((f) => { f.articles = f.articles.replace('"author": "Wilder Alejandro Sanchez"', '"author": "Wilder A. Sanchez"'); });
  assertRefused(r, lineOfText(r.text, '"author": "Wilder A. Sanchez"'), 'articles[0].author', '"Wilder A. Sanchez" not found in 000_289b76a1e99ea86c.txt');
});

test('an invented outlet is refused, part by part', () => {
  const r = compileMutated((f) => { f.articles = f.articles.replace(/"outlet": ""/, '"outlet": "Foreign Affairs (Council on Foreign Relations)"'); });
  const line = lineOfText(r.text, '"outlet": "Foreign Affairs');
  assertRefused(r, line, 'articles[0].outlet', '"Foreign Affairs" not found');
  assertRefused(r, line, 'articles[0].outlet', '"Council on Foreign Relations" not found');
});

test('a title the document does not print needs a title_note', () => {
  const r = compileMutated((f) => {
    f.articles = f.articles.replace('"title": "The Future of US-Kazakhstan Relations"', '"title": "The Future of US–Kazakh Relations"');
  });
  assertRefused(r, lineOfText(r.text, '"title": "The Future of US–Kazakh Relations"'), 'articles[1].title', 'title_note');
});

test('the five documents are cited by their own title, author and outlet', { skip: !haveRealAssets() || !fs.existsSync(SEEDS) }, () => {
  const byFile = new Map(readContent().articles.map((a) => [a.file, a]));
  const cite = (f) => { const a = byFile.get(f); return [a.title, a.author, a.outlet, Boolean(a.title_note)]; };
  // What each text states: 000 ends "Wilder Alejandro Sanchez is an analyst ..." and has no headline;
  // 001 opens "Title: ..." and ends with the author's note; 002 opens with the headline and byline and
  // ends "The Diplomatic Pouch features insights ... Institute for the Study of Diplomacy or Georgetown
  // University"; 003 prints its title and "By Wilder Alejandro Sanchez"; 004 is a book's chapter
  // with its heading only. No other outlet is named in any of them.
  assert.deepEqual(cite('000_289b76a1e99ea86c.txt').slice(1), ['Wilder Alejandro Sanchez', '', true]);
  assert.deepEqual(cite('001_c28b58cb37fc7d8d.txt'), ['The Future of US-Kazakhstan Relations', 'Wilder Alejandro Sanchez', '', false]);
  assert.deepEqual(cite('002_17707567ce2ff9eb.txt'), ['Washington needs a more defined Kazakhstan policy', 'Mikael Pir-Budagyan',
    'The Diplomatic Pouch (Institute for the Study of Diplomacy, Georgetown University)', false]);
  assert.deepEqual(cite('003_218dca49edb06294.txt'), ['A Rising Global Player: Kazakhstan’s Foreign Policy in the 2020s', 'Wilder Alejandro Sanchez', '', false]);
  assert.deepEqual(cite('004_96de2652192d8e01.txt'), ['Chapter Five: New Focus, New Grounding', '', '', true]);
  // and every stated part occurs in its text (the compiler's rule, checked here on the files themselves)
  for (const a of byFile.values()) {
    const text = fs.readFileSync(path.join(SEEDS, a.file), 'utf8').replace(/\s+/g, ' ');
    if (!a.title_note) assert.ok(text.includes(a.title.replace(/\s+/g, ' ')), `${a.file}: title`);
    for (const part of `${a.author},${a.outlet}`.split(/[,()]/).map((x) => x.trim()).filter(Boolean))
      assert.ok(text.includes(part), `${a.file}: ${part}`);
  }
});
