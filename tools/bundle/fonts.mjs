// Font subsetting with fontTools' pyftsubset (python3-fonttools).
// The subset keeps a fixed repertoire (Latin, Cyrillic, punctuation, arrows,
// the UI's symbols) plus every character the content uses that the font has,
// plus, copied in from donor fonts, the glyphs the content needs in scripts
// Noto Sans lacks: Arabic in its presentation forms (the app shapes Arabic
// into them, src/core/shape.c, since stb_truetype does no shaping) and CJK.
// pyftsubset is deterministic for the same input and options (it does not
// touch head.modified unless --recalc-timestamp is given), so the bundle is too.

import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const FONT_DIR = '/usr/share/fonts/truetype/noto';
export const FONT_FILES = { regular: 'NotoSans-Regular.ttf', bold: 'NotoSans-Bold.ttf' };

// Always included in both fonts, besides every character the content uses
// (which the compiler collects): Basic Latin, and what the UI's own strings
// draw — punctuation (· × ° • – — ‘ ’ “ ” ‹ › …, the General Punctuation
// block's dashes and quotes), € №, the arrows, minus sign, ▶ ◀ ✕ (the last
// from FALLBACK_GLYPHS). tests/content/roundtrip.test.mjs checks that every
// non-ASCII character in a string literal of src/ is in both subsets.
export const BASE_RANGES = [
  [0x0020, 0x007e], [0x00a0, 0x00a0], [0x00b0, 0x00b0], [0x00b7, 0x00b7], [0x00d7, 0x00d7],
  [0x2010, 0x2027], [0x2030, 0x203a], [0x20ac, 0x20ac], [0x2116, 0x2116],
  [0x2190, 0x2193], [0x2212, 0x2212], [0x25b6, 0x25b6], [0x25c0, 0x25c0], [0x2715, 0x2715],
];

// Also in the regular font (the search box draws what a user types with it):
// the Cyrillic letters of the region's languages — the basic Cyrillic block
// (Russian) and the extra letters of Kazakh, Kyrgyz, Uzbek and Tajik — and
// the Uzbek Latin ʻ ʼ. Latin beyond ASCII is there only where the content
// uses it (ü ş ı ç é ... today): Latin-1 and Latin Extended-A as a whole cost
// about 6.6 KiB gz in the regular font, and the bold font, which draws only
// content and UI text, holds no typing repertoire at all (10 KiB gz less;
// issue 12, the web page's byte budget). A letter typed outside this set still
// searches; it shows as the font's empty box.
export const TYPING_RANGES = [
  [0x02bb, 0x02bc],
  [0x0400, 0x045f],
  [0x0492, 0x0493], [0x049a, 0x049b], [0x04a2, 0x04a3], [0x04ae, 0x04b3], [0x04b6, 0x04b7], [0x04ba, 0x04bb],
  [0x04d8, 0x04d9], [0x04e2, 0x04e3], [0x04e8, 0x04e9], [0x04ee, 0x04ef],
];
export const SUBSET_RANGES = { regular: [...BASE_RANGES, ...TYPING_RANGES], bold: BASE_RANGES };

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

// Whole scripts Noto Sans lacks: the content's characters in them are copied
// in from these fonts (first that has a character wins), only those the
// content needs. Noto Sans Arabic is Noto Sans' Arabic companion (1000 units
// per em, OFL, fonts-noto-core); it maps the Arabic Presentation Forms
// (U+FB50..U+FDFF, U+FE70..U+FEFF) to its contextual glyphs. WenQuanYi Micro
// Hei (fonts-wqy-microhei, the smallest Debian package with the Han the
// content uses; Apache-2.0 or GPL-3 with the font exception) is derived from
// Droid Sans Fallback, Noto Sans' predecessor's CJK companion; it has 2048
// units per em, so its glyphs are scaled to 1000, and no bold.
export const SCRIPT_DONORS = [
  { name: 'Noto Sans Arabic', package: 'fonts-noto-core',
    regular: path.join(FONT_DIR, 'NotoSansArabic-Regular.ttf'), bold: path.join(FONT_DIR, 'NotoSansArabic-Bold.ttf') },
  { name: 'WenQuanYi Micro Hei', package: 'fonts-wqy-microhei',
    regular: '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc#0', bold: '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc#0' },
];
export const donorFile = (spec) => spec.split('#')[0];

