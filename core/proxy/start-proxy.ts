import * as http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { createProxyApp, type ProxyDeps } from './app.js';
import type { ProxyEvents } from './events.js';

export interface StartProxyOptions extends ProxyDeps {
  /** 0 picks a free port. Default 8787. */
  port?: number;
  /** Default 127.0.0.1: the proxy carries the user's API keys and must not be reachable from the network. */
  host?: string;
}

export interface RunningProxy {
  port: number;
  host: string;
  /** `http://HOST:PORT` (IPv6 hosts bracketed). */
  url: string;
  events: ProxyEvents;
  server: http.Server;
  /** Stops accepting, ends open connections (streams in flight are cut) and drops upstream pools. The store stays open. */
  close(): Promise<void>;
}

export function formatUrl(host: string, port: number): string {
  return `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
}

/** Binds the proxy app and resolves once it is listening. */
export async function startProxy(opts: StartProxyOptions): Promise<RunningProxy> {
  const host = opts.host ?? '127.0.0.1';
  const proxy = createProxyApp(opts);
  // no request timeout: an agent's streamed answer can run for many minutes; the upstream idle timeout guards hangs
  const server = http.createServer({ requestTimeout: 0, keepAliveTimeout: 65_000, noDelay: true }, proxy.app);
  server.on('upgrade', proxy.handleUpgrade);
  const sockets = new Set<Socket>();
  server.on('connection', (s) => {
    sockets.add(s);
    s.once('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 8787, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  let closing: Promise<void> | undefined;
  return {
    port,
    host,
    url: formatUrl(host, port),
    events: proxy.events,
    server,
    close() {
      closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const s of sockets) s.destroy();
        proxy.close();
      });
      return closing;
    },
  };
}
