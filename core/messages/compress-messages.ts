import type { CcrRecord, CompressResult } from '../types.js';
import type { MemoEntry } from '../ccr/store-types.js';
import type { MemoWrite } from '../ccr/record-outcome.js';
import { compress, COMPRESSION_VERSION, DEFAULT_MIN_CHARS } from '../compress.js';
import { contentId } from '../util/hash.js';
import { findUnits } from './units.js';
import { latestUserText } from './query.js';
import { setPath } from './set-path.js';
import type { CompressMessagesOptions, MessagesResult, Provider, Unit, UnitOutcome } from './types.js';

/** Tool results answering a retrieval are never compressed again (no retrieval loops). */
const RETRIEVE_TOOL_RE = /headroom_retrieve/;

export function memoKey(text: string): string {
  return `v${COMPRESSION_VERSION}:${contentId(text)}`;
}

/** The content id inside a memo key (`memoKey`). */
function idOfMemoKey(key: string): string {
  return key.slice(key.indexOf(':') + 1);
}

/** One unit of a request and what the memo already says about it. */
export interface PlannedUnit {
  unit: Unit;
  /** Set for units that are never compressed (retrieval answers, skipped tools). */
  skipReason?: string;
  key: string;
  seen?: MemoEntry;
}

export interface MessagesPlan {
  query: string;
  minChars: number;
  units: PlannedUnit[];
}

/** A new unit's result, plus what the engine that made it wants recorded (the prose model's stats). */
export type FreshResult = CompressResult & { prose?: UnitOutcome['prose'] };

/** The request's units worth looking at, each with its memo entry when it was seen before. */
export function planMessages(body: unknown, provider: Provider, options: CompressMessagesOptions = {}): MessagesPlan {
  const query = options.query ?? latestUserText(body, provider);
  const minChars = options.minChars ?? DEFAULT_MIN_CHARS;
  const skip = new Set(options.skipTools ?? []);
  const units: PlannedUnit[] = [];
  for (const unit of findUnits(body, provider)) {
    if (unit.text.length < minChars) continue; // not worth a memo row: always passes through
    if (unit.toolName && (skip.has(unit.toolName) || RETRIEVE_TOOL_RE.test(unit.toolName))) {
      units.push({ unit, key: '', skipReason: 'retrieval result or skipped tool' });
      continue;
    }
    const key = memoKey(unit.text);
    units.push({ unit, key, seen: options.memo?.getMemo(key) });
  }
  return { query, minChars, units };
}

/**
 * Puts the plan's outcomes together: memo hits as they were, new units from `fresh` (same order as the plan's units
 * that need compressing), each new one listed in `memo` for the caller to record (core/ccr/record-outcome.ts). A new
 * unit that an earlier unit of this request or a concurrent request recorded meanwhile takes those bytes, so one
 * unit never goes upstream in two forms.
 */
export function assembleMessages<T>(
  body: T,
  plan: MessagesPlan,
  fresh: ReadonlyMap<PlannedUnit, FreshResult>,
  options: CompressMessagesOptions = {},
): MessagesResult<T> {
  const units: UnitOutcome[] = [];
  const records: CcrRecord[] = [];
  const memo: MemoWrite[] = [];
  const decided = new Map<string, MemoEntry>();
  let out = body;
  for (const p of plan.units) {
    const { unit } = p;
    const base = { path: unit.path, original: unit.text, toolName: unit.toolName };
    if (p.skipReason) {
      units.push({
        ...base,
        kind: 'text',
        output: unit.text,
        compressed: false,
        memoHit: false,
        ccr: [],
        reason: p.skipReason,
      });
      continue;
    }
    let entry: MemoEntry;
    let memoHit = false;
    let reason: string | undefined;
    let prose: UnitOutcome['prose'];
    // a unit repeated in this request, or (after an await) recorded by a concurrent request since the plan: the bytes
    // it got there
    const seen = p.seen ?? decided.get(p.key) ?? (fresh.has(p) ? options.memo?.getMemo(p.key) : undefined);
    if (seen) {
      entry = seen;
      memoHit = options.memo !== undefined; // without a memo a repeat in this request is reused, not a memo hit
    } else {
      const r: FreshResult =
        fresh.get(p) ??
        compress(unit.text, {
          query: plan.query,
          fileName: unit.fileName,
          minChars: plan.minChars,
          grammars: options.grammars,
        });
      entry = { output: r.output, compressed: r.compressed, kind: r.kind, ccr: r.ccr, originalId: r.originalId };
      reason = r.reason;
      prose = r.prose;
      records.push(...r.records);
      memo.push({ key: p.key, entry });
    }
    decided.set(p.key, entry);
    units.push({
      ...base,
      kind: entry.kind,
      output: entry.output,
      compressed: entry.compressed,
      memoHit,
      originalId: entry.originalId,
      textId: idOfMemoKey(p.key),
      ccr: entry.ccr,
      reason,
      prose,
    });
    if (entry.compressed) out = setPath(out, unit.path, entry.output);
  }
  return { body: out, units, records, memo, query: plan.query };
}

/**
 * Compresses the tool results of a whole request body. System prompts, tool definitions, assistant turns, thinking
 * blocks and unknown fields are the same objects in the result. With a memo, a unit seen before gets exactly the
 * bytes it got the first time — compressed or not — so the provider's cached prefix stays identical across turns.
 */
export function compressMessages<T>(
  body: T,
  provider: Provider,
  options: CompressMessagesOptions = {},
): MessagesResult<T> {
  return assembleMessages(body, planMessages(body, provider, options), new Map(), options);
}
