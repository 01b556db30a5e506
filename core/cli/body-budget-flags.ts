import type { CliIo } from './io.js';
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
    if (!/^\d+$/.test(mb) || Number(mb) < 1 || Number(mb) > 65536) {
      io.err(`headroom ${command}: --body-budget-mb must be a whole number of MiB from 1 to 65536, got "${mb}"`);
      return undefined;
    }
    out.maxBytes = Number(mb) * 1024 * 1024;
  }
  const queue = values['body-queue'];
  if (queue !== undefined) {
    if (!/^\d+$/.test(queue) || Number(queue) > 10_000) {
      io.err(`headroom ${command}: --body-queue must be a whole number from 0 to 10000, got "${queue}"`);
      return undefined;
    }
    out.maxQueued = Number(queue);
  }
  return out;
}
