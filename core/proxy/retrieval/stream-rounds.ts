import type { IncomingMessage, ServerResponse } from 'node:http';
import { once } from 'node:events';
import { SseParser } from '../../wire/sse.js';
import { NdjsonParser } from '../../wire/ndjson.js';
import type { StreamSplicer, RoundsContext } from './types.js';
import {
  failureOfError,
  failureOfResponse,
  MAX_ERROR_BODY,
  readLimited,
  roundLimitNote,
  type RoundFailure,
} from './round-failure.js';

export interface StreamRoundsOptions extends RoundsContext {
  splicer: StreamSplicer;
  /** How the stream is cut into events: SSE's blank lines, or one JSON object a line (Ollama). Default SSE. */
  framing?: 'sse' | 'ndjson';
}

async function write(res: ServerResponse, text: string, signal: AbortSignal): Promise<void> {
  if (!text || res.destroyed) return;
  // backpressure: a slow client slows the upstream read instead of growing a buffer; a client that leaves aborts the
  // wait
  if (!res.write(text)) await once(res, 'drain', { signal });
}

/**
 * Streams a response to the client while answering `headroom_retrieve` calls in between: every event is written as
 * soon as the upstream sends it; when a turn ends with only retrieve calls, they are answered from the store and the
 * conversation continues upstream, spliced into the same client stream (bounded by `maxRounds`). A continuation the
 * provider refuses (429, 500, 401…) or never answers ends the stream with the protocol's error event carrying the
 * provider's status and message — never with an empty success. Resolves when the client's response is complete (or
 * abandoned).
 */
export async function streamRounds(o: StreamRoundsOptions): Promise<void> {
  const { res, splicer } = o;
  let upstream = o.first;
  for (let round = 0; ; round++) {
    const parser = o.framing === 'ndjson' ? new NdjsonParser() : new SseParser();
    try {
      for await (const chunk of upstream) {
        for (const ev of parser.push(chunk as Buffer)) await write(res, splicer.onEvent(ev), o.signal);
      }
      for (const ev of parser.end()) await write(res, splicer.onEvent(ev), o.signal);
    } catch {
      // the upstream closed mid-stream (or the client left): the client sees its stream cut off, as the provider cut it
      res.destroy();
      return;
    }
    if (o.signal.aborted) return;
    const calls = splicer.pendingRetrieves();
    if (!calls) break;
    if (round + 1 > o.maxRounds) {
      o.onWarning(`retrieval round limit (${o.maxRounds}) reached; the turn ends without the last retrieve`);
      await write(
        res,
        splicer.finish(
          roundLimitNote(
            o.maxRounds,
            calls.map((c) => c.id),
          ),
        ),
        o.signal,
      ).catch(() => undefined);
      break;
    }
    const next = await continueRound(o, splicer.continuation(o.answer(calls)));
    if (!next) return;
    if ('status' in next) {
      o.onWarning(next.message);
      await write(res, splicer.fail(next), o.signal).catch(() => undefined);
      break;
    }
    splicer.beginRound();
    upstream = next;
  }
  res.end();
}

/** The next round's stream; the failure when the provider refused or never answered; undefined when the client left. */
async function continueRound(
  o: StreamRoundsOptions,
  body: string,
): Promise<IncomingMessage | RoundFailure | undefined> {
  let next: IncomingMessage;
  try {
    next = await o.send(body);
  } catch (err) {
    return o.signal.aborted ? undefined : failureOfError(err);
  }
  if (next.statusCode === 200) return next;
  const bytes = await readLimited(next, MAX_ERROR_BODY).catch(() => Buffer.alloc(0));
  return o.signal.aborted ? undefined : failureOfResponse(next, bytes);
}
