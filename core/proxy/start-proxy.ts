import * as http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { createProxyApp, type ProxyDeps } from './app.js';
import type { ProxyEvents } from './events.js';
import type { PauseSwitch } from './pause.js';
import type { UpstreamBases } from '../providers/upstream-url.js';
import { isLoopback, reachableNames, remoteRefusal } from './listen-address.js';
import { warmTokenizer } from '../util/tokens.js';
import { DEFAULT_SERVER_TIMEOUTS, serverTimeoutOptions, type ServerTimeouts } from './server-timeouts.js';

export interface StartProxyOptions extends ProxyDeps {
  /** 0 picks a free port. Default 8787. */
  port?: number;
  /** Default 127.0.0.1: the proxy carries the user's API keys and must not be reachable from the network. */
  host?: string;
  /**
   * Required to listen on anything but a loopback address (startProxy throws otherwise). The names the machine is
   * reachable by are then accepted in Host, besides the local ones.
   */
  allowRemote?: boolean;
  /** Client connection timeouts (defaults: `DEFAULT_SERVER_TIMEOUTS`). */
  timeouts?: Partial<ServerTimeouts>;
  /**
   * Load the token counter on the turn after listening, not inside the first request. Default true. With compression
   * workers (`compressWorkers`, on by default) they are started instead, each loading the counter and the grammars in
   * its own thread: the main thread never loads the counter.
   */
  warmTokenizer?: boolean;
}

export interface RunningProxy {
  port: number;
  host: string;
  /** `http://HOST:PORT` (IPv6 hosts bracketed). */
  url: string;
  events: ProxyEvents;
  /** Compression on/off for this proxy (also `GET`/`PUT /pause`). */
  pause: PauseSwitch;
  /** Where requests go: the normalised base URL per family. */
  upstreams: UpstreamBases;
  server: http.Server;
  /**
   * Resolves once the start-up warm-up (the token counter; with workers, every worker ready) is done; requests are
   * served before it too.
   */
  warmedUp: Promise<void>;
  /** Compression workers running (0: compression and counting on the main thread). */
  compressWorkers: number;
  /**
   * Stops accepting, ends open connections (streams in flight are cut), drops upstream pools and waits (up to 5 s)
   * for the records of requests already answered to be written. The store stays open.
   */
  close(): Promise<void>;
  /**
   * Stops accepting at once — the port is free when this resolves, so a new proxy can take it — and lets the requests
   * in flight finish (an agent's answer streaming in is not cut), for up to `drainMs`; whatever is left then is cut as
   * by `close()`. `drained` resolves once the old proxy is entirely gone.
   */
  retire(drainMs: number): Promise<{ drained: Promise<void> }>;
}

export function formatUrl(host: string, port: number): string {
  return `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
}

/** Binds the proxy app and resolves once it is listening. */
export async function startProxy(opts: StartProxyOptions): Promise<RunningProxy> {
  const host = opts.host ?? '127.0.0.1';
  const remote = !isLoopback(host);
  if (remote && !opts.allowRemote) throw new Error(remoteRefusal(host));
  // the timeouts bound receiving a request; an answer may stream for as long as the provider sends (its idle timeout
  // guards hangs)
  const serverOptions = serverTimeoutOptions({ ...DEFAULT_SERVER_TIMEOUTS, ...opts.timeouts });
  const proxy = createProxyApp(
    remote ? { ...opts, allowedHosts: [...(opts.allowedHosts ?? []), ...reachableNames(host)] } : opts,
  );
  const server = http.createServer({ ...serverOptions, noDelay: true }, proxy.app);
  server.on('upgrade', proxy.handleUpgrade);
  const sockets = new Set<Socket>();
  server.on('connection', (s) => {
    sockets.add(s);
    s.once('close', () => sockets.delete(s));
  });
  const inFlight = new Set<http.ServerResponse>();
  let retiring = false;
  server.on('request', (_req, res: http.ServerResponse) => {
    inFlight.add(res);
    res.once('close', () => inFlight.delete(res));
    if (retiring) endAfter(res); // a request that was already on its way on a kept-alive socket
  });
  /** No reuse of this connection once its answer is complete: the client opens a new one, to the next proxy. */
  const endAfter = (res: http.ServerResponse) => {
    if (!res.headersSent) res.shouldKeepAlive = false; // says `Connection: close`
    const socket = res.socket; // detached from the response once it finishes
    res.once('finish', () => socket?.end());
  };
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 8787, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const pool = proxy.pool;
  const warmedUp = new Promise<void>((resolve) =>
    setImmediate(() => {
      if (pool) return void (opts.warmTokenizer === false ? resolve() : pool.warmup().then(resolve));
      try {
        if (opts.warmTokenizer !== false) warmTokenizer();
      } catch (err) {
        proxy.events.emit('warning', {
          message: `loading the token counter failed: ${(err as Error).message} (it is tried again on the first count)`,
        });
      }
      resolve();
    }),
  );
  let closing: Promise<void> | undefined;
  const close = (): Promise<void> => {
    closing ??= (async () => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const s of sockets) s.destroy();
      const recorded = proxy.close(); // the requests cut just now, and those answered before, write their records
      await closed;
      await recorded;
    })();
    return closing;
  };
  return {
    port,
    host,
    url: formatUrl(host, port),
    events: proxy.events,
    pause: proxy.pause,
    upstreams: proxy.bases,
    server,
    warmedUp,
    get compressWorkers() {
      return pool?.size ?? 0;
    },
    close,
    async retire(drainMs) {
      if (closing) return { drained: closing };
      retiring = true;
      server.close(); // stop listening now; connections stay
      server.closeIdleConnections();
      for (const res of inFlight) endAfter(res);
      await new Promise((r) => setImmediate(r)); // the listening handle is released on the next turn
      const drained = new Promise<void>((resolve) => {
        const end = Date.now() + drainMs;
        const tick = setInterval(() => {
          server.closeIdleConnections(); // keep-alive sockets whose last answer just ended
          if (inFlight.size > 0 && Date.now() < end) return;
          clearInterval(tick);
          void close().then(resolve);
        }, 50);
        tick.unref();
      });
      return { drained };
    },
  };
}
