import type { CliIo } from './io.js';
import { wholeNumberFlag } from './whole-number-flag.js';

/** The proxy's compression-worker flags (core/compress-pool). */
export const COMPRESS_POOL_FLAGS = {
  'compress-workers': { type: 'string' },
  'compress-timeout-ms': { type: 'string' },
} as const;

export interface CompressPoolSettings {
  /** Worker threads; 0: compression and token counting on the main thread. Absent: the proxy's default. */
  compressWorkers?: number;
  compressTimeoutMs?: number;
}

/** Reads the flags given; on an unusable value prints `headroom <command>: …` and returns undefined (exit 2). */
export function readCompressPoolFlags(
  values: Partial<Record<keyof typeof COMPRESS_POOL_FLAGS, string>>,
  io: CliIo,
  command: string,
): CompressPoolSettings | undefined {
  const out: CompressPoolSettings = {};
  const workers = values['compress-workers'];
  if (workers !== undefined) {
    const r = wholeNumberFlag(workers, 'compress-workers', 0, 64);
    if (!r.ok) return void io.err(`headroom ${command}: ${r.message}`);
    out.compressWorkers = r.value;
  }
  const ms = values['compress-timeout-ms'];
  if (ms !== undefined) {
    const r = wholeNumberFlag(ms, 'compress-timeout-ms', 1, 3600_000);
    if (!r.ok) return void io.err(`headroom ${command}: ${r.message}`);
    out.compressTimeoutMs = r.value;
  }
  return out;
}
