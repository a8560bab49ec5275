// The single-file build (issue 12): build/web/single/steppe-atlas.html holds
// the page, its code and the bundle, and opens from file:// with no server:
// it loads, a click selects a country, deep links work (opened with one, and
// followed in the page), a bundle can be dropped onto it, and nothing else is
// requested. Its Content-Security-Policy is the tightest file:// allows
// (nothing by default, each inline script and style by its hash) and no
// securitypolicyviolation is raised.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { repoRoot, screenshotDir, waitForState, CHROMIUM_ARGS } from './helpers.mjs';

const require = createRequire(path.join(repoRoot, 'tools', 'package.json'));
const { chromium } = require('playwright-core');
const single = path.join(repoRoot, 'build/web/single/steppe-atlas.html');
const fileUrl = pathToFileURL(single).href;

let browser, page;
const consoleErrors = [], requests = [];
before(async () => {
  assert.ok(fs.existsSync(single), `the single-file build ${single} (bash tools/build.sh web)`);
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  page = await (await browser.newContext({ viewport: { width: 1200, height: 800 } })).newPage();
  page.on('console', (m) => { if (m.type() === 'error') consoleErrors.push(m.text()); });
  page.on('pageerror', (e) => consoleErrors.push(String(e)));
  page.on('request', (r) => requests.push(r.url()));
  await page.context().addInitScript(() => { // every page of the context: the presenter's too
    // What the atlas copies (the clipboard itself needs a permission a file:// page cannot be granted).
    window.__copied = [];
    if (navigator.clipboard) navigator.clipboard.writeText = (t) => { window.__copied.push(t); return Promise.resolve(); };
    window.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__cspViolations.push(`${e.violatedDirective} blocked ${e.blockedURI || '(inline)'}`);
    });
  });
});
after(async () => { await browser?.close(); });

test('one file: no reference to any other, and the tightest policy, by hashes', () => {
  const html = fs.readFileSync(single, 'utf8');
  const policy = html.match(/<meta http-equiv="Content-Security-Policy" content="([^"]+)">/)[1];
  assert.match(policy, /^default-src 'none'; /);
  assert.doesNotMatch(policy, /'self'|'unsafe-inline'|'unsafe-eval'|https?:|\*/);
  const scripts = [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => m[1]);
  const styles = [...html.matchAll(/<style>([\s\S]*?)<\/style>/g)].map((m) => m[1]);
  assert.ok(scripts.length >= 4 && styles.length === 1, `${scripts.length} scripts, ${styles.length} styles inline`);
  const hash = (t) => `'sha256-${crypto.createHash('sha256').update(t, 'utf8').digest('base64')}'`;
  for (const s of scripts) assert.ok(policy.includes(hash(s)), 'each inline script is allowed by its hash');
  for (const s of styles) assert.ok(policy.includes(hash(s)), 'the inline style is allowed by its hash');
  const markup = html.replace(/<script>[\s\S]*?<\/script>|<style>[\s\S]*?<\/style>/g, '');
  assert.doesNotMatch(markup, /<script [^>]*src=|<link rel="(stylesheet|manifest|preload)"/);
  assert.deepEqual([...markup.matchAll(/\s(?:src|href)="([^"]*)"/g)].map((m) => m[1]).filter((u) => !/^(data:|#)/.test(u)), []);
});

test('opened from file:// with a deep link: the atlas shows it', async () => {
  await page.goto(fileUrl + '#c=UZB');
  await page.evaluate(() => window.steppeAtlas.ready);
  const s = await waitForState(page, (st) => st.selection === 'UZB' && st.panelOpen, 'Uzbekistan from the link');
  assert.equal(s.selectionKind, 'country');
  fs.mkdirSync(screenshotDir, { recursive: true });
  await page.screenshot({ path: path.join(screenshotDir, 'web-single-file.png') });
});

