import type { Workload } from '../workloads/types.js';
import type { UnitResult } from './measure.js';
import type { LatencyResult, ThroughputResult } from './speed.js';
import type { MemoryResult } from './memory.js';
import type { CcrBenchResult } from './ccr.js';
import { markdownTable } from './table.js';
import { int, mb, ms, pct, reduction } from './stats.js';

/** Turns measured figures into the markdown the benchmark prints. Pure: strings in, strings out. */

export interface WorkloadTotals {
  id: string;
  title: string;
  source: Workload['source'];
  command?: string;
  tokensBefore: number;
  tokensAfter: number;
  reduction: number;
  factsTotal: number;
  factsKept: number;
  minifiedTokens: number;
  toonTokens: number;
  /** Whether any unit in the workload is JSON (else the baselines are the input itself). */
  jsonUnits: number;
  claim?: Workload['claim'];
  /** Reduction at least the claim's, with every fact kept. */
  beatsClaim?: boolean;
}

export function totals(w: Workload, units: readonly UnitResult[]): WorkloadTotals {
  const sum = (f: (u: UnitResult) => number): number => units.reduce((a, u) => a + f(u), 0);
  const before = sum((u) => u.tokensBefore);
  const after = sum((u) => u.tokensAfter);
  const factsTotal = sum((u) => u.factsTotal);
  const factsKept = sum((u) => u.factsKept);
  const red = reduction(before, after);
  return {
    id: w.id,
    title: w.title,
    source: w.source,
    command: w.command,
    tokensBefore: before,
    tokensAfter: after,
    reduction: red,
    factsTotal,
    factsKept,
    minifiedTokens: sum((u) => u.minified.tokens),
    toonTokens: sum((u) => u.toon.tokens),
    jsonUnits: units.filter((u) => u.minified.applied).length,
    claim: w.claim,
    beatsClaim: w.claim ? red >= w.claim.reduction && factsKept === factsTotal : undefined,
  };
}

const facts = (kept: number, total: number): string =>
  total === 0 ? '—' : `${kept}/${total}${kept === total ? '' : ' ✗'}`;
const tokensWith = (before: number, after: number): string => `${int(after)} (${pct(reduction(before, after))})`;

export function workloadTable(rows: readonly WorkloadTotals[], withClaim: boolean): string {
  const header = ['Workload', 'Tokens before', 'Compressed', 'Reduction', 'Facts kept', 'Minified JSON', 'TOON'];
  if (withClaim) header.push('Headroom published', 'Beats it');
  const body = rows.map((t) => {
    const r = [
      t.title,
      int(t.tokensBefore),
      int(t.tokensAfter),
      pct(t.reduction),
      facts(t.factsKept, t.factsTotal),
      tokensWith(t.tokensBefore, t.minifiedTokens),
      tokensWith(t.tokensBefore, t.toonTokens),
    ];
    if (withClaim)
      r.push(
        t.claim ? `${int(t.claim.before)} → ${int(t.claim.after)} (${pct(t.claim.reduction)})` : '—',
        t.beatsClaim === undefined ? '—' : t.beatsClaim ? 'yes' : 'no',
      );
    return r;
  });
  return markdownTable(header, body, [1, 2, 3, 5, 6]);
}

export function unitTable(units: readonly UnitResult[]): string {
  const body = units.map((u) => [
    u.workload,
    u.unit,
    u.kind,
    int(u.tokensBefore),
    int(u.tokensAfter),
    pct(reduction(u.tokensBefore, u.tokensAfter)),
    facts(u.factsKept, u.factsTotal),
    u.minified.applied ? tokensWith(u.tokensBefore, u.minified.tokens) : 'n/a',
    u.toon.applied ? tokensWith(u.tokensBefore, u.toon.tokens) : 'n/a',
    ms(u.compressMs),
    u.compressed ? '' : `pass-through: ${u.reason ?? ''}`.slice(0, 60),
  ]);
  return markdownTable(
    ['Workload', 'Unit', 'Kind', 'Before', 'After', 'Reduction', 'Facts', 'Minified', 'TOON', 'ms', 'Note'],
    body,
    [3, 4, 5, 7, 8, 9],
  );
}

