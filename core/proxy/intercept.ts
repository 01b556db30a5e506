import type { Provider } from '../messages/types.js';
import { providerAdapter } from '../providers/index.js';
import { clientResponseHeaders } from './headers.js';
import { streamRounds } from './retrieval/stream-rounds.js';
import { jsonRounds } from './retrieval/json-rounds.js';
import type { RoundsContext } from './retrieval/types.js';

export interface InterceptOptions extends RoundsContext {
  provider: Provider;
  /** The request body as sent upstream, text and parsed. */
  bodyText: string;
  parsed: Record<string, unknown>;
}

/**
 * Returns false when the response cannot be watched (not a 200, encoded, neither SSE, NDJSON nor JSON) and the
 * caller should pipe it untouched; otherwise serves the response with retrieval rounds answered in between, through
 * the provider's stream or JSON splicer.
 */
export async function interceptResponse(o: InterceptOptions): Promise<boolean> {
  const { first, res } = o;
  const type = String(first.headers['content-type'] ?? '').toLowerCase();
  const encoding = String(first.headers['content-encoding'] ?? 'identity').toLowerCase();
  if (first.statusCode !== 200 || encoding !== 'identity') return false;
  const adapter = providerAdapter(o.provider);
  // NDJSON before JSON: `application/x-ndjson` (Ollama's streams) also contains "json"
  const framing = type.includes('text/event-stream')
    ? 'sse'
    : type.includes('application/x-ndjson')
      ? 'ndjson'
      : undefined;
  if (framing) {
    const splicer = adapter.streamSplicer(o.bodyText, o.parsed);
    const headers = clientResponseHeaders(first.headers, false);
    res.writeHead(200, first.statusMessage, headers);
    res.flushHeaders();
    await streamRounds({ ...o, splicer, framing });
    return true;
  }
  if (type.includes('json')) {
    await jsonRounds({ ...o, splicer: adapter.jsonSplicer(o.bodyText, o.parsed) });
    return true;
  }
  return false;
}
