/**
 * The proxy's life inside the extension host: open the store, listen on the configured port, restart when settings
 * change, pause, and close and flush on deactivation. It holds the session and all-time totals the status bar and
 * the panel show. No `vscode` import: the extension turns its state into UI, and tests drive it under plain Node.
 */
import { EventEmitter } from 'node:events';
import { performance } from 'node:perf_hooks';
import type { HeadroomConfig } from './config.js';
import {
  HeadroomStore,
  invalidBase,
  invalidCopilotBase,
  loadCodeGrammars,
  PortUnavailableError,
  type ListeningProxy,
  type RequestRecord,
  type RetrievalRecord,
} from './proxy-host.js';
import { fetchProxyPaused, fetchProxyTotals, isHeadroomProxy, nextFreePort, putProxyPaused } from './port.js';
import { addRequest, addRetrieval, ZERO_TOTALS, type Totals } from './totals.js';
import type { ProxyState } from './proxy-state.js';
import { installedModelsDir, manifestPathFor } from '../core/prose-model/locate.js';
import type { ModelStatus } from '../core/prose-model/service.js';
import type { GrammarSource } from '../core/types.js';

export type { ProxyState };

export interface ProxyServiceEvents {
  state: [ProxyState];
  /** Session or all-time totals changed. */
  totals: [];
  request: [RequestRecord];
  retrieval: [RetrievalRecord];
  warning: [string];
  /** The configured prose model cannot be used (not installed, fails to load); prose is compressed extractively. */
  proseProblem: [string];
}

export interface ProxyServiceOptions {
  /** Store folder when `headroom.storeDir` is empty (HEADROOM_HOME or ~/.headroom). */
  defaultStoreDir: string;
  /** sql.js's wasm next to the bundle. */
  wasmPath?: string;
  /** Tree-sitter grammars for the code compressor (`<dist>/syntaxes`); without it code units pass through. */
  grammarsDir?: string;
  /** The prose models shipped with the extension (`<dist>/models`). */
  bundledModelsDir?: string;
  /** Why this build cannot run the prose model (the universal VSIX has no onnxruntime), if it cannot. */
  proseUnavailable?: string;
  /** How long requests in flight may finish on the old proxy after a settings change (default 2 minutes). */
  restartDrainMs?: number;
  /** How often an external proxy's pause state is read (its totals every fifth time). Default 2 s. */
  externalPollMs?: number;
  log?: (message: string) => void;
}

/** An agent's answer can stream for minutes; past this a restart cuts what is left. */
const RESTART_DRAIN_MS = 120_000;

/** The one place the extension starts and stops the proxy; calls are serialized, so settings may change at any time. */
export class ProxyService extends EventEmitter<ProxyServiceEvents> {
  state: ProxyState = { kind: 'starting' };
  paused = false;
  session: Totals = ZERO_TOTALS;
  allTime: Totals = ZERO_TOTALS;
  private store: HeadroomStore | undefined;
  private storeDir: string | undefined;
  private proxy: ListeningProxy | undefined;
  /** Proxies a restart replaced, finishing their requests in flight (closed when their store closes). */
  private readonly retiring = new Set<ListeningProxy>();
  private poll: NodeJS.Timeout | undefined;
  private queue: Promise<void> = Promise.resolve();
  private config: HeadroomConfig | undefined;
  private grammars: Promise<GrammarSource | undefined> | undefined;
  /** How long the last start took: opening the store (loads sql.js and the engine) and binding the proxy. */
  lastStart: { storeMs?: number; grammarsMs?: number; listenMs?: number } = {};
  private disposed = false;
  private readonly retrievedTokens = new Map<string, number>();

  constructor(private readonly opts: ProxyServiceOptions) {
    super();
  }

  /** The open store (undefined before the first `apply` finished or when it could not be opened). */
  get storeHandle(): HeadroomStore | undefined {
    return this.store;
  }

  /** The URL agents should use, when a proxy (ours or another window's) serves it. */
  get url(): string | undefined {
    return this.state.kind === 'running' || this.state.kind === 'external' ? this.state.url : undefined;
  }

  /** (Re)starts everything for `config`. Resolves when the new state is reached; never rejects. */
  apply(config: HeadroomConfig): Promise<void> {
    const next = this.queue.then(() => this.applyNow(config));
    this.queue = next.catch(() => undefined);
    return this.queue;
  }

  /**
   * Pauses or resumes compression in the proxy this window uses — its own, or another window's through `PUT /pause` —
   * so every window shows the one state the proxy has. Rejects (with a message for the user) when the other proxy
   * does not take it. Without a proxy, the choice is kept for the next one.
   */
  async setPaused(paused: boolean): Promise<void> {
    // still finding out whose proxy serves the port: decide once that is known
    if (this.state.kind === 'starting') await this.queue;
    if (this.proxy) return this.proxy.setPaused(paused); // onPausedChange reports it
    if (this.state.kind === 'external') {
      const now = await putProxyPaused(this.state.url, paused);
      return this.showPaused(now);
    }
    this.showPaused(paused);
  }

