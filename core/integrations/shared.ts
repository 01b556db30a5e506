/**
 * What the library integrations (fetch wrapper, express middleware, AI SDK middleware) share: the store they write
 * to, which provider a URL speaks, and the request record + dedup note made after a request went out.
 */
import { randomUUID } from 'node:crypto';
import { openStore } from '../ccr/store.js';
import type { CcrStore, HeadroomStore, SharedContextStore } from '../ccr/store-types.js';
import { headroomHome } from '../config/home.js';
import type { Provider, UnitOutcome } from '../messages/types.js';
import { providerOfUrlPath } from '../providers/index.js';
import { buildRecord, countUnits, TokenCounter } from '../proxy/records.js';
import { resolveWorkspace, type Workspace } from '../memory/workspace.js';

export interface IntegrationOptions {
  /**
   * Where originals and records go. Default: the store in HEADROOM_HOME (~/.headroom), shared with the CLI, the
   * proxy and the MCP server, so `headroom retrieve ID` and `headroom_retrieve` redeem this process's markers.
   */
  store?: CcrStore | Promise<CcrStore>;
  /** Shown as the agent in `headroom stats` and the panel. Default `library`. */
  agent?: string;
  /** A folder of the project this client works on: its tool outputs are noted for per-workspace dedup. */
  workspace?: string;
}

/** The store an integration writes to: the given one, or the default one opened on first use and saved before exit. */
export function storeResolver(given: IntegrationOptions['store']): () => Promise<CcrStore> {
  let opened: Promise<CcrStore> | undefined;
  return () => {
    if (given) return Promise.resolve(given);
    opened ??= openStore({ dir: headroomHome() }).then((s: HeadroomStore) => {
      // the store saves on a debounce; a short script must not exit with its originals unsaved
      process.once('beforeExit', () => void s.close());
      return s;
    });
    return opened;
  };
}

/** The provider whose request shape a URL's path names (any prefix before it: gateways, `/openai/v1`, …). */
export function providerOfUrl(url: string): Provider | undefined {
  let path: string;
  try {
    path = new URL(url, 'http://x').pathname;
  } catch {
    return undefined;
  }
  return providerOfUrlPath(path);
}

const hasShared = (s: CcrStore): s is CcrStore & SharedContextStore =>
  typeof (s as Partial<SharedContextStore>).noteSeen === 'function';

/** Records requests and notes compressed outputs for dedup, off the request's path. */
export class RequestRecorder {
  private readonly tokens = new TokenCounter();
  private readonly runId = `lib-${randomUUID()}`;
  private readonly workspace: Workspace | undefined;
  constructor(
    private readonly agent: string,
    workspaceDir: string | undefined,
  ) {
    this.workspace = workspaceDir ? resolveWorkspace(workspaceDir) : undefined;
  }

  record(
    store: CcrStore,
    provider: Provider | string,
    units: readonly UnitOutcome[],
    compressMs: number,
    reason: string | undefined,
    model?: string,
  ): void {
    const time = Date.now();
    setImmediate(async () => {
      try {
        const rec = buildRecord(
          { id: randomUUID(), time, provider, agent: this.agent, compressMs, passthroughReason: reason, model },
          await countUnits(units, this.tokens),
          undefined,
        );
        store.recordRequest(rec);
        if (!this.workspace || !hasShared(store)) return;
        for (const u of rec.units)
          if (u.originalId)
            store.noteSeen({
              workspace: this.workspace.id,
              contentId: u.originalId,
              runId: this.runId,
              agent: this.agent,
              tokens: u.tokensBefore,
              time,
            });
      } catch {
        // stats only: the request itself already went out
      }
    });
  }
}
