import type { CcrRecord, CompressOptions, CompressResult, ContentKind } from './types.js';
import { detect } from './router/detect.js';
import { COMPRESSORS } from './compressors/registry.js';
import { contentId } from './util/hash.js';
import { releaseJsonOnce } from './util/json-once.js';
import { stashingContext } from './stash-context.js';
import { markerIds } from './ccr/marker.js';
import { missingAnswerBearing } from './guard.js';
import { findEmbeddedJson } from './router/embedded-json.js';
import { compressText } from './compressors/text/index.js';
import { parseTable } from './compressors/table/index.js';

/**
 * Below this many characters a unit is left alone: the marker and the model's confusion would cost more than it saves.
 */
export const DEFAULT_MIN_CHARS = 600;
/** Above this a unit passes through: the compressors are linear, but the exact original must also fit in the store. */
export const MAX_UNIT_CHARS = 64 * 1024 * 1024;
/** Kinds a long string nested in JSON is compressed as (prose and HTML go through `ctx.prose`). */
const NESTED_KINDS = new Set<ContentKind>(['code', 'log', 'search', 'diff', 'table']);
/** Bumped whenever a compressor's output for the same input changes; part of every memo key (cache safety). */
export const COMPRESSION_VERSION = 5;

/**
 * Compresses one unit of tool output. Deterministic: the same text, query and options give the same bytes.
 * Never throws; anything unexpected degrades to pass-through with `reason` set.
 */
export function compress(text: string, options: CompressOptions = {}): CompressResult {
  try {
    return compressUnit(text, options);
  } finally {
    releaseJsonOnce();
  }
}

function compressUnit(text: string, options: CompressOptions): CompressResult {
  const minChars = options.minChars ?? DEFAULT_MIN_CHARS;
  const pass = (kind: ContentKind, reason: string): CompressResult => ({
    kind,
    output: text,
    compressed: false,
    ccr: [],
    records: [],
    reason,
  });
  if (typeof text !== 'string') return pass('text', 'not a string');
  if (text.length < minChars) return pass('text', `under ${minChars} characters`);
  if (text.length > MAX_UNIT_CHARS) return pass('text', `over ${MAX_UNIT_CHARS} characters`);
  if (looksBinary(text)) return pass('text', 'binary or undecodable content');

  const forced = options.kind && options.kind !== 'auto' ? options.kind : undefined;
  const detection = forced ? undefined : detect(text, options.fileName);
  const kind = forced ?? detection!.kind;

  const { ctx, stashed } = stashingContext(options.query, {
    fileName: options.fileName,
    language: detection?.language,
    grammars: options.grammars,
  });
  const proseCompressor = options.proseCompressor ?? compressText;
  // each stretch of prose answers to the guard on its own, so one bad piece costs only that piece (inside JSON the
  // unit-level guard checks short strings only)
  ctx.prose = (prose) => {
    const out = proseCompressor(prose, ctx);
    return out !== null && out.length < prose.length && !missingAnswerBearing(prose, out, 'text') ? out : null;
  };

  ctx.nested = (inner) => {
    const d = detect(inner);
    if (!NESTED_KINDS.has(d.kind)) return null;
    const out = COMPRESSORS[d.kind](inner, { ...ctx, language: d.language });
    return out !== null && out.length < inner.length && !missingAnswerBearing(inner, out, d.kind) ? out : null;
  };

  let output: string | null = null;
  let usedKind: ContentKind = kind;
  try {
    output = kind === 'text' ? ctx.prose(text) : COMPRESSORS[kind](text, ctx);
    if (output === null && kind === 'table' && !forced && parseTable(text) === null) {
      // listings the table parser cannot take as one table (`ls -laR`'s sections, `top`'s summary lines) are still
      // line records: the log compressor folds their repeated shapes
      output = COMPRESSORS.log(text, ctx);
      if (output !== null) usedKind = 'log';
    }
    if (output === null && kind === 'text' && !forced) {
      // prose with a big JSON document inside (an API answer with a preamble): compress the JSON part in place
      const span = findEmbeddedJson(text);
      if (span) {
        const inner = COMPRESSORS.json(text.slice(span.start, span.end), ctx);
        if (inner !== null) {
          output = text.slice(0, span.start) + inner + text.slice(span.end);
          usedKind = 'json';
        }
      }
    }
  } catch (err) {
    return pass(kind, `compressor failed: ${(err as Error)?.message ?? String(err)}`);
  }
  if (output === null || output === text) return pass(kind, 'no shorter form found');
  if (output.length >= text.length) return pass(kind, 'compressed form was not shorter');
  const missing = missingAnswerBearing(text, output, usedKind);
  if (missing) return pass(kind, `would drop an answer-bearing line: ${missing.slice(0, 120)}`);

  const originalId = contentId(text);
  // one pass over the output for its marker ids (a 4 MB document can stash hundreds of runs)
  const named = new Set(markerIds(output));
  const ccr = [...stashed.keys()].filter((id) => named.has(id));
  const records: CcrRecord[] = [{ id: originalId, content: text }];
  for (const id of ccr) if (id !== originalId) records.push({ id, content: stashed.get(id)! });
  return { kind: usedKind, output, compressed: true, originalId, ccr, records };
}

/** NUL bytes or many U+FFFD replacement characters mean binary data decoded as text; compressing it helps nobody. */
function looksBinary(text: string): boolean {
  const sample = text.length > 65536 ? text.slice(0, 65536) : text;
  if (sample.includes('\u0000')) return true;
  // almost every unit has no replacement character at all: one native scan instead of a per-character loop
  if (!sample.includes('\ufffd')) return false;
  let bad = 0;
  for (let i = 0; i < sample.length; i++) if (sample.charCodeAt(i) === 0xfffd) bad++;
  return bad > 8 && bad / sample.length > 0.01;
}