// From file:// no page may read another file: ?bundle= says what to do
// instead (drop it), without trying, and the built-in atlas opens.
test('?bundle= on the file:// page says to drop the file instead; the built-in atlas opens', async () => {
  const before = consoleErrors.length;
  await page.goto(fileUrl + '?bundle=teacher.bundle#c=KAZ');
  await page.evaluate(() => window.steppeAtlas.ready);
  const s = await waitForState(page, (st) => st.notice !== '', 'the notice');
  assert.equal(s.notice, 'Could not load teacher.bundle: a page opened from a file cannot read another file. ' +
    'Drop the .bundle file onto the map instead. Showing the built-in atlas.');
  assert.equal(s.selection, 'KAZ', 'the built-in atlas, with the link applied');
  assert.ok(!requests.some((u) => new URL(u).pathname.endsWith('teacher.bundle')), 'not even tried');
  assert.deepEqual(consoleErrors.slice(before), []);
  await page.goto(fileUrl + '#c=UZB'); // as the tests after this one expect it
  await page.evaluate(() => window.steppeAtlas.ready);
});

test('a click selects a country, and a deep link followed in the page opens its state', async () => {
  await page.keyboard.press('Escape');
  await page.keyboard.press('Escape');
  await waitForState(page, (st) => st.selectionKind === 'none' && !st.view.flying, 'nothing selected');
  // Central Kazakhstan (70° E, 46° N): in view beside Uzbekistan, clear of the search box at the top.
  const [x, y] = await page.evaluate(() => window.steppeAtlas.project(70, 46));
  await page.mouse.click(x, y);
  await waitForState(page, (st) => st.selection === 'KAZ' && st.panelOpen, 'Kazakhstan selected by a click');
  await page.waitForFunction(() => /^#c=KAZ(&|$)/.test(location.hash));
  await page.keyboard.press('k');
  await page.waitForFunction(() => window.__copied.length > 0);
  const hash = await page.evaluate(() => window.steppeAtlas.state().hash);
  assert.equal(await page.evaluate(() => window.__copied[0]), fileUrl + '#' + hash, 'the link copied is this file\'s, with the state');
  await page.evaluate(() => { location.hash = '#e=ev-1991-independence&t=1991-1995'; });
  const s = await waitForState(page, (st) => st.selection === 'ev-1991-independence' && st.years[0] === 1991 &&
    st.years[1] === 1995, 'the event and years of the followed link');
  assert.equal(s.selectionKind, 'event');
  await page.goBack();
  await waitForState(page, (st) => st.selection === 'KAZ', 'back to Kazakhstan');
});

test('a bundle dropped onto the file:// page is read from the file itself (a bad one refused)', async () => {
  await page.evaluate(() => {
    const dt = new DataTransfer();
    dt.items.add(new File([new TextEncoder().encode('not a bundle at all')], 'bad.bundle'));
    document.getElementById('canvas').dispatchEvent(new DragEvent('drop', { bubbles: true, cancelable: true, dataTransfer: dt }));
  });
  const s = await waitForState(page, (st) => st.notice !== '', 'the notice');
  assert.match(s.notice, /^Could not open bad\.bundle: .+\. The atlas shown stays open\.$/);
  assert.equal(s.selection, 'KAZ');
});

test('a tour from a deep link, and its presenter view: the same file opened with ?presenter', async () => {
  await page.goto(fileUrl + '#tour=transition-2019&stop=2');
  await page.evaluate(() => window.steppeAtlas.ready);
  await waitForState(page, (st) => st.mode === 'tour' && st.tour.stop === 2, 'the tour at its second stop');
  const [popup] = await Promise.all([page.context().waitForEvent('page'), page.evaluate(() => { window.steppeAtlas.openPresenter(); })]);
  popup.on('console', (m) => { if (m.type() === 'error') consoleErrors.push(`presenter: ${m.text()}`); });
  assert.equal(popup.url(), fileUrl + '?presenter');
  await popup.waitForFunction(() => / · 2 \/ \d+/.test(document.body.innerText), null, { timeout: 5000 });
  assert.deepEqual(await popup.evaluate(() => window.__cspViolations), [], 'no policy violation in the presenter view');
  await popup.close();
});

test('nothing but the file itself was requested; no console error, no policy violation', async () => {
  assert.deepEqual(requests.filter((u) => !u.startsWith(fileUrl) && !u.startsWith('data:')), []);
  assert.deepEqual(consoleErrors, []);
  assert.deepEqual(await page.evaluate(() => window.__cspViolations), []);
});
