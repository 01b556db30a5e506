import type { CcrRecord } from '../types.js';
import type { MemoEntry } from '../ccr/store-types.js';
import { compress, COMPRESSION_VERSION, DEFAULT_MIN_CHARS } from '../compress.js';
import { contentId } from '../util/hash.js';
import { findUnits } from './units.js';
import { latestUserText } from './query.js';
import { setPath } from './set-path.js';
import type { CompressMessagesOptions, MessagesResult, Provider, UnitOutcome } from './types.js';

/** Tool results answering a retrieval are never compressed again (no retrieval loops). */
const RETRIEVE_TOOL_RE = /headroom_retrieve/;

export function memoKey(text: string): string {
  return `v${COMPRESSION_VERSION}:${contentId(text)}`;
}

/**
 * Compresses the tool results of a whole request body. System prompts, tool definitions, assistant turns, thinking
 * blocks and unknown fields are the same objects in the result. With a memo, a unit seen before gets exactly the
 * bytes it got the first time — compressed or not — so the provider's cached prefix stays identical across turns.
 */
export function compressMessages<T>(body: T, provider: Provider, options: CompressMessagesOptions = {}): MessagesResult<T> {
  const query = options.query ?? latestUserText(body, provider);
  const minChars = options.minChars ?? DEFAULT_MIN_CHARS;
  const skip = new Set(options.skipTools ?? []);
  const units: UnitOutcome[] = [];
  const records: CcrRecord[] = [];
  let out = body;

  for (const unit of findUnits(body, provider)) {
    const base = { path: unit.path, original: unit.text, toolName: unit.toolName };
    if (unit.text.length < minChars) continue; // not worth a memo row: always passes through
    if (unit.toolName && (skip.has(unit.toolName) || RETRIEVE_TOOL_RE.test(unit.toolName))) {
      units.push({ ...base, kind: 'text', output: unit.text, compressed: false, memoHit: false, ccr: [], reason: 'retrieval result or skipped tool' });
      continue;
    }
    const key = memoKey(unit.text);
    const seen = options.memo?.getMemo(key);
    let entry: MemoEntry;
    let memoHit = false;
    let reason: string | undefined;
    if (seen) {
      entry = seen;
      memoHit = true;
    } else {
      const r = compress(unit.text, { query, fileName: unit.fileName, minChars });
      entry = { output: r.output, compressed: r.compressed, kind: r.kind, ccr: r.ccr, originalId: r.originalId };
      reason = r.reason;
      records.push(...r.records);
      options.memo?.putMemo(key, entry);
    }
    units.push({ ...base, kind: entry.kind, output: entry.output, compressed: entry.compressed, memoHit, originalId: entry.originalId, ccr: entry.ccr, reason });
    if (entry.compressed) out = setPath(out, unit.path, entry.output);
  }
  return { body: out, units, records, query };
}