  private showPaused(paused: boolean): void {
    if (this.paused === paused) return;
    this.paused = paused;
    this.opts.log?.(`compression ${paused ? 'paused' : 'resumed'}`);
    this.emit('state', this.state);
  }

  /** Records a retrieval made through the extension (Retrieve Original…) like the proxy records its own. */
  recordRetrieval(rec: RetrievalRecord): void {
    try {
      this.store?.recordRetrieval(rec);
    } catch (e) {
      this.opts.log?.(`could not record retrieval: ${(e as Error).message}`);
    }
    this.onRetrieval(rec);
  }

  /** Closes the proxy, then flushes and closes the store. */
  dispose(): Promise<void> {
    this.disposed = true;
    const done = this.queue.then(async () => {
      await this.stopProxy();
      await this.closeStore();
    });
    this.queue = done.catch(() => undefined);
    return this.queue;
  }

  private async applyNow(config: HeadroomConfig): Promise<void> {
    if (this.disposed) return;
    this.config = config;
    this.setState({ kind: 'starting' });
    const dir = config.storeDir ?? this.opts.defaultStoreDir;
    // answers streaming in finish on the old proxy, unless its store is about to close
    await this.stopProxy(this.store !== undefined && this.storeDir === dir);
    this.lastStart = {};
    const grammars = this.loadGrammarsOnce();
    if (!this.store || this.storeDir !== dir) {
      await this.closeStore();
      try {
        const t0 = performance.now();
        // the store's typed warnings (a failed save, an unreadable file) reach the extension's log
        this.store = await HeadroomStore.open(dir, this.opts.wasmPath, (w) =>
          this.emit('warning', `store (${w.kind}): ${w.message}`),
        );
        this.lastStart.storeMs = Math.round(performance.now() - t0);
        this.storeDir = dir;
        this.allTime = this.store.allTimeTotals();
        this.emit('totals');
      } catch (e) {
        return this.setState({
          kind: 'failed',
          message: `the store in ${dir} could not be opened: ${(e as Error).message}`,
        });
      }
    }
    if (!config.enabled) return this.setState({ kind: 'disabled' });
    const bad = invalidBase(config.upstream) ?? invalidCopilotBase(config.copilotUpstream);
    if (bad) return this.setState({ kind: 'failed', message: `headroom.upstream.${bad}` });
    const codeGrammars = await grammars;
    const prose = this.proseFor(config, dir);
    const t1 = performance.now();
    try {
      this.proxy = await this.store.listen({
        prose,
        grammars: codeGrammars,
        grammarsDir: codeGrammars ? this.opts.grammarsDir : undefined,
        port: config.port,
        bases: config.upstream,
        copilotBase: config.copilotUpstream,
        home: dir,
        minChars: config.minChars,
        retrieveTool: config.retrieveTool,
        maxRetrieveRounds: config.maxRetrieveRounds,
        bodyBudgetMb: config.bodyBudgetMb,
        bodyQueue: config.bodyQueue,
        paused: this.paused,
        onPausedChange: (p) => this.showPaused(p),
        onRequest: (r) => this.onRequest(r),
        onRetrieval: (r) => this.onRetrieval(r),
        onWarning: (w) => {
          this.emit('warning', w.message);
          if (w.kind === 'prose-model') this.emit('proseProblem', w.message);
        },
        onProseSettled: (st) => {
          this.opts.log?.(
            `prose model ${st.modelId ?? ''} ${st.state}${st.loadMs !== undefined ? ` in ${st.loadMs} ms` : ''}`,
          );
          this.emit('state', this.state); // the status bar's tooltip shows the model's state
        },
      });
      this.lastStart.listenMs = Math.round(performance.now() - t1);
      this.showPaused(this.proxy.paused());
      this.setState({ kind: 'running', url: this.proxy.url, port: this.proxy.port });
    } catch (e) {
      if (!(e instanceof PortUnavailableError)) return this.setState({ kind: 'failed', message: (e as Error).message });
      const url = `http://127.0.0.1:${config.port}`;
      if (e.code === 'EADDRINUSE' && (await isHeadroomProxy(url))) {
        this.setState({ kind: 'external', url, port: config.port });
        this.watchExternal(url);
        return;
      }
      this.setState({ kind: 'port-taken', port: config.port, suggestion: await nextFreePort(config.port) });
    }
  }

  /** The prose model's state in the running proxy (undefined without one or without a proxy). */
  proseModelStatus(): ModelStatus | undefined {
    return this.proxy?.proseModel();
  }

