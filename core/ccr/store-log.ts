import { randomUUID } from 'node:crypto';
import type { RequestRecord, RetrievalRecord, StoreTotals } from './store-types.js';
import { row, rows } from './store-db.js';
import type { Statements } from './store-statements.js';

/**
 * The request and retrieval logs, and the totals summed from them (`requests`, `retrievals` tables). Trimmed to the
 * newest rows by the sweep (store-sweep.ts).
 */

export function recordRequest(st: Statements, rec: RequestRecord): void {
  st.putRequest.run([rec.id, rec.time, rec.tokensBefore, rec.tokensAfter, rec.units.length, JSON.stringify(rec)]);
}

export function recordRetrieval(st: Statements, rec: RetrievalRecord): void {
  st.putRetrieval.run([randomUUID(), rec.id, rec.time, rec.via, rec.requestId ?? null, rec.found ? 1 : 0]);
}

/** Newest first. */
export function recentRequests(st: Statements, limit: number, beforeTime?: number): RequestRecord[] {
  const out: RequestRecord[] = [];
  for (const [json] of rows(st.recentRequests, [beforeTime ?? Number.MAX_SAFE_INTEGER, limit])) {
    try {
      out.push(JSON.parse(String(json)) as RequestRecord);
    } catch {
      /* a row another version wrote badly: skip it, keep the rest */
    }
  }
  return out;
}

/** Newest first. */
export function recentRetrievals(st: Statements, limit: number): RetrievalRecord[] {
  return rows(st.recentRetrievals, [limit]).map(([id, time, via, requestId, found]) => ({
    id: String(id),
    time: Number(time),
    via: String(via),
    ...(requestId === null ? {} : { requestId: String(requestId) }),
    found: found === 1,
  }));
}

export function totals(st: Statements, sinceTime?: number): StoreTotals {
  const since = sinceTime ?? Number.MIN_SAFE_INTEGER;
  const [requests, before, after, units] = row(st.requestTotals, [since]) ?? [];
  const [retrievals] = row(st.retrievalCount, [since]) ?? [];
  return {
    requests: Number(requests ?? 0),
    tokensBefore: Number(before ?? 0),
    tokensAfter: Number(after ?? 0),
    retrievals: Number(retrievals ?? 0),
    units: Number(units ?? 0),
  };
}

/**
 * Conversations that carry the headroom_retrieve tool (core/proxy/retrieve-sessions.ts), in their own table; they
 * expire with the store's TTL after their last request.
 */
export function hasRetrieveSession(st: Statements, key: string, now: number, ttlMs: number): boolean {
  const r = row(st.getSession, [key]);
  return r !== undefined && now - Number(r[0]) <= ttlMs;
}

export function addRetrieveSession(st: Statements, key: string, now: number): void {
  st.putSession.run([key, now]);
}
