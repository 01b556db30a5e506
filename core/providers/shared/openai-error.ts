import type { RoundFailure } from '../types.js';

const OPENAI_TYPES: Record<number, string> = {
  400: 'invalid_request_error',
  401: 'authentication_error',
  403: 'permission_error',
  404: 'not_found_error',
  429: 'rate_limit_error',
};

/**
 * The `error` object OpenAI puts in error bodies and stream chunks (Chat Completions and Responses share it). The
 * provider's own error type is kept when it sent one; otherwise it follows from the status.
 */
export function openaiError(f: RoundFailure): { message: string; type: string; param: null; code: string } {
  return {
    message: f.message,
    type: f.type ?? OPENAI_TYPES[f.status] ?? 'server_error',
    param: null,
    code: f.code ?? String(f.status),
  };
}
