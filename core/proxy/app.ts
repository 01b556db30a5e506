import express from 'express';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { CcrStore } from '../ccr/store-types.js';
import { compressMessages } from '../messages/compress-messages.js';
import { compressMessagesAsync } from '../messages/compress-messages-async.js';
import type { ProseModel } from '../prose-model/service.js';
import type { GrammarSource } from '../types.js';
import { normalizeBases, type UpstreamBases } from '../providers/upstream-url.js';
import type { PrefixConfig } from './resolve-target.js';
import { copilotUpstream } from '../copilot/upstream.js';
import { copilotSecretCheck } from '../copilot/secret-check.js';
import { namedUpstreamLookup } from '../config/named-upstream-lookup.js';
import { createUpstreamPools } from './upstream-request.js';
import { ProxyEvents } from './events.js';
import { RetrieveSessions } from './retrieve-sessions.js';
import { TokenCounter } from './records.js';
import { BodyBudget, DEFAULT_BODY_BUDGET, type BodyBudgetLimits } from './body-budget.js';
import { DEFAULT_SLOW_READER_TIMEOUT_MS } from './slow-reader.js';
import { refusal } from './security.js';
import { targetRefusal } from './request-target.js';
import { sendError } from './respond.js';
import { handleProxyRequest, type ProxyContext } from './handle-request.js';
import { handleUpgrade, type ResponsesWebSocketMode } from './websocket.js';
import type { CompressBody } from './rewrite-request.js';
import { PauseSwitch } from './pause.js';
import { PendingWork } from './pending-work.js';
import { CompressPool, defaultPoolSize } from '../compress-pool/pool.js';
import { compressMessagesPooled } from '../messages/compress-messages-pooled.js';
import { handlePause } from './pause-route.js';

export interface ProxyDeps {
  store: CcrStore;
  /** Upstream base URLs per family (CLI contract: a base stands for the incoming `/v1`, Gemini `/v1beta`). */
  bases?: Partial<UpstreamBases>;
  /** Largest request body accepted, in bytes (413 beyond). Default 64 MiB. */
  maxBodyBytes?: number;
  /**
   * Bytes of large request bodies held at once, the queue behind them, what counts as small
   * (core/proxy/body-budget.ts).
   */
  bodyBudget?: Partial<BodyBudgetLimits> | BodyBudget;
  /**
   * A client that takes no byte of its waiting answer for this long is let go, and the upstream request with it.
   * Default 60 s.
   */
  slowReaderTimeoutMs?: number;
  /** An upstream that sends nothing for this long is given up on (504, or the stream is cut). Default 10 minutes. */
  upstreamIdleTimeoutMs?: number;
  /** Offer and answer the `headroom_retrieve` tool. Default true. */
  retrieveTool?: boolean;
  /** Retrieval rounds per response before the turn is closed. Default 3. */
  maxRetrieveRounds?: number;
  /** Extra Host names to accept besides localhost / 127.0.0.1 / [::1] (e.g. when bound to a LAN address on purpose). */
  allowedHosts?: readonly string[];
  /** WebSocket upgrades on /v1/responses. Default `fallback-to-http` (so those turns are compressed). */
  responsesWebSocket?: ResponsesWebSocketMode;
  /** The request-body compressor. Default: core's `compressMessages` (`compressMessagesAsync` with `prose`). */
  compressBody?: CompressBody;
  /** The grammars code is parsed with, loaded by whoever starts the proxy (default: the process's defaultGrammars). */
  grammars?: GrammarSource;
  /**
   * The folder `grammars` was loaded from: each compression worker loads its own registry from it. With `grammars`
   * but without this, new units are compressed in-process (the workers could not parse code the same way).
   */
  grammarsDir?: string;
  /**
   * Worker threads that compress new units and count tokens off the main thread (core/compress-pool). Default
   * `max(1, min(4, cores - 1))`; 0: both on the main thread. With `compressBody` or `prose` the pool only counts.
   */
  compressWorkers?: number;
  /** A pool to use instead of starting one (`compressWorkers`, `compressTimeoutMs` then unused); closed with it. */
  compressPool?: CompressPool;
  /** A unit whose compression runs longer than this goes upstream as it is; its worker is replaced. Default 10 s. */
  compressTimeoutMs?: number;
  /** Units shorter than this pass through (default: the engine's). For the default compressors only. */
  minChars?: number;
  /**
   * Prose through a token-classification model (warmed up when the app is built; the caller closes it). Each request
   * waits for it at most `budgetMs` (default the model's, 300 ms); what it cannot do in time is done extractively.
   */
  prose?: ProseConfig;
  events?: ProxyEvents;
  /**
   * HEADROOM_HOME: where the Copilot route's secret (core/copilot/secret.ts) and the named upstreams
   * (core/config/named-upstreams.ts) are kept. Without it `/copilot/…` and `/u/…` answer 404.
   */
  home?: string;
  /** Copilot's API base for `/copilot/<secret>/…` (default https://api.githubcopilot.com, following the plan host). */
  copilotBase?: string;
  /** Whether compression is paused; read on every request and set through `PUT /pause`. Default: a new switch, on. */
  pause?: PauseSwitch;
}

