import { createReadStream, readFileSync, statSync } from 'node:fs';

/** A stream of input bytes too large to compress, read in chunks (never whole into one string). */
export interface LargeSource {
  /** Bytes, when known before reading (a file). */
  size?: number;
  /** The chunks in order; a replayable source can be read more than once. */
  read(): AsyncIterable<Buffer>;
  replayable: boolean;
}

export type CliInput =
  | { kind: 'small'; bytes: Buffer }
  | { kind: 'large'; source: LargeSource }
  | { kind: 'error'; message: string };

/**
 * Reads FILE or stdin ("-" or none), deciding the size first: a file is stat'ed, stdin is counted as it arrives.
 * Past `limit` bytes the input is handed on as a stream (a pass-through needs no more), so a 200 MB input never
 * becomes a 200 MB string.
 */
export async function readCliInput(file: string | undefined, limit: number): Promise<CliInput> {
  if (file && file !== '-') return readFileInput(file, limit);
  return readStdinInput(limit);
}

function readFileInput(file: string, limit: number): CliInput {
  try {
    const st = statSync(file);
    if (st.isDirectory()) return { kind: 'error', message: `${file} is a folder; give a file, or - for stdin` };
    // special files (a FIFO, /dev/stdin) report size 0: they are read like stdin would be, whole
    if (st.isFile() && st.size > limit) {
      return {
        kind: 'large',
        source: { size: st.size, read: () => createReadStream(file, { highWaterMark: 1 << 20 }), replayable: true },
      };
    }
    const bytes = readFileSync(file);
    if (bytes.length > limit) return { kind: 'large', source: fromChunks([bytes]) };
    return { kind: 'small', bytes };
  } catch (err) {
    return { kind: 'error', message: `cannot read ${file}: ${(err as Error).message}` };
  }
}

async function readStdinInput(limit: number): Promise<CliInput> {
  const it = (process.stdin as AsyncIterable<Buffer>)[Symbol.asyncIterator]();
  const head: Buffer[] = [];
  let size = 0;
  try {
    for (;;) {
      const r = await it.next();
      if (r.done) return { kind: 'small', bytes: Buffer.concat(head, size) };
      head.push(r.value);
      size += r.value.length;
      if (size > limit) break;
    }
  } catch (err) {
    return { kind: 'error', message: `cannot read stdin: ${(err as Error).message}` };
  }
  let used = false;
  return {
    kind: 'large',
    source: {
      replayable: false,
      read: () => {
        if (used) throw new Error('stdin can be read once');
        used = true;
        return (async function* () {
          yield* head;
          for (let r = await it.next(); !r.done; r = await it.next()) yield r.value;
        })();
      },
    },
  };
}

/** A replayable source over chunks already in memory. */
export function fromChunks(chunks: Buffer[]): LargeSource {
  return {
    size: chunks.reduce((n, c) => n + c.length, 0),
    replayable: true,
    read: () =>
      (async function* () {
        yield* chunks;
      })(),
  };
}
