import { formatEvent } from '../sse.js';
import type { RoundFailure } from './round-failure.js';

/**
 * A failed retrieval round as the error event each protocol's clients already handle mid-stream (their SDKs throw an
 * API error on it). The provider's own error type is kept when it sent one; otherwise it follows from the status.
 */

const ANTHROPIC_TYPES: Record<number, string> = {
  400: 'invalid_request_error',
  401: 'authentication_error',
  403: 'permission_error',
  404: 'not_found_error',
  413: 'request_too_large',
  429: 'rate_limit_error',
  504: 'timeout_error',
  529: 'overloaded_error',
};
const OPENAI_TYPES: Record<number, string> = {
  400: 'invalid_request_error',
  401: 'authentication_error',
  403: 'permission_error',
  404: 'not_found_error',
  429: 'rate_limit_error',
};
const GEMINI_STATUSES: Record<number, string> = {
  400: 'INVALID_ARGUMENT',
  401: 'UNAUTHENTICATED',
  403: 'PERMISSION_DENIED',
  404: 'NOT_FOUND',
  429: 'RESOURCE_EXHAUSTED',
  500: 'INTERNAL',
  503: 'UNAVAILABLE',
  504: 'DEADLINE_EXCEEDED',
};

/** Anthropic Messages: `event: error` with `{type:"error", error:{type, message}}`, as the API sends an overload mid-stream. */
export function anthropicErrorEvent(f: RoundFailure): string {
  return formatEvent({ type: 'error', error: { type: f.type ?? ANTHROPIC_TYPES[f.status] ?? 'api_error', message: f.message } }, 'error');
}

/** The `error` object OpenAI puts in error bodies and chat stream chunks. */
export function openaiError(f: RoundFailure): { message: string; type: string; param: null; code: string } {
  return { message: f.message, type: f.type ?? OPENAI_TYPES[f.status] ?? 'server_error', param: null, code: f.code ?? String(f.status) };
}

/** OpenAI Chat Completions: a `data: {"error": …}` chunk (the SDK throws an APIError on it); no `[DONE]` follows. */
export function chatErrorEvent(f: RoundFailure): string {
  return formatEvent({ error: openaiError(f) });
}

/** Gemini: a `data: {"error": {code, message, status}}` event, the shape @google/genai turns into an ApiError. */
export function geminiErrorEvent(f: RoundFailure): string {
  return formatEvent({ error: { code: f.status, message: f.message, status: f.statusName ?? GEMINI_STATUSES[f.status] ?? 'UNKNOWN' } });
}