  /** The manifest of the configured prose model: installed in the store folder's models/, else shipped. */
  private proseFor(config: HeadroomConfig, storeDir: string): { manifestPath: string; budgetMs: number } | undefined {
    const id = config.proseModel;
    if (!id) return undefined;
    if (this.opts.proseUnavailable) {
      const m = `headroom.proseModel is "${id}", but ${this.opts.proseUnavailable}`;
      this.opts.log?.(m);
      this.emit('proseProblem', m);
      return undefined;
    }
    const installed = installedModelsDir(storeDir);
    const manifestPath = manifestPathFor(id, { bundled: this.opts.bundledModelsDir, installed });
    if (!manifestPath) {
      const m =
        `prose model "${id}" is not installed (looked in ${installed}` +
        `${this.opts.bundledModelsDir ? ' and the bundled models' : ''}); prose is compressed extractively. Install ` +
        `it with Headroom: Install Prose Model, or clear headroom.proseModel.`;
      this.opts.log?.(m);
      this.emit('proseProblem', m);
      return undefined;
    }
    return { manifestPath, budgetMs: config.proseModelBudgetMs };
  }

  /** Grammars load once per extension host, alongside the store; a failure only means code passes through. */
  private loadGrammarsOnce(): Promise<GrammarSource | undefined> {
    const dir = this.opts.grammarsDir;
    if (!dir) return Promise.resolve(undefined);
    this.grammars ??= (async () => {
      const t0 = performance.now();
      try {
        const r = await loadCodeGrammars(dir);
        this.lastStart.grammarsMs = Math.round(performance.now() - t0);
        this.opts.log?.(
          `code compressor: ${r.loaded.length} languages loaded` +
            `${r.failed.length ? `; failed: ${r.failed.join('; ')}` : ''}`,
        );
        return r.grammars;
      } catch (e) {
        this.opts.log?.(`code compressor unavailable (code passes through): ${(e as Error).message}`);
        return undefined;
      }
    })();
    return this.grammars;
  }

  private onRequest(r: RequestRecord): void {
    this.session = addRequest(this.session, r.tokensBefore, r.tokensAfter);
    this.allTime = addRequest(this.allTime, r.tokensBefore, r.tokensAfter);
    this.emit('request', r);
    this.emit('totals');
  }

  /** Tokens a retrieval seen in this session handed back (the store keeps the retrieval, not its size). */
  retrievedTokensOf(r: Pick<RetrievalRecord, 'id' | 'time'>): number | undefined {
    return this.retrievedTokens.get(`${r.id}@${r.time}`);
  }

  private onRetrieval(r: RetrievalRecord): void {
    if (r.tokens !== undefined) {
      this.retrievedTokens.set(`${r.id}@${r.time}`, r.tokens);
      if (this.retrievedTokens.size > 1000)
        this.retrievedTokens.delete(this.retrievedTokens.keys().next().value as string);
    }
    this.session = addRetrieval(this.session, r);
    this.allTime = addRetrieval(this.allTime, r);
    this.emit('retrieval', r);
    this.emit('totals');
  }

  /**
   * Follows another process's proxy: its pause state (another window may pause it) and its totals. When it goes away
   * (its window closed), this window starts its own on the port, keeping the pause state it last saw.
   */
  private watchExternal(url: string): void {
    let tick = 0;
    const read = async () => {
      const withTotals = tick++ % 5 === 0;
      const [paused, t] = await Promise.all([fetchProxyPaused(url), withTotals ? fetchProxyTotals(url) : undefined]);
      if (this.state.kind !== 'external' || this.state.url !== url || this.disposed) return;
      if (paused === undefined) {
        if (this.config) void this.apply(this.config);
        return;
      }
      this.showPaused(paused);
      if (t) {
        // the other proxy's store has the counts; tokens retrieved are known only for what this window saw
        this.allTime = { ...t, retrievedTokens: this.session.retrievedTokens };
        this.emit('totals');
      }
    };
    void read();
    this.poll = setInterval(() => void read(), this.opts.externalPollMs ?? 2_000);
  }

  private setState(s: ProxyState): void {
    this.state = s;
    this.opts.log?.(`proxy ${describeState(s)}`);
    this.emit('state', s);
  }

  private async stopProxy(graceful = false): Promise<void> {
    if (this.poll) clearInterval(this.poll);
    this.poll = undefined;
    const p = this.proxy;
    this.proxy = undefined;
    if (!p) return;
    if (!graceful) return p.close();
    const { drained } = await p.retire(this.opts.restartDrainMs ?? RESTART_DRAIN_MS);
    this.retiring.add(p);
    void drained.finally(() => this.retiring.delete(p));
  }

  private async closeStore(): Promise<void> {
    // proxies still finishing their requests use this store: they end now
    await Promise.all([...this.retiring].map((p) => p.close()));
    const s = this.store;
    this.store = undefined;
    this.storeDir = undefined;
    if (s) await s.close();
  }
}

/** One line for the log: "running at http://127.0.0.1:8787", "port 8787 in use (8788 is free)". */
export function describeState(s: ProxyState): string {
  switch (s.kind) {
    case 'starting':
      return 'starting';
    case 'running':
      return `running at ${s.url}`;
    case 'external':
      return `served by another Headroom process at ${s.url}`;
    case 'disabled':
      return 'disabled (headroom.enabled is false)';
    case 'port-taken':
      return `not started: port ${s.port} is in use${s.suggestion ? ` (${s.suggestion} is free)` : ''}`;
    case 'failed':
      return `failed: ${s.message}`;
  }
}
