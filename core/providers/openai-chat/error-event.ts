import { formatEvent } from '../../wire/sse.js';
import { openaiError } from '../shared/openai-error.js';
import type { RoundFailure } from '../types.js';

/**
 * A failed retrieval round in Chat Completions: a `data: {"error": …}` chunk (the SDK throws an APIError on it); no
 * `[DONE]` follows.
 */
export function chatErrorEvent(f: RoundFailure): string {
  return formatEvent({ error: openaiError(f) });
}
