// Fidelity: tests/content/fidelity.json lists facts quoted from the seeds and
// the value the atlas must show for each. The quote must be verbatim in its
// seed, and the compiled bundle (read back from bytes, not from the JSON)
// must carry the expected value.
//   { "checks": [ { "seed", "quote", "kind": "relation"|"figure"|"event", "key", "expect" } ] }

import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { compileToBuffer, contentDir, seedText, collapse, SEEDS, REPO } from './helpers.mjs';
import { readBundle } from '../../tools/bundle/read_bundle.mjs';

const FIDELITY = path.join(REPO, 'tests/content/fidelity.json');

test('fidelity checks (tests/content/fidelity.json)', async (t) => {
  if (!fs.existsSync(FIDELITY)) {
    t.skip('tests/content/fidelity.json does not exist yet (written by the content engineer)');
    return;
  }
  const { checks } = JSON.parse(fs.readFileSync(FIDELITY, 'utf8'));
  assert.ok(Array.isArray(checks) && checks.length > 0, 'fidelity.json has no checks');
  const b = readBundle(compileToBuffer(contentDir()));

  for (const [i, ch] of checks.entries()) {
    await t.test(`#${i} ${ch.kind} ${ch.key}: ${JSON.stringify(ch.expect)}`, () => {
      for (const k of ['seed', 'quote', 'kind', 'key', 'expect']) assert.ok(k in ch, `check ${i} lacks "${k}"`);
      assert.ok(fs.existsSync(path.join(SEEDS, ch.seed)), `no seed ${ch.seed}`);
      assert.ok(seedText(ch.seed).includes(collapse(ch.quote)), `quote not verbatim in ${ch.seed}: ${ch.quote}`);
      const expect = String(ch.expect);
      switch (ch.kind) {
        case 'relation': {
          const r = b.relations.find((x) => x.key === ch.key);
          assert.ok(r, `no relation ${ch.key} in the bundle`);
          const want = Number(expect);
          assert.ok(Number.isFinite(want), `expect ${expect} is not a number`);
          assert.ok(r.value !== null, `relation ${ch.key} has no value`);
          assert.ok(Math.abs(r.value - want) <= 1e-6 * Math.max(Math.abs(want), 1e-30), `relation ${ch.key}: ${r.value} != ${want}`);
          break;
        }
        case 'figure': {
          const figs = b.figures.filter((f) => f.country === ch.key);
          assert.ok(figs.length, `no figures for ${ch.key}`);
          assert.ok(figs.some((f) => f.value.includes(expect)), `no figure of ${ch.key} contains ${expect}: ${figs.map((f) => f.value).join('; ')}`);
          break;
        }
        case 'event': {
          const e = b.events.find((x) => x.key === ch.key);
          assert.ok(e, `no event ${ch.key} in the bundle`);
          assert.ok(e.title.includes(expect) || e.summary.includes(expect), `event ${ch.key} does not mention ${expect}`);
          break;
        }
        default:
          assert.fail(`unknown kind ${ch.kind}`);
      }
    });
  }
});
