import type { HeadroomStore, RequestRecord } from '../ccr/store-types.js';
import type { Workspace } from '../memory/workspace.js';
import { num, pct } from '../mcp/format.js';

export interface RunSavings {
  requests: number;
  tokensBefore: number;
  tokensAfter: number;
  retrievals: number;
  /** Outputs this run received that another agent in the workspace had received first. */
  duplicates: { outputs: number; tokens: number; agents: string[] };
}

export function sumRequests(records: readonly RequestRecord[], retrievals: number): RunSavings {
  let tokensBefore = 0;
  let tokensAfter = 0;
  for (const r of records) {
    tokensBefore += r.tokensBefore;
    tokensAfter += r.tokensAfter;
  }
  return {
    requests: records.length,
    tokensBefore,
    tokensAfter,
    retrievals,
    duplicates: { outputs: 0, tokens: 0, agents: [] },
  };
}

/**
 * Notes every compressed tool output of the run in the workspace's seen-table and counts those another agent had
 * already received. Only recorded and reported: the other agent's context is not this one's, so a reference
 * instead of the content would leave this agent with something it never saw.
 */
export function noteRunOutputs(
  store: HeadroomStore,
  ws: Workspace,
  runId: string,
  agent: string,
  records: readonly RequestRecord[],
  savings: RunSavings,
): void {
  const agents = new Set<string>();
  const counted = new Set<string>();
  for (const r of records) {
    for (const u of r.units) {
      if (!u.originalId || counted.has(u.originalId)) continue;
      counted.add(u.originalId);
      const seen = store.noteSeen({
        workspace: ws.id,
        contentId: u.originalId,
        runId,
        agent,
        tokens: u.tokensBefore,
        time: r.time,
      });
      if (!seen.duplicate) continue;
      savings.duplicates.outputs++;
      savings.duplicates.tokens += u.tokensBefore;
      agents.add(seen.first.agent);
    }
  }
  savings.duplicates.agents = [...agents].sort();
}

export function formatRun(agent: string, s: RunSavings, where: string): string {
  const saved = s.tokensBefore - s.tokensAfter;
  let line =
    `headroom: ${agent} — ${s.requests} request${s.requests === 1 ? '' : 's'}, ` +
    `${num(s.tokensBefore)} → ${num(s.tokensAfter)} tool-output tokens ` +
    `(${num(saved)} saved, ${pct(saved, s.tokensBefore)}), ` +
    `${s.retrievals} retrieval${s.retrievals === 1 ? '' : 's'} · ${where}`;
  const d = s.duplicates;
  if (d.outputs)
    line +=
      `\nheadroom: ${d.outputs} tool output${d.outputs === 1 ? '' : 's'} (${num(d.tokens)} tokens) ` +
      `had already been received in this workspace by ${d.agents.join(', ')}`;
  return line;
}
