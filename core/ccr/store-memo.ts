import type { SqlValue } from 'sql.js';
import type { MemoEntry } from './store-types.js';
import { row } from './store-db.js';
import type { Statements } from './store-statements.js';

/** Parsed memo entries kept in memory (each holds one compressed unit's text). */
const MEMO_CACHE_MAX = 2000;

export interface MemoDeps {
  st: Statements;
  now: () => number;
  ttlMs: number;
  transaction: (fn: () => void) => void;
  /** True when some scope still holds the original `id` (originals.ts). */
  alive: (id: string) => boolean;
  /** A memo hit refreshes the originals its markers name. */
  touchRecord: (id: string) => void;
  /** Pending access-time refreshes of memo rows, applied in batches by the store. */
  touches: Map<string, number>;
  touched: (key: string) => void;
  changed: () => void;
}

/**
 * The compression memo (`memo`, `memo_ref` tables): for each unit seen, the exact bytes sent the first time. Memo hits
 * are on the proxy's hot path (every earlier tool result of every request): parsed entries are cached. Originals only
 * disappear in a sweep, so an entry whose originals were alive stays valid until the next sweep (`clearCache`).
 */
export class MemoTable {
  private readonly cache = new Map<string, { entry: MemoEntry; ids: string[]; hit: number }>();

  constructor(private readonly d: MemoDeps) {}

  get(key: string): MemoEntry | undefined {
    const now = this.d.now();
    const cached = this.cache.get(key);
    if (cached && now - cached.hit <= this.d.ttlMs) {
      cached.hit = now;
      this.d.touched(key);
      for (const id of cached.ids) this.d.touchRecord(id);
      return cached.entry;
    }
    const r = row(this.d.st.getMemo, [key]);
    if (!r || this.expired(r[1], this.d.touches.get(key))) return undefined;
    let entry: MemoEntry;
    try {
      entry = JSON.parse(String(r[0])) as MemoEntry;
    } catch {
      return undefined;
    }
    // A memo is only as good as the originals its markers name; the sweep deletes such memos for good.
    const ids = memoIds(entry);
    if (!ids.every((id) => this.d.alive(id))) return undefined;
    this.d.touched(key);
    for (const id of ids) this.d.touchRecord(id);
    if (this.cache.size >= MEMO_CACHE_MAX) this.cache.delete(this.cache.keys().next().value!);
    this.cache.set(key, { entry, ids, hit: now });
    return entry;
  }

  put(key: string, entry: MemoEntry): void {
    this.d.transaction(() => {
      this.d.st.putMemo.run([key, this.d.now(), JSON.stringify(entry)]);
      this.d.st.delMemoRefs.run([key]);
      for (const id of memoIds(entry)) this.d.st.putMemoRef.run([key, id]);
    });
    this.d.touches.delete(key);
    this.cache.delete(key);
    this.d.changed();
  }

  clearCache(): void {
    this.cache.clear();
  }

  private expired(accessed: SqlValue, touched: number | undefined): boolean {
    return this.d.now() - Math.max(Number(accessed), touched ?? 0) > this.d.ttlMs;
  }
}

/** The CCR ids a memo entry's output names: its original and every stashed piece. */
export function memoIds(entry: MemoEntry): string[] {
  const ids = new Set<string>(Array.isArray(entry.ccr) ? entry.ccr : []);
  if (entry.originalId) ids.add(entry.originalId);
  return [...ids];
}
