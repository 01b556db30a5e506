import type { IncomingMessage, ServerResponse } from 'node:http';
import { upstreamRequestHeaders } from './headers.js';
import { sendUpstream, UpstreamError, type UpstreamCall, type UpstreamPools } from './upstream-request.js';
import { pipeResponse, sendError } from './respond.js';

/** The part of the proxy's context a pass-through uses (the request handler hands it the whole one). */
export interface PassthroughContext {
  upstreamPools: UpstreamPools;
  idleTimeoutMs: number;
}

/**
 * Everything that is not a conversation (models, embeddings, files, count_tokens, …): request and response stream
 * through untouched and unbuffered, so no size limit applies and nothing is recorded.
 */
export async function handlePassthrough(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  ctx: PassthroughContext,
): Promise<void> {
  const method = req.method ?? 'GET';
  const hasBody = method !== 'GET' && method !== 'HEAD';
  const headers = upstreamRequestHeaders(req.headers, { decoded: false, identityResponse: false, keepLength: true });
  const upstream = await openUpstream(res, url, ctx, { method, headers, body: hasBody ? req : undefined });
  if (upstream) await pipeResponse(upstream, res);
}

/**
 * Sends one request upstream on behalf of the client behind `res`: aborted when the client goes, and an upstream that
 * cannot be reached answered with the proxy's 502/504 naming its origin. Resolves undefined when there is nothing
 * more to do (the error was sent, or the client left).
 */
export async function openUpstream(
  res: ServerResponse,
  url: URL,
  ctx: PassthroughContext,
  call: Pick<UpstreamCall, 'method' | 'headers' | 'body'>,
): Promise<IncomingMessage | undefined> {
  const abort = new AbortController();
  res.once('close', () => {
    if (!res.writableFinished) abort.abort();
  });
  try {
    return await sendUpstream({
      url,
      ...call,
      upstreamPools: ctx.upstreamPools,
      signal: abort.signal,
      idleTimeoutMs: ctx.idleTimeoutMs,
    });
  } catch (err) {
    if (abort.signal.aborted) return undefined;
    const e = err instanceof UpstreamError ? err : new UpstreamError(String(err), 502);
    sendError(res, e.status, 'upstream_unreachable', `${e.message} (${url.origin})`);
    return undefined;
  }
}
