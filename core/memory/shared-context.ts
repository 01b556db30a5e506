/**
 * The library face of shared context: one object per (store, workspace, agent) that stores and searches findings
 * and notes received outputs for dedup, never reaching outside its workspace.
 */
import { randomUUID } from 'node:crypto';
import type { DedupTotals, MemoryEntry, MemoryHit, SeenResult, SharedContextStore } from '../ccr/store-types.js';
import { contentId } from '../util/hash.js';
import { resolveWorkspace, type Workspace } from './workspace.js';

export interface SharedContext {
  readonly workspace: Workspace;
  put(text: string, tags?: readonly string[]): MemoryEntry;
  search(query: string, limit?: number): MemoryHit[];
  /** Notes that this agent received `content` (a tool output or file); says whether another agent had it first. */
  received(content: string, tokens?: number): SeenResult;
  duplicates(sinceTime?: number): DedupTotals;
}

/**
 * Shared context for the workspace that `dir` belongs to (the enclosing git checkout, else `dir`). `agent` names
 * who writes (e.g. `my-bot`); every SharedContext is its own run for dedup purposes.
 */
export function sharedContext(store: SharedContextStore, dir: string, agent = 'library'): SharedContext {
  const workspace = resolveWorkspace(dir);
  const runId = `ctx-${randomUUID()}`;
  return {
    workspace,
    put: (text, tags) => store.memoryPut(workspace.id, { text, tags, agent }),
    search: (query, limit) => store.memorySearch(workspace.id, query, limit),
    received: (content, tokens = 0) =>
      store.noteSeen({
        workspace: workspace.id,
        contentId: contentId(content),
        runId,
        agent,
        tokens,
        time: Date.now(),
      }),
    duplicates: (since) => store.dedupTotals(workspace.id, since),
  };
}
