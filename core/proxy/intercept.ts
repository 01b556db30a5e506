import type { Provider } from '../messages/types.js';
import { clientResponseHeaders } from './headers.js';
import { AnthropicStreamSplicer } from './retrieval/anthropic-stream.js';
import { ChatStreamSplicer } from './retrieval/chat-stream.js';
import { ResponsesStreamSplicer } from './retrieval/responses-stream.js';
import { AnthropicJsonSplicer } from './retrieval/anthropic-json.js';
import { ChatJsonSplicer } from './retrieval/chat-json.js';
import { ResponsesJsonSplicer } from './retrieval/responses-json.js';
import { GeminiStreamSplicer } from './retrieval/gemini-stream.js';
import { GeminiJsonSplicer } from './retrieval/gemini-json.js';
import { streamRounds } from './retrieval/stream-rounds.js';
import { jsonRounds } from './retrieval/json-rounds.js';
import type { JsonSplicer, RoundsContext, StreamSplicer } from './retrieval/types.js';

export interface InterceptOptions extends RoundsContext {
  provider: Provider;
  /** The request body as sent upstream, text and parsed. */
  bodyText: string;
  parsed: Record<string, unknown>;
}

function streamSplicer(o: InterceptOptions): StreamSplicer | undefined {
  if (o.provider === 'anthropic') return new AnthropicStreamSplicer(o.bodyText);
  if (o.provider === 'openai-chat') return new ChatStreamSplicer(o.bodyText);
  if (o.provider === 'openai-responses') return new ResponsesStreamSplicer(o.bodyText, o.parsed);
  if (o.provider === 'gemini') return new GeminiStreamSplicer(o.bodyText);
  return undefined;
}

function jsonSplicer(o: InterceptOptions): JsonSplicer | undefined {
  if (o.provider === 'anthropic') return new AnthropicJsonSplicer(o.bodyText);
  if (o.provider === 'openai-chat') return new ChatJsonSplicer(o.bodyText);
  if (o.provider === 'openai-responses') return new ResponsesJsonSplicer(o.bodyText, o.parsed);
  if (o.provider === 'gemini') return new GeminiJsonSplicer(o.bodyText);
  return undefined;
}

/**
 * Returns false when the response cannot be watched (not a 200, not SSE/JSON, a provider without a splicer) and the
 * caller should pipe it untouched; otherwise serves the response with retrieval rounds answered in between.
 */
export async function interceptResponse(o: InterceptOptions): Promise<boolean> {
  const { first, res } = o;
  const type = String(first.headers['content-type'] ?? '').toLowerCase();
  const encoding = String(first.headers['content-encoding'] ?? 'identity').toLowerCase();
  if (first.statusCode !== 200 || encoding !== 'identity') return false;
  if (type.includes('text/event-stream')) {
    const splicer = streamSplicer(o);
    if (!splicer) return false;
    const headers = clientResponseHeaders(first.headers, false);
    res.writeHead(200, first.statusMessage, headers);
    res.flushHeaders();
    await streamRounds({ ...o, splicer });
    return true;
  }
  if (type.includes('json')) {
    const splicer = jsonSplicer(o);
    if (!splicer) return false;
    await jsonRounds({ ...o, splicer });
    return true;
  }
  return false;
}
