import type { IncomingMessage, ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import type { CcrStore } from '../ccr/store-types.js';
import { routeFor } from './routes.js';
import { prepareBody } from './prepare-body.js';
import { upstreamUrl, type UpstreamBases } from './upstream-url.js';
import { upstreamRequestHeaders } from './headers.js';
import { readBody } from './read-body.js';
import type { CompressBody } from './rewrite-request.js';
import type { Provider } from '../messages/types.js';
import { sendUpstream, UpstreamError, type UpstreamAgents } from './upstream-request.js';
import { pipeResponse, sendError } from './respond.js';
import { interceptResponse } from './intercept.js';
import { handlePassthrough } from './handle-passthrough.js';
import { answerRetrieves } from './retrieval/answer.js';
import { agentFromUserAgent, buildRecord, countUnits, type TokenCounter } from './records.js';
import type { RetrieveSessions } from './retrieve-sessions.js';
import type { ProxyEvents } from './events.js';

/** Everything a request needs, built once by `createProxyApp`. */
export interface ProxyContext {
  store: CcrStore;
  bases: UpstreamBases;
  agents: UpstreamAgents;
  events: ProxyEvents;
  sessions: RetrieveSessions;
  tokens: TokenCounter;
  compressBody: CompressBody;
  maxBodyBytes: number;
  idleTimeoutMs: number;
  retrieveTool: boolean;
  maxRetrieveRounds: number;
}

function modelOf(provider: Provider, path: string, parsed: Record<string, unknown> | undefined): string | undefined {
  if (typeof parsed?.model === 'string') return parsed.model;
  if (provider === 'gemini') return /\/models\/([^/:]+):/.exec(path)?.[1];
  return undefined;
}

/**
 * One proxied request: read (size-limited), compress what can be compressed, forward with the client's own headers,
 * stream the answer back (answering retrieve calls in between when the request carries the retrieve tool), and record
 * it after it was forwarded. Never throws: failures become the provider's own error or a clear proxy error.
 */
export async function handleProxyRequest(req: IncomingMessage, res: ServerResponse, ctx: ProxyContext): Promise<void> {
  const pathAndQuery = req.url ?? '/';
  const path = pathAndQuery.split('?')[0];
  const method = req.method ?? 'GET';
  const route = routeFor(method, path, req.headers);
  const provider = route.provider;
  if (!provider) return handlePassthrough(req, res, route, ctx);
  const hasBody = method !== 'GET' && method !== 'HEAD';
  const body = hasBody ? await readBody(req, ctx.maxBodyBytes) : { ok: true as const, bytes: Buffer.alloc(0) };
  if (!body.ok) {
    if (body.reason === 'too-large')
      sendError(res, 413, 'request_too_large', `request body is larger than the proxy's limit of ${ctx.maxBodyBytes} bytes`, { connection: 'close' });
    else res.destroy();
    return;
  }

  const time = Date.now();
  const id = randomUUID();
  // Gemini's streamGenerateContent without alt=sse streams a JSON array, which the proxy does not watch: no tool there
  const unwatched = provider === 'gemini' && path.endsWith(':streamGenerateContent') && !/[?&]alt=sse(?:&|$)/.test(pathAndQuery);
  const prep = await prepareBody(body.bytes, req.headers, provider, unwatched ? { ...ctx, retrieveTool: false } : ctx, id);
  const rewrite = prep.rewrite;
  const intercept = !route.countOnly && !!rewrite?.retrieveTool && rewrite.changed && prep.decoded;
  const headers = upstreamRequestHeaders(req.headers, { decoded: prep.decoded, identityResponse: intercept });
  const url = upstreamUrl(ctx.bases, route.family, pathAndQuery);

  const abort = new AbortController();
  res.once('close', () => {
    if (!res.writableFinished) abort.abort(); // the client left: stop the upstream request too
  });
  const call = (bytes: Buffer | undefined) =>
    sendUpstream({ url, method, headers, body: bytes, agents: ctx.agents, signal: abort.signal, idleTimeoutMs: ctx.idleTimeoutMs });

  const sending = call(hasBody ? prep.bytes : undefined);
  // tokens are counted once the request is on its way (the provider's time to first token hides the cost)
  // (a token-counting call is not recorded, so nothing is counted for it)
  const counted = route.countOnly ? undefined : new Promise<void>((resolve) => setImmediate(resolve)).then(() => countUnits(rewrite?.units ?? [], ctx.tokens));
  const pending = { id, time, provider, compressMs: prep.compressMs, passthroughReason: prep.reason, model: modelOf(provider, path, rewrite?.parsed), agent: agentFromUserAgent(req.headers['user-agent']) };
  const record = async (status: number | undefined) => {
    if (!counted) return;
    await counted
      .then((units) => {
        const rec = buildRecord(pending, units, status);
        ctx.store.recordRequest(rec);
        ctx.events.emit('request', rec);
      })
      .catch((err: unknown) => ctx.events.emit('warning', { message: `recording request failed: ${(err as Error).message}`, requestId: id }));
  };

  let upstream: IncomingMessage;
  try {
    upstream = await sending;
  } catch (err) {
    void record(undefined);
    if (abort.signal.aborted) return;
    const e = err instanceof UpstreamError ? err : new UpstreamError(String(err), 502);
    sendError(res, e.status, 'upstream_unreachable', `${e.message} (${url.origin})`);
    return;
  }
  void record(upstream.statusCode);

  if (intercept && rewrite?.parsed) {
    const handled = await interceptResponse({
      provider,
      bodyText: rewrite.bytes.toString('utf8'),
      parsed: rewrite.parsed,
      first: upstream,
      res,
      maxRounds: ctx.maxRetrieveRounds,
      answer: (calls) => answerRetrieves(calls, ctx.store, prep.scope, id, (r) => recordRetrieval(ctx, r)),
      send: (text) => call(Buffer.from(text, 'utf8')),
      signal: abort.signal,
      onWarning: (message) => ctx.events.emit('warning', { message, requestId: id }),
    });
    if (handled) return;
  }
  await pipeResponse(upstream, res);
}

function recordRetrieval(ctx: ProxyContext, r: Parameters<CcrStore['recordRetrieval']>[0]): void {
  try {
    ctx.store.recordRetrieval(r);
  } catch {
    // stats only; the answer itself was already read
  }
  ctx.events.emit('retrieval', r);
}
