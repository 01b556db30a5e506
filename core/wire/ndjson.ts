import { StringDecoder } from 'node:string_decoder';
import type { SseEvent } from './sse.js';

/**
 * Splits a newline-delimited JSON byte stream (`application/x-ndjson`, Ollama's native streams) into its lines as they
 * complete. Each line is handed on in the shape of an SSE event so one stream driver serves both framings: `raw` is
 * the line's exact text with its terminator (to forward it byte for byte), `data` the line without it. Lines are
 * split on `\n` only, as Ollama writes them (ollama server/routes.go `streamResponse` appends `'\n'` to each object)
 * and as its official client reads them (ollama-js src/utils.ts `parseJSON` splits on `'\n'`).
 */
export class NdjsonParser {
  private buf = '';
  private readonly decoder = new StringDecoder('utf8');

  push(chunk: Buffer): SseEvent[] {
    this.buf += this.decoder.write(chunk);
    const out: SseEvent[] = [];
    let from = 0;
    for (let nl = this.buf.indexOf('\n'); nl >= 0; nl = this.buf.indexOf('\n', from)) {
      out.push(line(this.buf.slice(from, nl + 1)));
      from = nl + 1;
    }
    if (from) this.buf = this.buf.slice(from);
    return out;
  }

  /** Whatever is left when the stream ends (a last line without its newline), forwarded as it came. */
  end(): SseEvent[] {
    const rest = this.buf + this.decoder.end();
    this.buf = '';
    return rest ? [line(rest)] : [];
  }
}

function line(raw: string): SseEvent {
  return { raw, data: raw.endsWith('\n') ? raw.slice(0, raw.endsWith('\r\n') ? -2 : -1) : raw };
}

/** One NDJSON line: the object's JSON and its newline. */
export const formatLine = (value: unknown): string => JSON.stringify(value) + '\n';
