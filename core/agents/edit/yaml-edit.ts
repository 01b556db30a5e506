/**
 * Format-preserving edits of YAML (Continue's config.yaml). The `yaml` package's Document API parses and tells us
 * where each node sits in the source (`range`); we then splice only the scalar we change (or one new line), instead
 * of re-stringifying the document — `String(doc)` keeps comments but can re-indent, re-quote and re-fold lines the
 * user wrote, and we promise to leave their text alone.
 */
import { parseDocument, isMap, isPair, isScalar, isSeq, Scalar } from 'yaml';
import type { Node as YamlNode, Pair, YAMLMap } from 'yaml';
import type { EditRecord, PathSeg } from '../types.js';
import { matches, pathLabel, type FormatOps, type Located } from './format-ops.js';
import { detectEol, indentOfLine, lineStartOf, nextLineStart, splice } from './text.js';

export function yamlParseError(text: string): string | null {
  const doc = parseDocument(text);
  const e = doc.errors[0];
  if (!e) return null;
  const where = e.linePos ? `line ${e.linePos[0].line}, column ${e.linePos[0].col}` : `offset ${e.pos[0]}`;
  return `${e.code} at ${where}: ${e.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '')}`;
}

/** Parsed value of the whole document (for planners reading the config). */
export function parseYamlValue(text: string): unknown {
  return parseDocument(text).toJSON();
}

interface Hit {
  node: YamlNode | null;
  pair?: Pair;
  /** Entry range: the pair (key through value) or the sequence item. */
  start: number;
  end: number;
}

function nodeValue(node: YamlNode | null): unknown {
  if (!node) return null;
  return (node as { toJSON(): unknown }).toJSON();
}

function walk(text: string, path: PathSeg[]): Hit | null {
  const doc = parseDocument(text);
  let node = doc.contents as YamlNode | null;
  let hit: Hit | null = node && node.range ? { node, start: node.range[0], end: node.range[1] } : null;
  for (const seg of path) {
    if (!node) return null;
    if (typeof seg === 'string') {
      if (!isMap(node)) return null;
      const pair = node.items.find((p) => isScalar(p.key) && p.key.value === seg);
      if (!pair || !isScalar(pair.key) || !pair.key.range) return null;
      const value = (pair.value as YamlNode | null) ?? null;
      const end = value && value.range ? value.range[1] : pair.key.range[1];
      node = value;
      hit = { node, pair, start: pair.key.range[0], end };
    } else {
      if (!isSeq(node)) return null;
      const items = node.items as YamlNode[];
      const item = typeof seg === 'number' ? items[seg] : items.find((it) => matches(nodeValue(it), seg.match));
      if (!item || !item.range) return null;
      node = item;
      hit = { node, start: item.range[0], end: item.range[1] };
    }
  }
  return hit;
}

export const yamlOps: FormatOps = {
  parseError: yamlParseError,
  locate(text, path): Located | null {
    const hit = walk(text, path);
    if (!hit) return null;
    const r = hit.node && hit.node.range;
    return {
      valueStart: r ? r[0] : hit.end,
      valueEnd: r ? r[1] : hit.end,
      entryStart: hit.start,
      entryEnd: hit.end,
      value: nodeValue(hit.node),
    };
  },
  removeEntry(text, path) {
    const hit = walk(text, path);
    if (!hit || !hit.pair) return null;
    // Only a pair that owns its lines: `key: value` alone after indentation (not `- key: value`, not flow style).
    const lineStart = lineStartOf(text, hit.start);
    if (text.slice(lineStart, hit.start).trim() !== '') return null;
    const r = hit.node && hit.node.range;
    const end = nextLineStart(text, r ? r[2] - 1 : hit.end);
    return text.slice(0, lineStart) + text.slice(end);
  },
  isEmptyContainer(text, path) {
    const hit = walk(text, path);
    return !!hit && (isMap(hit.node) || isSeq(hit.node)) && !(hit.node as YAMLMap).items.length;
  },
};

/** YAML text for a string, in the quoting style of the value it replaces (plain when that is unambiguous). */
function renderScalar(value: string, style: Scalar.Type | undefined): string {
  if (style === Scalar.QUOTE_SINGLE) return `'${value.replace(/'/g, "''")}'`;
  const plainSafe =
    /^[A-Za-z0-9_./:?&=%+~@-]+$/.test(value) &&
    !/:(\s|$)/.test(value) &&
    Number.isNaN(Number(value)) &&
    !/^(true|false|null|yes|no|on|off|~)$/i.test(value);
  if (style === Scalar.QUOTE_DOUBLE || !plainSafe) return JSON.stringify(value);
  return value;
}

export interface YamlEdit {
  text: string;
  record: EditRecord;
}

/**
 * Sets `key` of the block mapping at `mapPath` to the string `value`: replaces the scalar's source text, or adds a
 * `key: value` line right after the `afterKey` line (else after the mapping's last line), at the mapping's indent.
 * Returns null when it already holds that value; throws with a plain reason when the mapping cannot be edited safely.
 */
export function setYamlString(
  text: string,
  mapPath: PathSeg[],
  key: string,
  value: string,
  afterKey?: string,
): YamlEdit | null {
  const hit = walk(text, mapPath);
  if (!hit || !isMap(hit.node)) throw new Error(`${pathLabel(mapPath)} is not a mapping`);
  const map = hit.node;
  if (map.flow) throw new Error(`${pathLabel(mapPath)} is written in flow style ({…}); edit it by hand`);
  const path = [...mapPath, key];
  const label = pathLabel(path);
  const pair = map.items.find((p) => isScalar(p.key) && p.key.value === key);
  let out: YamlEdit;
  if (pair && isPair(pair)) {
    const v = pair.value as YamlNode | null;
    if (!isScalar(v) || !v.range) throw new Error(`${label} is not a plain value`);
    if (v.value === value) return null;
    const oldRaw = text.slice(v.range[0], v.range[1]);
    const newRaw = renderScalar(value, v.type);
    out = {
      text: splice(text, v.range[0], oldRaw, newRaw),
      record: { kind: 'replace', path, label, removed: oldRaw, inserted: newRaw, value },
    };
  } else {
    const first = map.items[0];
    if (!first || !isScalar(first.key) || !first.key.range) throw new Error(`${pathLabel(mapPath)} is empty`);
    const indent = ' '.repeat(first.key.range[0] - lineStartOf(text, first.key.range[0]));
    if (indentOfLine(text, first.key.range[0]).includes('\t'))
      throw new Error(`${pathLabel(mapPath)} is indented with tabs`);
    const anchor =
      map.items.find((p) => isScalar(p.key) && p.key.value === afterKey) ?? map.items[map.items.length - 1];
    const anchorNode = (anchor.value as YamlNode | null) ?? (anchor.key as YamlNode);
    const anchorEnd = anchorNode.range ? anchorNode.range[2] : hit.end;
    const eol = detectEol(text);
    const at = nextLineStart(text, Math.max(anchorEnd - 1, 0));
    const line = `${key}: ${renderScalar(value, undefined)}`;
    const inserted = at === text.length && !text.endsWith('\n') ? eol + indent + line : indent + line + eol;
    out = {
      text: splice(text, at, '', inserted),
      record: { kind: 'insert', path, label, removed: '', inserted, value },
    };
  }
  // The splice must read back as exactly the value we meant; anything else means we misjudged the layout.
  const check = walk(out.text, path);
  if (yamlParseError(out.text) || !check || nodeValue(check.node) !== value) {
    throw new Error(`could not set ${label} without disturbing the file; edit it by hand`);
  }
  return out;
}
