import type { CcrRecord } from '../types.js';
import type { Scope } from './scope.js';
import type { CcrStore, MemoEntry } from './store-types.js';
import { memoIds } from './store-memo.js';

/** A unit compressed for the first time: the memo key its text hashes to and the bytes it went out as. */
export interface MemoWrite {
  key: string;
  entry: MemoEntry;
}

/** What one request (or one compress call) decided, to be recorded once its bytes are about to leave. */
export interface Outcome {
  /** New originals (and stashed pieces) its markers name. */
  records: readonly CcrRecord[];
  /** Every CCR id the outgoing bytes name, memo hits included (they must be readable in this scope too). */
  named?: readonly string[];
  /** New units' decisions, so that a later request sends them in the same bytes. */
  memo?: readonly MemoWrite[];
}

export type OutcomeStore = Pick<CcrStore, 'put' | 'share' | 'putMemo'>;

/** The ids the compressed units among `units` name: their originals and stashed pieces, once each. */
export function namedIds(units: readonly { compressed: boolean; originalId?: string; ccr: readonly string[] }[]) {
  const ids = new Set<string>();
  for (const u of units) {
    if (!u.compressed) continue;
    if (u.originalId) ids.add(u.originalId);
    for (const id of u.ccr) ids.add(id);
  }
  return [...ids];
}

/**
 * The one place a unit's outcome is recorded (the proxy, the integrations, the MCP tool and the CLI all come here):
 * originals first, each a file on disk, fsynced, readable in `scope`; then the memo entries that name them. So a memo
 * never names an original that is not on disk, and a caller that sees this reject sends no marker (and no memo entry
 * was written: the next request decides afresh).
 */
export async function recordOutcome(store: OutcomeStore, outcome: Outcome, scope?: Scope): Promise<void> {
  const memo = outcome.memo ?? [];
  const named = new Set(outcome.named ?? []);
  for (const m of memo) if (m.entry.compressed) for (const id of memoIds(m.entry)) named.add(id);
  if (outcome.records.length) await store.put(outcome.records, scope);
  if (named.size) await store.share([...named], scope);
  for (const m of memo) store.putMemo(m.key, m.entry);
}
