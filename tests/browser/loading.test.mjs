// The page as a product: what the address bar holds after a link the atlas
// could not fully follow; what the page says while it loads (bytes received
// of total) and when it cannot start (no WebAssembly, a teacher's bundle
// that cannot be loaded).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { openAtlas, waitForState, webRoot, repoRoot, CHROMIUM_ARGS, decodePng, changedPixels } from './helpers.mjs';
import { startServer } from '../../tools/serve.mjs';

const require = createRequire(path.join(repoRoot, 'tools', 'package.json'));
const { chromium } = require('playwright-core');

// A page that may never become ready (openAtlas waits for that).
async function openRaw(suffix, beforeLoad) {
  const { server, url } = await startServer(webRoot, 0);
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  const context = await browser.newContext({ viewport: { width: 1000, height: 700 } });
  // Visited before: no first-visit hint (tests/browser/onboarding.test.mjs has it).
  await context.addInitScript(() => { localStorage.setItem('steppe-atlas.hint-seen', '1'); });
  const page = await context.newPage();
  if (beforeLoad) await beforeLoad(page);
  await page.goto(url + 'index.html' + suffix);
  return { page, url, async close() { await browser.close(); server.close(); } };
}

test('a garbage hash is replaced by the state shown, without a new history entry', async () => {
  const atlas = await openAtlas({ hash: '#c=ZZZ&t=abc',
    beforeLoad: (page) => page.addInitScript(() => { window.historyAtStart = history.length; }) });
  try {
    const { page } = atlas;
    const s = await page.evaluate(() => window.steppeAtlas.state());
    assert.equal(s.selectionKind, 'none', 'ZZZ names no country');
    await page.waitForFunction(() => !location.hash.includes('ZZZ'), null, { timeout: 5000 });
    const url = await page.evaluate(() => ({ hash: location.hash, href: location.href,
      length: history.length - window.historyAtStart }));
    assert.equal(url.hash.replace(/^#/, ''), s.hash, 'the address bar holds the state shown');
    assert.ok(!url.href.endsWith('#'), `no bare '#' left: ${url.href}`);
    assert.equal(url.length, 0, 'replaced, not pushed: no new history entry');

    // Partly good: the good fields stay, the bad ones go.
    await page.evaluate(() => { location.hash = '#c=UZB&t=2018-xyz&zzz=1'; });
    await waitForState(page, (st) => st.selection === 'UZB' && !st.view.flying, 'Uzbekistan from the edited hash');
    await page.waitForFunction(() => location.hash.startsWith('#c=UZB') && !location.hash.includes('zzz'), null,
      { timeout: 5000 });
    const after = await page.evaluate(() => ({ hash: location.hash, length: history.length - window.historyAtStart,
      state: window.steppeAtlas.state().hash }));
    assert.equal(after.hash, '#' + after.state);
    assert.doesNotMatch(after.hash, /xyz/);
    assert.equal(after.length, 1, 'the edited hash was one entry, rewritten in place');

    assert.deepEqual(atlas.consoleErrors, []);
  } finally { await atlas.close(); }
});

test('a good link is left in the address bar as it was written', async () => {
  const atlas = await openAtlas({ hash: '#c=KAZ' });
  try {
    await waitForState(atlas.page, (st) => st.selection === 'KAZ', 'Kazakhstan');
    await atlas.page.waitForTimeout(300);
    assert.equal(await atlas.page.evaluate(() => location.hash), '#c=KAZ');
  } finally { await atlas.close(); }
});

// The page embeds the built-in bundle LZMA-compressed (src/core/bundle_lzma.h)
// and unpacks it only when it opens it: a teacher's bundle that opens leaves
// it packed; without one it is unpacked before the first frame.
test('the built-in bundle is unpacked at start-up, and not at all when a ?bundle= file opens', async () => {
  const plain = fs.readFileSync(path.join(repoRoot, 'build/web/atlas.bundle'));
  const teacher = await openAtlas({ hash: '?bundle=teacher.bundle',
    beforeLoad: (page) => page.route('**/teacher.bundle', (r) => r.fulfill({ status: 200, body: plain })) });
  try {
    const s = await teacher.page.evaluate(() => window.steppeAtlas.state());
    assert.equal(s.notice, '', 'the teacher\'s bundle opened');
    assert.equal(await teacher.page.evaluate(() => window.steppeAtlas.bundleUnpackMs()), -1);
    assert.deepEqual(teacher.consoleErrors, []);
  } finally { await teacher.close(); }
  const builtIn = await openAtlas();
  try {
    const unpackMs = await builtIn.page.evaluate(() => window.steppeAtlas.bundleUnpackMs());
    assert.ok(unpackMs >= 0 && unpackMs < 5000, `unpacked in ${unpackMs} ms`);
    const s = await builtIn.page.evaluate(() => window.steppeAtlas.state());
    assert.equal(s.notice, '');
    assert.deepEqual(builtIn.consoleErrors, []);
  } finally { await builtIn.close(); }
});

// ?bundle= naming a file the server does not have: said on the page (the
// notice over the map, and to screen readers), and the built-in atlas opens.
test('?bundle= naming a missing file says so on the page and opens the built-in atlas', async () => {
  const atlas = await openAtlas({ hash: '?bundle=missing.bundle#c=KAZ' });
  try {
    const { page } = atlas;
    const s = await page.evaluate(() => window.steppeAtlas.state());
    assert.equal(s.notice, 'Could not load missing.bundle: 404 Not Found. Showing the built-in atlas.');
    assert.equal(s.selection, 'KAZ', 'the built-in atlas, with the link applied');
    // The built-in bundle was unpacked for it (the page embeds it LZMA-compressed).
    const unpackMs = await page.evaluate(() => window.steppeAtlas.bundleUnpackMs());
    assert.ok(unpackMs >= 0 && unpackMs < 5000, `unpacked in ${unpackMs} ms`);
    await page.waitForFunction(() => document.getElementById('a11y-live').textContent.includes('missing.bundle'));
    await page.screenshot({ path: 'build/screenshots/web-bundle-missing.png' });
    // The 404 itself is the browser's console error; nothing else is.
    assert.deepEqual(atlas.consoleErrors.filter((e) => !/404/.test(e)), []);
  } finally { await atlas.close(); }
});

test('?bundle= naming another site, or a file that is no bundle: said on the page, the built-in atlas opens', async () => {
  const foreign = await openAtlas({ hash: '?bundle=https://example.org/x.bundle' });
  try {
    const s = await foreign.page.evaluate(() => window.steppeAtlas.state());
    assert.match(s.notice, /^Could not load https:\/\/example\.org\/x\.bundle: it is not on this site/);
    assert.deepEqual(foreign.foreignRequests, [], 'nothing fetched from the other site');
  } finally { await foreign.close(); }
  const bad = await openAtlas({
    hash: '?bundle=bad.bundle',
    beforeLoad: (page) => page.route('**/bad.bundle', (r) => r.fulfill({ status: 200, body: 'not a bundle at all' })),
  });
  try {
    const s = await bad.page.evaluate(() => window.steppeAtlas.state());
    assert.match(s.notice, /^Could not open bad\.bundle: .+\. Showing the built-in atlas\.$/);
    assert.equal(s.selectionKind, 'none');
    assert.deepEqual(bad.consoleErrors, []);
  } finally { await bad.close(); }
});

test('while the code loads the page shows bytes received of the total, then the map', async () => {
  const atlas = await openAtlas({
    beforeLoad: (page) => page.addInitScript(() => {
      // What #status says each time it changes, before the map is ready.
      window.statusSeen = [];
      new MutationObserver(() => {
        const t = document.getElementById('status-text');
        if (t && window.statusSeen[window.statusSeen.length - 1] !== t.textContent) window.statusSeen.push(t.textContent);
      }).observe(document, { subtree: true, childList: true, characterData: true });
    }),
  });
  try {
    const { page } = atlas;
    const { progress, seen, hidden } = await page.evaluate(() => ({ progress: window.steppeAtlas.progress,
      seen: window.statusSeen, hidden: document.getElementById('status').classList.contains('hidden') }));
    const size = fs.statSync(path.join(webRoot, 'atlas.wasm')).size;
    const code = progress.filter((p) => p.part === 'code');
    assert.ok(code.length >= 3, `several progress steps: ${code.length}`);
    assert.ok(code.every((p) => p.total === size), `the total is the .wasm's ${size} bytes`);
    for (let i = 1; i < code.length; i++) assert.ok(code[i].loaded >= code[i - 1].loaded, 'bytes only increase');
    assert.equal(code[0].loaded, 0);
    assert.equal(code[code.length - 1].loaded, size, 'reaches the total');
    const kb = Math.round(size / 1024).toLocaleString('en');
    assert.ok(seen.some((t) => t === `Loading the atlas… ${kb} KB of ${kb} KB`), `the status said so: ${JSON.stringify(seen)}`);
    assert.ok(seen.some((t) => /Loading the atlas… \d[\d,]* KB of/.test(t) && !t.startsWith(`Loading the atlas… ${kb} KB`)),
      'a part-way figure was shown');
    assert.equal(hidden, true, 'then the map');
    assert.deepEqual(atlas.consoleErrors, []);
  } finally { await atlas.close(); }
});

test('the page asks for all its scripts at once, and the code is compiled before the glue runs', async () => {
  // At the end of the body, Chromium fetched them one after another (each
  // waiting for the one before) over HTTP/1.1; deferred in the head, the
  // parser finds them all at once (issue 15, the first frame).
  const atlas = await openAtlas({
    beforeLoad: (page) => page.addInitScript(() => {
      const compile = WebAssembly.compileStreaming;
      WebAssembly.compileStreaming = function (...a) { window.compileAskedWithGlueRun = typeof Module === 'object' && !!Module.calledRun; return compile.apply(this, a); };
    }),
  });
  try {
    const { page } = atlas;
    const res = await page.evaluate(() => performance.getEntriesByType('resource')
      .filter((e) => e.initiatorType === 'script').map((e) => ({ name: e.name.split('/').pop(), start: e.startTime, end: e.responseEnd })));
    const names = res.map((r) => r.name).sort();
    assert.deepEqual(names, ['atlas.js', 'presenter.js', 'search_input.js', 'steppe.js', 'sw-register.js']);
    const firstEnd = Math.min(...res.map((r) => r.end));
    for (const r of res) assert.ok(r.start <= firstEnd, `${r.name} was asked for (${r.start.toFixed(1)} ms) before any script arrived (${firstEnd.toFixed(1)} ms)`);
    assert.equal(await page.evaluate(() => window.compileAskedWithGlueRun), false, 'the compile started before the glue ran');
    assert.deepEqual(atlas.consoleErrors, []);
  } finally { await atlas.close(); }
});

test('without WebAssembly the page says what is missing and what to do', async () => {
  const raw = await openRaw('', (page) => page.addInitScript(() => { delete window.WebAssembly; }));
  try {
    await raw.page.waitForFunction(() => document.getElementById('status').classList.contains('error'));
    const text = await raw.page.evaluate(() => document.getElementById('status-text').textContent);
    assert.match(text, /needs WebAssembly, which this browser does not offer\. Please use a current browser\./);
    assert.equal(await raw.page.evaluate(() => getComputedStyle(document.getElementById('status')).display), 'flex');
    await raw.page.waitForTimeout(500); // atlas.js has run and stopped: the message stays
    assert.equal(await raw.page.evaluate(() => document.getElementById('status-text').textContent), text);
  } finally { await raw.close(); }
});

// WebGL context loss (forced with WEBGL_lose_context): a message over the map;
// restored, the map is drawn again as it was, selection and state kept, and
// still answers clicks.
test('a lost WebGL context is said on the page, and the map comes back as it was', async () => {
  const atlas = await openAtlas({ hash: '?renderer=webgl#c=KAZ&t=2005-2015', width: 1000, height: 700 });
  try {
    const { page } = atlas;
    assert.equal(await page.evaluate(() => window.steppeAtlas.renderer), 'webgl');
    const before = await waitForState(page, (s) => s.selection === 'KAZ' && !s.view.flying, 'Kazakhstan');
    await page.waitForTimeout(300);
    const shotBefore = decodePng(await page.screenshot());
    await page.evaluate(() => { window.loseExt = window.Module.ctx.getExtension('WEBGL_lose_context'); window.loseExt.loseContext(); });
    await page.waitForFunction(() => !document.getElementById('status').classList.contains('hidden'));
    assert.match(await page.evaluate(() => document.getElementById('status-text').textContent),
      /The graphics were reset.*comes back by itself/);
    await page.screenshot({ path: 'build/screenshots/web-context-lost.png' });
    await page.evaluate(() => window.loseExt.restoreContext());
    await page.waitForFunction(() => document.getElementById('status').classList.contains('hidden'));
    const after = await waitForState(page, (s) => s.selection === 'KAZ' && !s.view.flying, 'Kazakhstan still');
    assert.equal(after.hash, before.hash, 'the same state');
    await page.waitForTimeout(500);
    const shotAfter = decodePng(await page.screenshot());
    const changed = changedPixels(shotBefore, shotAfter);
    assert.ok(changed < shotBefore.width * shotBefore.height * 0.01, `drawn again as before: ${changed} pixels differ`);
    // Input still reaches the map (SDL's handlers are registered again): a
    // click selects. (On this page, WebGL, the first press is not taken as a click,
    // with or without a loss: hence two.)
    const [x, y] = await page.evaluate(() => window.steppeAtlas.project(64, 41.5));
    await page.mouse.move(x, y);
    for (let i = 0; i < 2; i++) { // the second press only if the first was not taken (it flies to UZB)
      await page.mouse.down();
      await page.waitForTimeout(100);
      await page.mouse.up();
      await page.waitForTimeout(200);
      if ((await page.evaluate(() => window.steppeAtlas.state())).selection === 'UZB') break;
    }
    await waitForState(page, (s) => s.selection === 'UZB', 'a click selects Uzbekistan');
    assert.deepEqual(atlas.consoleErrors, []);
  } finally { await atlas.close(); }
});
