import { createReadStream } from 'node:fs';

/** Lines longer than this are skipped (and counted), so one runaway line cannot hold the whole file in memory. */
export const MAX_LINE_BYTES = 64 * 1024 * 1024;

export interface LineReadOptions {
  maxLineBytes?: number;
  /** Called once per line dropped for being longer than maxLineBytes. */
  onOversize?: () => void;
  signal?: AbortSignal;
}

/**
 * Streams a file line by line (LF or CRLF). Like readline on a stream, but with a hard cap on line length: memory
 * stays at one chunk plus the longest accepted line, whatever the file size.
 */
export async function* readLines(path: string, opts: LineReadOptions = {}): AsyncGenerator<string> {
  const max = opts.maxLineBytes ?? MAX_LINE_BYTES;
  const stream = createReadStream(path, { highWaterMark: 1024 * 1024, signal: opts.signal });
  let parts: Buffer[] = [];
  let partBytes = 0;
  let dropping = false;
  const finish = (tail: Buffer): string | undefined => {
    if (dropping) {
      dropping = false;
      return undefined;
    }
    const buf = parts.length ? Buffer.concat([...parts, tail]) : tail;
    parts = [];
    partBytes = 0;
    const end = buf.length > 0 && buf[buf.length - 1] === 0x0d ? buf.length - 1 : buf.length;
    return buf.toString('utf8', 0, end);
  };
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    let start = 0;
    for (;;) {
      const nl = chunk.indexOf(0x0a, start);
      if (nl < 0) break;
      const line = finish(chunk.subarray(start, nl));
      if (line !== undefined) yield line;
      start = nl + 1;
    }
    if (start < chunk.length && !dropping) {
      const rest = chunk.subarray(start);
      if (partBytes + rest.length > max) {
        parts = [];
        partBytes = 0;
        dropping = true;
        opts.onOversize?.();
      } else {
        // copy: the stream may reuse its chunk buffers
        parts.push(Buffer.from(rest));
        partBytes += rest.length;
      }
    }
  }
  if (partBytes > 0) {
    const line = finish(Buffer.alloc(0));
    if (line !== undefined) yield line;
  }
}
