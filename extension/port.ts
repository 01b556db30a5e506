/** Loopback port helpers: is the port free, which is the next free one, and is a Headroom proxy already on it. */
import * as net from 'node:net';
import { ZERO_TOTALS, type Totals } from './totals.js';

/** True when nothing listens on 127.0.0.1:port (binds and releases it at once). */
export function isPortFree(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.createServer();
    s.once('error', () => resolve(false));
    s.listen(port, host, () => s.close(() => resolve(true)));
  });
}

/** The first free port after `from` (up to `tries` ports), or undefined. */
export async function nextFreePort(from: number, tries = 20, host = '127.0.0.1'): Promise<number | undefined> {
  for (let p = from + 1; p <= Math.min(65535, from + tries); p++) if (await isPortFree(p, host)) return p;
  return undefined;
}

/**
 * True when `url` answers `GET /health` the way a Headroom proxy does (another VS Code window, or `headroom proxy`
 * from a terminal): then the agents routed to that port are served already, and this window only has to watch.
 */
export async function isHeadroomProxy(url: string, timeoutMs = 1500): Promise<boolean> {
  try {
    const res = await fetch(`${url}/health`, { signal: AbortSignal.timeout(timeoutMs) });
    if (!res.ok) return false;
    const body = (await res.json()) as { status?: unknown; upstreams?: unknown };
    return body.status === 'ok' && typeof body.upstreams === 'object' && body.upstreams !== null;
  } catch {
    return false;
  }
}

/** Totals from another Headroom proxy's `GET /stats`, or undefined if it does not answer. */
export async function fetchProxyTotals(url: string, timeoutMs = 1500): Promise<Totals | undefined> {
  try {
    const res = await fetch(`${url}/stats`, { signal: AbortSignal.timeout(timeoutMs) });
    if (!res.ok) return undefined;
    const t = ((await res.json()) as { totals?: Record<string, unknown> }).totals;
    if (!t) return undefined;
    const n = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : 0);
    // /stats counts every retrieval; the user's lookups among them are not told apart there
    return {
      ...ZERO_TOTALS,
      requests: n(t.requests),
      tokensBefore: n(t.tokensBefore),
      tokensAfter: n(t.tokensAfter),
      retrievals: n(t.retrievals),
    };
  } catch {
    return undefined;
  }
}

/** Another Headroom proxy's pause state (`GET /pause`), or undefined if it does not answer. */
export async function fetchProxyPaused(url: string, timeoutMs = 1500): Promise<boolean | undefined> {
  try {
    const res = await fetch(`${url}/pause`, { signal: AbortSignal.timeout(timeoutMs) });
    if (!res.ok) return undefined;
    const p = ((await res.json()) as { paused?: unknown }).paused;
    return typeof p === 'boolean' ? p : undefined;
  } catch {
    return undefined;
  }
}

/** Pauses or resumes another Headroom proxy (`PUT /pause`); resolves to its new state, or throws why it could not. */
export async function putProxyPaused(url: string, paused: boolean, timeoutMs = 3000): Promise<boolean> {
  const res = await fetch(`${url}/pause`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ paused }),
    signal: AbortSignal.timeout(timeoutMs),
  });
  const body = (await res.json().catch(() => ({}))) as { paused?: unknown; error?: { message?: unknown } };
  if (!res.ok || typeof body.paused !== 'boolean') {
    throw new Error(
      `the proxy at ${url} did not take the change (HTTP ${res.status}` +
        `${typeof body.error?.message === 'string' ? `: ${body.error.message}` : ''})`,
    );
  }
  return body.paused;
}
