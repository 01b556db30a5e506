import { readFileSync, statSync } from 'node:fs';

/** Inputs past this size are refused with a message rather than read into memory. */
export const MAX_INPUT_BYTES = 256 * 1024 * 1024;

export type Input = { ok: true; bytes: Buffer; text: string } | { ok: false; bytes?: Buffer; message: string };

/** Reads FILE or stdin ("-" or no argument) and decodes it as strict UTF-8. */
export async function readInput(file: string | undefined): Promise<Input> {
  let bytes: Buffer;
  try {
    if (file && file !== '-') {
      const st = statSync(file);
      if (st.isDirectory()) return { ok: false, message: `${file} is a directory; give a file, or - for stdin` };
      if (st.size > MAX_INPUT_BYTES)
        return { ok: false, message: `${file} is ${st.size} bytes; the limit is ${MAX_INPUT_BYTES}` };
      bytes = readFileSync(file);
    } else {
      bytes = await readStdin();
    }
  } catch (err) {
    return { ok: false, message: `cannot read ${file ?? 'stdin'}: ${(err as Error).message}` };
  }
  try {
    const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
    return { ok: true, bytes, text };
  } catch {
    return { ok: false, bytes, message: 'input is not valid UTF-8 text (binary data?)' };
  }
}

async function readStdin(): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of process.stdin) {
    size += (chunk as Buffer).length;
    if (size > MAX_INPUT_BYTES) throw new Error(`stdin exceeds ${MAX_INPUT_BYTES} bytes`);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}
