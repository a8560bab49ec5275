// Offline through the service worker (build/web/dist): load the page once,
// wait until its service worker controls it, then take the network away (the
// browser offline and the server stopped) and reload: the map is ready and a
// country can be selected. A new build's service worker then replaces the old
// one cleanly: one cache, the new version's, and the page loads the new files.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { repoRoot, webRoot, CHROMIUM_ARGS, screenshotDir, waitForState } from './helpers.mjs';
import { startServer } from '../../tools/serve.mjs';
import { buildDist } from '../../tools/web/dist.mjs';
import { precacheList } from '../../tools/web/firstload.mjs';

const require = createRequire(path.join(repoRoot, 'tools', 'package.json'));
const { chromium } = require('playwright-core');
const dist = process.env.STEPPE_DIST_ROOT || path.join(repoRoot, 'build/web/dist');

let browser, context, page, server, url, site;
before(async () => {
  if (!fs.existsSync(path.join(dist, 'sw.js'))) throw new Error(`no static-host build at ${dist}`);
  // The folder as a host would have it, with a teacher's bundle beside index.html.
  site = fs.mkdtempSync(path.join(os.tmpdir(), 'steppe-site-'));
  fs.cpSync(dist, site, { recursive: true });
  fs.copyFileSync(path.join(repoRoot, 'build/web/atlas.bundle'), path.join(site, 'teacher.bundle'));
  ({ server, url } = await startServer(site));
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  context = await browser.newContext({ viewport: { width: 1200, height: 800 } });
  page = await context.newPage();
});
after(async () => {
  await browser?.close();
  if (server?.listening) { server.closeAllConnections(); server.close(); }
  if (site) fs.rmSync(site, { recursive: true, force: true });
});

// Polls the async check from here until it returns true or time runs out; returns its last value.
async function until(check, timeout) {
  let v;
  for (const deadline = Date.now() + timeout; Date.now() < deadline; await new Promise((r) => setTimeout(r, 200)))
    if ((v = await check()) === true) break;
  return v;
}
const controlled = () => page.waitForFunction(() => !!navigator.serviceWorker.controller, null, { timeout: 15000 });

test('first visit: the service worker installs and controls the page', async () => {
  await page.goto(url);
  await page.evaluate(() => window.steppeAtlas.ready);
  await controlled();
  const caches = await page.evaluate(async () => {
    const keys = await caches.keys();
    return Promise.all(keys.map(async (k) => [k, (await (await caches.open(k)).keys()).map((r) => new URL(r.url).pathname)]));
  });
  const version = precacheList(fs.readFileSync(path.join(dist, 'sw.js'), 'utf8')).version;
  assert.equal(caches.length, 1, JSON.stringify(caches));
  assert.equal(caches[0][0], `steppe-atlas-${version}`);
  assert.ok(caches[0][1].some((p) => /\/atlas\.[0-9a-f]{10}\.wasm$/.test(p)), 'the .wasm is cached');
});

test("a teacher's bundle (?bundle=) is fetched and kept", async () => {
  await page.goto(url + 'index.html?bundle=teacher.bundle');
  await page.evaluate(() => window.steppeAtlas.ready);
  assert.equal(await page.evaluate(() => window.Module.steppeBundleName), 'teacher.bundle');
  const kept = await until(() => page.evaluate(async () => !!(await caches.match('teacher.bundle'))), 5000);
  assert.equal(kept, true, 'the service worker keeps the bundle');
});

test('offline (browser offline, server stopped): reload, the map is ready, a country can be selected', async () => {
  await context.setOffline(true);
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
  await page.reload();
  await page.evaluate(() => window.steppeAtlas.ready);
  const [x, y] = await page.evaluate(() => window.steppeAtlas.project(67, 48));
  await page.mouse.click(x, y);
  const s = await waitForState(page, (st) => st.selection === 'KAZ' && st.panelOpen, 'Kazakhstan selected offline');
  assert.equal(s.selectionName, 'Kazakhstan');
  assert.match(await page.evaluate(() => window.steppeAtlas.panelText()), /Kazakhstan/);
  fs.mkdirSync(screenshotDir, { recursive: true });
  await page.screenshot({ path: path.join(screenshotDir, 'web-offline.png') });
  // A deep link opens offline too (the same cached index.html serves it), and the teacher's bundle.
  await page.goto(url + 'index.html#c=UZB');
  await waitForState(page, (st) => st.selection === 'UZB', 'Uzbekistan from the link, offline', 15000);
  await page.goto(url + 'index.html?bundle=teacher.bundle');
  await page.evaluate(() => window.steppeAtlas.ready);
  assert.equal(await page.evaluate(() => window.Module.steppeBundleName), 'teacher.bundle', 'the bundle came from the cache');
});

