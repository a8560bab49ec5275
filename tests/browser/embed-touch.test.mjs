// Cooperative touch gestures when framed (issue 12, web/EMBEDDING.md): one
// finger scrolls the host page and leaves the map alone, with a hint; a tap
// still selects; two fingers move the map. Real touch input through CDP
// (Input.dispatchTouchEvent), which goes through the browser's gesture
// handling as a finger does.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { openAtlas } from './helpers.mjs';

let atlas, frame, hostServer, cdp;
before(async () => {
  atlas = await openAtlas({ width: 500, height: 800, contextOptions: { hasTouch: true, isMobile: true } });
  const body = `<!doctype html><meta name="viewport" content="width=device-width"><body style="margin:0">
    <h1 style="height:100px;margin:0">A lesson</h1>
    <iframe src="${atlas.url}index.html" title="Steppe Atlas" width="480" height="500" style="border:0;display:block"></iframe>
    <div style="height:3000px">Further reading</div></body>`;
  hostServer = http.createServer((req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end(body));
  await new Promise((r) => hostServer.listen(0, '127.0.0.1', r));
  await atlas.page.goto(`http://127.0.0.1:${hostServer.address().port}/lesson.html`);
  frame = atlas.page.frames().find((f) => f !== atlas.page.mainFrame());
  await frame.waitForFunction(() => window.steppeAtlas && window.steppeAtlas.ready, null, { timeout: 15000 });
  await frame.evaluate(() => window.steppeAtlas.ready);
  cdp = await atlas.page.context().newCDPSession(atlas.page);
});
after(async () => { await atlas?.close(); hostServer?.close(); });

const inFrame = () => frame.evaluate(() => window.steppeAtlas.state());
const touch = (type, points) => cdp.send('Input.dispatchTouchEvent', {
  type, touchPoints: points.map(([x, y], id) => ({ x, y, id, radiusX: 2, radiusY: 2, force: 1 })),
});
const pause = (ms) => new Promise((r) => setTimeout(r, ms));

// A drag of n fingers side by side from (x, y) by (dx, dy), in steps.
async function drag(n, x, y, dx, dy) {
  const at = (k) => Array.from({ length: n }, (_, i) => [x + i * 60 + (dx * k) / 10, y + (dy * k) / 10]);
  await touch('touchStart', at(0));
  for (let k = 1; k <= 10; k++) { await touch('touchMove', at(k)); await pause(16); }
  await touch('touchEnd', []);
  await pause(300);
}

test('one finger scrolls the host page, not the map, and says how to move it', async () => {
  const before = (await inFrame()).view;
  await drag(1, 200, 450, 0, -200);
  const scrolled = await atlas.page.evaluate(() => window.scrollY);
  assert.ok(scrolled > 50, `the host page scrolled (${scrolled} px)`);
  const after = (await inFrame()).view;
  assert.equal(after.lon, before.lon);
  assert.equal(after.lat, before.lat);
  const hint = await frame.evaluate(() => document.getElementById('wheel-hint').textContent);
  assert.equal(hint, 'Use two fingers to move the map');
  await atlas.page.evaluate(() => window.scrollTo(0, 0));
  await pause(200);
});

test('two fingers move the map', async () => {
  const before = (await inFrame()).view;
  await drag(2, 150, 400, 120, 0);
  const after = (await inFrame()).view;
  assert.ok(after.lon < before.lon - 0.5, `the map moved east-west (${before.lon} -> ${after.lon})`);
});

test('a one-finger tap still selects a country', async () => {
  await frame.evaluate(() => window.steppeAtlas.state()); // settle
  const [x, y] = await frame.evaluate(() => window.steppeAtlas.project(67, 48));
  const box = await (await frame.frameElement()).boundingBox();
  await touch('touchStart', [[box.x + x, box.y + y]]);
  await pause(50);
  await touch('touchEnd', []);
  await frame.waitForFunction(() => window.steppeAtlas.state().selection === 'KAZ', null, { timeout: 5000 });
  assert.deepEqual(atlas.consoleErrors, []);
});
