// A small strict JSON parser (RFC 8259) that remembers where things are:
// the line of every object, array, object member and array element, so the
// compiler can report `assets/events.json:123: events[17].place: ...`.
//
//   const doc = parseJson(text, 'assets/events.json');
//   doc.value                      // the parsed value (plain objects/arrays)
//   lineOf(obj)                    // line where obj/array starts
//   lineOf(obj, 'place')           // line of member "place" (its key)
//   lineOf(arr, 3)                 // line of element 3
//   doc.duplicateKeys              // [{line, key, path}] — JSON.parse would silently keep the last
//
// Syntax errors throw JsonSyntaxError with .file, .line, .column.

const LOCS = new WeakMap();

export class JsonSyntaxError extends Error {
  constructor(file, line, column, message) {
    super(`${file}:${line}:${column}: ${message}`);
    this.file = file;
    this.line = line;
    this.column = column;
    this.reason = message;
  }
}

/** Line of a container, or of one of its members/elements (falls back to the container's line). */
export function lineOf(container, key) {
  const loc = container !== null && typeof container === 'object' ? LOCS.get(container) : undefined;
  if (!loc) return 0;
  if (key === undefined) return loc.line;
  if (Array.isArray(container)) return loc.items[key] ?? loc.line;
  return loc.keys.get(key) ?? loc.line;
}

export function parseJson(text, file = '<json>') {
  let i = 0;
  let line = 1;
  let lineStart = 0;
  const duplicateKeys = [];
  if (text.charCodeAt(0) === 0xfeff) i = 1; // tolerate a UTF-8 BOM

  const fail = (msg, at = i) => {
    // recompute line/column for position `at`
    let l = 1, ls = 0;
    for (let k = 0; k < at && k < text.length; k++) if (text.charCodeAt(k) === 10) { l++; ls = k + 1; }
    throw new JsonSyntaxError(file, l, at - ls + 1, msg);
  };
  const describe = () => (i >= text.length ? 'end of file' : JSON.stringify(text[i]));

  function ws() {
    for (;;) {
      const c = text.charCodeAt(i);
      if (c === 10) { line++; i++; lineStart = i; }
      else if (c === 32 || c === 9 || c === 13) i++;
      else break;
    }
  }

  function value(path) {
    ws();
    const c = text[i];
    if (c === '{') return object(path);
    if (c === '[') return array(path);
    if (c === '"') return string();
    if (c === 't') return literal('true', true);
    if (c === 'f') return literal('false', false);
    if (c === 'n') return literal('null', null);
    if (c === '-' || (c >= '0' && c <= '9')) return number();
    return fail(`unexpected ${describe()}, expected a value`);
  }

  function literal(word, v) {
    if (text.startsWith(word, i)) { i += word.length; return v; }
    return fail(`unexpected ${describe()}, expected a value`);
  }

  function number() {
    const m = /^-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/.exec(text.slice(i, i + 64));
    if (!m) fail('malformed number');
    i += m[0].length;
    const c = text[i];
    if (c !== undefined && /[0-9A-Za-z.+-]/.test(c)) fail('malformed number');
    return Number(m[0]);
  }

  function string() {
    const start = i;
    i++; // opening quote
    let out = '';
    let chunk = i;
    for (;;) {
      if (i >= text.length) fail('unterminated string', start);
      const c = text.charCodeAt(i);
      if (c === 34) { out += text.slice(chunk, i); i++; return out; }
      if (c < 0x20) fail(c === 10 ? 'line break inside a string (use \\n)' : 'control character inside a string');
      if (c === 92) {
        out += text.slice(chunk, i);
        const e = text[i + 1];
        const simple = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' }[e];
        if (simple !== undefined) { out += simple; i += 2; }
        else if (e === 'u') {
          const hex = text.slice(i + 2, i + 6);
          if (!/^[0-9a-fA-F]{4}$/.test(hex)) fail('bad \\u escape');
          out += String.fromCharCode(parseInt(hex, 16));
          i += 6;
        } else fail(`bad escape \\${e ?? ''}`);
        chunk = i;
        continue;
      }
      i++;
    }
  }

  function object(path) {
    const obj = {};
    const loc = { line, keys: new Map() };
    LOCS.set(obj, loc);
    i++; // {
    ws();
    if (text[i] === '}') { i++; return obj; }
    for (;;) {
      ws();
      if (text[i] !== '"') fail(`unexpected ${describe()}, expected a member name in quotes`);
      const keyLine = line;
      const key = string();
      ws();
      if (text[i] !== ':') fail(`unexpected ${describe()}, expected ':'`);
      i++;
      const v = value(path ? `${path}.${key}` : key);
      if (Object.prototype.hasOwnProperty.call(obj, key)) {
        duplicateKeys.push({ line: keyLine, key, path: path ? `${path}.${key}` : key });
      }
      // defineProperty: a member named "__proto__" stays an ordinary member
      Object.defineProperty(obj, key, { value: v, enumerable: true, writable: true, configurable: true });
      loc.keys.set(key, keyLine);
      ws();
      if (text[i] === ',') { i++; continue; }
      if (text[i] === '}') { i++; return obj; }
      fail(`unexpected ${describe()}, expected ',' or '}'`);
    }
  }

  function array(path) {
    const arr = [];
    const loc = { line, items: [] };
    LOCS.set(arr, loc);
    i++; // [
    ws();
    if (text[i] === ']') { i++; return arr; }
    for (;;) {
      ws();
      loc.items.push(line);
      arr.push(value(`${path}[${arr.length}]`));
      ws();
      if (text[i] === ',') { i++; continue; }
      if (text[i] === ']') { i++; return arr; }
      fail(`unexpected ${describe()}, expected ',' or ']'`);
    }
  }

  const v = value('');
  ws();
  if (i < text.length) fail(`unexpected ${describe()} after the end of the document`);
  return { value: v, duplicateKeys, file };
}
