// A teacher's own bundle dropped onto the page, or picked with the keyboard's
// "Open a bundle file" control (issue 12): a good one replaces the atlas shown
// (opening at its home view), a bad one is refused with the reader's message,
// the same as ?bundle= gives, and the atlas shown stays as it was: its
// selection, its panel, its address. The map works after either.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { openAtlas, waitForState, repoRoot, screenshotDir, pixelAt, colorDistance } from './helpers.mjs';

const built = path.join(repoRoot, 'build/web/atlas.bundle');
const scratch = path.join(repoRoot, 'build/test-bundle-drop');
const CHANGED_TITLE = 'Kazakhstan becomes independent (a teacher\'s copy)';
let atlas, changed;

// A bundle compiled from the assets with one event's title changed: the atlas
// that opens can be told from the built-in one.
function compileChanged() {
  const assets = path.join(scratch, 'assets');
  fs.rmSync(scratch, { recursive: true, force: true });
  fs.cpSync(path.join(repoRoot, 'assets'), assets, { recursive: true });
  const file = path.join(assets, 'events.json');
  const events = JSON.parse(fs.readFileSync(file, 'utf8'));
  const ev = events.events.find((e) => e.id === 'ev-1991-independence');
  assert.ok(ev, 'the event to change is in assets/events.json');
  ev.title = CHANGED_TITLE;
  fs.writeFileSync(file, JSON.stringify(events, null, 2) + '\n');
  const out = path.join(scratch, 'teacher.bundle');
  execFileSync(process.execPath, [path.join(repoRoot, 'tools/bundle/compile.mjs'), '--assets', assets, '--out', out, '--quiet'],
    { stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, NODE_PATH: '/usr/share/nodejs' } });
  return out;
}

// Drops bytes onto the map as a file named name, as a browser's drop delivers it.
async function drop(page, name, bytes) {
  await page.evaluate(([n, b64]) => {
    const data = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
    const dt = new DataTransfer();
    dt.items.add(new File([data], n));
    const canvas = document.getElementById('canvas');
    for (const type of ['dragenter', 'dragover', 'drop'])
      canvas.dispatchEvent(new DragEvent(type, { bubbles: true, cancelable: true, dataTransfer: dt }));
  }, [name, Buffer.from(bytes).toString('base64')]);
}
const live = (page) => page.evaluate(() => document.getElementById('a11y-live').textContent);

before(async () => {
  assert.ok(fs.existsSync(built), `the built bundle ${built} (bash tools/build.sh web)`);
  changed = compileChanged();
  atlas = await openAtlas({ hash: '#c=KAZ' });
  // Playwright takes over the file chooser once a listener is there: set up before any key is pressed.
  atlas.page.on('filechooser', () => {});
});
after(async () => { await atlas?.close(); });

test('a dropped file that is no bundle is refused with the reader\'s message; the selection and the map stay', async () => {
  const { page } = atlas;
  const before_ = await waitForState(page, (s) => s.selection === 'KAZ' && s.panelOpen && !s.view.flying, 'Kazakhstan open');
  await drop(page, 'garbage.bundle', Buffer.from('not a bundle at all'));
  const s = await waitForState(page, (st) => st.notice !== '', 'the notice');
  assert.match(s.notice, /^Could not open garbage\.bundle: .+\. The atlas shown stays open\.$/);
  assert.equal(s.selection, 'KAZ');
  assert.equal(s.panelOpen, true);
  assert.deepEqual(s.view, before_.view);
  assert.equal(await page.evaluate(() => location.hash), '#c=KAZ');
  assert.equal(await live(page), s.notice, 'screen readers are told');
  // Shown under the search field, not behind it or the map's buttons (ui.c, draw_notice).
  await page.waitForTimeout(200);
  assert.ok(colorDistance(await pixelAt(page, 30, 70), [0xB0, 0x2E, 0x26]) < 40, 'the notice\'s box under the search field');
  await page.screenshot({ path: path.join(screenshotDir, 'web-bundle-drop-refused.png') });
});

test('a truncated bundle is refused naming what is wrong, as ?bundle= and the native window do', async () => {
  const { page } = atlas;
  await drop(page, 'truncated.bundle', fs.readFileSync(built).subarray(0, 5000));
  const s = await waitForState(page, (st) => /truncated\.bundle/.test(st.notice), 'the notice for truncated.bundle');
  assert.match(s.notice, /^Could not open truncated\.bundle: .*file_size.*\. The atlas shown stays open\.$/);
  assert.equal(s.selection, 'KAZ');
  // The map still answers: a click selects another country.
  const [x, y] = await page.evaluate(() => window.steppeAtlas.project(64, 41.5));
  await page.mouse.click(x, y);
  await waitForState(page, (st) => st.selection === 'UZB', 'Uzbekistan selected by a click');
});

