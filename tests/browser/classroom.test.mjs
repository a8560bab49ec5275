// Classroom mode in the page: a guided tour played forward and back through
// every stop with PageDown/PageUp (what presentation clickers send), each
// stop matching its definition in assets/tours.json; a tour-stop deep link;
// Escape back to what the teacher had; a seeded quiz asking the same
// questions in two fresh pages, and grading one right and one wrong answer.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { openAtlas, waitForState, repoRoot } from './helpers.mjs';

const tours = JSON.parse(fs.readFileSync(path.join(repoRoot, 'assets/tours.json'), 'utf8')).tours;

// What a stop's state says should be selected, as state() names it.
function expectedSelection(stop) {
  if (!stop.select) return { kind: 'none', key: null };
  const [kind, key] = Object.entries(stop.select)[0];
  return { kind, key };
}

async function checkStop(page, tour, i) {
  const stop = tour.stops[i];
  const want = expectedSelection(stop);
  const s = await waitForState(page, `(s) => s.mode === 'tour' && s.tour && s.tour.stop === ${i + 1}`, `stop ${i + 1}`);
  assert.equal(s.tour.id, tour.id);
  assert.equal(s.tour.stops, tour.stops.length);
  assert.equal(s.selectionKind, want.kind, `stop ${i + 1} selects a ${want.kind}`);
  assert.equal(s.selection, want.key, `stop ${i + 1} selects ${want.key}`);
  if (stop.years) assert.deepEqual(s.years, stop.years, `stop ${i + 1}: years`);
  if (stop.layers) assert.deepEqual(s.layers, stop.layers, `stop ${i + 1}: layers`);
  assert.equal(s.hash, `tour=${tour.id}&stop=${i + 1}`);
  const text = await page.evaluate(() => window.steppeAtlas.panelText());
  assert.ok(text.startsWith(stop.title + '\n'), `the slide's title: ${text.slice(0, 60)}`);
  assert.ok(text.includes(`${i + 1} / ${tour.stops.length}`), 'the progress');
}

test('a tour plays forward and back through every stop with PageDown and PageUp', async () => {
  const atlas = await openAtlas({ width: 1280, height: 800, hash: '#c=UZB&theme=contrast' });
  try {
    const { page } = atlas;
    const list = await page.evaluate(() => window.steppeAtlas.tours());
    assert.deepEqual(list.map((t) => t.id), tours.map((t) => t.id));
    const tour = tours[1]; // the 2019 transition
    await page.keyboard.press('t'); // the list
    await waitForState(page, (s) => s.mode === 'tours', 'the tour list');
    assert.match(await page.evaluate(() => window.steppeAtlas.panelText()), /Guided tours/);
    await page.keyboard.press('Escape');
    await waitForState(page, (s) => s.mode === 'none', 'the list closed');
    await page.evaluate((id) => { location.hash = `#tour=${id}&stop=1`; }, tour.id);
    await checkStop(page, tour, 0);
    for (let i = 1; i < tour.stops.length; i++) {
      await page.keyboard.press('PageDown');
      await checkStop(page, tour, i);
    }
    await page.keyboard.press('PageDown'); // at the end: stays
    await checkStop(page, tour, tour.stops.length - 1);
    for (let i = tour.stops.length - 2; i >= 0; i--) {
      await page.keyboard.press('PageUp');
      await checkStop(page, tour, i);
    }
    await page.keyboard.press('End');
    await checkStop(page, tour, tour.stops.length - 1);
    await page.keyboard.press('Home');
    await checkStop(page, tour, 0);
    await page.keyboard.press('b');
    await waitForState(page, (s) => s.tour && s.tour.blank, 'the screen blanked');
    await page.keyboard.press('b');
    await waitForState(page, (s) => s.tour && !s.tour.blank, 'back from black');
    // The browser's back button steps back through stops too.
    // (The URL follows once the flight to the stop has landed.)
    await page.keyboard.press('ArrowRight');
    await checkStop(page, tour, 1);
    await page.waitForFunction((id) => location.hash === `#tour=${id}&stop=2`, tour.id);
    await page.goBack();
    await checkStop(page, tour, 0);
    // Escape: back to what the teacher had before the tour.
    await page.keyboard.press('Escape');
    const s = await waitForState(page, (st) => st.mode === 'none', 'the tour left');
    assert.equal(s.selection, 'UZB');
    assert.equal(s.highContrast, true);
    assert.deepEqual(atlas.consoleErrors, []);
  } finally { await atlas.close(); }
});

