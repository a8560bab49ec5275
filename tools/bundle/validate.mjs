// Loads and validates the content JSON (assets/README.md). Every problem is
// reported as `file:line: path: message`; validation never stops at the first.

import fs from 'node:fs';
import path from 'node:path';
import { parseJson, lineOf, JsonSyntaxError } from './json_lines.mjs';
import { ALL_ALPHA3 } from './iso3166.mjs';
import { CATEGORIES } from './format.mjs';

export const CONTENT_FILES = ['articles', 'events', 'places', 'countries', 'relations'];
/** Files a content folder may leave out. */
export const OPTIONAL_FILES = ['tours'];
export const LAYERS = ['markers', 'labels', 'relations'];
export const TOUR_TEXT_WORDS = [40, 120];
export const CENTRAL_ASIA = ['KAZ', 'KGZ', 'TJK', 'TKM', 'UZB'];
export const RELATION_KINDS = ['trade', 'trade-target', 'membership', 'security', 'diplomacy', 'energy', 'investment'];
export const PLACE_KINDS = ['capital', 'city', 'port', 'border-crossing', 'sea', 'region', 'site'];
const ID_RE = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
export const PLACE_NOTE_MAX = 160;
export const DATE_NOTE_MAX = 40;
const DATE_RE = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;

export class Problems {
  constructor() { this.errors = []; this.warnings = []; }
  static where(file, line, p) { return `${file}:${line}${p ? `: ${p}` : ''}`; }
  error(file, line, p, msg) { this.errors.push({ file, line, path: p, msg, text: `${Problems.where(file, line, p)}: ${msg}` }); }
  warn(file, line, p, msg) { this.warnings.push({ file, line, path: p, msg, text: `${Problems.where(file, line, p)}: warning: ${msg}` }); }
}