export interface ProseConfig {
  model: ProseModel;
  budgetMs?: number;
  ratio?: number;
}

export interface ProxyApp {
  app: express.Express;
  events: ProxyEvents;
  pause: PauseSwitch;
  /** The upstream base URLs requests go to, normalised. */
  bases: UpstreamBases;
  /** Wire to the HTTP server's `upgrade` event. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void;
  /** The compression workers, when the proxy has them (started by `startProxy`'s warm-up or the first request). */
  pool?: CompressPool;
  /**
   * Drops pooled upstream connections, waits for the requests still being handled and their records (tokens counted
   * — in the pool when there is one — and written to the store) for up to `recordsTimeoutMs` (default 5 s), then
   * terminates the compression workers. The store is the caller's to close.
   */
  close(recordsTimeoutMs?: number): Promise<void>;
}

/** How long `GET /stats` waits for request records still being counted and written. */
const STATS_RECORDS_WAIT_MS = 2000;
const DEFAULT_MAX_BODY = 64 * 1024 * 1024;
/** How long close() waits for requests' records still being counted or written. */
const RECORDS_CLOSE_TIMEOUT_MS = 5_000;

/**
 * Builds the proxy as an express app without binding a port (`startProxy` binds it). Routes: `GET /health`,
 * `GET /stats`, `GET`/`PUT /pause`, and every other method and path proxied — conversations compressed, everything else
 * passed through.
 */
