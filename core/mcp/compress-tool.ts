import { randomUUID } from 'node:crypto';
import { workspaceScope } from '../ccr/scope.js';
import { recordOutcome } from '../ccr/record-outcome.js';
import { isAbsolute, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { z } from 'zod';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { compress } from '../compress.js';
import { compressAsync, type AsyncCompressResult } from '../prose-model/compress-async.js';
import { describeProse } from '../prose-model/describe.js';
import { CONTENT_KINDS, type CompressResult, type ContentKind } from '../types.js';
import { countTokens } from '../util/tokens.js';
import { contentId } from '../util/hash.js';
import { readInput } from '../util/read-input.js';
import { toolError, type McpContext } from './context.js';
import { describeAge } from './format.js';

const KINDS = ['auto', ...CONTENT_KINDS] as const;

const inputSchema = {
  text: z
    .string()
    .optional()
    .describe('The text to compress (a tool output, log, JSON, search results, diff, code…). Give this or path.'),
  path: z
    .string()
    .min(1)
    .optional()
    .describe('A file to read and compress instead of text (relative paths resolve against the server folder).'),
  query: z.string().max(2000).optional().describe('What you are looking for: lines and items matching it are kept.'),
  kind: z.enum(KINDS).optional().describe('Force a content kind instead of detecting it.'),
};

const outputSchema = {
  kind: z.string(),
  compressed: z.boolean(),
  originalTokens: z.number(),
  compressedTokens: z.number(),
  originalId: z.string().optional().describe('headroom_retrieve this id for the exact original'),
  ccr: z.array(z.string()).describe('ids named by the markers in the output'),
  reason: z.string().optional().describe('why the text came back unchanged'),
  seenBefore: z
    .object({ agent: z.string(), time: z.number() })
    .optional()
    .describe('another agent in this workspace already received this content'),
  prose: z
    .string()
    .optional()
    .describe('with a prose model configured: which engine compressed the prose, and why not the model'),
};

/**
 * `headroom_compress`: text or a file → compressed text; the original and every omitted part are stored for
 * retrieval.
 */
export function registerCompressTool(server: McpServer, ctx: McpContext): void {
  server.registerTool(
    'headroom_compress',
    {
      title: 'Compress text or a file',
      description:
        'Compresses a large text or file (JSON, logs, build output, search results, diffs, code) so it costs fewer ' +
        'tokens, keeping errors, anomalies and lines matching the query. Everything left out is stored: markers name ' +
        'an id that headroom_retrieve turns back into the exact original.',
      inputSchema,
      outputSchema,
      annotations: { readOnlyHint: false, idempotentHint: true, openWorldHint: false },
    },
    async (args) => {
      if ((args.text === undefined) === (args.path === undefined)) return toolError('give exactly one of text or path');
      let text: string;
      let fileName: string | undefined;
      if (args.path !== undefined) {
        if (args.path === '-')
          return toolError('path "-" (stdin) is not available inside the MCP server; pass text instead');
        const file = isAbsolute(args.path) ? args.path : resolve(ctx.cwd, args.path);
        const input = await readInput(file);
        if (!input.ok) return toolError(input.message);
        text = input.text;
        fileName = file;
      } else {
        text = args.text!;
      }
      const t0 = performance.now();
      const kind = (args.kind ?? 'auto') as ContentKind | 'auto';
      const options = { query: args.query, kind, fileName, minChars: 0, grammars: ctx.grammars };
      const r: AsyncCompressResult = ctx.prose
        ? await compressAsync(text, { ...options, prose: ctx.prose.model, budgetMs: ctx.prose.budgetMs })
        : compress(text, options);
      const compressMs = performance.now() - t0;
      // durable before the marker is returned, readable by this workspace's servers (and the owner)
      if (r.compressed) await recordOutcome(ctx.store, { records: r.records }, workspaceScope(ctx.workspace.id));
      const before = countTokens(text);
      const after = r.compressed ? countTokens(r.output) : before;
      record(ctx, r, before, after, compressMs, fileName ? 'file' : 'text');
      const seen = noteSeen(ctx, r.originalId ?? contentId(text), before);

      const structured = {
        kind: r.kind,
        compressed: r.compressed,
        originalTokens: before,
        compressedTokens: after,
        ccr: r.ccr,
        ...(r.originalId ? { originalId: r.originalId } : {}),
        ...(r.reason ? { reason: r.reason } : {}),
        ...(seen ? { seenBefore: seen } : {}),
        ...(r.prose ? { prose: describeProse(r.prose) } : {}),
      };
      return {
        content: [
          { type: 'text' as const, text: r.output },
          { type: 'text' as const, text: summary(ctx, r, before, after, seen) },
        ],
        structuredContent: structured,
      };
    },
  );
}

function summary(
  ctx: McpContext,
  r: CompressResult,
  before: number,
  after: number,
  seen: { agent: string; time: number } | undefined,
): string {
  const parts = [
    r.compressed
      ? `headroom: ${r.kind}, ${before} → ${after} tokens ` +
        `(${Math.round((100 * (before - after)) / Math.max(1, before))}% saved); ` +
        `exact original: headroom_retrieve id ${r.originalId}`
      : `headroom: returned unchanged (${r.reason ?? 'no shorter form'}), ${before} tokens`,
  ];
  if (seen)
    parts.push(
      `the same content was received earlier in this workspace by ${seen.agent} ` +
        `(${describeAge(ctx.now() - seen.time)})`,
    );
  return parts.join('\n');
}

/** Counts the call in this session and in the store's request log, so `headroom stats` shows MCP savings too. */
function record(
  ctx: McpContext,
  r: CompressResult,
  before: number,
  after: number,
  compressMs: number,
  source: string,
): void {
  ctx.session.compressions++;
  ctx.session.tokensBefore += before;
  ctx.session.tokensAfter += after;
  ctx.store.recordRequest({
    id: randomUUID(),
    time: ctx.now(),
    provider: 'mcp',
    agent: ctx.agent(),
    tokensBefore: before,
    tokensAfter: after,
    compressMs: Math.round(compressMs * 1000) / 1000,
    units: [
      {
        path: `headroom_compress.${source}`,
        kind: r.kind,
        tokensBefore: before,
        tokensAfter: after,
        tool: 'headroom_compress',
        ...(r.originalId ? { originalId: r.originalId } : { reason: r.reason }),
      },
    ],
  });
}

/** Dedup is recorded and reported, never acted on: the other agent's context is not this one's. */
function noteSeen(ctx: McpContext, id: string, tokens: number): { agent: string; time: number } | undefined {
  const r = ctx.store.noteSeen({
    workspace: ctx.workspace.id,
    contentId: id,
    runId: ctx.runId,
    agent: ctx.agent(),
    tokens,
    time: ctx.now(),
  });
  if (!r.duplicate) return undefined;
  ctx.session.duplicates++;
  return { agent: r.first.agent, time: r.first.time };
}
