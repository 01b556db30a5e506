import type { CliIo } from './io.js';

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
    if (!/^\d+$/.test(workers) || Number(workers) > 64) {
      io.err(`headroom ${command}: --compress-workers must be a whole number from 0 to 64, got "${workers}"`);
      return undefined;
    }
    out.compressWorkers = Number(workers);
  }
  const ms = values['compress-timeout-ms'];
  if (ms !== undefined) {
    if (!/^\d+$/.test(ms) || Number(ms) < 1 || Number(ms) > 3600_000) {
      io.err(`headroom ${command}: --compress-timeout-ms must be a whole number from 1 to 3600000, got "${ms}"`);
      return undefined;
    }
    out.compressTimeoutMs = Number(ms);
  }
  return out;
}