test('a good bundle picked by keyboard replaces the atlas: its home view, its content, the mirror rebuilt', async () => {
  const { page } = atlas;
  await page.focus('#open-bundle');
  const [chooser] = await Promise.all([page.waitForEvent('filechooser', { timeout: 5000 }), page.keyboard.press('Space')]);
  await chooser.setFiles(changed);
  await page.waitForFunction(() => document.getElementById('a11y-live').textContent.startsWith('Opened teacher.bundle'));
  const s = await waitForState(page, (st) => st.selectionKind === 'none' && st.notice === '' && !st.view.flying, 'the new atlas at home');
  await page.keyboard.press('0'); // the home view: where it already is
  await page.waitForTimeout(300);
  const home = await waitForState(page, (st) => !st.view.flying, 'at rest');
  for (const k of ['lon', 'lat', 'zoom']) assert.ok(Math.abs(home.view[k] - s.view[k]) < 1e-3, `at its home view (${k})`);
  assert.equal(await page.evaluate(() => window.steppeAtlas.mirror().countries.length > 5), true, 'its countries are listed');
  assert.equal(await page.evaluate(() => window.steppeAtlas.select('event', 'ev-1991-independence')), true);
  await waitForState(page, (st) => st.selection === 'ev-1991-independence' && st.panelOpen, 'the event open');
  assert.match(await page.evaluate(() => window.steppeAtlas.panelText()), /a teacher's copy/);
  assert.match(await page.evaluate(() => document.title), /a teacher's copy/, 'the title follows the new selection');
  await page.screenshot({ path: path.join(screenshotDir, 'web-bundle-drop-opened.png') });
});

test('a file dragged over the page frames the map and says what dropping does; leaving or dropping clears it', async () => {
  const { page } = atlas;
  const shown = () => page.evaluate(() => ({ frame: document.body.classList.contains('dropping'),
    hint: getComputedStyle(document.getElementById('drop-hint')).display !== 'none',
    text: document.getElementById('drop-hint').textContent }));
  const drag = (type, relatedTarget) => page.evaluate(([t, rel]) => {
    const dt = new DataTransfer();
    dt.items.add(new File([new Uint8Array(4)], 'x.bundle'));
    document.getElementById('canvas').dispatchEvent(new DragEvent(t, { bubbles: true, cancelable: true, dataTransfer: dt,
      relatedTarget: rel ? document.body : null }));
  }, [type, relatedTarget]);
  assert.deepEqual(await shown(), { frame: false, hint: false, text: 'Drop a .bundle file to open it in the atlas' });
  await drag('dragenter');
  await drag('dragover');
  assert.equal((await shown()).frame, true);
  assert.equal((await shown()).hint, true);
  await page.screenshot({ path: path.join(screenshotDir, 'web-bundle-drag-over.png') });
  await drag('dragleave', true); // onto another element of the page: still over it
  assert.equal((await shown()).frame, true);
  await drag('dragleave', false); // out of the window
  assert.deepEqual(await shown(), { frame: false, hint: false, text: 'Drop a .bundle file to open it in the atlas' });
  await drag('dragenter');
  await drop(page, 'garbage.bundle', Buffer.from('not a bundle'));
  assert.equal((await shown()).frame, false);
  assert.equal((await shown()).hint, false);
});

test('dropping the built bundle back opens it again; the map works and nothing went to the console', async () => {
  const { page } = atlas;
  await drop(page, 'atlas.bundle', fs.readFileSync(built));
  await page.waitForFunction(() => document.getElementById('a11y-live').textContent.startsWith('Opened atlas.bundle'));
  await waitForState(page, (st) => st.selectionKind === 'none', 'nothing selected');
  await page.evaluate(() => window.steppeAtlas.select('event', 'ev-1991-independence'));
  await waitForState(page, (st) => st.panelOpen, 'the event open');
  assert.doesNotMatch(await page.evaluate(() => window.steppeAtlas.panelText()), /a teacher's copy/);
  await page.keyboard.press('Escape');
  await page.keyboard.press('Escape');
  const [x, y] = await page.evaluate(() => window.steppeAtlas.project(67, 48));
  await page.mouse.click(x, y);
  await waitForState(page, (st) => st.selection === 'KAZ' && st.panelOpen, 'Kazakhstan selected by a click');
  await page.waitForFunction(() => /^#c=KAZ(&|$)/.test(location.hash));
  assert.deepEqual(atlas.consoleErrors, []);
});
