/**
 * The base URL each client needs to reach the proxy. Clients differ in whether their base includes `/v1` and a
 * trailing slash; each rule names where it was confirmed.
 */

/** `http://127.0.0.1:8787/` → `http://127.0.0.1:8787`. */
export function origin(proxyUrl: string): string {
  return proxyUrl.replace(/\/+$/, '');
}

/** OpenAI SDK-style base (the client appends `/chat/completions` or `/responses`): proxy + `/v1`. */
export function openAiBase(proxyUrl: string): string {
  return origin(proxyUrl) + '/v1';
}

/** Anthropic SDK-style base (the client appends `/v1/messages`), as ANTHROPIC_BASE_URL expects: the bare proxy. */
export function anthropicBase(proxyUrl: string): string {
  return origin(proxyUrl);
}

/**
 * Continue's Anthropic provider resolves `new URL("messages", apiBase)`, default apiBase
 * `https://api.anthropic.com/v1/` (continuedev/continue core/llm/llms/Anthropic.ts); BaseLLM adds a missing trailing
 * slash. So proxy + `/v1/`, the form our agent recipe ran (shared/agents/config/continue-config-anth.yaml).
 */
export function continueAnthropicBase(proxyUrl: string): string {
  return origin(proxyUrl) + '/v1/';
}

/** Public default endpoints: replacing one of these needs no special proxy upstream. */
const DEFAULT_BASES = [/^https:\/\/api\.openai\.com(\/v1)?\/?$/, /^https:\/\/api\.anthropic\.com(\/v1)?\/?$/];

export function isDefaultBase(url: string): boolean {
  return DEFAULT_BASES.some((re) => re.test(url.trim()));
}

/** True if `url` already points at this proxy (any path), so routing twice changes nothing. */
export function pointsAtProxy(url: unknown, proxyUrl: string): boolean {
  return typeof url === 'string' && (url === origin(proxyUrl) || url.startsWith(origin(proxyUrl) + '/'));
}
