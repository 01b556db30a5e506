import { performance } from 'node:perf_hooks';
import { compress } from '../../core/compress.js';
import { sample, type SampleKind } from '../workloads/samples.js';
import { median, percentile } from './stats.js';

/** Speed of compress() on one core (Node runs it on the main thread; nothing here is parallel). */
const QUERY = 'why did the payment requests fail and which session handler is involved';

const collect = (): void => (globalThis as { gc?: () => void }).gc?.();

export interface ThroughputResult {
  kind: SampleKind;
  /** The kind was forced (the router detected something else), to time that kind's compressor anyway. */
  forced: boolean;
  bytes: number;
  detectedKind: string;
  compressed: boolean;
  reason?: string;
  /** Output characters / input characters. */
  sizeRatio: number;
  runsMs: number[];
  medianMs: number;
  mbPerSec: number;
}

/** MB/s on an input of about `bytes`: one warm-up, then the median of `runs` (fewer when one run is very slow). */
export function throughput(kind: SampleKind, bytes: number, runs = 3, force = false): ThroughputResult {
  const text = sample(kind, bytes, 11);
  const options = force ? { query: QUERY, kind } : { query: QUERY };
  collect();
  let t0 = performance.now();
  const r = compress(text, options);
  const warmMs = performance.now() - t0;
  const n = warmMs > 3000 ? 1 : runs; // keep the whole benchmark under its 3-minute budget
  const runsMs: number[] = [];
  for (let i = 0; i < n; i++) {
    collect();
    t0 = performance.now();
    compress(text, options);
    runsMs.push(performance.now() - t0);
  }
  const medianMs = median(runsMs);
  return {
    kind,
    forced: force,
    bytes: text.length,
    detectedKind: r.kind,
    compressed: r.compressed,
    reason: r.reason,
    sizeRatio: r.output.length / text.length,
    runsMs,
    medianMs,
    mbPerSec: text.length / (1024 * 1024) / (medianMs / 1000),
  };
}

export interface LatencyResult {
  kind: SampleKind;
  bytes: number;
  detectedKind: string;
  compressed: boolean;
  reason?: string;
  runs: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
}

/**
 * Time to compress one ~100 KB tool result: 5 warm-ups, then p50/p99 over up to `runs` calls — fewer when a slow
 * compressor would blow the time budget (the table shows how many ran).
 */
export function latency(kind: SampleKind, bytes = 100 * 1024, runs = 50, budgetMs = 3000): LatencyResult {
  const text = sample(kind, bytes, 13);
  let r = compress(text, { query: QUERY });
  for (let i = 0; i < 4; i++) r = compress(text, { query: QUERY });
  const times: number[] = [];
  const start = performance.now();
  for (let i = 0; i < runs && (i < 10 || performance.now() - start < budgetMs); i++) {
    collect(); // start each run with a clean heap: a major GC owed to earlier garbage is not this call's cost
    const t0 = performance.now();
    compress(text, { query: QUERY });
    times.push(performance.now() - t0);
  }
  return {
    kind,
    bytes: text.length,
    detectedKind: r.kind,
    compressed: r.compressed,
    reason: r.reason,
    runs: times.length,
    p50Ms: percentile(times, 50),
    p99Ms: percentile(times, 99),
    maxMs: Math.max(...times),
  };
}