// The joining and direction controls, which the app's shaper uses and drops.
export const SHAPING_CONTROLS = new Set([0x200c, 0x200d, 0x200e, 0x200f]);

// Arabic letter -> its presentation forms (isolated, final, initial, medial,
// whichever exist), from the compatibility decompositions (NFKC) of the
// presentation-form blocks: the same table src/core/shape.c has.
let FORMS;
function presentationForms() {
  if (FORMS) return FORMS;
  FORMS = new Map();
  for (const [a, b] of [[0xfb50, 0xfdff], [0xfe70, 0xfefe]]) {
    for (let c = a; c <= b; c++) {
      const d = String.fromCodePoint(c).normalize('NFKC');
      if (d.length !== 1 || d.codePointAt(0) < 0x600 || d.codePointAt(0) > 0x6ff) continue;
      const base = d.codePointAt(0);
      if (!FORMS.has(base)) FORMS.set(base, []);
      FORMS.get(base).push(c);
    }
  }
  return FORMS;
}
const LAM_ALEF = new Map([[0x622, [0xfef5, 0xfef6]], [0x623, [0xfef7, 0xfef8]], [0x625, [0xfef9, 0xfefa]], [0x627, [0xfefb, 0xfefc]]]);

/** The code points that can stand for `cp` on screen after the app's shaping:
 *  an Arabic letter's presentation forms (every one, whatever the context),
 *  nothing for the controls the shaper drops, else cp itself. */
export function displayForms(cp) {
  if (SHAPING_CONTROLS.has(cp)) return [];
  return presentationForms().get(cp) ?? [cp];
}

/** All the code points the text with these characters (a Set) can show:
 *  their display forms, and the lam-alef ligatures if lam and that alef occur. */
export function displayCodepoints(codepoints) {
  const out = new Set();
  for (const cp of codepoints) for (const c of displayForms(cp)) out.add(c);
  if (codepoints.has(0x644)) for (const [alef, ligs] of LAM_ALEF) if (codepoints.has(alef)) for (const c of ligs) out.add(c);
  return out;
}

/** The code points the donors of one weight have (a Set). */
export function donorCoverage(which) {
  const all = new Set();
  for (const d of SCRIPT_DONORS) for (const c of donorFontCoverage(d[which])) all.add(c);
  return all;
}

// Copies glyphs by code point from donors (FILE[#NUMBER in a collection]=hex,hex,...),
// components decomposed (they would name the donor's glyphs), scaled to the
// target's units per em. Both fonts have TrueType (quadratic) outlines.
const ADD_GLYPHS_PY = `
import sys
from fontTools.ttLib import TTFont
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.pens.transformPen import TransformPen
from fontTools.pens.recordingPen import DecomposingRecordingPen
from fontTools.misc.roundTools import otRound
from fontTools.ttLib.scaleUpem import scale_upem
target, out = sys.argv[1], sys.argv[2]
font = TTFont(target, recalcTimestamp=False)
glyf, hmtx = font['glyf'], font['hmtx']
upm = font['head'].unitsPerEm
have = font.getBestCmap()
for spec in sys.argv[4:]:
    donor_spec, cps = spec.split('=')
    donor_file, _, number = donor_spec.partition('#')
    donor = TTFont(donor_file, lazy=False, fontNumber=int(number or -1))
    assert 'glyf' in donor, donor_file
    scale = upm / donor['head'].unitsPerEm
    dcmap, gs = donor.getBestCmap(), donor.getGlyphSet()
    for cp in [int(c, 16) for c in cps.split(',')]:
        if cp in have or cp not in dcmap:
            continue
        src = dcmap[cp]
        rec = DecomposingRecordingPen(gs)
        gs[src].draw(rec)
        pen = TTGlyphPen(None)
        rec.replay(TransformPen(pen, (scale, 0, 0, scale, 0, 0)) if scale != 1 else pen)
        g = pen.glyph()
        name = 'uni%04X' % cp
        glyf[name] = g
        if name not in font.getGlyphOrder():
            font.getGlyphOrder().append(name)
        g.recalcBounds(glyf)
        hmtx[name] = (otRound(donor['hmtx'][src][0] * scale), getattr(g, 'xMin', 0))
        for t in font['cmap'].tables:
            if t.isUnicode():
                t.cmap[cp] = name
        have[cp] = name
# Fewer units per em (FONT_UNITS_PER_EM below): every coordinate, advance
# and kerning value is scaled and rounded, so the outlines' numbers are
# smaller and repeat more, and the subsets compress better.
scale_upem(font, int(sys.argv[3]))
font.save(out)
`;

