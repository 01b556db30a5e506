/**
 * The narrow seam between the extension and core's proxy and CCR store: nothing else in extension/ imports
 * core/proxy or core/ccr/store. What the extension needs — open the store, listen, hear about requests and
 * retrievals, read records and originals back, close and flush — is here, in the extension's own words.
 */
import type { CcrStore, RequestRecord, RetrievalRecord, StoreTotals, StoreWarning } from '../core/ccr/store-types.js';
import { MARKER_ID_RE, MARKER_RE } from '../core/ccr/marker.js';
import type { CompressMessagesOptions, MessagesResult, Provider } from '../core/messages/types.js';
import type { RunningProxy } from '../core/proxy/start-proxy.js';
import type { ModelStatus } from '../core/prose-model/service.js';
import type { GrammarSource } from '../core/types.js';
import { DEFAULT_BASES, normalizeBase, type UpstreamBases } from '../core/providers/upstream-url.js';
import { normalizeCopilotBase } from '../core/copilot/upstream.js';
import { DEFAULT_BODY_BUDGET } from '../core/proxy/body-budget.js';
import { isUserLookup, ZERO_TOTALS, type Totals } from './totals.js';

// The store, the proxy (express) and the engine (tokenizer, compressors) cost ~0.5 s to load: they are imported
// when first needed, after activation has returned, so VS Code's startup never waits for them.
const loadStore = () => import('../core/ccr/store.js');
const loadProxy = () => import('../core/proxy/start-proxy.js');
const loadEngine = () => import('../core/messages/compress-messages.js');
const loadProse = async () => {
  const [model, messages] = await Promise.all([
    import('../core/prose-model/index.js'),
    import('../core/messages/compress-messages-async.js'),
  ]);
  return { ProseModel: model.ProseModel, compressMessagesAsync: messages.compressMessagesAsync };
};
const loadCode = () => import('../core/compressors/code/index.js');
type Engine = Awaited<ReturnType<typeof loadEngine>>;

/**
 * Loads the tree-sitter grammars the code compressor needs (`<dist>/syntaxes`, shipped in the VSIX). Must finish
 * before the proxy takes requests: a code unit seen earlier would be memoized as a pass-through for good.
 */
export async function loadCodeGrammars(
  grammarsDir: string,
): Promise<{ grammars: GrammarSource; loaded: string[]; failed: string[] }> {
  const { GrammarRegistry } = await loadCode();
  const grammars = new GrammarRegistry();
  const r = await grammars.init({ grammarsDir });
  return { grammars, loaded: r.loaded, failed: r.failed.map((f) => `${f.language}: ${f.error}`) };
}

export type { RequestRecord, RetrievalRecord, StoreTotals, UpstreamBases };

/** Core's upstream defaults (the public provider endpoints). */
export const PROXY_DEFAULT_BASES: Readonly<UpstreamBases> = DEFAULT_BASES;

/** Core's large-body admission defaults (core/proxy/body-budget.ts): MiB held at once, requests allowed to wait. */
export const PROXY_DEFAULT_BODY_BUDGET = {
  mb: DEFAULT_BODY_BUDGET.maxBytes / 1048576,
  queue: DEFAULT_BODY_BUDGET.maxQueued,
} as const;

/** Finds CCR ids (`hr_` + 16 hex) in text. */
export const CCR_ID_RE = new RegExp(MARKER_ID_RE.source);

/**
 * RegExp source (use with flag `g`) for a whole marker as core's `formatMarker` writes it:
 * `[… 87 lines omitted: note · retrieve hr_1a2b3c4d5e6f7a8b]`. Core's own MARKER_RE, handed to the webview as text
 * (it cannot import core): one definition, so a marker core writes is one the panel finds, whatever its length.
 */
export const MARKER_PATTERN = MARKER_RE.source;

/** RegExp source for the CCR id inside a marker (core's MARKER_ID_RE). */
export const MARKER_ID_PATTERN = MARKER_ID_RE.source;

/**
 * A warning from the running proxy, typed by where it comes from, so the extension routes it without reading its
 * text: `prose-model` (the model could not load: prose is compressed extractively), `proxy` (a request-level
 * problem). The store's own warnings are typed StoreWarnings (HeadroomStore.open).
 */
export interface HostWarning {
  kind: 'prose-model' | 'proxy';
  message: string;
}

