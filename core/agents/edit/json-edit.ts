/**
 * Format-preserving edits of JSON and JSONC files (VS Code's chatLanguageModels.json may carry comments and trailing
 * commas; Claude Code's settings.json and Cline's state files are plain JSON). Parsing and locating use Microsoft's
 * `jsonc-parser` (the parser VS Code itself uses for its settings files). Insertions are our own minimal splices —
 * `jsonc-parser`'s `modify` re-formats neighbouring entries, and we promise to leave the user's text alone — so the
 * splice can be recorded and undone byte for byte.
 */
import { parseTree, findNodeAtLocation, getNodeValue, modify, applyEdits, printParseErrorCode } from 'jsonc-parser';
import type { Node, ParseError } from 'jsonc-parser';
import type { EditRecord, JsonValue, PathSeg } from '../types.js';
import { matches, pathLabel, type FormatOps, type Located } from './format-ops.js';
import { detectEol, indentOfLine, lineBreakOf, lineCol, lineStartOf, splice } from './text.js';

const PARSE_OPTIONS = { allowTrailingComma: true, disallowComments: false, allowEmptyContent: true };

export function jsonParseError(text: string): string | null {
  const errors: ParseError[] = [];
  parseTree(text, errors, PARSE_OPTIONS);
  if (!errors.length) return null;
  const e = errors[0];
  return `${printParseErrorCode(e.error)} at ${lineCol(text, e.offset)}`;
}

/** Parsed root (undefined for an empty file). Callers check jsonParseError first. */
function root(text: string): Node | undefined {
  return parseTree(text, [], PARSE_OPTIONS);
}

/** Resolves matcher segments to concrete indexes for the current text; null if a step is missing. */
function concretePath(tree: Node | undefined, path: PathSeg[]): (string | number)[] | null {
  const out: (string | number)[] = [];
  let node = tree;
  for (const seg of path) {
    if (!node) return null;
    if (typeof seg === 'object') {
      if (node.type !== 'array') return null;
      const i = (node.children ?? []).findIndex((c) => matches(getNodeValue(c), seg.match));
      if (i < 0) return null;
      out.push(i);
    } else out.push(seg);
    node = findNodeAtLocation(tree!, out);
  }
  return out;
}

function locateNode(text: string, path: PathSeg[]): { node: Node; entry: Node } | null {
  const tree = root(text);
  if (!tree) return null;
  const p = concretePath(tree, path);
  if (!p) return null;
  const node = p.length ? findNodeAtLocation(tree, p) : tree;
  if (!node) return null;
  // For an object member the entry is the whole `"key": value` property node.
  const entry = node.parent && node.parent.type === 'property' ? node.parent : node;
  return { node, entry };
}

export const jsonOps: FormatOps = {
  parseError: jsonParseError,
  locate(text, path): Located | null {
    const hit = locateNode(text, path);
    if (!hit) return null;
    const { node, entry } = hit;
    return {
      valueStart: node.offset,
      valueEnd: node.offset + node.length,
      entryStart: entry.offset,
      entryEnd: entry.offset + entry.length,
      value: getNodeValue(node),
    };
  },
  removeEntry(text, path) {
    const p = concretePath(root(text), path);
    if (!p || !p.length) return null;
    const fo = formatting(text);
    return applyEdits(text, modify(text, p, undefined, { formattingOptions: fo }));
  },
  isEmptyContainer(text, path) {
    const hit = locateNode(text, path);
    return !!hit && (hit.node.type === 'object' || hit.node.type === 'array') && !(hit.node.children ?? []).length;
  },
};

interface Formatting {
  insertSpaces: boolean;
  tabSize: number;
  eol: string;
}

/**
 * The file's indentation unit: tabs if its first indented line uses a tab, else the smallest space indent (default 2).
 */