// The subsets' units per em (Noto Sans has 1000). At 256 a unit is 0.06 px
// of 15 px body text and 0.19 px of the 48 px title, below what antialiased
// text shows; the two subsets are 5.6 KB smaller in the embedded bundle
// (LZMA), the first load's own figure (issue 12, BENCHMARKS.md).
export const FONT_UNITS_PER_EM = 256;

/** Adds the fallback glyphs, and the `borrowed` code points (sorted) from
 *  the script donors, to a subset font (a Buffer); returns the new Buffer. */
function addFallbackGlyphs(which, fontBytes, tmp, borrowed) {
  const inFile = path.join(tmp, 'in.ttf'), outFile = path.join(tmp, 'out.ttf');
  fs.writeFileSync(inFile, fontBytes);
  const specs = FALLBACK_GLYPHS[which].map((f) => `${path.join(FONT_DIR, f.file)}=${f.codepoints.map((c) => c.toString(16)).join(',')}`);
  let left = borrowed;
  for (const d of SCRIPT_DONORS) {
    const cov = donorFontCoverage(d[which]);
    const mine = left.filter((c) => cov.has(c));
    left = left.filter((c) => !cov.has(c));
    if (mine.length) specs.push(`${d[which]}=${mine.map((c) => c.toString(16)).join(',')}`);
  }
  execFileSync(findPython(), ['-c', ADD_GLYPHS_PY, inFile, outFile, String(FONT_UNITS_PER_EM), ...specs],
    { stdio: ['ignore', 'ignore', 'pipe'] });
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

/** The set of code points a font's cmap covers (FILE, or FILE#NUMBER for one
 *  font of a collection). */
export function fontCoverage(file) {
  const out = python(
    'import sys\nfrom fontTools.ttLib import TTFont\n' +
    'name, _, n = sys.argv[1].partition("#")\n' +
    'f = TTFont(name, lazy=True, fontNumber=int(n or -1))\nprint(" ".join(str(c) for c in sorted(f.getBestCmap())))',
    [file]);
  return new Set(out.trim().split(/\s+/).map(Number));
}

// The donors' coverage, read once per build (installed fonts do not change).
const DONOR_COVERAGE = new Map();
function donorFontCoverage(spec) {
  if (!DONOR_COVERAGE.has(spec)) DONOR_COVERAGE.set(spec, fontCoverage(spec));
  return DONOR_COVERAGE.get(spec);
}

export function checkToolsAvailable() {
  if (!findPython()) return 'fontTools (pyftsubset) not found: install python3-fonttools (tools/setup.sh)';
  for (const w of Object.keys(FONT_FILES)) {
    if (!fs.existsSync(fontPath(w))) return `${fontPath(w)} not found: install fonts-noto-core (tools/setup.sh)`;
    for (const f of FALLBACK_GLYPHS[w]) {
      if (!fs.existsSync(path.join(FONT_DIR, f.file))) return `${path.join(FONT_DIR, f.file)} not found: install fonts-noto-core (tools/setup.sh)`;
    }
    for (const d of SCRIPT_DONORS) {
      if (!fs.existsSync(donorFile(d[w]))) return `${donorFile(d[w])} not found: install ${d.package} (tools/setup.sh)`;
    }
  }
  return null;
}

/** Subsets one font ('regular' or 'bold') to its SUBSET_RANGES plus `codepoints`
 *  (a Set), then adds the fallback glyphs and the `borrowed` code points (a
 *  Set: those the font lacks, from the script donors). Returns a Buffer. */
export function subsetFont(which, codepoints, borrowed = new Set()) {
  const file = fontPath(which);
  const all = new Set();
  for (const [a, b] of SUBSET_RANGES[which]) for (let c = a; c <= b; c++) all.add(c);
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
    return addFallbackGlyphs(which, fs.readFileSync(out), tmp, [...borrowed].sort((x, y) => x - y));
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}
