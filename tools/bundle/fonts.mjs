// Font subsetting with fontTools' pyftsubset (python3-fonttools).
// The subset keeps a fixed repertoire (Latin, Cyrillic, punctuation, arrows,
// the UI's symbols) plus every character the content uses that the font has.
// pyftsubset is deterministic for the same input and options (it does not
// touch head.modified unless --recalc-timestamp is given), so the bundle is too.

import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const FONT_DIR = '/usr/share/fonts/truetype/noto';
export const FONT_FILES = { regular: 'NotoSans-Regular.ttf', bold: 'NotoSans-Bold.ttf' };

// Always included (UI text, arrows, close button, etc.).
export const BASE_RANGES = [
  [0x0020, 0x007e], [0x00a0, 0x017f], [0x0180, 0x024f], [0x02bb, 0x02bc], [0x0300, 0x0301],
  [0x0400, 0x04ff], [0x2010, 0x2027], [0x2030, 0x203a], [0x20ac, 0x20ac], [0x2116, 0x2116],
  [0x2190, 0x2193], [0x2212, 0x2212], [0x25b6, 0x25b6], [0x25c0, 0x25c0], [0x2715, 0x2715],
];

// Pinned options: no hinting (stb_truetype ignores it), only the 'kern'
// feature kept in GPOS (stb_truetype reads GPOS pair kerning), no GSUB.
const SUBSET_OPTIONS = [
  '--no-hinting',
  '--desubroutinize',
  '--layout-features=kern',
  '--drop-tables+=GSUB,DSIG',
  '--name-IDs=0,1,2,3,4,5,6,13,14',
  '--name-languages=0x409',
  '--notdef-outline',
  '--no-recalc-timestamp',
  '--no-glyph-names',
  '--no-legacy-cmap',
  '--no-symbol-cmap',
];

export function fontPath(which) { return path.join(FONT_DIR, FONT_FILES[which]); }

// Noto Sans has no arrows, minus sign, ▶ ◀ or ✕; the UI uses them, so they
// are copied in from other Noto fonts of the same design (all OFL, 1000 units
// per em, same x-height). Math and Symbols2 have no bold: their regular
// glyphs serve both.
export const FALLBACK_GLYPHS = {
  regular: [
    { file: 'NotoSansSymbols-Regular.ttf', codepoints: [0x2190, 0x2191, 0x2192, 0x2193] },
    { file: 'NotoSansMath-Regular.ttf', codepoints: [0x2212] },
    { file: 'NotoSansSymbols2-Regular.ttf', codepoints: [0x25b6, 0x25c0, 0x2715] },
  ],
  bold: [
    { file: 'NotoSansSymbols-Bold.ttf', codepoints: [0x2190, 0x2191, 0x2192, 0x2193] },
    { file: 'NotoSansMath-Regular.ttf', codepoints: [0x2212] },
    { file: 'NotoSansSymbols2-Regular.ttf', codepoints: [0x25b6, 0x25c0, 0x2715] },
  ],
};
export const FALLBACK_CODEPOINTS = new Set(FALLBACK_GLYPHS.regular.flatMap((f) => f.codepoints));

const ADD_GLYPHS_PY = `
import sys
from fontTools.ttLib import TTFont
from fontTools.pens.ttGlyphPen import TTGlyphPen
target, out = sys.argv[1], sys.argv[2]
font = TTFont(target, recalcTimestamp=False)
glyf, hmtx = font['glyf'], font['hmtx']
upm = font['head'].unitsPerEm
have = font.getBestCmap()
for spec in sys.argv[3:]:
    donor_file, cps = spec.split('=')
    donor = TTFont(donor_file, lazy=False)
    assert donor['head'].unitsPerEm == upm, donor_file
    dcmap, gs = donor.getBestCmap(), donor.getGlyphSet()
    for cp in [int(c, 16) for c in cps.split(',')]:
        if cp in have or cp not in dcmap:
            continue
        src = dcmap[cp]
        pen = TTGlyphPen(gs)
        gs[src].draw(pen)
        g = pen.glyph()
        name = 'uni%04X' % cp
        glyf[name] = g
        if name not in font.getGlyphOrder():
            font.getGlyphOrder().append(name)
        g.recalcBounds(glyf)
        hmtx[name] = (donor['hmtx'][src][0], getattr(g, 'xMin', 0))
        for t in font['cmap'].tables:
            if t.isUnicode():
                t.cmap[cp] = name
        have[cp] = name
font.save(out)
`;

