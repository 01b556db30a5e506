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
  /**
   * Text of the event still incomplete, as it came, with no blank line in it: joined only once its blank line is
   * there. A boundary is at most 4 characters, so a new chunk is searched together with the last 3 characters before
   * it, never the whole pending text again (a large event arriving in many chunks stays linear in its size).
   */
  private pending: string[] = [];
  private pendingLength = 0;
  private readonly decoder = new StringDecoder('utf8');

  push(chunk: Buffer): SseEvent[] {
    const text = this.decoder.write(chunk);
    if (!text) return [];
    const carry = this.lastChars(3);
    BOUNDARY.lastIndex = 0;
    if (!BOUNDARY.test(carry + text)) {
      this.pending.push(text);
      this.pendingLength += text.length;
      return [];
    }
    const buf = this.pending.join('') + text;
    const out: SseEvent[] = [];
    let from = 0;
    BOUNDARY.lastIndex = this.pendingLength - carry.length;
    for (let m = BOUNDARY.exec(buf); m; m = BOUNDARY.exec(buf)) {
      const end = m.index + m[0].length;
      out.push(parseEvent(buf.slice(from, end)));
      from = end;
    }
    const rest = buf.slice(from);
    this.pending = rest ? [rest] : [];
    this.pendingLength = rest.length;
    return out;
  }

  /** Whatever is left when the stream ends (a final event without its blank line). */
  end(): SseEvent[] {
    const rest = this.pending.join('') + this.decoder.end();
    this.pending = [];
    this.pendingLength = 0;
    return rest.trim() ? [parseEvent(rest)] : [];
  }

  private lastChars(n: number): string {
    let out = '';
    for (let i = this.pending.length - 1; i >= 0 && out.length < n; i--) out = this.pending[i] + out;
    return out.slice(-n);
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
