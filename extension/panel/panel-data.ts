/**
 * Shapes store records into what the panel shows: list rows, unit metadata, the savings-over-time series. Pure
 * (no `vscode`): tested under plain Node.
 */
import type { ChartPoint, RequestSummary, RetrievalItem, UnitMeta } from '../protocol.js';
import type { RequestRecord, RetrievalRecord } from '../proxy-host.js';
import { isUserLookup } from '../totals.js';
import { isCompressedUnit, requestOutcome, unitLabel } from './request-outcome.js';

export function toSummary(r: RequestRecord): RequestSummary {
  const s: RequestSummary = {
    id: r.id,
    time: r.time,
    provider: r.provider,
    tokensBefore: r.tokensBefore,
    tokensAfter: r.tokensAfter,
    compressMs: r.compressMs,
    units: r.units.length,
    compressedUnits: r.units.filter(isCompressedUnit).length,
    ...requestOutcome(r),
  };
  if (r.model !== undefined) s.model = r.model;
  if (r.agent !== undefined) s.agent = r.agent;
  if (r.status !== undefined) s.status = r.status;
  if (r.passthroughReason !== undefined) s.passthroughReason = r.passthroughReason;
  return s;
}

export function toRetrievalItem(r: RetrievalRecord): RetrievalItem {
  const item: RetrievalItem = { id: r.id, time: r.time, via: r.via, found: r.found, user: isUserLookup(r.via) };
  if (r.requestId !== undefined) item.requestId = r.requestId;
  if (r.tokens !== undefined) item.tokens = r.tokens;
  return item;
}

export function unitMetas(r: RequestRecord): UnitMeta[] {
  return r.units.map((u, index) => {
    const m: UnitMeta = {
      index,
      path: u.path,
      label: unitLabel(u),
      kind: u.kind,
      tokensBefore: u.tokensBefore,
      tokensAfter: u.tokensAfter,
    };
    if (u.originalId !== undefined) m.originalId = u.originalId;
    if (u.reason !== undefined) m.reason = u.reason;
    if (u.memoHit) m.memoHit = true;
    if (u.prose !== undefined) m.prose = u.prose;
    return m;
  });
}

const MINUTE = 60_000;
/** Bucket widths the chart steps through as the covered time span grows. */
const WIDTHS = [
  MINUTE,
  5 * MINUTE,
  15 * MINUTE,
  60 * MINUTE,
  6 * 60 * MINUTE,
  24 * 60 * MINUTE,
  7 * 24 * 60 * MINUTE,
  30 * 24 * 60 * MINUTE,
];

/**
 * Tokens before/after per time bucket, for the savings-over-time chart. Buckets widen (1 min … 30 days) so that
 * there are never more than `maxPoints`: adding a request is O(1) amortised, whatever the history's length.
 */
export class SavingsSeries {
  private width = WIDTHS[0];
  private readonly buckets = new Map<number, { before: number; after: number }>();

  constructor(private readonly maxPoints = 60) {}

  /** Builds the series from records in any order. */
  static from(records: readonly RequestRecord[], maxPoints = 60): SavingsSeries {
    const s = new SavingsSeries(maxPoints);
    if (records.length) {
      let min = Infinity;
      let max = -Infinity;
      for (const r of records) {
        min = Math.min(min, r.time);
        max = Math.max(max, r.time);
      }
      s.width = WIDTHS.find((w) => Math.floor(max / w) - Math.floor(min / w) < maxPoints) ?? WIDTHS[WIDTHS.length - 1];
    }
    for (const r of records) s.add(r);
    return s;
  }

  add(r: Pick<RequestRecord, 'time' | 'tokensBefore' | 'tokensAfter'>): void {
    const key = Math.floor(r.time / this.width) * this.width;
    const b = this.buckets.get(key);
    if (b) {
      b.before += r.tokensBefore;
      b.after += r.tokensAfter;
    } else this.buckets.set(key, { before: r.tokensBefore, after: r.tokensAfter });
    while (this.buckets.size > this.maxPoints && this.widen()) {
      /* merged into wider buckets */
    }
  }

  /** Cumulative tokens at the end of each non-empty bucket, oldest first. */
  points(): ChartPoint[] {
    const keys = [...this.buckets.keys()].sort((a, b) => a - b);
    let before = 0;
    let after = 0;
    return keys.map((k) => {
      const b = this.buckets.get(k)!;
      before += b.before;
      after += b.after;
      return { time: k + this.width, before, after };
    });
  }

  private widen(): boolean {
    const next = WIDTHS.find((w) => w > this.width);
    if (!next) return false;
    this.width = next;
    const old = [...this.buckets.entries()];
    this.buckets.clear();
    for (const [k, v] of old) {
      const key = Math.floor(k / next) * next;
      const b = this.buckets.get(key);
      if (b) {
        b.before += v.before;
        b.after += v.after;
      } else this.buckets.set(key, { ...v });
    }
    return true;
  }
}
