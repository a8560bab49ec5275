// Issue 16, item 5: on a phone the search box is a real <input>, so a tap
// raises the on-screen keyboard. Playwright's touch emulation (hasTouch,
// isMobile, 390x844): a tap on the canvas's search box gives the <input> the
// focus; what is typed into it (Cyrillic, Backspace, an IME's composition) is
// the box's query and its results on the canvas; Enter selects the first
// result, Esc closes, a tap on a result chooses it, a tap on the map closes.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { openAtlas, waitForState, screenshotDir, decodePng } from './helpers.mjs';

const PHONE = { width: 390, height: 844, deviceScaleFactor: 2, contextOptions: { hasTouch: true, isMobile: true } };
let atlas, cdp;
before(async () => {
  atlas = await openAtlas(PHONE);
  cdp = await atlas.page.context().newCDPSession(atlas.page);
});
after(async () => { await atlas?.close(); });

const page = () => atlas.page;
const search = () => page().evaluate(() => window.steppeAtlas.search());
const focusedId = () => page().evaluate(() => document.activeElement && document.activeElement.id);
const inputValue = () => page().evaluate(() => document.getElementById('search-input').value);
const frames = (n = 3) => page().evaluate((k) => new Promise((r) => {
  (function f(i) { if (i <= 0) r(); else requestAnimationFrame(() => f(i - 1)); })(k);
}), n);
// Waits (in the page, each frame) until the box's state passes the test, then returns it.
async function waitForSearch(predicate, what) {
  // eslint-disable-next-line no-eval
  const check = (0, eval)(`() => (${predicate.toString()})(window.steppeAtlas.search(), document.getElementById('search-input'))`);
  try {
    await page().waitForFunction(check, null, { timeout: 5000, polling: 'raf' });
  } catch (e) {
    throw new Error(`timed out waiting for ${what}; the box is ${JSON.stringify(await search())}, the input holds "${await inputValue()}"`);
  }
  return search();
}
const bytes = (s) => Buffer.byteLength(s, 'utf8');

async function tapBox() {
  const b = await search();
  assert.ok(b.shown && b.w > 0 && b.h > 0, `the box is on screen: ${JSON.stringify(b)}`);
  await page().touchscreen.tap(b.x + b.w / 2, b.y + b.h / 2);
  await waitForSearch((s, i) => document.activeElement === i && s.focused && s.pageInput, 'the <input> focused over the box');
}
async function close() {
  await page().keyboard.press('Escape');
  await waitForSearch((s, i) => document.activeElement !== i && !s.focused, 'the box closed');
}

test('a tap on the search box gives the focus to the <input>, which lies exactly over the box', async () => {
  await tapBox();
  assert.equal(await focusedId(), 'search-input');
  const b = await search();
  const r = await page().evaluate(() => {
    const e = document.getElementById('search-input'), q = e.getBoundingClientRect(), cs = getComputedStyle(e);
    return { x: q.x, y: q.y, w: q.width, h: q.height, type: e.type, role: e.getAttribute('role'),
      label: e.getAttribute('aria-label'), font: parseFloat(cs.fontSize), shown: cs.display !== 'none' };
  });
  for (const k of ['x', 'y', 'w', 'h']) assert.ok(Math.abs(r[k] - b[k]) < 0.5, `input ${k} ${r[k]} vs box ${b[k]}`);
  assert.equal(r.type, 'search');
  assert.equal(r.role, 'combobox');
  assert.match(r.label, /^Search the atlas/);
  assert.ok(r.shown);
  assert.ok(r.font >= 16, `font ${r.font}px: 16 at least (iOS zooms into smaller fields)`);
  await close();
});

