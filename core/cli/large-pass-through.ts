import { fromChunks, type LargeSource } from './sized-input.js';
import type { CliIo } from './io.js';

/** o200k_base averages about 4 bytes of English or code per token; counting 200 MB exactly would take ~20 s. */
const BYTES_PER_TOKEN = 4;

/**
 * Passes an input too large to compress through unchanged, chunk by chunk. Plain mode copies the bytes to stdout as
 * they arrive; `--json` first checks the whole input is UTF-8 (a JSON string cannot hold anything else, and half an
 * object must never be printed), then writes the object with `output` escaped piece by piece and estimated token
 * counts (`tokensEstimated: true`). Returns the exit code: 1 when the input is not UTF-8 text (plain mode has
 * copied it anyway, as for any binary input).
 */
export async function passLargeThrough(source: LargeSource, json: boolean, reason: string, io: CliIo): Promise<number> {
  if (!json) {
    const valid = await eachChunk(source, (c) => io.out(c));
    if (!valid) return notText(io);
    io.err(`headroom compress: ${reason}; passed through unchanged`);
    return 0;
  }
  const replayable = source.replayable ? source : await collect(source);
  if (!(await eachChunk(replayable, () => undefined))) return notText(io);
  const tokens = Math.ceil((replayable.size ?? 0) / BYTES_PER_TOKEN);
  io.out(`{"kind":"text","originalTokens":${tokens},"compressedTokens":${tokens},"output":"`);
  const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
  for await (const chunk of replayable.read()) io.out(escapeJsonString(decoder.decode(chunk, { stream: true })));
  io.out(escapeJsonString(decoder.decode()));
  io.out(`","ccr":[],"reason":${JSON.stringify(reason)},"tokensEstimated":true}\n`);
  return 0;
}

/** Runs `fn` on every chunk while checking the bytes are UTF-8; false at the end when they were not. */
async function eachChunk(source: LargeSource, fn: (c: Buffer) => void): Promise<boolean> {
  const check = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  let valid = true;
  for await (const chunk of source.read()) {
    fn(chunk);
    if (valid) {
      try {
        check.decode(chunk, { stream: true });
      } catch {
        valid = false;
      }
    }
  }
  if (valid) {
    try {
      check.decode();
    } catch {
      valid = false;
    }
  }
  return valid;
}

async function collect(source: LargeSource): Promise<LargeSource> {
  const chunks: Buffer[] = [];
  for await (const c of source.read()) chunks.push(c);
  return fromChunks(chunks);
}

function escapeJsonString(s: string): string {
  return s ? JSON.stringify(s).slice(1, -1) : '';
}

function notText(io: CliIo): number {
  io.err('headroom compress: input is not valid UTF-8 text (binary data?); not compressed');
  return 1;
}
