import type { HeadroomStore } from '../ccr/store-types.js';
import type { GrammarSource } from '../types.js';
import type { Workspace } from '../memory/workspace.js';
import type { ProseModel } from '../prose-model/service.js';

/** What this server process did since it started (the `session` part of headroom_stats). */
export interface SessionCounters {
  started: number;
  compressions: number;
  tokensBefore: number;
  tokensAfter: number;
  retrievals: number;
  memoryPuts: number;
  duplicates: number;
}

/** Everything the tools need, built once per server. */
export interface McpContext {
  store: HeadroomStore;
  /** Fixed for the server's lifetime: tool arguments can never reach another workspace. */
  workspace: Workspace;
  /** Relative `path` arguments resolve against this folder. */
  cwd: string;
  /** This server's run id (dedup: outputs it compresses are noted under it). */
  runId: string;
  /** `mcp:<client name>` once the client said who it is. */
  agent(): string;
  now(): number;
  session: SessionCounters;
  /** Prose through a model (headroom mcp --prose-model): each call waits for it at most `budgetMs`. */
  prose?: { model: ProseModel; budgetMs?: number };
  /** The grammars code is parsed with; default: the process's defaultGrammars. */
  grammars?: GrammarSource;
}

export function newSession(now: number): SessionCounters {
  return {
    started: now,
    compressions: 0,
    tokensBefore: 0,
    tokensAfter: 0,
    retrievals: 0,
    memoryPuts: 0,
    duplicates: 0,
  };
}

export type ToolText = { type: 'text'; text: string };

/** A tool error the model can act on (the SDK sends it as a result with isError, not as a protocol error). */
export function toolError(message: string): { content: ToolText[]; isError: true } {
  return { content: [{ type: 'text', text: message }], isError: true };
}