test('a link opens a tour at its stop', async () => {
  const tour = tours[0];
  const atlas = await openAtlas({ width: 1100, height: 750, hash: `#tour=${tour.id}&stop=4` });
  try {
    await checkStop(atlas.page, tour, 3);
    assert.deepEqual(atlas.consoleErrors, []);
  } finally { await atlas.close(); }
});

// The native program prints the same quiz with its answer key (issue 13:
// --quiz SEED --print): the page must ask the same questions, and the key
// says which choice is right.
function nativeQuiz(seed, count) {
  const bin = path.join(repoRoot, 'build/native/steppe_atlas');
  if (!fs.existsSync(bin)) return null;
  return execFileSync(bin, ['--quiz', String(seed), '--questions', String(count), '--print'], { encoding: 'utf8' });
}

async function clickLink(page, matcher, what) {
  const links = await page.evaluate(() => window.steppeAtlas.panelLinks());
  const link = links.find((l) => matcher(l.text));
  assert.ok(link, `a link for ${what} among ${JSON.stringify(links.map((l) => l.text))}`);
  await page.mouse.click(link.x + Math.min(8, link.w / 2), link.y + link.h / 2);
}

test('a seeded quiz asks the same questions in two fresh pages, as the native print does, and grades answers', async () => {
  const seed = 1, hash = `#quiz=${seed}&qn=5`;
  const printed = nativeQuiz(seed, 5);
  const a = await openAtlas({ width: 1200, height: 800, hash });
  const b = await openAtlas({ width: 1200, height: 800, hash });
  try {
    const sa = await waitForState(a.page, (s) => s.mode === 'quiz' && s.quiz.count === 5, 'the quiz in page 1');
    await waitForState(b.page, (s) => s.mode === 'quiz' && s.quiz.count === 5, 'the quiz in page 2');
    assert.equal(sa.quiz.seed, seed);
    assert.equal(sa.hash, `quiz=${seed}&qn=5`);
    const ta = await a.page.evaluate(() => window.steppeAtlas.panelText());
    const tb = await b.page.evaluate(() => window.steppeAtlas.panelText());
    assert.equal(ta, tb, 'the first question and its choices are the same in both pages');
    assert.match(ta, /^Question 1 of 5\n/);
    const question1 = ta.split('\n')[2];
    if (printed) assert.ok(printed.includes(`1. ${question1}\n`), `the native print asks "${question1}" first`);
    // Question 1: the right choice (from the native answer key); question 2: a wrong one.
    const key = printed ? printed.slice(printed.indexOf('Answer key')) : '';
    const right1 = /\n1\. ([a-d])\)/.exec(key);
    const right2 = /\n2\. ([a-d])\)/.exec(key);
    assert.ok(right1 && right2, 'seed 1 starts with two choice questions');
    await clickLink(a.page, (t) => t.startsWith(`${right1[1]})`), `choice ${right1[1]}`);
    let s = await waitForState(a.page, (st) => st.quiz && st.quiz.answered === 1, 'the first answer graded');
    assert.equal(s.quiz.feedback, 'right');
    assert.equal(s.quiz.score, 1);
    assert.notEqual(s.selectionKind, 'none', 'the right answer is shown on the map');
    assert.match(await a.page.evaluate(() => window.steppeAtlas.panelText()), /\nRight\n/);
    await clickLink(a.page, (t) => t.startsWith('Next question'), 'next');
    await waitForState(a.page, (st) => st.quiz && st.quiz.index === 1 && st.quiz.feedback === 'none', 'question 2');
    const wrong = ['a', 'b', 'c', 'd'].find((c) => c !== right2[1]);
    await clickLink(a.page, (t) => t.startsWith(`${wrong})`), `choice ${wrong}`);
    s = await waitForState(a.page, (st) => st.quiz && st.quiz.answered === 2, 'the second answer graded');
    assert.equal(s.quiz.feedback, 'wrong');
    assert.equal(s.quiz.score, 1);
    assert.match(await a.page.evaluate(() => window.steppeAtlas.panelText()), /Not quite/);
    // A new seed is another quiz.
    await b.page.evaluate(() => { location.hash = '#quiz=2&qn=5'; });
    await waitForState(b.page, (st) => st.quiz && st.quiz.seed === 2, 'seed 2');
    assert.notEqual(await b.page.evaluate(() => window.steppeAtlas.panelText()), tb);
    // Escape leaves the quiz.
    await a.page.keyboard.press('Escape');
    await waitForState(a.page, (st) => st.mode === 'none', 'the quiz left');
    assert.deepEqual(a.consoleErrors, []);
    assert.deepEqual(b.consoleErrors, []);
  } finally { await a.close(); await b.close(); }
});
