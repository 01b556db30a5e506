import type { Family } from './upstream-url.js';
import { PROVIDERS, providerAdapter, type Provider } from './index.js';
import type { ProviderAdapter, ProviderRoute } from './types.js';

/** What the proxy does with one incoming request. */
export interface Route {
  family: Family;
  /** Set when the body is a conversation the engine can compress; otherwise the request passes through untouched. */
  provider?: Provider;
  /** Short name for records and logs, e.g. `anthropic.messages`, `passthrough`. */
  name: string;
  /**
   * A token-counting call (Anthropic count_tokens, Gemini countTokens, OpenAI responses/input_tokens): its body is
   * compressed exactly as the conversation will be, so the count matches what is sent, but no model answers it —
   * no retrieval to watch for, and no request record (it would count the same savings twice).
   */
  countOnly?: boolean;
  /** The path to forward under when it is not the client's (`POST /messages` → `/v1/messages`). */
  upstreamPath?: string;
}

/** Where a call no adapter claims goes: OpenAI-compatible servers are the long tail. */
const DEFAULT_FAMILY: Family = 'openai';

type Headers = Readonly<Record<string, string | string[] | undefined>>;

/**
 * Picks the route for a method and path (no query) from the adapters' routes: a conversation or token count one
 * of them serves, else a passthrough to the family its prefix and headers point at. A pure function of its
 * arguments, so a prefixed route (`/copilot/<secret>/…`, `/u/<name>/…`) can strip its prefix and ask with the rest.
 */
export function routeFor(method: string, path: string, headers: Headers): Route {
  for (const adapter of PROVIDERS) {
    const routes: readonly ProviderRoute[] = adapter.routes;
    for (const r of routes) {
      if (r.method !== method || !r.match(path)) continue;
      const route: Route = { family: adapter.family, provider: adapter.id, name: r.name };
      if (r.countOnly) route.countOnly = true;
      if (r.upstreamPath) route.upstreamPath = r.upstreamPath(path);
      return route;
    }
  }
  const family =
    PROVIDERS.find((p) => 'claimsPassthrough' in p && p.claimsPassthrough(path, headers))?.family ?? DEFAULT_FAMILY;
  return { family, name: 'passthrough' };
}

/** The adapter that serves a call, or undefined for a passthrough (the same pure lookup as `routeFor`). */
export function adapterFor(method: string, path: string, headers: Headers): ProviderAdapter | undefined {
  const route = routeFor(method, path, headers);
  return route.provider ? providerAdapter(route.provider) : undefined;
}
