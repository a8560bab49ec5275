// The page as a product: what the address bar holds after a link the atlas
// could not fully follow, and what the page says when a teacher's bundle
// cannot be loaded.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openAtlas, waitForState } from './helpers.mjs';

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
