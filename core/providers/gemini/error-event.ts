import { formatEvent } from '../../wire/sse.js';
import type { RoundFailure } from '../types.js';

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

/**
 * A failed retrieval round in Gemini: a `data: {"error": {code, message, status}}` event, the shape @google/genai turns
 * into an ApiError.
 */
export function geminiErrorEvent(f: RoundFailure): string {
  return formatEvent({
    error: { code: f.status, message: f.message, status: f.statusName ?? GEMINI_STATUSES[f.status] ?? 'UNKNOWN' },
  });
}