function formatting(text: string): Formatting {
  const eol = detectEol(text);
  let min = 0;
  for (const m of text.matchAll(/\n([ \t]+)["{[\]}]/g)) {
    if (m[1][0] === '\t') return { insertSpaces: false, tabSize: 1, eol };
    if (!min || m[1].length < min) min = m[1].length;
  }
  return { insertSpaces: true, tabSize: min || 2, eol };
}

function unitOf(f: Formatting): string {
  return f.insertSpaces ? ' '.repeat(f.tabSize) : '\t';
}

/** JSON text of a value, laid out at `indent` with the file's unit and line ending. */
function render(value: JsonValue, f: Formatting, indent: string): string {
  return JSON.stringify(value, null, unitOf(f))
    .split('\n')
    .join(f.eol + indent);
}

/** Skips whitespace on the current line; returns the offset of the first other character (or the line break). */
function skipBlanks(text: string, i: number): number {
  while (i < text.length && (text[i] === ' ' || text[i] === '\t')) i++;
  return i;
}

/** True if only blanks and a comment remain before the line break, so we may put a new line after it. */
function restOfLineIsComment(text: string, from: number): boolean {
  const rest = text.slice(from, lineBreakOf(text, from)).trim();
  return rest === '' || rest.startsWith('//') || (rest.startsWith('/*') && rest.endsWith('*/'));
}

/** The splice that adds one entry (`render1(indent)`: a `"key": value` or an element) as the last of `container`. */
function insertIntoContainer(
  text: string,
  container: Node,
  render1: (indent: string) => string,
): { offset: number; removed: string; inserted: string } {
  const f = formatting(text);
  const kids = container.children ?? [];
  const open = container.offset;
  const close = container.offset + container.length - 1;
  const outerIndent = indentOfLine(text, open);
  if (!kids.length) {
    const inner = text.slice(open + 1, close);
    const childIndent = outerIndent + unitOf(f);
    if (inner.trim() === '') {
      return {
        offset: open + 1,
        removed: inner,
        inserted: f.eol + childIndent + render1(childIndent) + f.eol + outerIndent,
      };
    }
    // Only comments inside: add our entry right after the bracket, leave the comments where they are.
    return { offset: open + 1, removed: '', inserted: f.eol + childIndent + render1(childIndent) };
  }
  const last = kids[kids.length - 1];
  const lastEnd = last.offset + last.length;
  const lastIndent = indentOfLine(text, last.offset);
  const ownLine = lineStartOf(text, last.offset) + lastIndent.length === last.offset;
  let after = skipBlanks(text, lastEnd);
  const trailingComma = text[after] === ',';
  if (trailingComma) after++;
  if (ownLine && restOfLineIsComment(text, after)) {
    // Multi-line layout: a new line with the same indent as the last entry, after any comment ending its line.
    const br = lineBreakOf(text, after);
    const tail = text.slice(after, br);
    const entry = render1(lastIndent);
    return trailingComma
      ? { offset: after, removed: tail, inserted: tail + f.eol + lastIndent + entry + ',' }
      : {
          offset: lastEnd,
          removed: text.slice(lastEnd, br),
          inserted: ',' + text.slice(lastEnd, br) + f.eol + lastIndent + entry,
        };
  }
  // Single-line layout (`{"a": 1}`): stay on the line.
  const compact = render1('').replace(/\r?\n\s*/g, ' ');
  return trailingComma
    ? { offset: after, removed: '', inserted: ' ' + compact + ',' }
    : { offset: lastEnd, removed: '', inserted: ', ' + compact };
}

export interface JsonEdit {
  text: string;
  record: EditRecord;
}

/**
 * Sets the member at `path` to a scalar `value`: replaces the existing value's text, or inserts the member, creating
 * missing enclosing objects. Array steps (indexes or matchers) must already exist; only the trailing object keys may
 * be created. Returns null when it already holds the value — routing twice adds nothing — and throws with a plain
 * reason if the path runs through something that is not an object.
 */
export function setJsonValue(text: string, path: PathSeg[], value: JsonValue): JsonEdit | null {
  const base = text.trim() === '' ? '{}' : text;
  const tree = root(base);
  let fixed = 0;
  path.forEach((seg, i) => {
    if (typeof seg !== 'string') fixed = i + 1;
  });
  if (!tree || (fixed === 0 && tree.type !== 'object')) throw new Error('the top level is not a JSON object');
  const prefix = concretePath(tree, path.slice(0, fixed));
  if (!prefix) throw new Error(`${pathLabel(path.slice(0, fixed))} not found`);
  const keys = path.slice(fixed) as string[];
  const full = [...prefix, ...keys];
  const label = pathLabel(path);
  const existing = findNodeAtLocation(tree, full);
  if (existing) {
    const oldRaw = base.slice(existing.offset, existing.offset + existing.length);
    const newRaw = JSON.stringify(value);
    if (oldRaw === newRaw || JSON.stringify(getNodeValue(existing)) === newRaw) return null;
    return {
      text: splice(text, existing.offset, oldRaw, newRaw),
      record: { kind: 'replace', path, label, removed: oldRaw, inserted: newRaw, value },
    };
  }
  // Deepest existing object on the path; everything below it is created with the leaf.
  let depth = prefix.length;
  let container: Node | undefined = prefix.length ? findNodeAtLocation(tree, prefix) : tree;
  if (!container || container.type !== 'object') throw new Error(`${pathLabel(path.slice(0, fixed))} is not an object`);
  for (; depth < full.length - 1; depth++) {
    const next = findNodeAtLocation(tree, full.slice(0, depth + 1));
    if (!next) break;
    if (next.type !== 'object') throw new Error(`${pathLabel(path.slice(0, depth + 1))} is not an object`);
    container = next;
  }
  let nested: JsonValue = value;
  for (let i = full.length - 1; i > depth; i--) nested = { [String(full[i])]: nested };
  const key = String(full[depth]);
  const f = formatting(base);
  const s = insertIntoContainer(base, container, (indent) => `${JSON.stringify(key)}: ${render(nested, f, indent)}`);
  const created = full.length - 1 - depth;
  if (base !== text) {
    // Empty file: the whole content is ours.
    const whole = splice(base, s.offset, s.removed, s.inserted) + f.eol;
    return { text: whole, record: { kind: 'insert', path, label, removed: text, inserted: whole, value, created } };
  }
  return {
    text: splice(text, s.offset, s.removed, s.inserted),
    record: { kind: 'insert', path, label, removed: s.removed, inserted: s.inserted, value, created },
  };
}

/** Appends `value` to the top-level array (`[]` for an empty file), recorded as an owned entry found by `match`. */
export function appendJsonArrayElement(
  text: string,
  value: JsonValue,
  match: Record<string, string>,
  label: string,
): JsonEdit {
  const base = text.trim() === '' ? '[]' : text;
  const tree = root(base);
  if (!tree || tree.type !== 'array') throw new Error('the top level is not a JSON array');
  const f = formatting(base);
  const s = insertIntoContainer(base, tree, (indent) => render(value, f, indent));
  const path: PathSeg[] = [{ match }];
  if (base !== text) {
    const whole = splice(base, s.offset, s.removed, s.inserted) + f.eol;
    return { text: whole, record: { kind: 'insert', path, label, removed: text, inserted: whole, value, owned: true } };
  }
  return {
    text: splice(text, s.offset, s.removed, s.inserted),
    record: { kind: 'insert', path, label, removed: s.removed, inserted: s.inserted, value, owned: true },
  };
}

/** The parsed value (for planners that read a config before editing it). */
export function parseJsonValue(text: string): unknown {
  const tree = root(text);
  return tree ? getNodeValue(tree) : undefined;
}

/**
 * Adds the string `value` to the array at top-level `key` (creating the array when absent). An existing array is
 * recorded as a replace of the whole array, so restore puts the user's array back exactly while it still holds only
 * what we left there. Null when the value is already in the array.
 */
export function addToJsonArray(text: string, key: string, value: string): JsonEdit | null {
  const base = text.trim() === '' ? '{}' : text;
  const tree = root(base);
  if (!tree || tree.type !== 'object') throw new Error('the top level is not a JSON object');
  const arr = findNodeAtLocation(tree, [key]);
  if (!arr) return setJsonValue(text, [key], [value]);
  if (arr.type !== 'array') throw new Error(`${key} is not a list`);
  const old = getNodeValue(arr) as unknown[];
  if (old.includes(value)) return null;
  const s = insertIntoContainer(base, arr, () => JSON.stringify(value));
  const out = splice(base, s.offset, s.removed, s.inserted);
  const removed = base.slice(arr.offset, arr.offset + arr.length);
  const inserted = out.slice(arr.offset, arr.offset + arr.length + s.inserted.length - s.removed.length);
  return {
    text: out,
    record: { kind: 'replace', path: [key], label: key, removed, inserted, value: [...old, value] as JsonValue },
  };
}