export function createProxyApp(deps: ProxyDeps): ProxyApp {
  const events = deps.events ?? new ProxyEvents();
  const bases = normalizeBases(deps.bases);
  const prefixes = prefixConfig(bases, deps.home, deps.copilotBase, (message) => events.emit('warning', { message }));
  const upstreamPools = createUpstreamPools();
  const allowedHosts = new Set((deps.allowedHosts ?? []).map((h) => h.toLowerCase()));
  const pause = deps.pause ?? new PauseSwitch();
  const workers = deps.compressWorkers ?? defaultPoolSize();
  const pool =
    deps.compressPool ??
    (workers > 0
      ? new CompressPool({
          size: workers,
          grammarsDir: deps.grammarsDir,
          timeoutMs: deps.compressTimeoutMs,
          onWarning: (message) => events.emit('warning', { message }),
        })
      : undefined);
  // the pool compresses only with the same grammars as in-process: the ones in grammarsDir (or none at all)
  const poolCompresses = pool && !deps.compressBody && !deps.prose && (!deps.grammars || deps.grammarsDir);
  const compress = deps.compressBody ?? (poolCompresses ? pooledCompressBody(pool) : defaultCompressBody(deps.prose));
  const ctx: ProxyContext = {
    store: deps.store,
    bases,
    prefixes,
    upstreamPools,
    events,
    sessions: new RetrieveSessions(deps.store),
    tokens: new TokenCounter(undefined, pool),
    pending: new PendingWork(),
    recording: new PendingWork(),
    pause,
    // paused: no unit is touched, but the body still goes through the rewrite, so a session's retrieve tool stays
    // declared (tools never flip mid-session)
    compressBody: (body, provider, options) =>
      pause.paused
        ? { body, units: [], records: [], memo: [], query: options.query ?? '' }
        : compress(body, provider, {
            ...options,
            grammars: deps.grammars,
            ...(deps.minChars !== undefined && !deps.compressBody ? { minChars: deps.minChars } : {}),
          }),
    maxBodyBytes: deps.maxBodyBytes ?? DEFAULT_MAX_BODY,
    bodies:
      deps.bodyBudget instanceof BodyBudget
        ? deps.bodyBudget
        : new BodyBudget({ ...DEFAULT_BODY_BUDGET, ...deps.bodyBudget }),
    slowReaderTimeoutMs: deps.slowReaderTimeoutMs ?? DEFAULT_SLOW_READER_TIMEOUT_MS,
    idleTimeoutMs: deps.upstreamIdleTimeoutMs ?? 10 * 60_000,
    retrieveTool: deps.retrieveTool ?? true,
    maxRetrieveRounds: deps.maxRetrieveRounds ?? 3,
  };
  const started = Date.now();
  deps.prose?.model.warmup(); // the first conversation should not pay the model load inside its budget

  const app = express();
  app.disable('x-powered-by');
  app.disable('etag');
  app.use((req, res, next) => {
    const bad = targetRefusal(req.url);
    if (bad) return sendError(res, 400, 'invalid_request_target', bad, { connection: 'close' });
    const why = refusal(req.headers, allowedHosts);
    if (why) return sendError(res, 403, 'forbidden', why);
    next();
  });
  app.get('/health', (_req, res) => {
    res.json({ status: 'ok', uptimeMs: Date.now() - started, upstreams: bases });
  });
  app.get('/stats', async (_req, res) => {
    // the records of requests already answered are counted and written first (bounded): a client that asks right
    // after its last turn (`headroom wrap`'s summary) sees that turn
    await ctx.recording.settled(STATS_RECORDS_WAIT_MS);
    try {
      res.json({
        totals: deps.store.totals(),
        last24h: deps.store.totals(Date.now() - 24 * 3600_000),
        // no original ids on this unauthenticated endpoint (issue 16 item 6): units without originalId, retrievals
        // without the id they asked for
        recent: deps.store
          .recentRequests(20)
          .map((r) => ({ ...r, units: r.units.map(({ originalId: _id, ...u }) => u) })),
        retrievals: deps.store.recentRetrievals(20).map(({ id: _id, ...r }) => r),
      });
    } catch (err) {
      sendError(res, 500, 'stats_unavailable', (err as Error).message);
    }
  });
  app.all('/pause', (req, res) => {
    handlePause(req, res, pause).catch((err: unknown) => sendError(res, 500, 'pause_failed', (err as Error).message));
  });
  app.use((req, res) => {
    // tracked: a request cut by close() still writes its record before close() resolves
    ctx.pending.track(handleProxyRequest(req, res, ctx)).catch((err: unknown) => {
      events.emit('warning', { message: `proxy error: ${(err as Error)?.stack ?? String(err)}` });
      sendError(res, 502, 'proxy_error', (err as Error)?.message ?? String(err));
    });
  });

  return {
    app,
    events,
    pause,
    bases,
    handleUpgrade: (req, socket, head) =>
      handleUpgrade(req, socket, head, {
        prefixes,
        allowedHosts,
        responsesWebSocket: deps.responsesWebSocket ?? 'fallback-to-http',
        slowReaderTimeoutMs: ctx.slowReaderTimeoutMs,
        onWarning: (message) => events.emit('warning', { message }),
      }),
    pool,
    close: async (recordsTimeoutMs = RECORDS_CLOSE_TIMEOUT_MS) => {
      upstreamPools.http.destroy();
      upstreamPools.https.destroy();
      const left = ctx.pending.size;
      if (!(await ctx.pending.settled(recordsTimeoutMs)))
        events.emit('warning', {
          message:
            `closed with ${left} request record(s) still being written after ${recordsTimeoutMs} ms; ` + 'not recorded',
        });
      await pool?.close(); // after the records: their token counts come from the pool
    },
  };
}

function pooledCompressBody(pool: CompressPool): CompressBody {
  return (body, provider, options) => compressMessagesPooled(body, provider, { ...options, pool });
}

function defaultCompressBody(prose: ProseConfig | undefined): CompressBody {
  if (!prose) return compressMessages as CompressBody;
  return (body, provider, options) =>
    compressMessagesAsync(body, provider, {
      ...options,
      prose: prose.model,
      budgetMs: prose.budgetMs,
      ratio: prose.ratio,
    });
}

function prefixConfig(
  bases: UpstreamBases,
  home: string | undefined,
  copilotBase: string | undefined,
  warn: (message: string) => void,
): PrefixConfig {
  const upstream = copilotUpstream(copilotBase); // a bad base fails here, when the proxy starts
  if (home === undefined) return { bases };
  return {
    bases,
    copilot: { isSecret: copilotSecretCheck(home, warn), upstream },
    namedUpstream: namedUpstreamLookup(home),
  };
}
