import { z } from 'zod';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { McpContext } from './context.js';
import { collectStats, type Stats } from './stats.js';
import { num, pct } from './format.js';

const totals = z.object({
  requests: z.number(),
  units: z.number(),
  tokensBefore: z.number(),
  tokensAfter: z.number(),
  tokensSaved: z.number(),
  retrievals: z.number(),
});
const outputSchema = {
  session: z.object({
    startedAt: z.number(),
    compressions: z.number(),
    tokensBefore: z.number(),
    tokensAfter: z.number(),
    tokensSaved: z.number(),
    retrievals: z.number(),
  }),
  allTime: totals,
  last24h: totals,
  topTools: z.array(
    z.object({ tool: z.string(), units: z.number(), tokensBefore: z.number(), tokensSaved: z.number() }),
  ),
  workspace: z.object({
    root: z.string(),
    memoryEntries: z.number(),
    duplicates: z.object({ outputs: z.number(), tokens: z.number() }),
  }),
};

/** `headroom_stats`: this session's and all-time savings (proxy, CLI and MCP alike), and the tools that saved most. */
export function registerStatsTool(server: McpServer, ctx: McpContext): void {
  server.registerTool(
    'headroom_stats',
    {
      title: 'Token savings',
      description:
        'Tokens saved by Headroom in this session and all time (proxy, CLI and MCP), ' +
        'the tools whose output saved most, and shared-context counts for this workspace.',
      inputSchema: {},
      outputSchema,
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    async () => {
      const stats = collectStats(ctx);
      return { content: [{ type: 'text' as const, text: render(stats) }], structuredContent: stats };
    },
  );
}

export function render(s: Stats): string {
  const line = (label: string, before: number, after: number, extra: string) =>
    `${label}: ${num(before)} → ${num(after)} tokens ` +
    `(${num(before - after)} saved, ${pct(before - after, before)})${extra}`;
  const out = [
    line(
      'this session',
      s.session.tokensBefore,
      s.session.tokensAfter,
      `, ${s.session.compressions} compressions, ${s.session.retrievals} retrievals`,
    ),
    line(
      'all time',
      s.allTime.tokensBefore,
      s.allTime.tokensAfter,
      `, ${num(s.allTime.requests)} requests, ${num(s.allTime.retrievals)} retrievals`,
    ),
    line('last 24h', s.last24h.tokensBefore, s.last24h.tokensAfter, `, ${num(s.last24h.requests)} requests`),
  ];
  if (s.topTools.length) {
    out.push('top tools by tokens saved:');
    for (const t of s.topTools)
      out.push(
        `  ${t.tool}: ${num(t.tokensSaved)} saved over ${t.units} outputs (${pct(t.tokensSaved, t.tokensBefore)})`,
      );
  }
  const d = s.workspace.duplicates;
  out.push(
    `workspace ${s.workspace.root}: ${s.workspace.memoryEntries} memory entries, ` +
      `${d.outputs} outputs (${num(d.tokens)} tokens) already received by another agent`,
  );
  return out.join('\n');
}
