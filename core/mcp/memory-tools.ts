import { z } from 'zod';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { MAX_MEMORY_CHARS, MAX_MEMORY_TAGS } from '../ccr/store-shared.js';
import { toolError, type McpContext } from './context.js';
import { describeAge } from './format.js';

const entry = z.object({
  id: z.string(),
  time: z.number(),
  text: z.string(),
  tags: z.array(z.string()),
  agent: z.string().optional(),
});

/**
 * `headroom_memory_put` / `headroom_memory_search`: findings shared by every agent working on this server's
 * workspace. The workspace is fixed when the server starts; no argument can name another one.
 */
export function registerMemoryTools(server: McpServer, ctx: McpContext): void {
  server.registerTool(
    'headroom_memory_put',
    {
      title: 'Remember a finding',
      description:
        'Stores a short finding (a conclusion, a decision, where something lives, the id of a large output) ' +
        'for other agents and later sessions working on this same workspace. ' +
        'Storing the same text again only refreshes it.',
      inputSchema: {
        text: z.string().min(1).max(MAX_MEMORY_CHARS).describe('The finding, self-contained.'),
        tags: z
          .array(z.string().min(1).max(64))
          .max(MAX_MEMORY_TAGS)
          .optional()
          .describe('A few keywords to find it by.'),
      },
      outputSchema: { id: z.string(), workspace: z.string(), tags: z.array(z.string()) },
      annotations: { readOnlyHint: false, idempotentHint: true, openWorldHint: false },
    },
    async (args) => {
      let e;
      try {
        e = ctx.store.memoryPut(ctx.workspace.id, { text: args.text, tags: args.tags, agent: ctx.agent() });
      } catch (err) {
        return toolError((err as Error).message);
      }
      ctx.session.memoryPuts++;
      return {
        content: [
          {
            type: 'text' as const,
            text:
              `stored ${e.id} in workspace ${ctx.workspace.root}` +
              `${e.tags.length ? ` (tags: ${e.tags.join(', ')})` : ''}`,
          },
        ],
        structuredContent: { id: e.id, workspace: ctx.workspace.root, tags: e.tags },
      };
    },
  );

  server.registerTool(
    'headroom_memory_search',
    {
      title: 'Search shared findings',
      description:
        'Finds findings that agents stored for this workspace (headroom_memory_put), ' +
        'best match first; an empty query lists the newest.',
      inputSchema: {
        query: z.string().max(2000).describe('Words to look for in the findings and their tags.'),
        limit: z.number().int().min(1).max(50).optional().describe('At most this many results (default 10).'),
      },
      outputSchema: { results: z.array(entry.extend({ score: z.number() })) },
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    async (args) => {
      const hits = ctx.store.memorySearch(ctx.workspace.id, args.query, args.limit ?? 10);
      const results = hits.map(({ workspace: _w, ...h }) => h);
      const now = ctx.now();
      const text = hits.length
        ? hits
            .map(
              (h) =>
                `- ${h.text}\n  (${h.id}${h.tags.length ? `, tags: ${h.tags.join(', ')}` : ''}` +
                `${h.agent ? `, by ${h.agent}` : ''}, ${describeAge(now - h.time)})`,
            )
            .join('\n')
        : `no findings${args.query.trim() ? ` match "${args.query.trim()}"` : ''} in workspace ${ctx.workspace.root}`;
      return { content: [{ type: 'text' as const, text }], structuredContent: { results } };
    },
  );
}
