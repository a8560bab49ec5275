// Own words: no prose field shares a run of 10+ consecutive words with a seed
// outside a marked quotation (tests/content/own_words.mjs). The checker is
// itself tested first, on a small planted fixture, so that a silent checker
// cannot make the real-content test pass.

import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { words, sharedRuns, indexSeed, checkOwnWords, proseFields, RUN_WORDS, QUOTE_MAX_WORDS } from './own_words.mjs';
import { mutatedFixtures, lineOfText, tempDir, ASSETS, SEEDS, haveRealAssets, FIXTURES } from './helpers.mjs';

const SEED = 'In the spring the herders of the northern steppe drove their flocks across the frozen river to the summer pastures near the old caravan town.';
const seeds = new Map([['042', indexSeed(SEED)]]);

test('checker: words ignore case and punctuation, keep inner apostrophes', () => {
  assert.deepEqual(words('Kazakhstan’s post-Soviet $2.1 BILLION'), ["kazakhstan's", 'post', 'soviet', '2', '1', 'billion']);
});

test('checker: a planted 10-word copy is found, with its whole run and seed', () => {
  const prose = 'Each year, the herders of the northern steppe drove their flocks across the frozen river, it says.';
  const { found } = sharedRuns(prose, seeds);
  assert.deepEqual(found, [{ run: 'the herders of the northern steppe drove their flocks across the frozen river', seed: '042' }]);
});

test('checker: case, punctuation and line breaks do not hide a copy', () => {
  const { found } = sharedRuns('THE HERDERS, of the Northern-Steppe; drove\ntheir flocks across the frozen river!', seeds);
  assert.equal(found.length, 1);
});

test(`checker: ${RUN_WORDS - 1} shared words are allowed, ${RUN_WORDS} are not`, () => {
  const nine = 'the herders of the northern steppe drove their flocks';      // 9 words of the seed
  assert.equal(words(nine).length, RUN_WORDS - 1);
  assert.deepEqual(sharedRuns(`${nine} in autumn.`, seeds).found, []);
  assert.equal(sharedRuns(`${nine} across.`, seeds).found.length, 1);
});

test('checker: a marked quotation is exempt, and no run spans it', () => {
  const quoted = 'The text says herders “drove their flocks across the frozen river to the summer pastures” each spring.';
  assert.deepEqual(sharedRuns(quoted, seeds).found, []);
  // five seed words before and five after a quotation are not a run of ten
  const around = 'of the northern steppe drove "quoted words" their flocks across the frozen';
  assert.deepEqual(sharedRuns(around, seeds).found, []);
});

test(`checker: a quotation longer than ${QUOTE_MAX_WORDS} words is a finding`, () => {
  const long = `As it says, "${SEED}"`;
  const { found, longQuotes } = sharedRuns(long, seeds);
  assert.deepEqual(found, []);
  assert.equal(longQuotes.length, 1);
});

test('checker: on a content set, a planted copy is reported as file:line: field: shared run "…" (seed NNN)', () => {
  const seedDir = tempDir('steppe-seeds-');
  fs.writeFileSync(path.join(seedDir, '042_fixture.txt'), SEED);
  const planted = 'Nazarbayev and the herders of the northern steppe drove their flocks across the frozen river.';
  const dir = mutatedFixtures((f) => {
    f.events = f.events.replace('Nursultan Nazarbayev resigns as president; Tokayev succeeds him.', planted);
  });
  try {
    const clean = checkOwnWords(FIXTURES, seedDir, 'fixtures');
    assert.deepEqual(clean, [], 'the untouched fixtures share nothing with the fixture seed');
    const report = checkOwnWords(dir, seedDir, 'fx');
    const line = lineOfText(fs.readFileSync(path.join(dir, 'events.json'), 'utf8'), planted);
    assert.deepEqual(report, [
      `fx/events.json:${line}: events[1].summary: shared run "the herders of the northern steppe drove their flocks across the frozen river" (seed 042)`,
    ]);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
    fs.rmSync(seedDir, { recursive: true, force: true });
  }
});

test('own words: no prose field of assets/ shares 10+ consecutive words with a seed', { skip: !haveRealAssets() && 'assets/*.json not there yet' }, () => {
  const fields = proseFields(ASSETS, 'assets');
  assert.ok(fields.length > 200, `only ${fields.length} prose fields found`);
  for (const k of ['summary', 'profile', 'title', 'key_points', 'label']) {
    assert.ok(fields.some((f) => f.field.includes(k)), `no ${k} field was checked`);
  }
  assert.deepEqual(checkOwnWords(ASSETS, SEEDS, 'assets'), []);
});
