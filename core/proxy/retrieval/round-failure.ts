import type { IncomingMessage } from 'node:http';
import { UpstreamError } from '../upstream-request.js';
import type { RoundFailure } from '../../providers/types.js';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

export type { RoundFailure } from '../../providers/types.js';

/** The largest error body read from a failed continuation (they are a few hundred bytes; anything past is dropped). */
export const MAX_ERROR_BODY = 64 * 1024;

/** Reads at most `limit` bytes of a response; the rest is discarded. Rejects if the response breaks off. */
export async function readLimited(msg: IncomingMessage, limit: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const c of msg) {
    const b = c as Buffer;
    if (size < limit) chunks.push(b.subarray(0, limit - size));
    size += b.length;
  }
  return Buffer.concat(chunks);
}

/**
 * The provider's error response as a failure: its `error` object (any of the three families' shapes) when it has one.
 */
export function failureOfResponse(res: IncomingMessage, body: Buffer): RoundFailure {
  const status = res.statusCode ?? 502;
  const retryAfter = typeof res.headers['retry-after'] === 'string' ? res.headers['retry-after'] : undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString('utf8'));
  } catch {
    parsed = undefined;
  }
  const err = Array.isArray(parsed) ? (parsed[0] as Obj | undefined)?.error : isObj(parsed) ? parsed.error : undefined;
  const text = body.toString('utf8').trim().slice(0, 500);
  const own = isObj(err) && typeof err.message === 'string' ? err.message : text || (res.statusMessage ?? '');
  const failure: RoundFailure = {
    status,
    message:
      `the provider answered ${status} during a headroom_retrieve ` +
      `round${retryAfter ? ` (retry-after: ${retryAfter})` : ''}: ${own}`,
  };
  if (retryAfter) failure.retryAfter = retryAfter;
  if (isObj(err)) {
    if (typeof err.type === 'string') failure.type = err.type;
    if (typeof err.code === 'string') failure.code = err.code;
    if (typeof err.status === 'string') failure.statusName = err.status;
  }
  return failure;
}

/** No answer from the provider (unreachable, idle timeout, connection cut): a proxy error. */
export function failureOfError(err: unknown): RoundFailure {
  const status = err instanceof UpstreamError ? err.status : 502;
  const what = err instanceof Error ? err.message : String(err);
  return { status, message: `no answer from the provider during a headroom_retrieve round: ${what}` };
}

/** What the answer says when the round limit stops a retrieve: the model (and the person reading) learn it happened. */
export function roundLimitNote(maxRounds: number, ids: readonly (string | undefined)[]): string {
  const named = ids.filter((id): id is string => !!id);
  const what = named.length
    ? `${named.join(', ')} ${named.length === 1 ? 'was' : 'were'} not retrieved`
    : 'the last retrieve was not answered';
  return (
    `[headroom: stopped after ${maxRounds} headroom_retrieve round${maxRounds === 1 ? '' : 's'} in one answer; ` +
    `${what}. Call headroom_retrieve again to get it.]`
  );
}
