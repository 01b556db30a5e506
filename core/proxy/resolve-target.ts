import type { IncomingHttpHeaders } from 'node:http';
import { routeFor, type Route } from './routes.js';
import { normalizeBase, upstreamUrl, type UpstreamBases } from '../providers/upstream-url.js';
import { UPSTREAM_NAME_RE, type NamedUpstream } from '../config/named-upstreams.js';
import { copilotBaseFor, type CopilotUpstream } from '../copilot/upstream.js';
import { copilotRoute } from '../copilot/routes.js';

/** The path prefixes that pick an upstream other than the family defaults (both optional: absent means 404). */
export interface PrefixConfig {
  bases: UpstreamBases;
  copilot?: {
    /** Whether a path segment is the route secret (core/copilot/secret.ts). */
    isSecret(candidate: string): boolean;
    upstream: CopilotUpstream;
  };
  /** `/u/<name>/…` routes (core/config/named-upstreams.ts). */
  namedUpstream?: (name: string) => NamedUpstream | undefined;
}

/** Where one request goes and what is done with it. */
export interface Target {
  route: Route;
  /** The path (and query) the route sees: the client's, with a `/copilot/<secret>` or `/u/<name>` prefix taken off. */
  rest: string;
  url: URL;
  /** Which prefix picked it. */
  prefix: 'none' | 'copilot' | 'named';
  /** Names the agent in records when the prefix says who it is (`copilot`, a named upstream's owner). */
  agent?: string;
}

export type Resolution = { ok: true; target: Target } | { ok: false; status: 403 | 404; type: string; message: string };

const COPILOT_RE = /^\/copilot(?:\/([^/]*))?(\/.*)?$/;
const NAMED_RE = /^\/u\/([^/]+)(\/.*)?$/;

function splitQuery(pathAndQuery: string): [string, string] {
  const q = pathAndQuery.indexOf('?');
  return q < 0 ? [pathAndQuery, ''] : [pathAndQuery.slice(0, q), pathAndQuery.slice(q)];
}

/** The path and query to forward: the client's, or the route's own form of it (`POST /messages` → `/v1/messages`). */
function forwardedPath(route: Route, pathAndQuery: string): string {
  return route.upstreamPath ? route.upstreamPath + splitQuery(pathAndQuery)[1] : pathAndQuery;
}

/**
 * Resolves the request target's prefix: `/copilot/<secret>/<rest>` goes to Copilot's API (the secret checked first:
 * a wrong or missing one is refused and nothing is forwarded), `/u/<name>/<rest>` routes `<rest>` as usual but to the
 * named upstream's base (an unknown name is refused), and every other path is routed to the family defaults. The
 * caller has already refused targets that are not normalised paths (request-target.ts).
 */
export function resolveTarget(
  method: string,
  pathAndQuery: string,
  headers: IncomingHttpHeaders,
  cfg: PrefixConfig,
): Resolution {
  const [path, query] = splitQuery(pathAndQuery);
  const copilot = COPILOT_RE.exec(path);
  if (copilot) return resolveCopilot(method, copilot[1], copilot[2] ?? '/', query, headers, cfg);
  const named = NAMED_RE.exec(path);
  if (named) return resolveNamed(method, named[1], (named[2] ?? '/') + query, headers, cfg);
  const route = routeFor(method, path, headers);
  return {
    ok: true,
    target: {
      route,
      rest: pathAndQuery,
      url: upstreamUrl(cfg.bases, route.family, forwardedPath(route, pathAndQuery)),
      prefix: 'none',
    },
  };
}

function resolveCopilot(
  method: string,
  secret: string | undefined,
  rest: string,
  query: string,
  headers: IncomingHttpHeaders,
  cfg: PrefixConfig,
): Resolution {
  if (!cfg.copilot)
    return {
      ok: false,
      status: 404,
      type: 'not_found',
      message: 'the Copilot route is not enabled on this proxy (it needs a HEADROOM_HOME to keep its secret in)',
    };
  if (!secret)
    return {
      ok: false,
      status: 404,
      type: 'not_found',
      message: 'the Copilot route is /copilot/<secret>/…: the secret segment is missing',
    };
  if (!cfg.copilot.isSecret(secret))
    return {
      ok: false,
      status: 403,
      type: 'forbidden',
      message:
        'wrong Copilot route secret: set Copilot\'s overrideCapiUrl again with "Headroom: Configure Agents" (or ' +
        '`headroom configure copilot-subscription --apply`)',
    };
  const base = copilotBaseFor(cfg.copilot.upstream, headers);
  const url = new URL(base + rest + query);
  const basePath = new URL(base).pathname.replace(/\/+$/, '');
  if (url.origin !== new URL(base).origin || !url.pathname.startsWith(basePath + '/'))
    throw new Error(`request target "${rest}" does not map into the Copilot upstream ${base}`);
  return {
    ok: true,
    target: { route: copilotRoute(method, rest), rest: rest + query, url, prefix: 'copilot', agent: 'copilot' },
  };
}

function resolveNamed(
  method: string,
  name: string,
  rest: string,
  headers: IncomingHttpHeaders,
  cfg: PrefixConfig,
): Resolution {
  const upstream = UPSTREAM_NAME_RE.test(name) ? cfg.namedUpstream?.(name) : undefined;
  if (!upstream)
    return {
      ok: false,
      status: 404,
      type: 'not_found',
      message:
        `no upstream named "${name.slice(0, 40)}": the agent's route was removed or never written; run ` +
        `"Headroom: Configure Agents" again`,
    };
  const route = routeFor(method, splitQuery(rest)[0], headers);
  const family = upstream.family;
  const bases = { ...cfg.bases, [family]: normalizeBase(upstream.base, family) };
  return {
    ok: true,
    target: {
      route: { ...route, family },
      rest,
      url: upstreamUrl(bases, family, forwardedPath(route, rest)),
      prefix: 'named',
      agent: upstream.owner || undefined,
    },
  };
}