export function lostFactsList(units: readonly UnitResult[]): string {
  const lines: string[] = [];
  for (const u of units) {
    for (const f of u.lostFacts)
      lines.push(`- ${u.workload} / ${u.unit}: lost \`${f.length > 120 ? f.slice(0, 117) + '...' : f}\``);
    for (const f of u.factsNotInInput)
      lines.push(`- ${u.workload} / ${u.unit}: fact not in the input (workload bug) \`${f}\``);
  }
  return lines.length ? lines.join('\n') : 'none: every fact is in every compressed output.';
}

export function throughputTable(rows: readonly ThroughputResult[], targetMbPerSec: number): string {
  return markdownTable(
    [
      'Kind',
      'Input MB',
      'Detected',
      'Compressed',
      'Output/input',
      'Runs (ms)',
      'Median ms',
      'MB/s',
      `≥ ${targetMbPerSec} MB/s`,
    ],
    rows.map((r) => [
      r.forced ? `${r.kind} (kind forced)` : r.kind,
      mb(r.bytes),
      r.forced ? `${r.kind} (forced)` : r.detectedKind,
      r.compressed ? 'yes' : `no (${r.reason ?? ''})`.slice(0, 40),
      pct(r.sizeRatio),
      r.runsMs.map((x) => x.toFixed(0)).join(', '),
      ms(r.medianMs),
      r.mbPerSec.toFixed(1),
      r.mbPerSec >= targetMbPerSec ? 'yes' : 'NO',
    ]),
    [1, 4, 6, 7],
  );
}

export function latencyTable(rows: readonly LatencyResult[], targetMs: number): string {
  return markdownTable(
    [
      'Kind',
      'Input KB',
      'Detected',
      'Compressed',
      'Runs',
      'p50 ms',
      'p99 ms',
      'max ms',
      `p50 ≤ ${targetMs} ms`,
      `p99 ≤ ${targetMs} ms`,
    ],
    rows.map((r) => [
      r.kind,
      (r.bytes / 1024).toFixed(0),
      r.detectedKind,
      r.compressed ? 'yes' : `no (${r.reason ?? ''})`.slice(0, 40),
      String(r.runs),
      ms(r.p50Ms),
      ms(r.p99Ms),
      ms(r.maxMs),
      r.p50Ms <= targetMs ? 'yes' : 'NO',
      r.p99Ms <= targetMs ? 'yes' : 'NO',
    ]),
    [1, 4, 5, 6, 7],
  );
}

export function memoryTable(m: MemoryResult): string {
  const rows: [string, string][] = [
    [
      'input',
      `${mb(m.inputBytes)} MB log (detected: ${m.kind}, compressed: ` +
        `${m.compressed ? 'yes' : `no — ${m.reason ?? ''}`})`,
    ],
    ['output', `${mb(m.outputBytes)} MB, ${m.records} CCR record(s)`],
    ['time', `${ms(m.ms)} ms (${(m.inputBytes / (1024 * 1024) / (m.ms / 1000)).toFixed(1)} MB/s)`],
    ['RSS before compress', `${mb(m.rssBefore)} MB (heapUsed ${mb(m.heapUsedBefore)} MB)`],
    ['peak RSS during compress', `${mb(m.peakRss)} MB (+${mb(m.peakRssDelta)} MB over before; ${m.samples} samples)`],
    ['heapUsed delta, no GC', `${mb(m.heapUsedDeltaNoGc)} MB`],
    ['heapUsed delta after GC (result kept)', `${mb(m.heapUsedDeltaAfterGc)} MB`],
    ['external delta', `${mb(m.externalDelta)} MB`],
  ];
  return markdownTable(['Memory, 50 MB log', 'Value'], rows);
}

export function ccrTable(c: CcrBenchResult): string {
  return markdownTable(
    ['Records', 'Content MB', 'put ms', 'flush ms', 'File MB', 'Round trip exact', 'Reopen ms', 'Exact after reopen'],
    [
      [
        int(c.records),
        mb(c.bytes),
        ms(c.putMs),
        ms(c.flushMs),
        mb(c.fileBytes),
        c.roundTripOk ? 'yes' : 'NO',
        ms(c.reopenMs),
        c.reopenOk ? 'yes' : 'NO',
      ],
    ],
    [0, 1, 2, 3, 4, 6],
  );
}