export interface ListenOptions {
  port: number;
  bases: UpstreamBases;
  /** Copilot Chat's API base for `/copilot/<secret>/…`. */
  copilotBase: string;
  /** HEADROOM_HOME (the store folder): the Copilot route's secret and the named upstreams live there. */
  home: string;
  minChars: number;
  retrieveTool: boolean;
  maxRetrieveRounds: number;
  /** MiB of large request bodies held (buffered and compressed) at once (`headroom proxy --body-budget-mb`). */
  bodyBudgetMb: number;
  /** Large requests allowed to wait for the body budget; one more is answered 503 (`--body-queue`). */
  bodyQueue: number;
  /** Whether the new proxy starts paused (a restart keeps the state the old one had). */
  paused: boolean;
  /** The proxy's pause state changed (from this window or through `PUT /pause` from another one). */
  onPausedChange: (paused: boolean) => void;
  onRequest: (rec: RequestRecord) => void;
  onRetrieval: (rec: RetrievalRecord) => void;
  onWarning: (warning: HostWarning) => void;
  /** Prose through a model (its manifest), each request waiting for it at most `budgetMs`. */
  prose?: { manifestPath: string; budgetMs: number };
  /** The prose model finished loading (ready or unavailable). */
  onProseSettled?: (status: ModelStatus) => void;
  /** The code compressor's grammars (loadCodeGrammars); without them code passes through. */
  grammars?: GrammarSource;
  /**
   * The folder `grammars` came from: the proxy's compression workers load the same grammars from it (without it,
   * and with `grammars`, new units are compressed on the extension host's main thread).
   */
  grammarsDir?: string;
}

export interface ListeningProxy {
  url: string;
  port: number;
  /** Whether this proxy is paused: while it is, bodies go upstream exactly as the agent sent them. */
  paused(): boolean;
  setPaused(paused: boolean): void;
  /** The prose model's state (loading, ready, unavailable and why), when one is configured. */
  proseModel(): ModelStatus | undefined;
  /**
   * Frees the port at once (resolves then) and lets requests in flight finish, up to `drainMs`: a settings change
   * does not cut an agent's answer mid-stream. The store must stay open until `drained`.
   */
  retire(drainMs: number): Promise<{ drained: Promise<void> }>;
  close(): Promise<void>;
}

/** The port is taken; `code` is the socket error's code (EADDRINUSE, EACCES). */
export class PortUnavailableError extends Error {
  constructor(
    readonly port: number,
    readonly code: string,
  ) {
    super(code === 'EADDRINUSE' ? `port ${port} is in use` : `cannot listen on port ${port} (${code})`);
    this.name = 'PortUnavailableError';
  }
}

/** Returns the first base URL that is not a usable http(s) URL, as `family: reason`, or undefined when all are. */
export function invalidBase(bases: UpstreamBases): string | undefined {
  for (const family of ['anthropic', 'openai', 'gemini'] as const) {
    try {
      normalizeBase(bases[family], family);
    } catch (e) {
      return `${family}: ${(e as Error).message}`;
    }
  }
  return undefined;
}

/** `copilot: reason` when Copilot's base is not a usable http(s) URL, else undefined. */
export function invalidCopilotBase(base: string): string | undefined {
  try {
    normalizeCopilotBase(base);
    return undefined;
  } catch (e) {
    return `copilot: ${(e as Error).message}`;
  }
}

/** The store the extension holds open for its lifetime, shared with the CLI and MCP server through its folder. */
export class HeadroomStore {
  private constructor(
    private readonly store: CcrStore,
    private readonly engine: Engine,
  ) {}

  /** `wasmPath`: sql.js's wasm next to the bundle (dist/sql-wasm.wasm). `onWarning`: the store's typed warnings. */
  static async open(dir: string, wasmPath?: string, onWarning?: (w: StoreWarning) => void): Promise<HeadroomStore> {
    const [{ openStore }, engine] = await Promise.all([loadStore(), loadEngine()]);
    return new HeadroomStore(await openStore({ dir, wasmPath, onWarning }), engine);
  }