/** Parses "YYYY", "YYYY-MM" or "YYYY-MM-DD" (a real calendar date). Returns null if invalid. */
export function parseDate(s) {
  if (typeof s !== 'string') return null;
  const m = DATE_RE.exec(s);
  if (!m) return null;
  const year = +m[1], month = m[2] ? +m[2] : 0, day = m[3] ? +m[3] : 0;
  if (year < 1) return null;
  if (m[2] && (month < 1 || month > 12)) return null;
  if (m[3]) {
    const dim = [31, (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
    if (day < 1 || day > dim) return null;
  }
  return { year, month, day, precision: m[3] ? 3 : m[2] ? 2 : 1 };
}

export function wordCount(s) {
  return (s.match(/\S+/g) || []).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
}

function levenshtein(a, b) {
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...new Array(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
  }
  return d[a.length][b.length];
}

function suggest(word, choices) {
  let best = null, bd = Infinity;
  for (const c of choices) {
    const d = levenshtein(word.toLowerCase(), c.toLowerCase());
    if (d < bd) { bd = d; best = c; }
  }
  return best !== null && bd <= Math.max(1, Math.floor(word.length / 3)) ? ` (did you mean "${best}"?)` : '';
}

const typeName = (v) => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);

// ---------------------------------------------------------------------------
// Field checkers: each returns the normalised value, or undefined after
// reporting a problem. `at` = { file, line, path }.

function makeChecker(problems, file) {
  const err = (obj, key, p, msg) => problems.error(file, lineOf(obj, key), p, msg);
  const warn = (obj, key, p, msg) => problems.warn(file, lineOf(obj, key), p, msg);

  const T = {
    string(obj, key, p) {
      const v = obj[key];
      if (typeof v !== 'string') { err(obj, key, p, `expected a string, got ${typeName(v)}`); return undefined; }
      if (v !== v.trim()) warn(obj, key, p, 'leading or trailing whitespace');
      return v;
    },
    text(obj, key, p) { // non-empty string
      const v = T.string(obj, key, p);
      if (v === undefined) return undefined;
      if (v.trim() === '') { err(obj, key, p, 'must not be empty'); return undefined; }
      return v;
    },
    id(obj, key, p) {
      const v = T.text(obj, key, p);
      if (v === undefined) return undefined;
      if (!ID_RE.test(v)) { err(obj, key, p, `bad id ${JSON.stringify(v)}: use lower-case kebab-case (a-z, 0-9, -)`); return undefined; }
      return v;
    },
    date(obj, key, p) {
      const v = T.text(obj, key, p);
      if (v === undefined) return undefined;
      const d = parseDate(v);
      if (!d) { err(obj, key, p, `bad date ${JSON.stringify(v)}: expected a real date as YYYY, YYYY-MM or YYYY-MM-DD`); return undefined; }
      return { text: v, ...d };
    },
    iso3(obj, key, p, allowEmpty = false) {
      const v = T.string(obj, key, p);
      if (v === undefined) return undefined;
      if (v === '' && allowEmpty) return '';
      if (!ALL_ALPHA3.has(v)) {
        err(obj, key, p, `unknown country code ${JSON.stringify(v)}: expected an ISO 3166-1 alpha-3 code${v === '' ? '' : suggest(v.toUpperCase(), ALL_ALPHA3)}`);
        return undefined;
      }
      return v;
    },
    number(obj, key, p, { nullable = false, integer = false, min = -Infinity, max = Infinity } = {}) {
      const v = obj[key];
      if (v === null && nullable) return null;
      if (typeof v !== 'number' || !Number.isFinite(v)) { err(obj, key, p, `expected a number${nullable ? ' or null' : ''}, got ${typeName(v)}`); return undefined; }
      if (integer && !Number.isInteger(v)) { err(obj, key, p, `expected a whole number, got ${v}`); return undefined; }
      if (v < min || v > max) { err(obj, key, p, `${v} out of range [${min}, ${max}]`); return undefined; }
      return v;
    },
    bool(obj, key, p) {
      const v = obj[key];
      if (typeof v !== 'boolean') { err(obj, key, p, `expected true or false, got ${typeName(v)}`); return undefined; }
      return v;
    },
    array(obj, key, p, each, { min = 0, max = Infinity } = {}) {
      const v = obj[key];
      if (!Array.isArray(v)) { err(obj, key, p, `expected an array, got ${typeName(v)}`); return undefined; }
      if (v.length < min || v.length > max) {
        err(obj, key, p, max === Infinity ? (min === 1 ? 'must not be empty' : `needs at least ${min} entries, has ${v.length}`)
          : `needs ${min}–${max} entries, has ${v.length}`);
      }
      const out = [];
      v.forEach((_, i) => { out.push(each(v, i, `${p}[${i}]`)); });
      return out; // elements that failed are undefined (an error was reported)
    },
    object(obj, key, p) {
      const v = obj[key];
      if (v === null || typeof v !== 'object' || Array.isArray(v)) { err(obj, key, p, `expected an object, got ${typeName(v)}`); return undefined; }
      return v;
    },
    /** Checks required/optional/unknown members of `rec`; returns false if rec is not an object. */
    members(rec, p, required, optional = []) {
      const known = [...required, ...optional];
      for (const k of Object.keys(rec)) {
        if (!known.includes(k)) err(rec, k, `${p}.${k}`, `unknown field${suggest(k, known)}`);
      }
      const missing = required.filter((k) => !(k in rec));
      for (const k of missing) err(rec, undefined, `${p}.${k}`, 'missing');
      return missing;
    },
    sources(obj, key, p) {
      return T.array(obj, key, p, (arr, i, ip) => {
        const s = T.object(arr, i, ip);
        if (!s) return undefined;
        const missing = T.members(s, ip, ['article', 'locator']);
        const article = 'article' in s ? T.id(s, 'article', `${ip}.article`) : undefined;
        const locator = 'locator' in s ? T.text(s, 'locator', `${ip}.locator`) : undefined;
        if (missing.length || article === undefined || locator === undefined) return undefined;
        return { article, locator, line: lineOf(s, 'article'), path: `${ip}.article` };
      }, { min: 1 });
    },
  };
  return { T, err, warn };
}

/** Reads and checks one record list. `spec(rec, p, T)` returns the normalised record or undefined. */
function loadFile(dir, name, problems, displayDir) {
  const file = path.join(displayDir, `${name}.json`);
  const full = path.join(dir, `${name}.json`);
  let text;
  try { text = fs.readFileSync(full, 'utf8'); } catch (e) {
    problems.error(file, 0, '', e.code === 'ENOENT' ? 'file missing' : `cannot read: ${e.message}`);
    return null;
  }
  let doc;
  try { doc = parseJson(text, file); } catch (e) {
    if (e instanceof JsonSyntaxError) { problems.error(file, e.line, '', `JSON syntax error (column ${e.column}): ${e.reason}`); return null; }
    throw e;
  }
  for (const d of doc.duplicateKeys) problems.error(file, d.line, d.path, 'duplicate member (JSON keeps only the last one)');
  const root = doc.value;
  if (root === null || typeof root !== 'object' || Array.isArray(root)) {
    problems.error(file, 1, '', `expected an object { "${name}": [ ... ] }`);
    return null;
  }
  const { T } = makeChecker(problems, file);
  T.members(root, name, [name]);
  const list = root[name];
  if (!Array.isArray(list)) {
    if (name in root) problems.error(file, lineOf(root, name), name, `expected an array, got ${typeName(list)}`);
    return null;
  }
  return { file, list, text };
}

/** Collects every string of the content with the path where it appears (for font coverage). */
function collectStrings(value, p, file, line, out) {
  if (typeof value === 'string') out.push({ text: value, file, line, path: p });
  else if (Array.isArray(value)) value.forEach((v, i) => collectStrings(v, `${p}[${i}]`, file, lineOf(value, i) || line, out));
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) collectStrings(v, `${p}.${k}`, file, lineOf(value, k) || line, out);
}

