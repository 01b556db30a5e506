import { randomUUID } from 'node:crypto';
import type { GrammarSource } from '../types.js';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { HeadroomStore } from '../ccr/store-types.js';
import type { Workspace } from '../memory/workspace.js';
import { newSession, type McpContext } from './context.js';
import { registerCompressTool } from './compress-tool.js';
import { registerRetrieveTool } from './retrieve-tool.js';
import { registerStatsTool } from './stats-tool.js';
import { registerMemoryTools } from './memory-tools.js';
import type { ProseModel } from '../prose-model/service.js';

export interface HeadroomMcpOptions {
  store: HeadroomStore;
  workspace: Workspace;
  /** Relative `path` arguments resolve against this folder. Default: the workspace root. */
  cwd?: string;
  version?: string;
  now?: () => number;
  /** Prose through a model; the caller owns (warms up and closes) it. */
  prose?: { model: ProseModel; budgetMs?: number };
  /** The grammars code is parsed with (loaded by the caller); default: the process's defaultGrammars. */
  grammars?: GrammarSource;
}

const INSTRUCTIONS = [
  'Headroom keeps large tool outputs small and reversible.',
  '- headroom_compress: pass a big text or a file path (plus what you are looking for as query) to get a much ' +
    'shorter version; errors, anomalies and matching lines are kept.',
  '- Markers like "[… 87 lines omitted · retrieve hr_…]" name an id: headroom_retrieve returns the exact ' +
    'original, or only some lines/rows of it.',
  '- headroom_memory_put / headroom_memory_search share findings with other agents working on this same workspace.',
].join('\n');

/** The Headroom MCP server (not yet connected to a transport): compress, retrieve, stats, and shared memory. */
export function createHeadroomMcpServer(opts: HeadroomMcpOptions): { server: McpServer; context: McpContext } {
  const now = opts.now ?? Date.now;
  const server = new McpServer({ name: 'headroom', version: opts.version ?? '0.1.0' }, { instructions: INSTRUCTIONS });
  const context: McpContext = {
    store: opts.store,
    workspace: opts.workspace,
    cwd: opts.cwd ?? opts.workspace.root,
    runId: `mcp-${randomUUID()}`,
    agent: () => `mcp:${server.server.getClientVersion()?.name ?? 'unknown'}`,
    now,
    session: newSession(now()),
    prose: opts.prose,
    grammars: opts.grammars,
  };
  registerCompressTool(server, context);
  registerRetrieveTool(server, context);
  registerStatsTool(server, context);
  registerMemoryTools(server, context);
  return { server, context };
}
