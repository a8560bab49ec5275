// Embedding (issue 12, web/EMBEDDING.md): framed in a host page, the atlas
// opens its deep link, does not zoom on a plain wheel (the host page scrolls,
// and a hint says what to do) but does with Ctrl held or once the map has the
// focus, and talks to the host with postMessage: it answers 'open', 'select'
// and 'state', announces selection changes, and ignores malformed messages.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import path from 'node:path';
import { openAtlas, screenshotDir } from './helpers.mjs';

let atlas, frame, hostServer;
before(async () => {
  atlas = await openAtlas({ width: 1000, height: 700 });
  const src = atlas.url + 'index.html#c=UZB';
  // The host page, from a server of its own: another origin than the atlas's
  // (another port; both local, as Chromium's local-network checks want).
  const body = `<!doctype html><body style="margin:0">
    <h1 style="height:120px;margin:0">A lesson on Central Asia</h1>
    <iframe id="atlas" src="${src}" title="Steppe Atlas" width="900" height="500" style="border:0"></iframe>
    <div style="height:2000px">Further reading</div></body>`;
  hostServer = http.createServer((req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end(body));
  await new Promise((r) => hostServer.listen(0, '127.0.0.1', r));
  await atlas.page.goto(`http://127.0.0.1:${hostServer.address().port}/lesson.html`);
  await atlas.page.evaluate(() => {
    window.__messages = [];
    addEventListener('message', (e) => { if (e.data && e.data.steppeAtlas) window.__messages.push(e.data); });
  });
  frame = atlas.page.frames().find((f) => f !== atlas.page.mainFrame());
  await frame.waitForFunction(() => window.steppeAtlas && window.steppeAtlas.ready, null, { timeout: 10000 });
  await frame.evaluate(() => window.steppeAtlas.ready);
});
after(async () => { await atlas?.close(); hostServer?.close(); });

const inFrame = () => frame.evaluate(() => window.steppeAtlas.state());
const messages = () => atlas.page.evaluate(() => window.__messages);
const frames = (n = 3) => frame.evaluate((k) => new Promise((r) => {
  (function f(i) { if (i <= 0) r(); else requestAnimationFrame(() => f(i - 1)); })(k);
}), n);

test('the deep link opens inside the frame, which leaves the focus to the host page', async () => {
  assert.equal(await frame.evaluate(() => document.hasFocus()), false);
  const s = await inFrame();
  assert.equal(s.selection, 'UZB');
  assert.equal(s.panelOpen, true);
});

test('a plain wheel scrolls the host page, with a hint; Ctrl + wheel zooms the map', async () => {
  const { page } = atlas;
  const z0 = (await inFrame()).view.zoom;
  await page.mouse.move(300, 350);
  await page.mouse.wheel(0, 300);
  await page.waitForFunction(() => window.scrollY > 0, null, { timeout: 3000 });
  await frames(5);
  assert.equal((await inFrame()).view.zoom, z0, 'the map did not zoom');
  const hint = await frame.evaluate(() => {
    const h = document.getElementById('wheel-hint');
    return { text: h.textContent, shown: getComputedStyle(h).display !== 'none' };
  });
  assert.deepEqual(hint, { text: 'Use Ctrl + scroll to zoom the map', shown: true });
  await page.screenshot({ path: path.join(screenshotDir, 'web-embed-wheel-hint.png') });
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.keyboard.down('Control');
  await page.mouse.move(300, 350);
  await page.mouse.wheel(0, -300);
  await page.keyboard.up('Control');
  await frame.waitForFunction((z) => window.steppeAtlas.state().view.zoom > z + 0.1, z0, { timeout: 5000 });
  assert.equal(await page.evaluate(() => window.scrollY), 0, 'the host page did not scroll');
});

test('once the map has the focus, a plain wheel zooms it', async () => {
  const { page } = atlas;
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.mouse.click(200, 450); // the map (the panel is on the right)
  await frames(3);
  const z = (await inFrame()).view.zoom;
  await page.mouse.wheel(0, -300);
  await frame.waitForFunction((z1) => window.steppeAtlas.state().view.zoom > z1 + 0.1, z, { timeout: 5000 });
});

test('postMessage: open, select and state are answered; selections are announced; junk is ignored', async () => {
  const { page } = atlas;
  const post = (m) => page.evaluate((msg) => document.getElementById('atlas').contentWindow.postMessage(msg, '*'), m);
  await page.evaluate(() => { window.__messages = []; });
  await post({ steppeAtlas: 'open', state: 'c=KAZ&t=2018-2019' });
  await page.waitForFunction(() => window.__messages.some((m) => m.steppeAtlas === 'state'), null, { timeout: 5000 });
  let s = await inFrame();
  assert.equal(s.selection, 'KAZ');
  assert.deepEqual(s.years, [2018, 2019]);
  const got = await messages();
  assert.ok(got.some((m) => m.steppeAtlas === 'selection' && m.key === 'KAZ' && m.name === 'Kazakhstan' && m.kind === 'country'),
    JSON.stringify(got));
  const answer = got.find((m) => m.steppeAtlas === 'state');
  assert.equal(answer.key, 'KAZ');
  assert.match(answer.hash, /t=2018-2019/);
  await page.evaluate(() => { window.__messages = []; });
  await post({ steppeAtlas: 'select', kind: 'country', key: 'TJK' });
  await page.waitForFunction(() => window.__messages.some((m) => m.steppeAtlas === 'selection' && m.key === 'TJK'), null, { timeout: 5000 });
  assert.equal((await inFrame()).selection, 'TJK');
  // Junk: wrong shapes, unknown verbs, unknown keys, a bogus state field.
  for (const m of ['c=USA', null, 42, { steppeAtlas: 7 }, { steppeAtlas: 'select', kind: 'country' },
    { steppeAtlas: 'select', kind: 'country', key: 'NOPE' }, { steppeAtlas: 'explode' }, { steppeAtlas: 'open', state: 5 }])
    await post(m);
  await frames(5);
  s = await inFrame();
  assert.equal(s.selection, 'TJK');
  // A deep link in the frame's own history still works: its back button returns to Kazakhstan.
  await page.evaluate(() => { window.__messages = []; });
  await post({ steppeAtlas: 'state' });
  await page.waitForFunction(() => window.__messages.length > 0, null, { timeout: 5000 });
  assert.equal((await messages())[0].key, 'TJK');
  assert.deepEqual(atlas.consoleErrors, []);
});
