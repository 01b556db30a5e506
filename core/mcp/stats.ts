import type { HeadroomStore, RequestRecord, StoreTotals } from '../ccr/store-types.js';
import type { McpContext } from './context.js';

export interface ToolSavings {
  /** The tool's name when the record knows it, else `kind:<content kind>`. */
  tool: string;
  units: number;
  tokensBefore: number;
  tokensSaved: number;
}

/** Requests looked at for the top-tools table (newest first). */
const TOP_TOOLS_WINDOW = 5000;

/** Savings per tool over the newest requests, most tokens saved first (ties by name: deterministic). */
export function topTools(requests: readonly RequestRecord[], limit = 10): ToolSavings[] {
  const by = new Map<string, ToolSavings>();
  for (const r of requests) {
    for (const u of r.units ?? []) {
      const key = u.tool ?? `kind:${u.kind}`;
      const t = by.get(key) ?? { tool: key, units: 0, tokensBefore: 0, tokensSaved: 0 };
      t.units++;
      t.tokensBefore += u.tokensBefore;
      t.tokensSaved += Math.max(0, u.tokensBefore - u.tokensAfter);
      by.set(key, t);
    }
  }
  return [...by.values()].sort((a, b) => b.tokensSaved - a.tokensSaved || (a.tool < b.tool ? -1 : 1)).slice(0, limit);
}

const withSaved = (t: StoreTotals) => ({ ...t, tokensSaved: t.tokensBefore - t.tokensAfter });

export function collectStats(ctx: McpContext, store: HeadroomStore = ctx.store) {
  store.refresh();
  const s = ctx.session;
  const ws = ctx.workspace;
  return {
    session: {
      startedAt: s.started,
      compressions: s.compressions,
      tokensBefore: s.tokensBefore,
      tokensAfter: s.tokensAfter,
      tokensSaved: s.tokensBefore - s.tokensAfter,
      retrievals: s.retrievals,
    },
    allTime: withSaved(store.totals()),
    last24h: withSaved(store.totals(ctx.now() - 24 * 3600_000)),
    topTools: topTools(store.recentRequests(TOP_TOOLS_WINDOW)),
    workspace: { root: ws.root, memoryEntries: store.memoryCount(ws.id), duplicates: store.dedupTotals(ws.id) },
  };
}

export type Stats = ReturnType<typeof collectStats>;
