import type { IncomingMessage, ServerResponse } from 'node:http';
import { once } from 'node:events';
import { SseParser } from '../sse.js';
import type { StreamSplicer, RoundsContext } from './types.js';

export interface StreamRoundsOptions extends RoundsContext {
  splicer: StreamSplicer;
}

async function write(res: ServerResponse, text: string, signal: AbortSignal): Promise<void> {
  if (!text || res.destroyed) return;
  // backpressure: a slow client slows the upstream read instead of growing a buffer; a client that leaves aborts the wait
  if (!res.write(text)) await once(res, 'drain', { signal });
}

/**
 * Streams a response to the client while answering `headroom_retrieve` calls in between: every event is written as
 * soon as the upstream sends it; when a turn ends with only retrieve calls, they are answered from the store and the
 * conversation continues upstream, spliced into the same client stream (bounded by `maxRounds`).
 * Resolves when the client's response is complete (or abandoned).
 */
export async function streamRounds(o: StreamRoundsOptions): Promise<void> {
  const { res, splicer } = o;
  let upstream = o.first;
  for (let round = 0; ; round++) {
    const parser = new SseParser();
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
      await write(res, splicer.finish(), o.signal).catch(() => undefined);
      break;
    }
    const body = splicer.continuation(o.answer(calls));
    let next: IncomingMessage;
    try {
      next = await o.send(body);
    } catch (err) {
      if (o.signal.aborted) return;
      o.onWarning(`retrieval continuation failed: ${(err as Error).message}`);
      await write(res, splicer.finish(), o.signal).catch(() => undefined);
      break;
    }
    if (next.statusCode !== 200) {
      o.onWarning(`retrieval continuation answered ${next.statusCode}`);
      next.resume();
      await write(res, splicer.finish(), o.signal).catch(() => undefined);
      break;
    }
    splicer.beginRound();
    upstream = next;
  }
  res.end();
}