/** Adds the fallback glyphs to a subset font (a Buffer); returns the new Buffer. */
function addFallbackGlyphs(which, fontBytes, tmp) {
  const inFile = path.join(tmp, 'in.ttf'), outFile = path.join(tmp, 'out.ttf');
  fs.writeFileSync(inFile, fontBytes);
  const specs = FALLBACK_GLYPHS[which].map((f) => `${path.join(FONT_DIR, f.file)}=${f.codepoints.map((c) => c.toString(16)).join(',')}`);
  execFileSync(findPython(), ['-c', ADD_GLYPHS_PY, inFile, outFile, ...specs], { stdio: ['ignore', 'ignore', 'pipe'] });
  return fs.readFileSync(outFile);
}

// pyftsubset is `python3 -m fontTools.subset`; Debian's python3-fonttools ships
// the module but not the pyftsubset script, and a pyenv `python3` earlier in
// PATH may lack the module, so find an interpreter that has it.
let PYTHON;
function findPython() {
  if (PYTHON !== undefined) return PYTHON;
  PYTHON = null;
  for (const exe of ['/usr/bin/python3', 'python3']) {
    try {
      execFileSync(exe, ['-c', 'import fontTools.subset'], { stdio: 'ignore' });
      PYTHON = exe;
      break;
    } catch { /* next */ }
  }
  return PYTHON;
}

function python(script, args) {
  return execFileSync(findPython(), ['-c', script, ...args], { encoding: 'utf8', maxBuffer: 64 << 20 });
}

/** The set of code points a font's cmap covers. */
export function fontCoverage(file) {
  const out = python(
    'import sys\nfrom fontTools.ttLib import TTFont\n' +
    'f = TTFont(sys.argv[1], lazy=True)\nprint(" ".join(str(c) for c in sorted(f.getBestCmap())))',
    [file]);
  return new Set(out.trim().split(/\s+/).map(Number));
}

export function checkToolsAvailable() {
  if (!findPython()) return 'fontTools (pyftsubset) not found: install python3-fonttools (tools/setup.sh)';
  for (const w of Object.keys(FONT_FILES)) {
    if (!fs.existsSync(fontPath(w))) return `${fontPath(w)} not found: install fonts-noto-core (tools/setup.sh)`;
    for (const f of FALLBACK_GLYPHS[w]) {
      if (!fs.existsSync(path.join(FONT_DIR, f.file))) return `${path.join(FONT_DIR, f.file)} not found: install fonts-noto-core (tools/setup.sh)`;
    }
  }
  return null;
}

/** Subsets one font ('regular' or 'bold') to the base ranges plus `codepoints`
 *  (a Set), then adds the fallback glyphs. Returns a Buffer. */
export function subsetFont(which, codepoints) {
  const file = fontPath(which);
  const all = new Set();
  for (const [a, b] of BASE_RANGES) for (let c = a; c <= b; c++) all.add(c);
  for (const c of codepoints) all.add(c);
  const sorted = [...all].sort((x, y) => x - y);
  // compact ranges for the command line
  const ranges = [];
  for (let i = 0; i < sorted.length;) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j] + 1) j++;
    const hex = (c) => 'U+' + c.toString(16).toUpperCase().padStart(4, '0');
    ranges.push(i === j ? hex(sorted[i]) : `${hex(sorted[i])}-${sorted[j].toString(16).toUpperCase().padStart(4, '0')}`);
    i = j + 1;
  }
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'steppe-font-'));
  try {
    const out = path.join(tmp, 'subset.ttf');
    execFileSync(findPython(), ['-m', 'fontTools.subset', file, `--unicodes=${ranges.join(',')}`, `--output-file=${out}`, ...SUBSET_OPTIONS],
      { stdio: ['ignore', 'ignore', 'pipe'] });
    return addFallbackGlyphs(which, fs.readFileSync(out), tmp);
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}
