import type { IncomingMessage, ServerResponse } from 'node:http';
import { upstreamRequestHeaders } from './headers.js';
import { sendUpstream, UpstreamError, type UpstreamPools } from './upstream-request.js';
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
  const abort = new AbortController();
  res.once('close', () => {
    if (!res.writableFinished) abort.abort();
  });
  let upstream: IncomingMessage;
  try {
    upstream = await sendUpstream({
      url,
      method,
      headers,
      body: hasBody ? req : undefined,
      upstreamPools: ctx.upstreamPools,
      signal: abort.signal,
      idleTimeoutMs: ctx.idleTimeoutMs,
    });
  } catch (err) {
    if (abort.signal.aborted) return;
    const e = err instanceof UpstreamError ? err : new UpstreamError(String(err), 502);
    sendError(res, e.status, 'upstream_unreachable', `${e.message} (${url.origin})`);
    return;
  }
  await pipeResponse(upstream, res);
}