test('Cyrillic typed into the <input>, and Backspaces, are the query the canvas searches', async () => {
  await tapBox();
  await page().keyboard.type('Қазақстан', { delay: 15 });
  let s = await waitForSearch((st, i) => st.query === 'Қазақстан' && i.value === 'Қазақстан', 'the query typed');
  assert.equal(s.caret, bytes('Қазақстан'));
  assert.ok(s.results.length > 0, 'results');
  assert.equal(s.results[0].kind, 'country');
  assert.equal(s.results[0].key, 'KAZ');
  for (let i = 0; i < 3; i++) await page().keyboard.press('Backspace');
  s = await waitForSearch((st, i) => st.query === 'Қазақс' && i.value === 'Қазақс', 'three characters removed');
  assert.equal(s.caret, bytes('Қазақс'));
  assert.equal(s.results[0].key, 'KAZ');
  // The caret moved into the middle: typing lands there, in the box as in the <input>.
  await page().keyboard.press('ArrowLeft');
  await page().keyboard.press('ArrowLeft');
  await page().keyboard.insertText('x');
  s = await waitForSearch((st, i) => i.value === 'Қазаxқс' && st.query === 'Қазаxқс', 'x typed before the caret');
  assert.equal(s.caret, bytes('Қазаx'));
  assert.equal(s.caret, s.anchor);
  await page().keyboard.press('Backspace');
  await waitForSearch((st, i) => st.query === 'Қазақс' && i.value === 'Қазақс', 'x removed');
  // An on-screen keyboard's composition (an IME): the composed text shows, and counts, while it is composed.
  await page().keyboard.press('End');
  await cdp.send('Input.imeSetComposition', { text: 'та', selectionStart: 2, selectionEnd: 2 });
  await waitForSearch((st, i) => i.value === 'Қазақста' && st.query === 'Қазақста', 'the composition in the query');
  await cdp.send('Input.insertText', { text: 'тан' });
  s = await waitForSearch((st, i) => i.value === 'Қазақстан' && st.query === 'Қазақстан', 'the composition committed');
  assert.equal(s.results[0].key, 'KAZ');
  // The listbox for screen readers holds the same results, the first one active.
  const a11y = await page().evaluate(() => {
    const i = document.getElementById('search-input'), l = document.getElementById('search-results');
    return { expanded: i.getAttribute('aria-expanded'), active: i.getAttribute('aria-activedescendant'),
      first: l.firstElementChild && l.firstElementChild.textContent, n: l.children.length };
  });
  assert.equal(a11y.expanded, 'true');
  assert.equal(a11y.active, 'search-result-0');
  assert.equal(a11y.n, s.results.length);
  assert.equal(a11y.first, `${s.results[0].label}, country`);
  // Keys typed into the <input> do not reach the map ('p' plays the timeline there).
  await page().keyboard.type(' p', { delay: 15 });
  await frames(3);
  assert.equal((await page().evaluate(() => window.steppeAtlas.state())).playing, false);
  await page().keyboard.press('Backspace');
  await page().keyboard.press('Backspace');
  await waitForSearch((st) => st.query === 'Қазақстан', 'back to the name');
  await page().screenshot({ path: path.join(screenshotDir, 'search-touch-390.png') });
  // Enter selects the first result; the <input> lets go and the box closes.
  await page().keyboard.press('Enter');
  const st = await waitForState(page(), (x) => x.selectionKind === 'country' && x.selection === 'KAZ', 'Kazakhstan selected');
  assert.ok(st.panelOpen);
  s = await waitForSearch((b, i) => !b.focused && document.activeElement !== i, 'the box closed after Enter');
  assert.equal(s.query, '');
  assert.equal(await inputValue(), '');
  await page().keyboard.press('Escape');
  await page().keyboard.press('Escape');
  await waitForState(page(), (x) => x.selectionKind === 'none', 'nothing selected');
});

test('Esc closes the box and selects nothing; a tap on a result on the canvas chooses it', async () => {
  await tapBox();
  await page().keyboard.type('Almaty', { delay: 15 });
  let s = await waitForSearch((st) => st.query === 'Almaty' && st.results.length > 0, 'Almaty found');
  await close();
  assert.equal((await page().evaluate(() => window.steppeAtlas.state())).selectionKind, 'none');
  // Opened again, it holds what was left, to edit; the first row on the canvas is Almaty.
  await tapBox();
  s = await waitForSearch((st, i) => i.value === 'Almaty' && st.results.length > 0, 'the query kept');
  assert.equal(s.results[0].key, 'almaty');
  await page().touchscreen.tap(s.x + s.w / 2, s.y + s.h + 20);
  await waitForState(page(), (x) => x.selectionKind === 'place' && x.selection === 'almaty', 'Almaty chosen by a tap');
  await waitForSearch((st, i) => !st.focused && document.activeElement !== i, 'the box closed');
  await page().keyboard.press('Escape');
  await page().keyboard.press('Escape');
  await waitForState(page(), (x) => x.selectionKind === 'none', 'nothing selected');
});

