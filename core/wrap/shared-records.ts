import type { HeadroomStore, RequestRecord, RetrievalRecord } from '../ccr/store-types.js';

/** /stats lists this many recent requests (core/proxy/app.ts). */
const STATS_RECENT = 20;
/** The shared proxy saves its store about a second after its last change (core/ccr/store.ts debounce). */
const PERSIST_WAIT_MS = 1500;

/**
 * The requests a shared proxy handled between `from` and `to`: from its `GET /stats` when all of them fit in the
 * recent list it returns, else from the store file once the proxy has saved it (same HEADROOM_HOME assumed).
 */
export async function collectShared(
  url: string,
  from: number,
  to: number,
  getStore: () => Promise<HeadroomStore>,
): Promise<{ records: RequestRecord[]; retrievals: number }> {
  const inWindow = <T extends { time: number }>(xs: readonly T[]) => xs.filter((x) => x.time >= from && x.time <= to);
  try {
    const res = await fetch(`${url}/stats`, { signal: AbortSignal.timeout(2000) });
    const body = (await res.json()) as { recent?: RequestRecord[]; retrievals?: RetrievalRecord[] };
    const recent = body.recent ?? [];
    const complete = recent.length < STATS_RECENT || recent[recent.length - 1].time < from;
    const rets = body.retrievals ?? [];
    if (complete && (rets.length < STATS_RECENT || rets[rets.length - 1].time < from))
      return { records: inWindow(recent), retrievals: inWindow(rets).filter((r) => r.via === 'proxy').length };
  } catch {
    // fall back to the store
  }
  await new Promise((r) => setTimeout(r, PERSIST_WAIT_MS));
  const store = await getStore();
  store.refresh();
  const records = inWindow(store.recentRequests(50_000, to + 1));
  const retrievals = inWindow(store.recentRetrievals(50_000)).filter((r) => r.via === 'proxy').length;
  return { records, retrievals };
}
