import type { IncomingHttpHeaders } from 'node:http';

/** Where Copilot Chat's API goes when nothing else is configured (`--copilot-base`, `headroom.upstream.copilot`). */
export const DEFAULT_COPILOT_BASE = 'https://api.githubcopilot.com';

/**
 * A Copilot API base: http(s), no query, trailing slashes dropped. Unlike the provider bases it gets no `/v1`:
 * Copilot appends its own paths (`/chat/completions`, `/responses`, `/v1/messages`, `/models`) to the bare base.
 * Throws on anything else, naming the setting.
 */
export function normalizeCopilotBase(base: string): string {
  const u = new URL(base);
  if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new Error(`copilot base URL must be http(s): ${base}`);
  if (u.search || u.hash) throw new Error(`copilot base URL must not carry a query or fragment: ${base}`);
  return `${u.protocol}//${u.host}${u.pathname.replace(/\/+$/, '')}`;
}

const PLAN_PROXY_HOST = /^proxy\.((?:[a-z0-9-]+\.)*githubcopilot\.com)$/;

/**
 * The per-plan API base a Copilot token names, or undefined. Copilot Chat itself takes `endpoints.api` from the token
 * envelope (`api.individual.githubcopilot.com`, `api.business…`, `api.enterprise…`; see vscode-copilot-chat
 * src/platform/endpoint/node/domainServiceImpl.ts, where `overrideCapiUrl` replaces exactly that value). The envelope
 * never reaches the proxy, but the token it carries does, as
 * `Authorization: Bearer tid=…;exp=…;proxy-ep=proxy.<plan>.githubcopilot.com;…:<mac>` (fields parsed as in
 * src/platform/authentication/common/copilotToken.ts `parseToken`). The API host is the proxy host's `api.` sibling.
 * Only hosts under githubcopilot.com are followed, so a token can never send itself anywhere else.
 */
export function planApiBase(authorization: string | string[] | undefined): string | undefined {
  if (typeof authorization !== 'string') return undefined;
  const m = /^bearer\s+(.+)$/i.exec(authorization.trim());
  if (!m) return undefined;
  const fields = m[1].split(':')[0].split(';');
  for (const field of fields) {
    const eq = field.indexOf('=');
    if (eq < 0 || field.slice(0, eq) !== 'proxy-ep') continue;
    const host = field.slice(eq + 1).toLowerCase(); // a bare host: everything after the first `:` is the MAC
    const plan = PLAN_PROXY_HOST.exec(host);
    return plan ? `https://api.${plan[1]}` : undefined;
  }
  return undefined;
}

export interface CopilotUpstream {
  /** The configured base, normalised. */
  base: string;
  /** Follow the plan host the token names (only while the base is the default: an explicit base always wins). */
  followPlan: boolean;
}

export function copilotUpstream(base: string | undefined): CopilotUpstream {
  const normalized = normalizeCopilotBase(base ?? DEFAULT_COPILOT_BASE);
  return { base: normalized, followPlan: normalized === DEFAULT_COPILOT_BASE };
}

/**
 * The base one request goes to: the plan's API host when it can be followed from the token, else the configured one.
 */
export function copilotBaseFor(upstream: CopilotUpstream, headers: IncomingHttpHeaders): string {
  return (upstream.followPlan && planApiBase(headers.authorization)) || upstream.base;
}
