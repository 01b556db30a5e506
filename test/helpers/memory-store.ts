import type { CcrRecord } from '../../core/types.js';
import type { CcrStore, MemoEntry, RequestRecord, RetrievalRecord, StoreTotals } from '../../core/ccr/store-types.js';

/** A CcrStore in plain Maps, for tests that do not need persistence. Counts calls so tests can see what was used. */
export class MemoryStore implements CcrStore {
  readonly ccr = new Map<string, string>();
  /** Scopes each original was stored or shared under (the owner reads all; see core/ccr/scope.ts). */
  readonly scopes = new Map<string, Set<string | undefined>>();
  readonly retrieveSessions = new Set<string>();
  readonly memo = new Map<string, MemoEntry>();
  readonly requests: RequestRecord[] = [];
  readonly retrievals: RetrievalRecord[] = [];
  flushes = 0;
  closed = false;

  async put(records: readonly CcrRecord[], scope?: string): Promise<void> {
    for (const r of records) {
      this.ccr.set(r.id, r.content);
      this.scopes.set(r.id, (this.scopes.get(r.id) ?? new Set()).add(scope));
    }
  }
  async share(ids: readonly string[], scope?: string): Promise<void> {
    for (const id of ids) {
      if (!this.ccr.has(id)) throw new Error(`the original "${id}" is no longer stored`);
      this.scopes.get(id)!.add(scope);
    }
  }
  get(id: string, scope?: string): string | undefined {
    if (scope !== undefined && !this.scopes.get(id)?.has(scope)) return undefined;
    return this.ccr.get(id);
  }
  hasRetrieveSession(key: string): boolean {
    return this.retrieveSessions.has(key);
  }
  addRetrieveSession(key: string): void {
    this.retrieveSessions.add(key);
  }
  getMemo(key: string): MemoEntry | undefined {
    return this.memo.get(key);
  }
  putMemo(key: string, entry: MemoEntry): void {
    this.memo.set(key, entry);
  }
  recordRequest(rec: RequestRecord): void {
    this.requests.push(rec);
  }
  recordRetrieval(rec: RetrievalRecord): void {
    this.retrievals.push(rec);
  }
  recentRequests(limit: number, beforeTime?: number): RequestRecord[] {
    return this.requests
      .filter((r) => beforeTime === undefined || r.time < beforeTime)
      .slice(-limit)
      .reverse();
  }
  recentRetrievals(limit: number): RetrievalRecord[] {
    return this.retrievals.slice(-limit).reverse();
  }
  totals(sinceTime = 0): StoreTotals {
    const reqs = this.requests.filter((r) => r.time >= sinceTime);
    return {
      requests: reqs.length,
      tokensBefore: reqs.reduce((s, r) => s + r.tokensBefore, 0),
      tokensAfter: reqs.reduce((s, r) => s + r.tokensAfter, 0),
      retrievals: this.retrievals.filter((r) => r.time >= sinceTime).length,
      units: reqs.reduce((s, r) => s + r.units.length, 0),
    };
  }
  sweep(): void {}
  async flush(): Promise<void> {
    this.flushes++;
  }
  async close(): Promise<void> {
    this.flushes++;
    this.closed = true;
  }
}
