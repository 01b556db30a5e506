import { z } from 'zod';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { DamagedRecordError } from '../ccr/verify-content.js';
import { workspaceScope } from '../ccr/scope.js';
import { toolError, type McpContext } from './context.js';
import { parseRange, sliceLines, sliceRows, type Part } from './ranges.js';

const ID_RE = /^hr_[0-9a-f]{16}$/;

const inputSchema = {
  id: z
    .string()
    .regex(ID_RE, 'an id looks like hr_0123456789abcdef (from a marker or headroom_compress)')
    .describe('The id from a marker ("retrieve hr_…") or from headroom_compress.'),
  lines: z.string().max(40).optional().describe('Only these lines, 1-based and inclusive: "120-161" or "42".'),
  rows: z
    .string()
    .max(40)
    .optional()
    .describe(
      'Only these rows of a JSON array or NDJSON, 0-based and inclusive like the markers\' "index 10–20": "10-20".',
    ),
};

const outputSchema = {
  id: z.string(),
  chars: z.number().describe('characters returned'),
  unit: z.enum(['all', 'lines', 'rows']),
  from: z.number().optional(),
  to: z.number().optional(),
  total: z.number().optional().describe('lines or rows in the whole original'),
};

/**
 * `headroom_retrieve`: the exact original (or an exact part of it) behind an id. Retrieved text is never compressed.
 */
export function registerRetrieveTool(server: McpServer, ctx: McpContext): void {
  server.registerTool(
    'headroom_retrieve',
    {
      title: 'Retrieve an original',
      description:
        'Returns the exact content behind a Headroom id ("retrieve hr_…" in a marker, ' +
        'or originalId from headroom_compress), optionally only some lines or JSON rows.',
      inputSchema,
      outputSchema,
      annotations: { readOnlyHint: true, idempotentHint: true, openWorldHint: false },
    },
    async (args) => {
      if (args.lines !== undefined && args.rows !== undefined) return toolError('give lines or rows, not both');
      let content: string | undefined;
      try {
        // only this workspace's originals: a server started for another workspace cannot read them (issue 16 item 6)
        content = ctx.store.get(args.id, workspaceScope(ctx.workspace.id));
      } catch (e) {
        if (!(e instanceof DamagedRecordError)) throw e;
        ctx.session.retrievals++;
        ctx.store.recordRetrieval({ id: args.id, time: ctx.now(), via: 'mcp', found: false });
        return toolError(e.message);
      }
      ctx.session.retrievals++;
      ctx.store.recordRetrieval({ id: args.id, time: ctx.now(), via: 'mcp', found: content !== undefined });
      if (content === undefined)
        return toolError(
          `no original stored under ${args.id}: the id is unknown or expired ` +
            '(originals are kept 7 days after last use). Re-run the tool that produced it, or re-read the file.',
        );

      const spec = args.lines ?? args.rows;
      if (spec === undefined) {
        return {
          content: [{ type: 'text' as const, text: content }],
          structuredContent: { id: args.id, chars: content.length, unit: 'all' as const },
        };
      }
      const range = parseRange(spec);
      if (!range) return toolError(`"${spec}" is not a range; use "FROM-TO" (e.g. "120-161") or one number`);
      const unit = args.lines !== undefined ? ('lines' as const) : ('rows' as const);
      const part: Part = unit === 'lines' ? sliceLines(content, range) : sliceRows(content, range);
      if (!part.ok) return toolError(`${args.id}: ${part.message}`);
      return {
        content: [{ type: 'text' as const, text: part.text }],
        structuredContent: {
          id: args.id,
          chars: part.text.length,
          unit,
          from: part.from,
          to: part.to,
          total: part.total,
        },
      };
    },
  );
}
