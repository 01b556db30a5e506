import { spawnSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sample } from '../workloads/samples.js';

export interface MemoryResult {
  inputBytes: number;
  outputBytes: number;
  compressed: boolean;
  kind: string;
  reason?: string;
  ms: number;
  rssBefore: number;
  heapUsedBefore: number;
  /** Highest process RSS sampled while compress() ran. */
  peakRss: number;
  peakRssDelta: number;
  samples: number;
  heapUsedDeltaNoGc: number;
  heapUsedDeltaAfterGc: number;
  externalDelta: number;
  records: number;
}

/** Writes a log of `bytes` to `inputFile` and runs memory-probe.ts on it in its own Node process. */
export function memoryRun(
  root: string,
  bytes: number,
  inputFile: string,
  timeoutMs: number,
): MemoryResult | { error: string } {
  writeFileSync(inputFile, sample('log', bytes, 17));
  try {
    return probe(root, inputFile, timeoutMs);
  } finally {
    rmSync(inputFile, { force: true });
  }
}

function probe(root: string, inputFile: string, timeoutMs: number): MemoryResult | { error: string } {
  const r = spawnSync(
    process.execPath,
    ['--expose-gc', '--import', 'tsx', join(root, 'bench', 'lib', 'memory-probe.ts'), inputFile],
    {
      cwd: root,
      encoding: 'utf8',
      timeout: timeoutMs,
      maxBuffer: 16 * 1024 * 1024,
    },
  );
  if (r.error)
    return {
      error:
        (r.error as NodeJS.ErrnoException).code === 'ETIMEDOUT'
          ? `timed out after ${timeoutMs / 1000}s`
          : r.error.message,
    };
  const line = r.stdout.trim().split('\n').pop() ?? '';
  try {
    return JSON.parse(line) as MemoryResult;
  } catch {
    return { error: `probe exited ${r.status}: ${(r.stderr || r.stdout).trim().split('\n').slice(-3).join(' | ')}` };
  }
}
