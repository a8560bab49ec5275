// Onboarding (issue 16 item 17): the first visit's hint, which shows once and
// goes at the first choice; '?' and the '?' button open the card of every
// key, Esc or a click closes it; the page's mirror lists the same keys.
import test from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { openAtlas, screenshotDir, waitForState } from './helpers.mjs';

test('first visit: the hint shows once, and goes at the first choice', async () => {
  const atlas = await openAtlas({ width: 1280, height: 800, firstVisit: true });
  const { page } = atlas;
  try {
    assert.equal((await page.evaluate(() => window.steppeAtlas.state())).hint, true);
    await page.screenshot({ path: path.join(screenshotDir, 'onboarding-hint.png') });
    // A click on Kazakhstan (a real click: press and release) chooses it, and the hint goes.
    const [x, y] = await page.evaluate(() => window.steppeAtlas.project(67, 48));
    await page.mouse.click(x, y);
    await waitForState(page, (s) => s.selection === 'KAZ', 'Kazakhstan selected');
    assert.equal((await page.evaluate(() => window.steppeAtlas.state())).hint, false);
    // The next visit has no hint.
    await page.goto(atlas.url + 'index.html');
    await page.evaluate(() => window.steppeAtlas.ready);
    assert.equal((await page.evaluate(() => window.steppeAtlas.state())).hint, false);
    assert.deepEqual(atlas.consoleErrors, []);
  } finally {
    await atlas.close();
  }
});

test('a visit opening a link gets no hint', async () => {
  const atlas = await openAtlas({ firstVisit: true, hash: '#c=UZB' });
  try {
    const s = await atlas.page.evaluate(() => window.steppeAtlas.state());
    assert.equal(s.selection, 'UZB');
    assert.equal(s.hint, false);
  } finally {
    await atlas.close();
  }
});

test("'?' opens the card of every key; Esc, '?' and a click close it", async () => {
  const atlas = await openAtlas({ width: 1280, height: 800 });
  const { page } = atlas;
  const help = async () => (await page.evaluate(() => window.steppeAtlas.state())).help;
  try {
    assert.equal((await page.evaluate(() => window.steppeAtlas.state())).hint, false);
    await page.locator('#canvas').focus();
    await page.keyboard.press('Shift+Slash');
    await waitForState(page, (s) => s.help === true, 'the help card open');
    await page.screenshot({ path: path.join(screenshotDir, 'onboarding-help.png') });
    await page.keyboard.press('Escape');
    await waitForState(page, (s) => s.help === false, 'the help card closed by Esc');
    await page.keyboard.press('F1');
    await waitForState(page, (s) => s.help === true, 'the help card open by F1');
    await page.keyboard.press('Shift+Slash');
    await waitForState(page, (s) => s.help === false, "the help card closed by '?'");
    // The '?' button: the fourth in the column at the map's top right, below home.
    await page.mouse.click(1280 - 12 - 17, 12 + 3 * 38 + 17);
    await waitForState(page, (s) => s.help === true, "the help card open by its button");
    // A click on the map closes it and chooses nothing under it.
    const [x, y] = await page.evaluate(() => window.steppeAtlas.project(67, 48));
    await page.mouse.click(x, y);
    await waitForState(page, (s) => s.help === false, 'the help card closed by a click');
    assert.equal((await page.evaluate(() => window.steppeAtlas.state())).selection, null);
    assert.equal(await help(), false);
    assert.deepEqual(atlas.consoleErrors, []);
  } finally {
    await atlas.close();
  }
});

test('the mirror has a button for the keys and lists them', async () => {
  const atlas = await openAtlas();
  const { page } = atlas;
  try {
    // As a keyboard user does: the mirror's button (visually hidden), then Enter.
    await page.getByRole('button', { name: 'Keys and gestures' }).focus();
    await page.keyboard.press('Enter');
    await waitForState(page, (s) => s.help === true, 'the help card open from the mirror');
    const items = await page.locator('#a11y-keys li').allTextContents();
    assert.ok(items.includes('? or F1: This list'), items.join(' | '));
    assert.ok(items.includes('p: Play the years'));
    assert.deepEqual(await page.locator('#a11y-keys h3').allTextContents(), ['The map', 'Reading', 'Time', 'In class']);
    assert.equal(await page.evaluate(() => document.activeElement.id), 'a11y-keys');
  } finally {
    await atlas.close();
  }
});
