/** Which upstream API family a request goes to (decides the base URL, not whether it is compressed). */
export type Family = 'anthropic' | 'openai' | 'gemini' | 'ollama';

export interface UpstreamBases {
  anthropic: string;
  openai: string;
  gemini: string;
  /** An Ollama server (native `/api/…`); the default is the local one Ollama's clients use (OLLAMA_HOST's default). */
  ollama: string;
}

export const DEFAULT_BASES: UpstreamBases = {
  anthropic: 'https://api.anthropic.com/v1',
  openai: 'https://api.openai.com/v1',
  gemini: 'https://generativelanguage.googleapis.com/v1beta',
  ollama: 'http://127.0.0.1:11434/api',
};

/** The incoming path prefix a family's base URL stands for (CLI contract: `/v1`, Gemini `/v1beta`, Ollama `/api`). */
const PREFIX: Record<Family, string> = { anthropic: '/v1', openai: '/v1', gemini: '/v1beta', ollama: '/api' };

/**
 * Normalizes a base URL as the CLI contract says: a base given without a path gets the family's prefix
 * (`https://api.anthropic.com` → `https://api.anthropic.com/v1`); a trailing slash is dropped. Throws on a bad URL.
 */
export function normalizeBase(base: string, family: Family): string {
  const u = new URL(base);
  if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new Error(`${family} base URL must be http(s): ${base}`);
  let path = u.pathname.replace(/\/+$/, '');
  if (path === '') path = PREFIX[family];
  return `${u.protocol}//${u.host}${path}`;
}

export function normalizeBases(partial: Partial<UpstreamBases> = {}): UpstreamBases {
  return {
    anthropic: normalizeBase(partial.anthropic ?? DEFAULT_BASES.anthropic, 'anthropic'),
    openai: normalizeBase(partial.openai ?? DEFAULT_BASES.openai, 'openai'),
    gemini: normalizeBase(partial.gemini ?? DEFAULT_BASES.gemini, 'gemini'),
    ollama: normalizeBase(partial.ollama ?? DEFAULT_BASES.ollama, 'ollama'),
  };
}

/**
 * Maps an incoming path+query onto the family's base: `/v1/chat/completions?x=1` with base
 * `https://host/openai/v1` → `https://host/openai/v1/chat/completions?x=1`. A path outside the family's prefix
 * (e.g. Gemini `/v1/models/…`) keeps its own path on the base's origin. Throws rather than return a URL on another
 * origin, or outside the base's path (the request handlers refuse such targets first: see `targetRefusal`).
 */
export function upstreamUrl(bases: UpstreamBases, family: Family, pathAndQuery: string): URL {
  const base = new URL(bases[family]);
  const prefix = PREFIX[family];
  const q = pathAndQuery.indexOf('?');
  const path = q < 0 ? pathAndQuery : pathAndQuery.slice(0, q);
  const query = q < 0 ? '' : pathAndQuery.slice(q);
  const mapped = path === prefix || path.startsWith(prefix + '/');
  const url = mapped ? new URL(bases[family] + path.slice(prefix.length) + query) : new URL(path + query, base.origin);
  const inside =
    url.origin === base.origin &&
    (!mapped || url.pathname === base.pathname || url.pathname.startsWith(base.pathname + '/'));
  if (!path.startsWith('/') || !inside)
    throw new Error(`request target "${path}" does not map into the ${family} upstream ${base.origin}${base.pathname}`);
  return url;
}
