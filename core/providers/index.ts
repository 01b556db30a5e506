import type { ProviderAdapter } from './types.js';
import { anthropic } from './anthropic/index.js';
import { openaiChat } from './openai-chat/index.js';
import { openaiResponses } from './openai-responses/index.js';
import { gemini } from './gemini/index.js';
import { ollamaChat } from './ollama-chat/index.js';

/**
 * Every request shape the proxy and the engine understand: one line each. Calls no route serves ask the adapters'
 * `claimsPassthrough` in this order (Ollama's `/api/` first: its blob paths hold a `:` that Gemini's claim would take;
 * then Gemini's paths and key header, then Anthropic's; the rest is OpenAI's).
 */
export const PROVIDERS = [ollamaChat, gemini, anthropic, openaiChat, openaiResponses] as const;

/** A request shape's name: `anthropic`, `openai-chat`, `openai-responses`, `gemini`, `ollama-chat`. */
export type Provider = (typeof PROVIDERS)[number]['id'];

export type { ProviderAdapter } from './types.js';

const BY_ID = new Map<string, ProviderAdapter>(PROVIDERS.map((p) => [p.id, p]));

/** The adapter for a request shape; throws for a name no adapter has (a caller's mistake, not a request's). */
export function providerAdapter(id: Provider): ProviderAdapter {
  const adapter = BY_ID.get(id);
  if (!adapter) throw new Error(`unknown provider "${String(id)}" (known: ${[...BY_ID.keys()].join(', ')})`);
  return adapter;
}

/** The request shape a URL's path names (any prefix before it: gateways, `/openai/v1`, …). */
export function providerOfUrlPath(path: string): Provider | undefined {
  return PROVIDERS.find((p) => p.servesUrlPath(path))?.id;
}

/**
 * The retrieve tool's definition in each provider's shape, serialized once: the bytes never change, so a session's
 * tools array stays byte-identical from the request that added it on (the provider's cached prefix starts with tools).
 */
export const RETRIEVE_TOOL_JSON = Object.fromEntries(PROVIDERS.map((p) => [p.id, p.retrieveToolJson])) as Record<
  Provider,
  string
>;
