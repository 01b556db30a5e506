import { formatLine } from '../../wire/ndjson.js';
import type { RoundFailure } from '../types.js';

/**
 * A failed retrieval round in an Ollama stream: the `{"error": "…"}` line Ollama itself writes once the stream has
 * begun (ollama server/routes.go `streamResponse`); ollama-js throws an Error with that message (src/utils.ts
 * `AbortableAsyncIterator`), and no `done` line follows.
 */
export function ollamaErrorLine(f: RoundFailure): string {
  return formatLine({ error: f.message });
}
