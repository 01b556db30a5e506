import type { ProseModel } from '../prose-model/service.js';
import { compressAsync } from '../prose-model/compress-async.js';
import { assembleMessages, planMessages, type FreshResult, type PlannedUnit } from './compress-messages.js';
import type { CompressMessagesOptions, MessagesResult, Provider } from './types.js';

export interface AsyncMessagesOptions extends CompressMessagesOptions {
  /** The prose model for prose in new units; without one this is `compressMessages`. */
  prose?: ProseModel;
  /** Milliseconds the whole request may wait for the model (default: the model's, 300); then the extractive path. */
  budgetMs?: number;
  /** Share of prunable prose tokens the model keeps (default 0.5). */
  ratio?: number;
}

/**
 * `compressMessages` with the prose model: the units this request brings for the first time are compressed
 * concurrently by `compressAsync` under one deadline for the whole request, so a slow or cold model delays a turn by
 * at most the budget. Units seen before are memo hits as always: whichever engine compressed a unit the first time,
 * every later request carries the same bytes (the provider's prompt cache keeps hitting).
 */
export async function compressMessagesAsync<T>(
  body: T,
  provider: Provider,
  options: AsyncMessagesOptions = {},
): Promise<MessagesResult<T>> {
  const plan = planMessages(body, provider, options);
  const fresh = new Map<PlannedUnit, FreshResult>();
  const model = options.prose;
  if (model) {
    const deadline = performance.now() + (options.budgetMs ?? model.defaultBudgetMs);
    const byKey = new Map<string, PlannedUnit>();
    for (const p of plan.units) if (!p.skipReason && !p.seen && !byKey.has(p.key)) byKey.set(p.key, p);
    const results = await Promise.all(
      [...byKey.values()].map(async (p) => {
        const budgetMs = Math.max(1, Math.round(deadline - performance.now()));
        const r = await compressAsync(p.unit.text, {
          query: plan.query,
          fileName: p.unit.fileName,
          minChars: plan.minChars,
          prose: model,
          budgetMs,
          ratio: options.ratio,
          grammars: options.grammars,
        });
        return [p, r] as const;
      }),
    );
    for (const [p, r] of results) fresh.set(p, r);
  }
  return assembleMessages(body, plan, fresh, options);
}
