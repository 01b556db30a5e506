import { mkdirSync, rmSync, statSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { CcrRecord } from '../../core/types.js';

export interface CcrBenchResult {
  records: number;
  bytes: number;
  putMs: number;
  flushMs: number;
  fileBytes: number;
  /** Every record read back equals what was put, byte for byte. */
  roundTripOk: boolean;
  reopenMs: number;
  /** After close and reopen (from the persisted file), the records are still there, exactly. */
  reopenOk: boolean;
}

/**
 * The CCR store with the records the workloads produced: put + flush time, file size, exact round trip, and a
 * reopen from disk. The store module is being written alongside this benchmark, so a missing or failing store
 * is reported as skipped rather than failing the run.
 */
export async function ccrBench(
  records: readonly CcrRecord[],
  dir: string,
): Promise<CcrBenchResult | { skipped: string }> {
  let openStore: typeof import('../../core/ccr/store.js').openStore;
  try {
    ({ openStore } = await import('../../core/ccr/store.js'));
  } catch (err) {
    return { skipped: `core/ccr/store.ts not loadable: ${(err as Error).message.split('\n')[0]}` };
  }
  const unique = new Map<string, string>();
  for (const r of records) unique.set(r.id, r.content);
  const list: CcrRecord[] = [...unique].map(([id, content]) => ({ id, content }));
  const bytes = list.reduce((a, r) => a + Buffer.byteLength(r.content), 0);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  try {
    const store = await openStore({ dir, persistDebounceMs: 600_000 });
    let t0 = performance.now();
    await store.put(list);
    const putMs = performance.now() - t0;
    t0 = performance.now();
    await store.flush();
    const flushMs = performance.now() - t0;
    const roundTripOk = list.every((r) => store.get(r.id) === r.content);
    await store.close();
    const file = join(dir, 'store.sqlite');
    const fileBytes = existsSync(file) ? statSync(file).size : 0;
    t0 = performance.now();
    const again = await openStore({ dir, persistDebounceMs: 600_000 });
    const reopenMs = performance.now() - t0;
    const reopenOk = list.every((r) => again.get(r.id) === r.content);
    await again.close();
    return { records: list.length, bytes, putMs, flushMs, fileBytes, roundTripOk, reopenMs, reopenOk };
  } catch (err) {
    return { skipped: `store failed: ${(err as Error).message.split('\n')[0]}` };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
