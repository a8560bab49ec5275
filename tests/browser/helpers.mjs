// Shared setup for the browser tests: serves the web build on 127.0.0.1, launches
// Debian's Chromium through playwright-core, and records console errors and
// every request that leaves the local server.
import { createRequire } from 'node:module';
import path from 'node:path';
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { startServer } from '../../tools/serve.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
export const repoRoot = path.resolve(here, '../..');
const require = createRequire(path.join(repoRoot, 'tools', 'package.json'));
const { chromium } = require('playwright-core');

export const webRoot = process.env.STEPPE_WEB_ROOT || path.join(repoRoot, 'build/web/out');
export const screenshotDir = path.join(repoRoot, 'build/screenshots');

export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync', '--enable-unsafe-swiftshader'];

// beforeLoad(page), if given, runs before the page is opened (e.g. page.addInitScript);
// contextOptions are Playwright's for the browser context (e.g. { hasTouch: true, isMobile: true }).
// firstVisit: open as a first visit, with the hint on the map; otherwise the
// page has been visited before (the tests click where the hint would be).
export async function openAtlas({ width = 1200, height = 800, deviceScaleFactor = 1, hash = '', beforeLoad = null,
  contextOptions = {}, firstVisit = false } = {}) {
  if (!fs.existsSync(path.join(webRoot, 'index.html'))) throw new Error(`no web build at ${webRoot}`);
  const { server, url } = await startServer(webRoot, 0);
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  const context = await browser.newContext({ viewport: { width, height }, deviceScaleFactor, ...contextOptions });
  if (!firstVisit) await context.addInitScript(() => { localStorage.setItem('steppe-atlas.hint-seen', '1'); });
  const page = await context.newPage();
  const consoleErrors = [];
  const consoleMessages = []; // every type (the C side's stderr arrives as warnings)
  const foreignRequests = [];
  page.on('console', (m) => { consoleMessages.push(m.text()); if (m.type() === 'error') consoleErrors.push(m.text()); });
  page.on('pageerror', (e) => consoleErrors.push(String(e)));
  page.on('request', (r) => { if (!r.url().startsWith(url)) foreignRequests.push(r.url()); });
  if (beforeLoad) await beforeLoad(page);
  await page.goto(url + 'index.html' + hash);
  await page.evaluate(() => window.steppeAtlas.ready);
  fs.mkdirSync(screenshotDir, { recursive: true });
  // Without a hash the atlas opens at its home view; goHome() returns there.
  const homeView = (await page.evaluate(() => window.steppeAtlas.state())).view;
  return {
    page, url, consoleErrors, consoleMessages, foreignRequests, homeView,
    async close() { await browser.close(); server.close(); },
  };
}

// Reads one CSS pixel of the page as [r, g, b] from a screenshot of a 1x1 clip.
export async function pixelAt(page, x, y) {
  const png = await page.screenshot({ clip: { x: Math.round(x), y: Math.round(y), width: 1, height: 1 } });
  return decodeOnePixelPng(png);
}

// Minimal PNG decoder for an 8-bit RGB(A) image (enough for playwright's screenshots).
import zlib from 'node:zlib';
export function decodePng(buf) {
  let pos = 8, width = 0, height = 0, colorType = 0;
  const idat = [];
  while (pos < buf.length) {
    const len = buf.readUInt32BE(pos); const type = buf.toString('ascii', pos + 4, pos + 8);
    const data = buf.subarray(pos + 8, pos + 8 + len);
    if (type === 'IHDR') { width = data.readUInt32BE(0); height = data.readUInt32BE(4); colorType = data[9]; }
    else if (type === 'IDAT') idat.push(data);
    pos += 12 + len;
  }
  const bpp = colorType === 6 ? 4 : 3;
  const raw = zlib.inflateSync(Buffer.concat(idat));
  const stride = width * bpp, out = Buffer.alloc(width * height * bpp);
  for (let y = 0; y < height; y++) {
    const f = raw[y * (stride + 1)], src = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    for (let x = 0; x < stride; x++) {
      const a = x >= bpp ? out[y * stride + x - bpp] : 0, b = y > 0 ? out[(y - 1) * stride + x] : 0;
      const c = x >= bpp && y > 0 ? out[(y - 1) * stride + x - bpp] : 0;
      let v = src[x];
      if (f === 1) v += a; else if (f === 2) v += b; else if (f === 3) v += (a + b) >> 1;
      else if (f === 4) { const p = a + b - c, pa = Math.abs(p - a), pb = Math.abs(p - b), pc = Math.abs(p - c); v += pa <= pb && pa <= pc ? a : pb <= pc ? b : c; }
      out[y * stride + x] = v & 255;
    }
  }
  return { width, height, bpp, pixels: out };
}
function decodeOnePixelPng(buf) { const { pixels } = decodePng(buf); return [pixels[0], pixels[1], pixels[2]]; }

export function colorDistance(a, b) { return Math.abs(a[0] - b[0]) + Math.abs(a[1] - b[1]) + Math.abs(a[2] - b[2]); }

// The app applies input on its next animation frame, so a test waits (with a
// time limit) for the state it expects rather than reading it at once.
// predicate runs in the page (it is sent as source text, so it cannot use the
// test's variables: write literals) and gets state(); returns the state once it holds.
// The page function is put together here, not with new Function in the page,
// which the page's Content-Security-Policy refuses (no 'unsafe-eval').
export async function waitForState(page, predicate, what = 'the expected state', timeout = 5000) {
  // eslint-disable-next-line no-eval
  const check = (0, eval)(`() => (${predicate.toString()})(window.steppeAtlas.state())`);
  try {
    await page.waitForFunction(check, null, { timeout, polling: 'raf' });
  } catch (e) {
    const s = await page.evaluate(() => window.steppeAtlas.state());
    const why = e.name === 'TimeoutError' ? 'timed out waiting for' : `${String(e.message).split('\n')[0]}, waiting for`;
    throw new Error(`${why} ${what}; state is ${JSON.stringify(s)}`);
  }
  return page.evaluate(() => window.steppeAtlas.state());
}

// Escape twice (close the panel, clear the selection) and '0' (the home view),
// then waits for the view to be there: until the frame that handles the keys
// runs, state() still shows the old view at rest, which is not enough.
export async function goHome(atlas) {
  await atlas.page.keyboard.press('Escape');
  await atlas.page.keyboard.press('Escape');
  await atlas.page.keyboard.press('0');
  const { lon, lat, zoom } = atlas.homeView;
  await waitForState(atlas.page, `(s) => !s.view.flying && !s.panelOpen && s.selectionKind === 'none' &&
    Math.abs(s.view.lon - ${lon}) < 1e-3 && Math.abs(s.view.lat - ${lat}) < 1e-3 && Math.abs(s.view.zoom - ${zoom}) < 1e-3`, 'the home view');
}

// How many pixels of two decoded screenshots of the same size differ visibly.
export function changedPixels(a, b) {
  let n = 0;
  for (let i = 0; i < a.pixels.length; i += a.bpp)
    if (Math.abs(a.pixels[i] - b.pixels[i]) + Math.abs(a.pixels[i + 1] - b.pixels[i + 1]) + Math.abs(a.pixels[i + 2] - b.pixels[i + 2]) > 30) n++;
  return n;
}
