import { workspaceScope } from '../ccr/scope.js';
import { recordOutcome } from '../ccr/record-outcome.js';
import { resolveWorkspace } from '../memory/workspace.js';
import { randomUUID } from 'node:crypto';
import type { CompressResult } from '../types.js';
import { openCliStore } from './cli-store.js';
import type { CliIo } from './io.js';

export interface CompressRun {
  originalTokens: number;
  compressedTokens: number;
  compressMs: number;
  fileName?: string;
}

/**
 * Stores a compressed run's originals and counts the run in `headroom stats` (provider `cli`), then saves the store
 * now: a failed save rejects, so the caller can pass the input through instead of printing dead markers.
 */
export async function storeCompressRun(io: CliIo, result: CompressResult, run: CompressRun): Promise<void> {
  const store = await openCliStore(io);
  try {
    // durable before the markers are printed; readable by this workspace's MCP servers (and the owner)
    await recordOutcome(store, { records: result.records }, workspaceScope(resolveWorkspace(process.cwd()).id));
    store.recordRequest({
      id: randomUUID(),
      time: Date.now(),
      provider: 'cli',
      tokensBefore: run.originalTokens,
      tokensAfter: run.compressedTokens,
      compressMs: Math.round(run.compressMs * 1000) / 1000,
      units: [
        {
          path: run.fileName ? 'file' : 'stdin',
          kind: result.kind,
          tokensBefore: run.originalTokens,
          tokensAfter: run.compressedTokens,
          tool: 'headroom compress',
          ...(result.originalId ? { originalId: result.originalId } : {}),
        },
      ],
    });
    await store.flush();
  } finally {
    await store.close();
  }
}
