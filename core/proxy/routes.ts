import type { IncomingHttpHeaders } from 'node:http';
import type { Provider } from '../messages/types.js';
import type { Family } from './upstream-url.js';

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
}

const GEMINI_CONTENT_RE = /^\/v1(?:beta|alpha)?\/(?:models|tunedModels)\/[^/]+:(?:generateContent|streamGenerateContent)$/;
const GEMINI_COUNT_RE = /^\/v1(?:beta|alpha)?\/(?:models|tunedModels)\/[^/]+:countTokens$/;

/**
 * Picks the route for a method and path. Compressible: Anthropic Messages, OpenAI Chat Completions and Responses,
 * Gemini generateContent/streamGenerateContent, and their token-counting calls. Every other path passes through to the family its prefix and headers
 * point at (`/v1/models` is both Anthropic's and OpenAI's: an `anthropic-version` or `x-api-key` header decides).
 */
export function routeFor(method: string, path: string, headers: IncomingHttpHeaders): Route {
  const post = method === 'POST';
  if (post && path === '/v1/messages') return { family: 'anthropic', provider: 'anthropic', name: 'anthropic.messages' };
  if (post && path === '/v1/chat/completions') return { family: 'openai', provider: 'openai-chat', name: 'openai.chat' };
  if (post && path === '/v1/responses') return { family: 'openai', provider: 'openai-responses', name: 'openai.responses' };
  if (post && GEMINI_CONTENT_RE.test(path)) return { family: 'gemini', provider: 'gemini', name: 'gemini.generate' };
  if (post && path === '/v1/messages/count_tokens') return { family: 'anthropic', provider: 'anthropic', name: 'anthropic.count_tokens', countOnly: true };
  if (post && path === '/v1/responses/input_tokens') return { family: 'openai', provider: 'openai-responses', name: 'openai.input_tokens', countOnly: true };
  if (post && GEMINI_COUNT_RE.test(path)) return { family: 'gemini', provider: 'gemini', name: 'gemini.count_tokens', countOnly: true };
  return { family: familyOf(path, headers), name: 'passthrough' };
}

function familyOf(path: string, headers: IncomingHttpHeaders): Family {
  if (/^\/v1(?:beta|alpha)\//.test(path) || path.includes(':') || headers['x-goog-api-key'] !== undefined) return 'gemini';
  if (path.startsWith('/v1/messages') || path === '/v1/complete') return 'anthropic';
  if (headers['anthropic-version'] !== undefined || headers['x-api-key'] !== undefined) return 'anthropic';
  return 'openai';
}
