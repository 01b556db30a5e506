import { StringDecoder } from 'node:string_decoder';

/** One server-sent event: its exact text (terminator included, to forward it byte for byte) and its fields. */
export interface SseEvent {
  raw: string;
  event?: string;
  data: string;
}

const BOUNDARY = /\r\n\r\n|\n\n|\r\r/g;

/** Splits an SSE byte stream into events as they complete (a partial event waits for its blank line). */
export class SseParser {
  private buf = '';
  private readonly decoder = new StringDecoder('utf8');

  push(chunk: Buffer): SseEvent[] {
    this.buf += this.decoder.write(chunk);
    const out: SseEvent[] = [];
    let from = 0;
    BOUNDARY.lastIndex = 0;
    for (let m = BOUNDARY.exec(this.buf); m; m = BOUNDARY.exec(this.buf)) {
      const end = m.index + m[0].length;
      out.push(parseEvent(this.buf.slice(from, end)));
      from = end;
    }
    if (from) this.buf = this.buf.slice(from);
    return out;
  }

  /** Whatever is left when the stream ends (a final event without its blank line). */
  end(): SseEvent[] {
    const rest = this.buf + this.decoder.end();
    this.buf = '';
    return rest.trim() ? [parseEvent(rest)] : [];
  }
}

export function parseEvent(raw: string): SseEvent {
  let event: string | undefined;
  const data: string[] = [];
  for (const line of raw.split(/\r\n|\r|\n/)) {
    if (!line || line.startsWith(':')) continue;
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'event') event = value;
    else if (field === 'data') data.push(value);
  }
  return { raw, event, data: data.join('\n') };
}

/** Serializes an event the way providers send them. */
export function formatEvent(data: unknown, event?: string): string {
  return `${event ? `event: ${event}\n` : ''}data: ${typeof data === 'string' ? data : JSON.stringify(data)}\n\n`;
}