test('a network that stays silent: the page comes from the cache after a few seconds', async () => {
  // Where the internet is blocked by dropping packets, requests hang instead of failing.
  await context.setOffline(false);
  const sockets = new Set();
  const silent = net.createServer((s) => { sockets.add(s); s.on('error', () => {}); });
  await new Promise((r) => silent.listen(Number(new URL(url).port), '127.0.0.1', r));
  try {
    const t0 = Date.now();
    await page.goto(url + 'index.html#c=TJK', { timeout: 20000 });
    await page.evaluate(() => window.steppeAtlas.ready);
    const ms = Date.now() - t0;
    assert.ok(sockets.size >= 1, 'the page did ask the network first');
    assert.ok(ms >= 2500 && ms < 12000, `ready after ${ms} ms`);
    await waitForState(page, (st) => st.selection === 'TJK', 'Tajikistan from the link');
  } finally {
    for (const s of sockets) s.destroy();
    await new Promise((r) => silent.close(r));
  }
});

test('a new version replaces the old one: new files, one cache, no old names', async () => {
  // The same build with a changed stylesheet is a new version: new hashed
  // names, a new sw.js. Serve it on the same origin (port) as before.
  const port = new URL(url).port;
  const out2 = fs.mkdtempSync(path.join(os.tmpdir(), 'steppe-out2-'));
  const dist2 = fs.mkdtempSync(path.join(os.tmpdir(), 'steppe-dist2-'));
  try {
    fs.cpSync(webRoot, out2, { recursive: true });
    fs.appendFileSync(path.join(out2, 'style.css'), '\n/* version 2 */\n');
    const v2 = buildDist(out2, dist2);
    ({ server } = await startServer(dist2, Number(port)));
    await page.goto(url);
    await page.evaluate(() => window.steppeAtlas.ready);
    // The browser looks for a new sw.js after navigations; ask it now rather
    // than wait for its timing. The new worker installs its whole list, takes
    // over and drops the old cache.
    assert.equal(await page.evaluate(() => navigator.serviceWorker.controller.scriptURL.endsWith('/sw.js')), true);
    await page.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => r.update()));
    const want = 'steppe-atlas-' + v2.version;
    await until(() => page.evaluate((w) => caches.keys().then((k) => k.length === 1 && k[0] === w), want), 15000);
    assert.deepEqual(await page.evaluate(() => caches.keys()), [want], 'only the new version\'s cache is left');
    // Offline again: the reload is the new version throughout.
    await context.setOffline(true);
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
    await page.reload();
    await page.evaluate(() => window.steppeAtlas.ready);
    const css = v2.renamed.get('style.css');
    const loaded = await page.evaluate(() => performance.getEntriesByType('resource').map((e) => new URL(e.name).pathname.slice(1)));
    assert.ok(loaded.includes(css), `the new stylesheet ${css} is loaded: ${loaded}`);
    for (const f of loaded) assert.ok(v2.files.includes(f) || f === 'sw.js', `${f} is not from the new version`);
    const [x, y] = await page.evaluate(() => window.steppeAtlas.project(67, 48));
    await page.mouse.click(x, y);
    await waitForState(page, (st) => st.selection === 'KAZ', 'Kazakhstan selected on the new version, offline');
  } finally {
    fs.rmSync(out2, { recursive: true, force: true });
    fs.rmSync(dist2, { recursive: true, force: true });
  }
});

test('build/web/out served where the static-host build was: the old service worker retires', async () => {
  // out/ has web/sw.js as written (no list); it is never registered, but it is
  // what the browser finds when it looks for an update of the worker dist left.
  ({ server } = await startServer(webRoot, Number(new URL(url).port)));
  await context.setOffline(false);
  await page.goto(url);
  await page.evaluate(() => window.steppeAtlas.ready);
  await page.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => r && r.update()));
  const gone = await until(() => page.evaluate(async () =>
    (await caches.keys()).length === 0 && (await navigator.serviceWorker.getRegistrations()).length === 0), 15000);
  assert.equal(gone, true, 'no cache and no registration left');
  await page.reload();
  await page.evaluate(() => window.steppeAtlas.ready);
  assert.equal(await page.evaluate(() => navigator.serviceWorker.controller), null, 'out/ is not controlled');
  const css = await page.evaluate(() => document.querySelector('link[rel=stylesheet]').getAttribute('href'));
  assert.equal(css, 'style.css', 'the page is out/\'s own');
});
