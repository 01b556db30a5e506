// Line and cell syntax of the JSON compressor's output, for the test decoder (decode.ts).
export type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

const NUMBER = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][-+]?\d+)?$/;

/** A cell naming pooled objects: `@u1`, or `[@l1,@l2]`. */
export class Ref {
  constructor(
    readonly items: string[],
    readonly list: boolean,
  ) {}
}

export function splitKey(text: string): { key: string; rest: string; index: boolean } {
  let end: number;
  if (text.startsWith('"')) end = jsonStringEnd(text, 0) + 1;
  else {
    end = text.indexOf(':');
    if (end < 0) throw new Error(`not a key line: ${text}`);
    if (text.slice(0, end).endsWith('[0]')) end -= 3;
  }
  const key = text.startsWith('"') ? (JSON.parse(text.slice(0, end)) as string) : text.slice(0, end);
  let after = text.slice(end);
  const index = after.startsWith('[0]');
  if (index) after = after.slice(3);
  if (after === ':') return { key, rest: '', index };
  if (!after.startsWith(': ')) throw new Error(`bad key line: ${text}`);
  return { key, rest: after.slice(2), index };
}

function jsonStringEnd(s: string, start: number): number {
  for (let i = start + 1; i < s.length; i++) {
    if (s[i] === '\\') i++;
    else if (s[i] === '"') return i;
  }
  throw new Error(`unterminated string: ${s}`);
}

/** Splits a row into cells; quoted strings and JSON objects/arrays may contain the delimiter. */
export function splitCells(row: string, delim: string): string[] {
  const cells: string[] = [];
  let i = 0;
  for (;;) {
    let end: number;
    const c = row[i];
    if (c === '"') end = jsonStringEnd(row, i) + 1;
    else if (c === '{' || c === '[') end = bracketEnd(row, i) + 1;
    else {
      end = row.indexOf(delim, i);
      if (end < 0) end = row.length;
    }
    cells.push(row.slice(i, end));
    if (end >= row.length) break;
    if (!row.startsWith(delim, end)) throw new Error(`expected delimiter at ${end} in ${row}`);
    i = end + delim.length;
    if (i >= row.length) {
      cells.push('');
      break;
    }
  }
  return cells;
}

function bracketEnd(s: string, start: number): number {
  let depth = 0;
  for (let i = start; i < s.length; i++) {
    const c = s[i];
    if (c === '"') i = jsonStringEnd(s, i);
    else if (c === '{' || c === '[') depth++;
    else if (c === '}' || c === ']') {
      depth--;
      if (depth === 0) return i;
    }
  }
  throw new Error(`unbalanced: ${s}`);
}

export function cell(text: string, empty: string): Json | undefined | Ref {
  if (text === '') {
    if (empty === 'null') return null;
    if (empty === 'absent') return undefined;
    throw new Error('empty cell in a table without empty cells');
  }
  if (/^@\w+$/.test(text)) return new Ref([text], false);
  if (text.startsWith('[') && /[[,]@\w/.test(text)) return new Ref(splitCells(text.slice(1, -1), ','), true);
  return inline(text);
}

/** A value written inline: JSON (quoted strings, literals, numbers, objects, arrays) or a bare string. */
export function inline(text: string): Json {
  if (
    text.startsWith('"') ||
    text.startsWith('{') ||
    text.startsWith('[') ||
    text === 'null' ||
    text === 'true' ||
    text === 'false' ||
    NUMBER.test(text)
  ) {
    return JSON.parse(text) as Json;
  }
  return text;
}

export function unquote(name: string): string {
  return name.startsWith('"') ? (JSON.parse(name) as string) : name;
}