  /** Starts the proxy on 127.0.0.1 (it carries the user's API keys; never on the network). */
  async listen(o: ListenOptions): Promise<ListeningProxy> {
    const prose = o.prose ? await loadProse() : undefined;
    const model =
      prose && o.prose
        ? new prose.ProseModel({ manifestPath: o.prose.manifestPath, budgetMs: o.prose.budgetMs })
        : undefined;
    // pausing is the proxy's own switch (core/proxy/pause.ts), shared by every window through GET/PUT /pause
    // without a prose model the proxy's own engine runs, new units in its compression workers (core/compress-pool)
    const compressBody =
      prose && model
        ? <T>(body: T, provider: Provider, opts: CompressMessagesOptions): Promise<MessagesResult<T>> =>
            prose.compressMessagesAsync(body, provider, { ...opts, minChars: o.minChars, prose: model })
        : undefined;
    model?.warmup(); // loads in its worker while the proxy binds; a request before it is ready falls back at once
    const { startProxy } = await loadProxy();
    let running: RunningProxy;
    try {
      running = await startProxy({
        store: this.store,
        port: o.port,
        host: '127.0.0.1',
        bases: o.bases,
        home: o.home,
        copilotBase: o.copilotBase,
        retrieveTool: o.retrieveTool,
        maxRetrieveRounds: o.maxRetrieveRounds,
        bodyBudget: { maxBytes: o.bodyBudgetMb * 1048576, maxQueued: o.bodyQueue },
        compressBody,
        minChars: o.minChars,
        grammars: o.grammars,
        grammarsDir: o.grammarsDir,
      });
    } catch (e) {
      await model?.close();
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'EADDRINUSE' || code === 'EACCES') throw new PortUnavailableError(o.port, code);
      throw e;
    }
    if (model) {
      void model.whenSettled().then((s) => {
        if (s.state === 'unavailable')
          o.onWarning({
            kind: 'prose-model',
            message: `prose model ${s.modelId ?? ''} unavailable, prose is compressed extractively: ${s.reason}`,
          });
        o.onProseSettled?.(s);
      });
    }
    running.pause.set(o.paused);
    running.pause.on('change', o.onPausedChange);
    running.events.on('request', o.onRequest);
    running.events.on('retrieval', o.onRetrieval);
    running.events.on('warning', (w) =>
      o.onWarning({ kind: 'proxy', message: w.requestId ? `${w.message} (request ${w.requestId})` : w.message }),
    );
    return {
      url: running.url,
      port: running.port,
      paused: () => running.pause.paused,
      setPaused: (p) => running.pause.set(p),
      proseModel: () => model?.status(),
      retire: async (drainMs) => {
        running.pause.removeAllListeners(); // its successor holds the state now
        const { drained } = await running.retire(drainMs);
        return {
          drained: drained.then(async () => {
            running.events.removeAllListeners();
            await model?.close();
          }),
        };
      },
      close: async () => {
        running.events.removeAllListeners();
        running.pause.removeAllListeners();
        await running.close();
        await model?.close();
      },
    };
  }

  /** Newest first; `beforeTime` pages backwards. */
  requests(limit: number, beforeTime?: number): RequestRecord[] {
    return this.store.recentRequests(limit, beforeTime);
  }

  retrievals(limit: number): RetrievalRecord[] {
    return this.store.recentRetrievals(limit);
  }

  totals(sinceTime?: number): StoreTotals {
    return this.store.totals(sinceTime);
  }

  /**
   * All-time figures for the status bar and panel, with the user's lookups told apart from models' retrievals (from
   * the retrieval log, which the store trims to its newest rows). Tokens retrieved are not stored: 0 here.
   */
  allTimeTotals(): Totals {
    const t = this.store.totals();
    const lookups = this.store.recentRetrievals(Math.max(1, t.retrievals)).filter((r) => isUserLookup(r.via)).length;
    return {
      ...ZERO_TOTALS,
      requests: t.requests,
      tokensBefore: t.tokensBefore,
      tokensAfter: t.tokensAfter,
      retrievals: Math.max(0, t.retrievals - lookups),
      lookups,
    };
  }

  /**
   * The exact original stored under a CCR id, or undefined when unknown or expired. Throws the store's
   * DamagedRecordError (with a message for the user) when the text on disk no longer matches its id.
   */
  original(id: string): string | undefined {
    return this.store.get(id);
  }

  /** What the model was sent for this original: the memoized bytes (undefined if the memo no longer has them). */
  compressedFor(original: string): string | undefined {
    return this.store.getMemo(this.engine.memoKey(original))?.output;
  }

  recordRetrieval(rec: RetrievalRecord): void {
    this.store.recordRetrieval(rec);
  }

  flush(): Promise<void> {
    return this.store.flush();
  }

  /** Persists and closes; the instance is unusable afterwards. */
  close(): Promise<void> {
    return this.store.close();
  }
}
