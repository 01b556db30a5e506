import type { HeadroomStore } from '../ccr/store-types.js';
import type { GrammarSource } from '../types.js';
import { normalizeBases, type Family, type UpstreamBases } from '../providers/upstream-url.js';
import { startProxy, type RunningProxy } from '../proxy/start-proxy.js';
import type { ProseConfig } from '../proxy/app.js';

export const DEFAULT_PORT = 8787;

/** The proxy a wrapped agent talks to: one already running (shared), or one this run started (own). */
export type PickedProxy = { kind: 'shared'; url: string } | { kind: 'own'; url: string; proxy: RunningProxy };

/** `GET /health` of a Headroom proxy; undefined when nothing (or something else) answers within the timeout. */
export async function probeHealth(
  url: string,
  timeoutMs = 800,
): Promise<{ upstreams: Partial<UpstreamBases> } | undefined> {
  try {
    const res = await fetch(`${url}/health`, { signal: AbortSignal.timeout(timeoutMs) });
    if (!res.ok) return undefined;
    const body = (await res.json()) as { status?: unknown; upstreams?: unknown };
    if (body?.status !== 'ok' || typeof body.upstreams !== 'object' || body.upstreams === null) return undefined;
    return { upstreams: body.upstreams as Partial<UpstreamBases> };
  } catch {
    return undefined;
  }
}

/** A running proxy serves this run only if it forwards every family the agent uses where the agent's traffic went. */
export function upstreamsMatch(
  running: Partial<UpstreamBases>,
  wanted: UpstreamBases,
  families: readonly Family[],
): boolean {
  return families.every((f) => running[f] === wanted[f]);
}

export interface PickOptions {
  store: () => Promise<HeadroomStore>;
  upstreams: Partial<UpstreamBases>;
  families: readonly Family[];
  /** Port to look for a running proxy on (and to bind when starting one there). Default 8787. */
  port?: number;
  /** Always start a proxy for this run (on a free port unless `port` is given). */
  fresh?: boolean;
  /**
   * Prose model for a proxy started here (a running proxy keeps its own configuration: then a fresh one is started).
   */
  prose?: ProseConfig;
  /**
   * Runs before a proxy is started here: the CLI loads the code compressor's grammars from its own assets, and the
   * registry it returns is handed to that proxy.
   */
  beforeStart?: () => Promise<GrammarSource | undefined>;
}

/**
 * Reuses the proxy on 127.0.0.1:8787 when it is healthy and forwards where this agent's traffic went; otherwise
 * starts one in this process on a free port (a different upstream must not hijack the shared proxy's other clients).
 */
export async function pickProxy(opts: PickOptions): Promise<PickedProxy & { reason: string }> {
  const wanted = normalizeBases(opts.upstreams);
  const port = opts.port ?? DEFAULT_PORT;
  let reason = `no Headroom proxy on 127.0.0.1:${port}`;
  if (opts.prose) {
    reason = 'a prose model was asked for (a running proxy keeps its own settings)';
  } else if (!opts.fresh) {
    const url = `http://127.0.0.1:${port}`;
    const health = await probeHealth(url);
    if (health && upstreamsMatch(health.upstreams, wanted, opts.families))
      return { kind: 'shared', url, reason: `using the Headroom proxy at ${url}` };
    if (health) reason = `the proxy on :${port} forwards elsewhere`;
  } else {
    reason = 'a fresh proxy was asked for';
  }
  const store = await opts.store();
  // a port someone asked for but that is busy with a different proxy: take a free one instead
  const bindPort = opts.fresh && opts.port !== undefined ? opts.port : 0;
  const grammars = await opts.beforeStart?.();
  // one agent's proxy for one run: compression and counting stay on its main thread, as before the worker pool (no
  // worker start-up per run, and the run's records are written before its summary is printed)
  const proxy = await startProxy({
    store,
    port: bindPort,
    bases: wanted,
    prose: opts.prose,
    grammars,
    compressWorkers: 0,
  });
  return { kind: 'own', url: proxy.url, proxy, reason: `${reason}; started one at ${proxy.url} for this run` };
}
