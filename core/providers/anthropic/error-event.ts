import { formatEvent } from '../../wire/sse.js';
import type { RoundFailure } from '../types.js';

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

/**
 * A failed retrieval round as Anthropic Messages' mid-stream error: `event: error` with
 * `{type:"error", error:{type, message}}`, as the API sends an overload mid-stream (the SDK throws an API error on it).
 * The provider's own error type is kept when it sent one; otherwise it follows from the status.
 */
export function anthropicErrorEvent(f: RoundFailure): string {
  return formatEvent(
    { type: 'error', error: { type: f.type ?? ANTHROPIC_TYPES[f.status] ?? 'api_error', message: f.message } },
    'error',
  );
}
