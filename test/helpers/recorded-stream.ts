import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SseParser, type SseEvent } from '../../core/wire/sse.js';
import { NdjsonParser } from '../../core/wire/ndjson.js';
import type { StreamSplicer } from '../../core/providers/types.js';

const DIR = join(__dirname, '..', 'fixtures', 'providers');

/**
 * A recorded stream (scripts/capture-provider-fixtures.mjs): one chunk per line, each a JSON string of the chunk's
 * bytes read as latin1, so the chunk boundaries and every byte are the ones the provider's socket delivered.
 */
export function recordedChunks(name: string): Buffer[] {
  return readFileSync(join(DIR, `${name}.chunks.txt`), 'utf8')
    .split('\n')
    .filter((l) => l.length > 0)
    .map((l) => Buffer.from(JSON.parse(l) as string, 'latin1'));
}

export const recordedText = (name: string): string => readFileSync(join(DIR, name), 'utf8').trimEnd();
export const recordedJson = (name: string): Record<string, unknown> =>
  JSON.parse(recordedText(name)) as Record<string, unknown>;

/** How a stream is cut into events, as the proxy picks it by content type (core/proxy/intercept.ts). */
export type Framing = 'sse' | 'ndjson';
const parserFor = (framing: Framing) => (framing === 'ndjson' ? new NdjsonParser() : new SseParser());

/** Feeds chunks through the stream's parser into the splicer, as the proxy's stream loop does; returns what the
 * client gets. */
export function feed(splicer: StreamSplicer, chunks: readonly Buffer[], framing: Framing = 'sse'): string {
  const parser = parserFor(framing);
  let out = '';
  for (const c of chunks) for (const ev of parser.push(c)) out += splicer.onEvent(ev);
  for (const ev of parser.end()) out += splicer.onEvent(ev);
  return out;
}

/** The events of an SSE (or NDJSON) text, parsed (to read what a client would). */
export function eventsOf(text: string, framing: Framing = 'sse'): SseEvent[] {
  const parser = parserFor(framing);
  return [...parser.push(Buffer.from(text, 'utf8')), ...parser.end()];
}

/** Every way of cutting a byte stream in two: the chunks at each byte offset. */
export function* twoPieceSplits(bytes: Buffer): Generator<Buffer[]> {
  for (let k = 1; k < bytes.length; k++) yield [bytes.subarray(0, k), bytes.subarray(k)];
}
