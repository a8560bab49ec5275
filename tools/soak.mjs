#!/usr/bin/env node
// Writes a seeded random input script for the native window's --replay
// (tests/native/replay/README.md): clicks and drags across the map, the wheel,
// keys (panel, timeline, layers, theme, history, tours and their stepping,
// Escape), typing into the search box, with a few frames between, and
// "memory" marks every 1,000 inputs and at the end, for the soak test's
// growth check. The same seed always writes the same script.
//   node tools/soak.mjs SEED COUNT > soak.txt
import { seededRandom } from './seeded_random.mjs';
const [seedArg, countArg] = process.argv.slice(2);
if (!seedArg || !countArg) {
  console.error('usage: node tools/soak.mjs SEED COUNT');
  process.exit(2);
}
const next = seededRandom(seedArg);
const pick = (a) => a[Math.floor(next() * a.length)];
const int = (lo, hi) => lo + Math.floor(next() * (hi - lo + 1));
const KEYS = ['Escape', 'Escape', '/', 'l', 'h', 'r', 'p', '[', ']', 't', 'Enter', 'PageDown', 'PageUp', 'Home', 'End',
  'b', '0', '+', '-', 'Left', 'Right', 'Up', 'Down', 'Backspace', 'alt+Left', 'alt+Right', 'Space'];
const WORDS = ['kaz', 'Alma-Ata', 'tok', 'China', 'xx', 'Tashkent', 'C5', 'a'];
const count = Number(countArg);
const out = [`# soak: seed ${seedArg}, ${count} inputs (tools/soak.mjs)`];
for (let i = 1; i <= count; i++) {
  const r = next();
  const x = int(0, 999), y = int(0, 699);
  if (r < 0.25) out.push(`click px ${x},${y}`);
  else if (r < 0.35) out.push(`click px ${int(150, 650)},${int(150, 550)}`); // mostly Central Asia at the home view
  else if (r < 0.45) { out.push(`down px ${x},${y}`, `move px ${int(0, 999)},${int(0, 699)}`, `up`); }
  else if (r < 0.6) out.push(`wheel ${pick([-3, -2, -1, 1, 2, 3])} px ${x},${y}`);
  else if (r < 0.65) out.push(`move px ${x},${y}`);
  else if (r < 0.7) out.push(`dblclick px ${x},${y}`);
  else if (r < 0.95) out.push(`key ${pick(KEYS)}`);
  else out.push(`key /`, `type ${pick(WORDS)}`, `key ${pick(['Enter', 'Escape', 'Down'])}`);
  if (next() < 0.5) out.push(`frames ${int(1, 3)}`);
  if (i % 1000 === 0 && i < count) out.push('settle', 'memory');
}
out.push('settle', 'memory');
process.stdout.write(out.join('\n') + '\n');
