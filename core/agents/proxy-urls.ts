/**
 * The one set of proxy-URL rules every agent entry uses, for both its persistent configuration and its per-run wrap:
 * the base URL each client needs to reach the proxy (clients differ in whether their base includes `/v1` and a
 * trailing slash; each rule names where it was confirmed), which configured bases count as "the provider's own",
 * and the per-agent route `<proxy>/u/<name>` for a custom endpoint (core/config/named-upstreams.ts).
 */
import { createHash } from 'node:crypto';
import { normalizeBase, type Family } from '../providers/upstream-url.js';
import { UPSTREAM_NAME_RE } from '../config/named-upstreams.js';

/** `http://127.0.0.1:8787/` → `http://127.0.0.1:8787`. */
export function origin(proxyUrl: string): string {
  return proxyUrl.replace(/\/+$/, '');
}

/** What each client appends to its base, by the form of base it takes. */
export const proxyBase = {
  /** OpenAI SDK-style base (the client appends `/chat/completions` or `/responses`): proxy + `/v1`. */
  openai: (proxy: string) => origin(proxy) + '/v1',
  /** Anthropic SDK (`@anthropic-ai/sdk` appends `/v1/messages`), as ANTHROPIC_BASE_URL expects: the bare proxy. */
  anthropicSdk: (proxy: string) => origin(proxy),
  /** Vercel AI SDK's Anthropic provider and Cline (append `/messages` to a base that includes `/v1`). */
  anthropicV1: (proxy: string) => origin(proxy) + '/v1',
  /**
   * Continue's Anthropic provider resolves `new URL("messages", apiBase)`, default apiBase
   * `https://api.anthropic.com/v1/` (continuedev/continue core/llm/llms/Anthropic.ts); BaseLLM adds a missing trailing
   * slash. So proxy + `/v1/`, the form our agent recipe ran (shared/agents/config/continue-config-anth.yaml).
   */
  continueV1: (proxy: string) => origin(proxy) + '/v1/',
  /** Continue's Gemini provider resolves against `…/v1beta/` (continuedev/continue core/llm/llms/Gemini.ts). */
  continueGemini: (proxy: string) => origin(proxy) + '/v1beta/',
  /**
   * Continue's Ollama provider resolves `api/chat` (and `api/show`, `api/tags`, …) against apiBase, default
   * `http://localhost:11434/` (continuedev/continue core/llm/llms/Ollama.ts); `cn` appends `v1/` to the same apiBase
   * and speaks OpenAI's API (packages/openai-adapters/src/index.ts). So a route (proxy or `/u/<name>`) + `/`.
   */
  continueOllama: (proxy: string) => origin(proxy) + '/',
  /** Gemini CLI's GOOGLE_GEMINI_BASE_URL: the client appends `/v1beta/models/…` itself (RECIPE.md). */
  gemini: (proxy: string) => origin(proxy),
  /** Vercel AI SDK's Google provider (opencode): base includes `/v1beta`. */
  geminiV1beta: (proxy: string) => origin(proxy) + '/v1beta',
};

/** Back-compatible names for the configure planners. */
export const openAiBase = proxyBase.openai;
export const anthropicBase = proxyBase.anthropicSdk;
export const continueAnthropicBase = proxyBase.continueV1;

/** Public default endpoints: replacing one of these needs no route of its own. */
const DEFAULT_BASES = [
  /^https:\/\/api\.openai\.com(\/v1)?\/?$/,
  /^https:\/\/api\.anthropic\.com(\/v1)?\/?$/,
  /^https:\/\/generativelanguage\.googleapis\.com(\/v1beta)?\/?$/,
];

export function isDefaultBase(url: string): boolean {
  return DEFAULT_BASES.some((re) => re.test(url.trim()));
}

/** True if `url` already points at this proxy (any path), so routing twice changes nothing. */
export function pointsAtProxy(url: unknown, proxyUrl: string): boolean {
  return typeof url === 'string' && (url === origin(proxyUrl) || url.startsWith(origin(proxyUrl) + '/'));
}

const LOOPBACK_RE = /^https?:\/\/(127\.\d+\.\d+\.\d+|localhost|\[::1\])(:\d+)?(\/|$)/i;

/**
 * A base URL the agent was configured with, as the proxy's upstream for `family`; undefined when unset, not a URL,
 * or pointing at a Headroom proxy already (a loopback URL on `headroomPort`): forwarding to it would loop.
 */
export function upstreamFrom(value: unknown, family: Family, headroomPort = 8787): string | undefined {
  if (typeof value !== 'string' || !value.trim()) return undefined;
  let base: string;
  try {
    base = normalizeBase(value.trim(), family);
  } catch {
    return undefined;
  }
  if (LOOPBACK_RE.test(base) && new URL(base).port === String(headroomPort)) return undefined;
  return base;
}

/**
 * The path prefix a client adds itself to an origin-style base (Anthropic SDK `/v1/messages`, Gemini CLI
 * `/v1beta/…`, Ollama's clients `/api/chat`).
 */
const CLIENT_PREFIX: Record<Family, string> = { anthropic: '/v1', openai: '/v1', gemini: '/v1beta', ollama: '/api' };

/**
 * The upstream for a base the client appends the family's prefix to itself (ANTHROPIC_BASE_URL, GOOGLE_GEMINI_BASE_URL,
 * litellm's ANTHROPIC_API_BASE): `https://gw.example.com/anthropic` is called as `…/anthropic/v1/messages`, so the
 * base standing for the proxy's incoming `/v1` is `…/anthropic/v1` (a bare origin gets `/v1` either way).
 */
export function sdkUpstreamFrom(value: unknown, family: Family, headroomPort = 8787): string | undefined {
  if (typeof value !== 'string' || !value.trim()) return undefined;
  return upstreamFrom(value.trim().replace(/\/+$/, '') + CLIENT_PREFIX[family], family, headroomPort);
}

/**
 * The name of an agent's own route for a custom endpoint: `<agent>-<host>-<4 hex of the base>`, deterministic (the
 * same endpoint gets the same route on every run) and within UPSTREAM_NAME_RE.
 */
export function upstreamName(agent: string, base: string): string {
  let host = 'endpoint';
  try {
    host =
      new URL(base).hostname
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, '-')
        .replace(/^-+|-+$/g, '') || host;
  } catch {
    // not a URL: the hash alone tells bases apart
  }
  const hash = createHash('sha256').update(base).digest('hex').slice(0, 4);
  const name = `${agent}-${host}`.slice(0, 34).replace(/-+$/, '') + `-${hash}`;
  if (!UPSTREAM_NAME_RE.test(name)) throw new Error(`cannot name a route for ${base}`);
  return name;
}

/** The proxy origin an agent's custom endpoint is reached through: `<proxy>/u/<name>` (client rules apply on top). */
export function namedRoute(proxyUrl: string, name: string): string {
  return `${origin(proxyUrl)}/u/${name}`;
}
