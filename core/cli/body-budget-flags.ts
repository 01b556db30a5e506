import type { CliIo } from './io.js';
import { wholeNumberFlag } from './whole-number-flag.js';
import type { BodyBudgetLimits } from '../proxy/body-budget.js';

/** The proxy's large-body admission flags (core/proxy/body-budget.ts). */
export const BODY_BUDGET_FLAGS = {
  'body-budget-mb': { type: 'string' },
  'body-queue': { type: 'string' },
} as const;

/** Reads the flags given; on an unusable value prints `headroom <command>: …` and returns undefined (exit 2). */
export function readBodyBudgetFlags(
  values: Partial<Record<keyof typeof BODY_BUDGET_FLAGS, string>>,
  io: CliIo,
  command: string,
): Partial<BodyBudgetLimits> | undefined {
  const out: Partial<BodyBudgetLimits> = {};
  const mb = values['body-budget-mb'];
  if (mb !== undefined) {
    const r = wholeNumberFlag(mb, 'body-budget-mb', 1, 65536, 'MiB');
    if (!r.ok) return void io.err(`headroom ${command}: ${r.message}`);
    out.maxBytes = r.value * 1024 * 1024;
  }
  const queue = values['body-queue'];
  if (queue !== undefined) {
    const r = wholeNumberFlag(queue, 'body-queue', 0, 10_000);
    if (!r.ok) return void io.err(`headroom ${command}: ${r.message}`);
    out.maxQueued = r.value;
  }
  return out;
}
