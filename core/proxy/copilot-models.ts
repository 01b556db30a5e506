import type { IncomingMessage, ServerResponse } from 'node:http';
import { pipeline } from 'node:stream/promises';
import { upstreamRequestHeaders, clientResponseHeaders } from './headers.js';
import type { UpstreamPools } from './upstream-request.js';
import { pipeResponse } from './respond.js';
import { openUpstream } from './handle-passthrough.js';
import { withoutWebSocketResponses } from '../copilot/models-answer.js';

/** A model list larger than this is passed through as it comes (Copilot's is tens of KB). */
const MAX_MODELS_BYTES = 8 * 1024 * 1024;

/**
 * `GET /copilot/<secret>/models`: forwarded with the client's headers (an uncompressed answer asked for, so it can be
 * read), and answered with `ws:/responses` taken out of the models' `supported_endpoints` (models-answer.ts). An
 * answer that is not a 200 JSON one, or too large, streams back untouched.
 */
export async function handleCopilotModels(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  ctx: { upstreamPools: UpstreamPools; idleTimeoutMs: number },
): Promise<void> {
  const headers = upstreamRequestHeaders(req.headers, { decoded: false, identityResponse: true });
  const upstream = await openUpstream(res, url, ctx, { method: 'GET', headers });
  if (!upstream) return;
  const type = String(upstream.headers['content-type'] ?? '').toLowerCase();
  const encoding = String(upstream.headers['content-encoding'] ?? 'identity').toLowerCase();
  const declared = Number(upstream.headers['content-length'] ?? 0);
  if (upstream.statusCode !== 200 || !type.includes('json') || encoding !== 'identity' || declared > MAX_MODELS_BYTES)
    return pipeResponse(upstream, res);
  const read = await readUpTo(upstream, MAX_MODELS_BYTES);
  if (read.kind === 'failed') {
    res.destroy(); // the provider cut the answer: so does the proxy
    return;
  }
  if (read.kind === 'over') {
    // too large to rewrite: what was read goes first, the rest streams after it
    res.writeHead(200, upstream.statusMessage, clientResponseHeaders(upstream.headers, true));
    res.write(Buffer.concat(read.chunks));
    await pipeline(upstream, res).catch(() => undefined); // pipeline destroys both sides on failure
    return;
  }
  const body = withoutWebSocketResponses(Buffer.concat(read.chunks));
  res.writeHead(200, upstream.statusMessage, {
    ...clientResponseHeaders(upstream.headers, false),
    'content-length': body.length,
  });
  res.end(body);
}

type Read = { kind: 'whole' | 'over'; chunks: Buffer[] } | { kind: 'failed' };

/** Reads a response up to `limit` bytes; past it, stops reading (paused) and leaves the rest in the stream. */
function readUpTo(stream: IncomingMessage, limit: number): Promise<Read> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const done = (r: Read) => {
      stream.off('data', onData);
      stream.off('end', onEnd);
      stream.off('error', onError);
      stream.off('aborted', onError);
      resolve(r);
    };
    const onData = (c: Buffer) => {
      chunks.push(c);
      size += c.length;
      if (size > limit) {
        stream.pause();
        done({ kind: 'over', chunks });
      }
    };
    const onEnd = () => done(stream.complete ? { kind: 'whole', chunks } : { kind: 'failed' });
    const onError = () => done({ kind: 'failed' });
    stream.on('data', onData);
    stream.once('end', onEnd);
    stream.once('error', onError);
    stream.once('aborted', onError);
  });
}
