import * as zlib from 'node:zlib';
import { promisify } from 'node:util';

type Decoder = (buf: Buffer, opts: zlib.ZlibOptions | zlib.BrotliOptions) => Promise<Buffer>;

const gunzip = promisify(zlib.gunzip) as Decoder;
const inflate = promisify(zlib.inflate) as Decoder;
const brotli = promisify(zlib.brotliDecompress) as Decoder;

/** Node ≥ 22.15 has zstd in zlib; Node 20 does not, so zstd bodies pass through undecoded there. */
function zstdDecoder(): Decoder | undefined {
  const fn = (zlib as unknown as Record<string, unknown>).zstdDecompress;
  return typeof fn === 'function'
    ? (promisify(fn as (b: Buffer, o: object, cb: (e: Error | null, r: Buffer) => void) => void) as Decoder)
    : undefined;
}
const zstd = zstdDecoder();

export type DecodeResult = { ok: true; bytes: Buffer; decoded: boolean } | { ok: false; reason: string };

/**
 * Decodes a request body's content-encoding (gzip, deflate, br, zstd) so the proxy can read it. The decoded size is
 * capped at `limit` (a small gzip body can expand enormously). On failure the caller forwards the original bytes.
 */
export async function decodeBody(bytes: Buffer, encoding: string | undefined, limit: number): Promise<DecodeResult> {
  const enc = (encoding ?? '').trim().toLowerCase();
  if (enc === '' || enc === 'identity') return { ok: true, bytes, decoded: false };
  const opts = { maxOutputLength: limit };
  let decoder: Decoder | undefined;
  if (enc === 'gzip' || enc === 'x-gzip') decoder = gunzip;
  else if (enc === 'deflate') decoder = inflate;
  else if (enc === 'br') decoder = brotli;
  else if (enc === 'zstd') {
    if (!zstd)
      return {
        ok: false,
        reason: `zstd request body: this Node (${process.version}) has no zstd decoder (needs ≥ 22.15)`,
      };
    decoder = zstd;
  } else return { ok: false, reason: `unsupported content-encoding "${enc}"` };
  try {
    return { ok: true, bytes: await decoder(bytes, opts), decoded: true };
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    if (e?.code === 'ERR_BUFFER_TOO_LARGE' || /Cannot create a Buffer larger|maxOutputLength/i.test(e?.message ?? ''))
      return { ok: false, reason: `${enc} body decodes to more than ${limit} bytes` };
    return { ok: false, reason: `could not decode ${enc} body: ${e?.message ?? String(err)}` };
  }
}
