import type { CliIo } from './io.js';
import { wholeNumberFlag } from './whole-number-flag.js';
import { DEFAULT_SERVER_TIMEOUTS, type ServerTimeouts } from '../proxy/server-timeouts.js';

/** The proxy's timeout flags, each a whole number of milliseconds. */
export const TIMEOUT_FLAGS = {
  'headers-timeout-ms': { type: 'string' },
  'request-timeout-ms': { type: 'string' },
  'idle-timeout-ms': { type: 'string' },
  'upstream-idle-timeout-ms': { type: 'string' },
  'slow-reader-timeout-ms': { type: 'string' },
} as const;

type Field = keyof ServerTimeouts | 'upstreamIdleTimeoutMs' | 'slowReaderTimeoutMs';
const FIELDS: Record<keyof typeof TIMEOUT_FLAGS, Field> = {
  'headers-timeout-ms': 'headersTimeoutMs',
  'request-timeout-ms': 'requestTimeoutMs',
  'idle-timeout-ms': 'idleTimeoutMs',
  'upstream-idle-timeout-ms': 'upstreamIdleTimeoutMs',
  'slow-reader-timeout-ms': 'slowReaderTimeoutMs',
};
const MAX_MS = 24 * 3600_000;

export interface TimeoutSettings {
  timeouts: Partial<ServerTimeouts>;
  upstreamIdleTimeoutMs?: number;
  slowReaderTimeoutMs?: number;
}

/** Reads the flags given; on an unusable value prints `headroom <command>: …` and returns undefined (exit 2). */
export function readTimeoutFlags(
  values: Partial<Record<keyof typeof TIMEOUT_FLAGS, string>>,
  io: CliIo,
  command: string,
): TimeoutSettings | undefined {
  const out: TimeoutSettings = { timeouts: {} };
  for (const [flag, field] of Object.entries(FIELDS) as [keyof typeof TIMEOUT_FLAGS, Field][]) {
    const raw = values[flag];
    if (raw === undefined) continue;
    const r = wholeNumberFlag(raw, flag, 1, MAX_MS, 'milliseconds');
    if (!r.ok) return void io.err(`headroom ${command}: ${r.message}`);
    const n = r.value;
    if (field === 'upstreamIdleTimeoutMs' || field === 'slowReaderTimeoutMs') out[field] = n;
    else out.timeouts[field] = n;
  }
  const headers = out.timeouts.headersTimeoutMs ?? DEFAULT_SERVER_TIMEOUTS.headersTimeoutMs;
  const request = out.timeouts.requestTimeoutMs ?? DEFAULT_SERVER_TIMEOUTS.requestTimeoutMs;
  if (headers > request) {
    io.err(
      `headroom ${command}: --headers-timeout-ms (${headers}) cannot be longer than --request-timeout-ms (${request})`,
    );
    return undefined;
  }
  return out;
}
