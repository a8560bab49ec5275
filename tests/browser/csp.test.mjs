// The Content-Security-Policy: index.html carries the strict policy in a
// <meta>, and the page works under it: selecting, searching, the timeline
// (drag, keys, play), the map key, the link and the PNG export raise no
// securitypolicyviolation event (listened for from before the page's first
// script), and nothing is requested from any origin but the page's own. The
// listener is shown to work: an inline script, an inline style and a foreign
// fetch are refused and reported.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { openAtlas, waitForState, screenshotDir, webRoot } from './helpers.mjs';

const POLICY = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self'; " +
  "connect-src 'self'; worker-src 'self'; manifest-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'";

let atlas;
const requests = [];
before(async () => {
  atlas = await openAtlas({
    width: 1200, height: 800,
    beforeLoad: async (page) => {
      page.on('request', (r) => requests.push(r.url()));
      await page.addInitScript(() => {
        window.__cspViolations = [];
        document.addEventListener('securitypolicyviolation', (e) => {
          window.__cspViolations.push(`${e.violatedDirective} blocked ${e.blockedURI || '(inline)'} at ${e.sourceFile}:${e.lineNumber}`);
        });
      });
    },
  });
});
after(async () => { await atlas?.close(); });

const violations = () => atlas.page.evaluate(() => window.__cspViolations);

test('index.html sets the strict policy in a <meta>, first in <head>, with no inline script, style or handler', () => {
  const html = fs.readFileSync(path.join(webRoot, 'index.html'), 'utf8');
  const m = html.match(/<meta http-equiv="Content-Security-Policy" content="([^"]+)">/);
  assert.ok(m, 'the CSP <meta> is there');
  assert.equal(m[1], POLICY);
  assert.ok(html.indexOf(m[0]) < html.search(/<(link|script)\b/), 'the policy comes before any script or stylesheet');
  assert.doesNotMatch(html, /<script(?![^>]*\bsrc=)[^>]*>/, 'no inline <script>');
  assert.doesNotMatch(html, /<style\b|\sstyle="/, 'no inline style');
  assert.doesNotMatch(html, /\son[a-z]+="/, 'no inline event handler');
});

test('the policy is in force for the page', async () => {
  const meta = await atlas.page.evaluate(() => document.querySelector('meta[http-equiv="Content-Security-Policy"]')?.content);
  assert.equal(meta, POLICY);
  assert.deepEqual(await violations(), [], 'no violation while loading');
  const prevented = await atlas.page.evaluate(() => {
    const e = new MouseEvent('contextmenu', { bubbles: true, cancelable: true });
    document.getElementById('canvas').dispatchEvent(e);
    return e.defaultPrevented;
  });
  assert.equal(prevented, true, 'the canvas still has no context menu (its handler moved from the markup to steppe.js)');
});

test('selecting, searching and the timeline raise no violation', async () => {
  const { page } = atlas;
  const [x, y] = await page.evaluate(() => window.steppeAtlas.project(67, 48));
  await page.mouse.move(x - 40, y - 20);
  await page.mouse.click(x, y);
  await waitForState(page, (s) => s.selection === 'KAZ' && s.panelOpen, 'Kazakhstan selected');
  await page.keyboard.press('/');
  await page.keyboard.type('Almaty', { delay: 20 });
  await page.keyboard.press('Enter');
  await waitForState(page, (s) => s.selectionKind === 'place' && s.selection === 'almaty', 'Almaty found');
  await page.keyboard.press('Escape');
  // The timeline (its track widens once the panel is closed): drag a range, move it by keys, play it.
  const t = (await waitForState(page, (s) => !s.panelOpen && !s.view.flying, 'the panel closed')).timeline;
  const yearX = (year) => t.x0 + ((year + 0.5 - t.firstYear) / (t.lastYear + 1 - t.firstYear)) * (t.x1 - t.x0);
  await page.mouse.move(yearX(2014), t.y);
  await page.mouse.down();
  await page.mouse.move(yearX(2016), t.y, { steps: 4 });
  await page.mouse.up();
  await waitForState(page, (s) => s.years[0] === 2014 && s.years[1] === 2016, 'years 2014-2016');
  await page.keyboard.press(']');
  await waitForState(page, (s) => s.years[0] === 2015, 'the range a year later');
  await page.keyboard.press('p');
  await waitForState(page, (s) => s.playing, 'playing');
  await waitForState(page, (s) => !s.playing, 'play to reach the end', 8000);
  // Wheel zoom and drag, the relations layer, local names, the link and the PNG export.
  await page.mouse.move(600, 400);
  await page.mouse.wheel(0, -300);
  await page.mouse.down(); await page.mouse.move(650, 420, { steps: 5 }); await page.mouse.up();
  for (const key of ['r', 'l', 'h', 'k']) await page.keyboard.press(key);
  const download = page.waitForEvent('download', { timeout: 5000 }).catch(() => null);
  await page.keyboard.press('e');
  const file = await download;
  assert.ok(file, 'E downloads the figure');
  assert.match(file.suggestedFilename(), /^steppe-atlas-\d{8}-\d{6}\.png$/);
  await page.waitForTimeout(300);
  fs.mkdirSync(screenshotDir, { recursive: true });
  await page.screenshot({ path: path.join(screenshotDir, 'web-csp.png') });
  assert.deepEqual(await violations(), []);
});

test('no request left the page\'s own origin, and no console error', () => {
  const origin = new URL(atlas.url).origin;
  assert.ok(requests.length >= 5, `${requests.length} requests recorded`);
  assert.deepEqual(requests.filter((u) => !u.startsWith(origin + '/') && !u.startsWith('blob:' + origin + '/')), []);
  assert.deepEqual(atlas.foreignRequests.filter((u) => !u.startsWith('blob:' + origin + '/')), []);
  assert.deepEqual(atlas.consoleErrors, []);
});

test('the listener sees what the policy refuses: inline script, inline style, a foreign fetch', async () => {
  const { page } = atlas;
  const result = await page.evaluate(async () => {
    const s = document.createElement('script');
    s.textContent = 'window.__inlineRan = true;';
    document.body.appendChild(s);
    const st = document.createElement('style');
    st.textContent = 'body { background: red; }';
    document.head.appendChild(st);
    let fetched = true;
    try { await fetch('https://example.invalid/x'); } catch { fetched = false; }
    await new Promise((r) => setTimeout(r, 200));
    return { ran: !!window.__inlineRan, fetched, bg: getComputedStyle(document.body).backgroundColor };
  });
  assert.equal(result.ran, false, 'the inline script did not run');
  assert.equal(result.fetched, false);
  assert.notEqual(result.bg, 'rgb(255, 0, 0)', 'the inline style was not applied');
  const v = await violations();
  assert.ok(v.some((x) => /^script-src/.test(x)), v.join('\n'));
  assert.ok(v.some((x) => /^style-src/.test(x)), v.join('\n'));
  assert.ok(v.some((x) => /^connect-src/.test(x) && x.includes('example.invalid')), v.join('\n'));
});
