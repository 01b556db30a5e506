import type { CompressPool } from '../compress-pool/pool.js';
import { assembleMessages, planMessages, type FreshResult, type PlannedUnit } from './compress-messages.js';
import type { CompressMessagesOptions, MessagesResult, Provider } from './types.js';

export interface PooledMessagesOptions extends CompressMessagesOptions {
  /** The workers that compress new units (core/compress-pool); their grammars stand in for `grammars`. */
  pool: CompressPool;
}

/**
 * `compressMessages` with the new units compressed in the pool's workers: the memo lookups (`planMessages`) and the
 * splicing (`assembleMessages`) stay on the calling thread, only `compress()` of the units this request brings for the
 * first time moves. The same bytes as in-process: the workers run the same engine with the same grammars.
 *
 * A unit the pool could not compress goes upstream as it is, with the reason: one that ran past the pool's time limit
 * or crashed its worker is remembered so (the memo keeps it a pass-through, so it is not tried — and waited for —
 * again every turn); one refused by a full queue is not remembered (the next turn tries again). When the pool cannot
 * run at all (its workers do not start, or it is closed), the unit is compressed in-process.
 */
export async function compressMessagesPooled<T>(
  body: T,
  provider: Provider,
  options: PooledMessagesOptions,
): Promise<MessagesResult<T>> {
  const plan = planMessages(body, provider, options);
  const byKey = new Map<string, PlannedUnit>();
  for (const p of plan.units) if (!p.skipReason && !p.seen && !byKey.has(p.key)) byKey.set(p.key, p);
  const fresh = new Map<PlannedUnit, FreshResult>();
  const forget = new Set<string>();
  await Promise.all(
    [...byKey.values()].map(async (p) => {
      const r = await options.pool.compress(
        { text: p.unit.text, query: plan.query, fileName: p.unit.fileName, minChars: plan.minChars },
        p.key,
      );
      if (r.ok) return void fresh.set(p, r.value);
      if (r.kind === 'unavailable') return; // assembleMessages compresses it here
      if (r.kind === 'queue-full') forget.add(p.key);
      fresh.set(p, { kind: 'text', output: p.unit.text, compressed: false, ccr: [], records: [], reason: r.reason });
    }),
  );
  const result = assembleMessages(body, plan, fresh, options);
  return forget.size ? { ...result, memo: result.memo.filter((m) => !forget.has(m.key)) } : result;
}