/** Line breaks and runs of spaces count as one space (as for locators). */
const collapseSpace = (t) => t.replace(/\s+/g, ' ');

/**
 * The citation fields as the document itself states them: the title (unless
 * a title_note says it is descriptive) and every part of the author and the
 * outlet (split at commas and brackets) must occur in its text; an empty
 * author or outlet is shown as "the document names no ...".
 */
function checkCitation(rec, p, a, seed, err) {
  const text = collapseSpace(seed);
  const file = a.fileName;
  if (a.title !== undefined && !a.title_note && !text.includes(collapseSpace(a.title)))
    err(rec, 'title', `${p}.title`, `not found in ${file}: quote the document's own title (its quotation marks and apostrophes), or add a title_note saying why it is descriptive`);
  for (const k of ['author', 'outlet']) {
    if (typeof a[k] !== 'string' || a[k] === '') continue;
    for (const part of a[k].split(/[,()]/).map((x) => x.trim()).filter(Boolean))
      if (!text.includes(collapseSpace(part))) err(rec, k, `${p}.${k}`, `${JSON.stringify(part)} not found in ${file}: give the ${k} as the document names it, or "" if it names none`);
  }
}

/**
 * Loads all content from `dir`. `mapCountries` is a Map iso3 -> name of the
 * countries present in the map geometry. `seedsDir` (optional) is checked for
 * the articles' files.
 * Returns { content, problems, strings, inputs }.
 */
