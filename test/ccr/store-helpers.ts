import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../../core/ccr/store.js';
import type { CcrStore, StoreOptions } from '../../core/ccr/store-types.js';

/** A fresh, not yet existing HEADROOM_HOME-like folder (the store must create it). */
export function freshDir(): string {
  return join(mkdtempSync(join(tmpdir(), 'headroom-store-')), 'home');
}

/** A clock the test moves by hand. */
export function manualClock(start = 1_700_000_000_000): { now: () => number; advance(ms: number): void } {
  let t = start;
  return { now: () => t, advance: (ms) => void (t += ms) };
}

export function open(dir: string, extra: Partial<StoreOptions> = {}): Promise<CcrStore> {
  return openStore({ dir, ...extra });
}

/** Runs `fn` with stderr captured; returns what was written there. */
export async function captureStderr(fn: () => Promise<void>): Promise<string> {
  const original = process.stderr.write.bind(process.stderr);
  let text = '';
  process.stderr.write = ((chunk: string | Uint8Array): boolean => {
    text += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
    return true;
  }) as typeof process.stderr.write;
  try {
    await fn();
  } finally {
    process.stderr.write = original;
  }
  return text;
}

export const DAY = 86_400_000;