test('a tap on the map while typing closes the box', async () => {
  await tapBox();
  await page().keyboard.type('Tash', { delay: 15 });
  await waitForSearch((st) => st.query === 'Tash', 'typed');
  await page().touchscreen.tap(200, 560);
  await waitForSearch((st, i) => !st.focused && !st.pageInput && document.activeElement !== i, 'closed by the tap');
});

test('at 200 % text scale the <input> still covers the box, and its text is larger', async () => {
  const big = await openAtlas({ ...PHONE, hash: '#ts=200' });
  try {
    const b = await big.page.evaluate(() => window.steppeAtlas.search());
    assert.equal(b.scale, 2);
    await big.page.touchscreen.tap(b.x + b.w / 2, b.y + b.h / 2);
    await big.page.waitForFunction(() => document.activeElement === document.getElementById('search-input'));
    await big.page.keyboard.type('Қазақстан', { delay: 15 });
    await big.page.waitForFunction(() => window.steppeAtlas.search().query === 'Қазақстан');
    const r = await big.page.evaluate(() => {
      const e = document.getElementById('search-input'), q = e.getBoundingClientRect();
      return { x: q.x, y: q.y, w: q.width, h: q.height, font: parseFloat(getComputedStyle(e).fontSize) };
    });
    for (const k of ['x', 'y', 'w', 'h']) assert.ok(Math.abs(r[k] - b[k]) < 0.5, `input ${k} ${r[k]} vs box ${b[k]}`);
    assert.equal(r.font, 30); // the canvas's 15 px query (core/text_sizes.h) at 200 %
    const png = await big.page.screenshot({ path: path.join(screenshotDir, 'search-touch-390-ts200.png') });
    assert.equal(decodePng(png).width, 780);
    assert.deepEqual(big.consoleErrors, []);
  } finally { await big.close(); }
});

test('a screen with a mouse too: the first touch on the box gives the <input> the focus', async () => {
  const desk = await openAtlas({ width: 1024, height: 768 });
  try {
    const p = desk.page, c = await p.context().newCDPSession(p);
    const before = await p.evaluate(() => ({ coarse: matchMedia('(pointer: coarse)').matches,
      shown: getComputedStyle(document.getElementById('search-input')).display !== 'none' }));
    assert.deepEqual(before, { coarse: false, shown: false });
    const b = await p.evaluate(() => window.steppeAtlas.search());
    const pt = [{ x: b.x + 40, y: b.y + b.h / 2, id: 1 }];
    await c.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: pt });
    await c.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
    await p.waitForFunction(() => document.activeElement === document.getElementById('search-input'), null, { timeout: 5000 });
    await p.keyboard.type('Bishkek', { delay: 15 });
    await p.waitForFunction(() => window.steppeAtlas.search().query === 'Bishkek', null, { timeout: 5000, polling: 'raf' });
    assert.ok(await p.evaluate(() => document.documentElement.classList.contains('touch-input')));
    await p.keyboard.press('Enter');
    await waitForState(p, (x) => x.selectionKind === 'place' && x.selection === 'bishkek', 'Bishkek selected');
    assert.deepEqual(desk.consoleErrors, []);
  } finally { await desk.close(); }
});

test('on a touch screen the screen reader\'s "Search the atlas" button focuses the <input>', async () => {
  await page().evaluate(() => document.querySelector('#a11y [data-act=search]').click());
  await waitForSearch((st, i) => document.activeElement === i && st.focused && st.pageInput, 'the <input> focused');
  await close();
});

test('what does not fit the box (127 bytes) is cut in the <input> too; unknown keys do nothing', async () => {
  await tapBox();
  await page().keyboard.press('Control+A'); // over what an earlier search left
  await page().keyboard.insertText('Қ'.repeat(70)); // 140 bytes
  const s = await waitForSearch((st, i) => st.query.length === 63 && i.value === st.query, 'cut to 63 letters (126 bytes)');
  assert.equal(bytes(s.query), 126);
  assert.equal(await page().evaluate(() => [Module.ccall('steppe_search_key', 'number', ['string'], ['nonsense']),
    Module.ccall('steppe_search_key', 'number', ['number'], [0])].join()), '0,0');
  await page().keyboard.press('Control+A');
  await page().keyboard.press('Backspace');
  await waitForSearch((st) => st.query === '', 'emptied');
  await close();
});

test('no console errors', () => { assert.deepEqual(atlas.consoleErrors, []); });