export function loadContent(dir, { mapCountries, seedsDir = null, displayDir = dir } = {}) {
  const problems = new Problems();
  const raw = {};
  const inputs = [];
  for (const name of CONTENT_FILES) {
    raw[name] = loadFile(dir, name, problems, displayDir);
    if (raw[name]) inputs.push({ name: `${name}.json`, text: raw[name].text });
  }
  for (const name of OPTIONAL_FILES) {
    raw[name] = fs.existsSync(path.join(dir, `${name}.json`)) ? loadFile(dir, name, problems, displayDir) : null;
    if (raw[name]) inputs.push({ name: `${name}.json`, text: raw[name].text });
  }
  const content = { articles: [], events: [], places: [], countries: [], relations: [], tours: [] };
  const strings = [];
  for (const name of [...CONTENT_FILES, ...OPTIONAL_FILES]) if (raw[name]) collectStrings(raw[name].list, name, raw[name].file, 1, strings);

  const each = (name, fn) => {
    if (!raw[name]) return;
    const { file, list } = raw[name];
    const chk = makeChecker(problems, file);
    const seen = new Map();
    list.forEach((_, i) => {
      const p = `${name}[${i}]`;
      const rec = chk.T.object(list, i, p);
      if (!rec) return;
      const keyField = name === 'countries' ? 'iso3' : 'id';
      const key = rec[keyField];
      let dup = false;
      if (typeof key === 'string' && key !== '') {
        if (seen.has(key)) {
          chk.err(rec, keyField, `${p}.${keyField}`, `duplicate ${keyField} ${JSON.stringify(key)} (first at line ${seen.get(key)})`);
          dup = true;
        } else seen.set(key, lineOf(rec, keyField));
      }
      const out = fn(rec, p, chk, file);
      if (dup) return;
      // partial records (some fields undefined after an error) are kept so
      // that their other fields are still cross-checked; the bundle is only
      // built when there are no errors at all
      out.file = file; out.line = lineOf(rec); out.rec = rec; out.p = p;
      content[name].push(out);
    });
  };

  // --- articles --------------------------------------------------------------
  each('articles', (rec, p, { T, warn, err }) => {
    const req = ['id', 'file', 'title', 'author', 'outlet', 'date', 'date_note', 'summary', 'key_points', 'topics'];
    T.members(rec, p, req, ['title_note']);
    const a = {};
    const f = (k, fn, ...rest) => (k in rec ? fn(rec, k, `${p}.${k}`, ...rest) : undefined);
    a.id = f('id', T.id);
    a.fileName = f('file', T.text);
    a.title = f('title', T.text);
    a.title_note = 'title_note' in rec ? T.string(rec, 'title_note', `${p}.title_note`) : '';
    a.author = f('author', T.string);
    a.outlet = f('outlet', T.string);
    a.date = f('date', T.date);
    a.date_note = f('date_note', T.string);
    a.summary = f('summary', T.text);
    a.key_points = f('key_points', (o, k, kp) => T.array(o, k, kp, (arr, i, ip) => T.text(arr, i, ip), { min: 4, max: 6 }));
    a.topics = f('topics', (o, k, kp) => T.array(o, k, kp, (arr, i, ip) => T.text(arr, i, ip)));
    if (a.summary !== undefined) {
      const n = wordCount(a.summary);
      if (n < 150 || n > 250) warn(rec, 'summary', `${p}.summary`, `${n} words, expected 150–250`);
    }
    if (a.topics) a.topics.forEach((t, i) => { if (t && t.includes('|')) err(rec.topics, i, `${p}.topics[${i}]`, 'must not contain "|"'); });
    if (a.key_points) a.key_points.forEach((t, i) => { if (t && t.includes('\n')) err(rec.key_points, i, `${p}.key_points[${i}]`, 'must not contain a line break'); });
    if (a.fileName !== undefined) {
      if (a.fileName.includes('/') || a.fileName.includes('\\')) err(rec, 'file', `${p}.file`, 'a bare file name is expected, not a path');
      else if (seedsDir && !fs.existsSync(path.join(seedsDir, a.fileName))) err(rec, 'file', `${p}.file`, `no such source document in ${seedsDir}`);
      else if (seedsDir) checkCitation(rec, p, a, fs.readFileSync(path.join(seedsDir, a.fileName), 'utf8'), err);
    }
    return a;
  });

  // --- places ----------------------------------------------------------------
  each('places', (rec, p, { T, warn }) => {
    T.members(rec, p, ['id', 'name', 'name_local', 'alt_names', 'kind', 'country', 'lon', 'lat']);
    const f = (k, fn, ...rest) => (k in rec ? fn(rec, k, `${p}.${k}`, ...rest) : undefined);
    const pl = {
      id: f('id', T.id),
      name: f('name', T.text),
      name_local: f('name_local', T.string),
      alt_names: f('alt_names', (o, k, kp) => T.array(o, k, kp, (arr, i, ip) => T.text(arr, i, ip))),
      kind: f('kind', T.text),
      country: f('country', T.iso3, true),
      lon: f('lon', T.number, { min: -180, max: 180 }),
      lat: f('lat', T.number, { min: -90, max: 90 }),
    };
    if (pl.kind !== undefined && !PLACE_KINDS.includes(pl.kind)) warn(rec, 'kind', `${p}.kind`, `unusual kind ${JSON.stringify(pl.kind)} (usual: ${PLACE_KINDS.join(', ')})${suggest(pl.kind, PLACE_KINDS)}`);
    if (pl.alt_names) pl.alt_names.forEach((t, i) => { if (t && t.includes('|')) problems.error(raw.places.file, lineOf(rec.alt_names, i), `${p}.alt_names[${i}]`, 'must not contain "|"'); });
    return pl;
  });

  // --- events ----------------------------------------------------------------
  each('events', (rec, p, { T, err }) => {
    T.members(rec, p, ['id', 'date', 'title', 'summary', 'place', 'countries', 'category', 'sources'], ['place_note', 'date_note']);
    const f = (k, fn, ...rest) => (k in rec ? fn(rec, k, `${p}.${k}`, ...rest) : undefined);
    const e = {
      id: f('id', T.id),
      date: f('date', T.date),
      title: f('title', T.text),
      summary: f('summary', T.text),
      place: f('place', T.text),
      countries: f('countries', (o, k, kp) => T.array(o, k, kp, (arr, i, ip) => T.iso3(arr, i, ip), { min: 1 })),
      category: f('category', T.text),
      sources: f('sources', T.sources),
      place_note: 'place_note' in rec ? T.text(rec, 'place_note', `${p}.place_note`) : '',
      date_note: 'date_note' in rec ? T.text(rec, 'date_note', `${p}.date_note`) : '',
    };
    // place_note: one sentence the panel shows under the place, e.g. "The
    // sources give no place; shown at the capital." date_note: a short
    // qualifier the panel shows in brackets after the date, e.g. "from context".
    if (e.place_note) {
      if (/\n/.test(e.place_note)) err(rec, 'place_note', `${p}.place_note`, 'must be one line');
      else if (e.place_note.length > PLACE_NOTE_MAX) err(rec, 'place_note', `${p}.place_note`, `${e.place_note.length} characters, at most ${PLACE_NOTE_MAX}`);
      else if (!/[.!?]$/.test(e.place_note)) err(rec, 'place_note', `${p}.place_note`, 'must be a sentence ending in a full stop');
    }
    if (e.date_note) {
      if (/[\n()]/.test(e.date_note)) err(rec, 'date_note', `${p}.date_note`, 'must be one line without brackets (the panel adds them)');
      else if (e.date_note.length > DATE_NOTE_MAX) err(rec, 'date_note', `${p}.date_note`, `${e.date_note.length} characters, at most ${DATE_NOTE_MAX}: put the reasoning in the summary`);
      else if (/[.]$/.test(e.date_note)) err(rec, 'date_note', `${p}.date_note`, 'is shown as "2022 (from context)": no full stop at the end');
    }
    if (e.category !== undefined && !CATEGORIES.includes(e.category)) {
      err(rec, 'category', `${p}.category`, `unknown category ${JSON.stringify(e.category)} (one of: ${CATEGORIES.join(', ')})${suggest(e.category, CATEGORIES)}`);
      e.category = undefined;
    }
    if (e.countries) {
      const dup = e.countries.find((c, i) => c && e.countries.indexOf(c) !== i);
      if (dup) err(rec, 'countries', `${p}.countries`, `${dup} listed twice`);
    }
    return e;
  });

  // --- countries -------------------------------------------------------------
  each('countries', (rec, p, { T, warn, err }) => {
    T.members(rec, p, ['iso3', 'name', 'name_local', 'capital', 'central_asia', 'profile', 'figures']);
    const f = (k, fn, ...rest) => (k in rec ? fn(rec, k, `${p}.${k}`, ...rest) : undefined);
    const c = {
      iso3: f('iso3', T.iso3),
      name: f('name', T.text),
      name_local: f('name_local', T.string),
      capital: f('capital', T.string),
      central_asia: f('central_asia', T.bool),
      profile: f('profile', T.string),
      figures: f('figures', (o, k, kp) => T.array(o, k, kp, (arr, i, ip) => {
        const fig = T.object(arr, i, ip);
        if (!fig) return undefined;
        const missing = T.members(fig, ip, ['label', 'value', 'year', 'sources']);
        const g = (k2, fn, ...rest) => (k2 in fig ? fn(fig, k2, `${ip}.${k2}`, ...rest) : undefined);
        let value;
        if ('value' in fig) {
          if (typeof fig.value === 'number' && Number.isFinite(fig.value)) value = String(fig.value);
          else value = T.text(fig, 'value', `${ip}.value`);
        }
        const out = {
          label: g('label', T.text), value,
          year: g('year', T.number, { nullable: true, integer: true, min: 1, max: 9999 }),
          sources: g('sources', T.sources),
        };
        return missing.length || Object.values(out).some((v) => v === undefined) ? undefined : out;
      })),
    };
    if (c.capital && !ID_RE.test(c.capital)) { err(rec, 'capital', `${p}.capital`, `bad place id ${JSON.stringify(c.capital)}`); c.capital = undefined; }
    if (c.central_asia !== undefined && c.iso3 !== undefined && c.central_asia !== CENTRAL_ASIA.includes(c.iso3)) {
      err(rec, 'central_asia', `${p}.central_asia`, c.central_asia
        ? `${c.iso3} is not one of the five Central Asian states (${CENTRAL_ASIA.join(', ')})`
        : `${c.iso3} is a Central Asian state: central_asia must be true`);
    }
    if (c.profile) {
      const n = wordCount(c.profile);
      if (n < 80 || n > 200) warn(rec, 'profile', `${p}.profile`, `${n} words, expected 80–200`);
    }
    return c;
  });

  // --- relations -------------------------------------------------------------
  each('relations', (rec, p, { T, warn, err }) => {
    T.members(rec, p, ['id', 'kind', 'a', 'b', 'group', 'label', 'value', 'unit', 'year', 'sources']);
    const f = (k, fn, ...rest) => (k in rec ? fn(rec, k, `${p}.${k}`, ...rest) : undefined);
    const r = {
      id: f('id', T.id),
      kind: f('kind', T.text),
      a: f('a', T.iso3),
      b: f('b', T.iso3, true),
      group: f('group', T.string),
      label: f('label', T.text),
      value: f('value', T.number, { nullable: true }),
      unit: f('unit', T.string),
      year: f('year', T.number, { nullable: true, integer: true, min: 1, max: 9999 }),
      sources: f('sources', T.sources),
    };
    if (r.kind !== undefined && !RELATION_KINDS.includes(r.kind)) {
      warn(rec, 'kind', `${p}.kind`, `unusual kind ${JSON.stringify(r.kind)} (usual: ${RELATION_KINDS.join(', ')})${suggest(r.kind, RELATION_KINDS)}`);
    }
    if (r.kind === 'membership') {
      if (r.b) err(rec, 'b', `${p}.b`, 'a membership has no partner: b must be ""');
      if (r.group === '') err(rec, 'group', `${p}.group`, 'a membership needs its organisation in group');
    } else if (r.kind !== undefined && r.b === '') {
      err(rec, 'b', `${p}.b`, `a ${r.kind} relation needs a partner country in b`);
    }
    if (r.a !== undefined && r.a === r.b) err(rec, 'b', `${p}.b`, 'a and b are the same country');
    if (r.value !== undefined && r.unit !== undefined) {
      if (r.value === null && r.unit !== '') warn(rec, 'unit', `${p}.unit`, 'unit given but value is null');
      if (r.value !== null && r.unit === '') warn(rec, 'unit', `${p}.unit`, 'value given without a unit');
    }
    return r;
  });

  // --- tours (optional) -------------------------------------------------------
  each('tours', (rec, p, { T, err }) => {
    T.members(rec, p, ['id', 'title', 'stops'], ['summary']);
    const f = (k, fn, ...rest) => (k in rec ? fn(rec, k, `${p}.${k}`, ...rest) : undefined);
    const tour = {
      id: f('id', T.id), title: f('title', T.text), summary: 'summary' in rec ? f('summary', T.string) : '',
      stops: f('stops', (o, k, kp) => T.array(o, k, kp, (arr, i, ip) => {
        const st = T.object(arr, i, ip);
        if (!st) return undefined;
        const missing = T.members(st, ip, ['title', 'text', 'select', 'view', 'sources'], ['years', 'categories', 'layers', 'notes']);
        const g = (k2, fn, ...rest) => (k2 in st ? fn(st, k2, `${ip}.${k2}`, ...rest) : undefined);
        const stop = { line: lineOf(arr, i), p: ip, rec: st, title: g('title', T.text), text: g('text', T.text),
          notes: 'notes' in st ? g('notes', T.string) : '', sources: g('sources', T.sources) };
        if (stop.text !== undefined) {
          const n = wordCount(stop.text), [lo, hi] = TOUR_TEXT_WORDS;
          if (n < lo || n > hi) err(st, 'text', `${ip}.text`, `${n} words, a slide needs ${lo}–${hi}`);
        }
        // select: one of event / country / place / article, or null
        if ('select' in st) {
          const sel = st.select;
          if (sel === null) stop.select = null;
          else if (typeof sel !== 'object' || Array.isArray(sel) || Object.keys(sel).length !== 1 ||
                   !['event', 'country', 'place', 'article'].includes(Object.keys(sel)[0]) || typeof Object.values(sel)[0] !== 'string') {
            err(st, 'select', `${ip}.select`, 'expected null or exactly one of { "event" | "country" | "place" | "article": id }');
          } else stop.select = { kind: Object.keys(sel)[0], key: Object.values(sel)[0], line: lineOf(sel, Object.keys(sel)[0]) || lineOf(st, 'select') };
        }
        if ('view' in st) {
          const v = st.view;
          if (v === 'fit') {
            stop.view = 'fit';
            if (stop.select === null) err(st, 'view', `${ip}.view`, '"fit" needs something selected: give { "lat", "lon", "zoom" }');
          } else if (v && typeof v === 'object' && !Array.isArray(v)) {
            T.members(v, `${ip}.view`, ['lat', 'lon', 'zoom']);
            const lat = 'lat' in v ? T.number(v, 'lat', `${ip}.view.lat`, { min: -90, max: 90 }) : undefined;
            const lon = 'lon' in v ? T.number(v, 'lon', `${ip}.view.lon`, { min: -180, max: 180 }) : undefined;
            const zoom = 'zoom' in v ? T.number(v, 'zoom', `${ip}.view.zoom`, { min: -6, max: 8 }) : undefined;
            if (lat !== undefined && lon !== undefined && zoom !== undefined) stop.view = { lat, lon, zoom };
          } else err(st, 'view', `${ip}.view`, 'expected "fit" or { "lat", "lon", "zoom" }');
        }
        if ('years' in st) {
          const y = st.years;
          if (!Array.isArray(y) || y.length !== 2 || !y.every((n) => Number.isInteger(n))) {
            err(st, 'years', `${ip}.years`, 'expected [from, to], two whole years');
          } else if (y[0] > y[1]) err(st, 'years', `${ip}.years`, `bad year range ${y[0]}–${y[1]}: from is after to`);
          else if (y[0] < 1900 || y[1] > 2100) err(st, 'years', `${ip}.years`, `bad year range ${y[0]}–${y[1]}`);
          else stop.years = y;
        }
        const names = (key, allowed) => {
          if (!(key in st)) return undefined;
          const v = st[key];
          if (!Array.isArray(v) || v.some((x) => typeof x !== 'string')) { err(st, key, `${ip}.${key}`, 'expected an array of names'); return undefined; }
          const bad = v.find((x) => !allowed.includes(x));
          if (bad !== undefined) { err(st, key, `${ip}.${key}`, `unknown ${key === 'layers' ? 'layer' : 'category'} ${JSON.stringify(bad)}${suggest(bad, allowed)}`); return undefined; }
          if (key === 'categories' && v.length === 0) { err(st, key, `${ip}.${key}`, 'must not be empty'); return undefined; }
          return v;
        };
        stop.categories = names('categories', CATEGORIES);
        stop.layers = names('layers', LAYERS);
        return missing.length || stop.title === undefined || stop.text === undefined || stop.sources === undefined ||
          stop.view === undefined || !('select' in stop) ? undefined : stop;
      }, { min: 1 })),
    };
    return tour;
  });

  crossCheck(content, raw, problems, mapCountries);
  return { content, problems, strings, inputs };
}

/** References between files. */
function crossCheck(content, raw, problems, mapCountries) {
  const places = new Map(content.places.map((p) => [p.id, p]));
  const articles = new Map(content.articles.map((a) => [a.id, a]));
  const contentCountries = new Map(content.countries.map((c) => [c.iso3, c]));
  const known = (iso) => mapCountries.has(iso) || contentCountries.has(iso);
  // ids of records that failed their own checks still count as existing, so
  // one typo does not cascade into "unknown" errors elsewhere
  const rawIds = (name) => new Set((raw[name]?.list || []).map((r) => r && r.id).filter((x) => typeof x === 'string'));
  const placeIds = rawIds('places'), articleIds = rawIds('articles');
  const rawIsos = new Set((raw.countries?.list || []).map((r) => r && r.iso3).filter((x) => typeof x === 'string'));

  // a file that could not be read or parsed is reported once; references
  // into it are not checked (they would all fail)
  const unknownPlace = (file, line, p, id) => {
    if (!raw.places || places.has(id) || placeIds.has(id)) return false;
    problems.error(file, line, p, `unknown place ${JSON.stringify(id)}${suggest(id, placeIds)}`);
    return true;
  };
  const checkCountry = (file, line, p, iso) => {
    if (!iso || known(iso) || rawIsos.has(iso) || !raw.countries) return;
    problems.error(file, line, p, `country ${iso} is neither on the map nor in countries.json`);
  };
  const checkSources = (rec, sources) => {
    for (const s of sources || []) {
      if (!s) continue;
      if (raw.articles && !articles.has(s.article) && !articleIds.has(s.article)) {
        problems.error(rec.file, s.line, s.path, `unknown article ${JSON.stringify(s.article)}${suggest(s.article, articleIds)}`);
      }
    }
  };

  for (const pl of content.places) checkCountry(pl.file, lineOf(pl.rec, 'country'), `${pl.p}.country`, pl.country);
  for (const e of content.events) {
    if (e.place !== undefined) unknownPlace(e.file, lineOf(e.rec, 'place'), `${e.p}.place`, e.place);
    (e.countries || []).forEach((c, i) => checkCountry(e.file, lineOf(e.rec.countries, i), `${e.p}.countries[${i}]`, c));
    checkSources(e, e.sources);
  }
  for (const c of content.countries) {
    if (c.capital) {
      const line = lineOf(c.rec, 'capital');
      if (!unknownPlace(c.file, line, `${c.p}.capital`, c.capital)) {
        const pl = places.get(c.capital);
        // (the EU's seat, Brussels, lies in Belgium)
        if (pl && c.iso3 && pl.country !== c.iso3 && c.iso3 !== 'EUU') problems.error(c.file, line, `${c.p}.capital`, `place "${c.capital}" is in ${pl.country || 'no country'}, not ${c.iso3}`);
      }
    }
    (c.figures || []).forEach((fig) => fig && checkSources(c, fig.sources));
  }
  for (const r of content.relations) {
    checkCountry(r.file, lineOf(r.rec, 'a'), `${r.p}.a`, r.a);
    checkCountry(r.file, lineOf(r.rec, 'b'), `${r.p}.b`, r.b);
    checkSources(r, r.sources);
  }
  // tours: what each stop selects exists
  const events = new Set(content.events.map((e) => e.id)), eventIds = rawIds('events');
  for (const t of content.tours) {
    for (const st of t.stops || []) {
      if (!st) continue;
      checkSources({ file: t.file }, st.sources);
      const sel = st.select;
      if (!sel) continue;
      const at = `${st.p}.select.${sel.kind}`;
      if (sel.kind === 'event' && raw.events && !events.has(sel.key) && !eventIds.has(sel.key))
        problems.error(t.file, sel.line, at, `unknown event ${JSON.stringify(sel.key)}${suggest(sel.key, eventIds)}`);
      else if (sel.kind === 'place') unknownPlace(t.file, sel.line, at, sel.key);
      else if (sel.kind === 'article' && raw.articles && !articles.has(sel.key) && !articleIds.has(sel.key))
        problems.error(t.file, sel.line, at, `unknown article ${JSON.stringify(sel.key)}${suggest(sel.key, articleIds)}`);
      else if (sel.kind === 'country' && !known(sel.key) && !rawIsos.has(sel.key))
        problems.error(t.file, sel.line, at, `unknown country ${JSON.stringify(sel.key)}`);
    }
  }
  // every article should be cited somewhere
  const cited = new Set();
  for (const x of [...content.events, ...content.relations]) for (const s of x.sources || []) if (s) cited.add(s.article);
  for (const c of content.countries) for (const f of c.figures || []) for (const s of (f && f.sources) || []) if (s) cited.add(s.article);
  for (const a of content.articles) if (a.id && !cited.has(a.id)) problems.warn(a.file, lineOf(a.rec, 'id'), `${a.p}.id`, `article "${a.id}" is not cited by any event, relation or figure`);
}
