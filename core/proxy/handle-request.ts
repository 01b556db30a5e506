import type { IncomingMessage, ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import type { CcrStore, RetrievalRecord } from '../ccr/store-types.js';
import { resolveTarget, type PrefixConfig } from './resolve-target.js';
import { prepareBody } from './prepare-body.js';
import type { UpstreamBases } from '../providers/upstream-url.js';
import { upstreamRequestHeaders } from './headers.js';
import { admitBody } from './admit-body.js';
import type { BodyBudget } from './body-budget.js';
import { guardSlowReader } from './slow-reader.js';
import type { CompressBody } from './rewrite-request.js';
import { providerAdapter } from '../providers/index.js';
import { sendUpstream, UpstreamError, type UpstreamPools } from './upstream-request.js';
import { pipeResponse, sendError } from './respond.js';
import { interceptResponse } from './intercept.js';
import { handlePassthrough } from './handle-passthrough.js';
import { answerRetrieves } from './retrieval/answer.js';
import { agentFromUserAgent, buildRecord, countUnits, type TokenCounter } from './records.js';
import type { RetrieveSessions } from './retrieve-sessions.js';
import type { ProxyEvents } from './events.js';
import { copilotFollowUpHeaders, isCopilotModelsList } from '../copilot/routes.js';
import { handleCopilotModels } from './copilot-models.js';
import type { PauseSwitch } from './pause.js';
import type { PendingWork } from './pending-work.js';

/** Everything a request needs, built once by `createProxyApp`. */
export interface ProxyContext {
  store: CcrStore;
  bases: UpstreamBases;
  /** Path prefixes that pick another upstream: `/copilot/<secret>/…`, `/u/<name>/…`. */
  prefixes: PrefixConfig;
  upstreamPools: UpstreamPools;
  events: ProxyEvents;
  pause: PauseSwitch;
  sessions: RetrieveSessions;
  tokens: TokenCounter;
  /** Requests and their records still under way: close() waits for them (pending-work.ts). */
  pending: PendingWork;
  /** Only the request records being counted and written (a subset of `pending`): `GET /stats` waits for them. */
  recording: PendingWork;
  compressBody: CompressBody;
  maxBodyBytes: number;
  bodies: BodyBudget;
  slowReaderTimeoutMs: number;
  idleTimeoutMs: number;
  retrieveTool: boolean;
  maxRetrieveRounds: number;
}

/**
 * One proxied request: read (size-limited), compress what can be compressed, forward with the client's own headers,
 * stream the answer back (answering retrieve calls in between when the request carries the retrieve tool), and record
 * it after it was forwarded. Never throws: failures become the provider's own error or a clear proxy error.
 */
export async function handleProxyRequest(req: IncomingMessage, res: ServerResponse, ctx: ProxyContext): Promise<void> {
  const method = req.method ?? 'GET';
  const resolved = resolveTarget(method, req.url ?? '/', req.headers, ctx.prefixes);
  if (!resolved.ok) return sendError(res, resolved.status, resolved.type, resolved.message);
  const { route, url, rest: pathAndQuery } = resolved.target;
  const copilot = resolved.target.prefix === 'copilot';
  const path = pathAndQuery.split('?')[0];
  const provider = route.provider;
  guardSlowReader(res, ctx.slowReaderTimeoutMs, (waiting) =>
    ctx.events.emit('warning', {
      message:
        `${method} ${path}: the client took nothing of its answer for ${ctx.slowReaderTimeoutMs} ms ` +
        `(${waiting} bytes waiting); closed it and the upstream request`,
    }),
  );
  if (!provider)
    return copilot && isCopilotModelsList(method, path)
      ? handleCopilotModels(req, res, url, ctx)
      : handlePassthrough(req, res, url, ctx);
  const adapter = providerAdapter(provider);
  const hasBody = method !== 'GET' && method !== 'HEAD';
  const body = hasBody
    ? await admitBody(req, res, ctx.bodies, ctx.maxBodyBytes)
    : { bytes: Buffer.alloc(0), release: () => {} };
  if (!body) return;

  const time = Date.now();
  const id = randomUUID();
  const paused = ctx.pause.paused; // read once: compressBody reads the same switch for this body
  const abort = new AbortController();
  res.once('close', () => {
    body.release(); // the body's budget share comes back however the exchange ends
    if (!res.writableFinished) abort.abort(); // the client left: stop the upstream request too
  });
  // an answer the proxy cannot watch for retrieve calls (Gemini's JSON-array stream) gets no retrieve tool
  const prep = await prepareBody(
    body.bytes,
    req.headers,
    provider,
    adapter.watchable(pathAndQuery) ? ctx : { ...ctx, retrieveTool: false },
    id,
  );
  const rewrite = prep.rewrite;
  const intercept = !route.countOnly && !!rewrite?.retrieveTool && rewrite.changed && prep.decoded;
  const headers = upstreamRequestHeaders(req.headers, { decoded: prep.decoded, identityResponse: intercept });

  const call = (bytes: Buffer | undefined, sent = headers) =>
    sendUpstream({
      url,
      method,
      headers: sent,
      body: bytes,
      upstreamPools: ctx.upstreamPools,
      signal: abort.signal,
      idleTimeoutMs: ctx.idleTimeoutMs,
    });
  // a retrieval round is the proxy's request, not the user's: Copilot must not bill it as a premium one
  const followUpHeaders = copilot ? copilotFollowUpHeaders(headers) : headers;

  const sending = call(hasBody ? prep.bytes : undefined);
  sending.then(body.release, body.release); // compressed and handed to the socket: the body's budget share is free
  // tokens are counted once the request is on its way (the provider's time to first token hides the cost)
  // (a token-counting call is not recorded, so nothing is counted for it)
  const counted = route.countOnly
    ? undefined
    : new Promise<void>((resolve) => setImmediate(resolve)).then(() => countUnits(rewrite?.units ?? [], ctx.tokens));
  const pending = {
    id,
    time,
    provider,
    compressMs: prep.compressMs,
    passthroughReason: prep.reason,
    model: adapter.modelOf(path, rewrite?.parsed),
    agent: resolved.target.agent ?? agentFromUserAgent(req.headers['user-agent']),
    paused,
  };
  const record = (status: number | undefined, error?: string) =>
    ctx.pending.track(ctx.recording.track(writeRecord(status, error)));
  const writeRecord = async (status: number | undefined, error?: string) => {
    if (!counted) return;
    await counted
      .then((units) => {
        const rec = buildRecord({ ...pending, error }, units, status);
        ctx.store.recordRequest(rec);
        ctx.events.emit('request', rec);
      })
      .catch((err: unknown) =>
        ctx.events.emit('warning', { message: `recording request failed: ${(err as Error).message}`, requestId: id }),
      );
  };

  let upstream: IncomingMessage;
  try {
    upstream = await sending;
  } catch (err) {
    const e = err instanceof UpstreamError ? err : new UpstreamError(String(err), 502);
    // the status the client got: the proxy's own 502/504 (none when the client had already left)
    void record(
      abort.signal.aborted ? undefined : e.status,
      abort.signal.aborted ? 'the client closed the request' : e.message,
    );
    if (abort.signal.aborted) return;
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
      answer: (calls) =>
        answerRetrieves(calls, ctx.store, prep.scope, id, (r, content) => recordRetrieval(ctx, r, content)),
      send: (text) => call(Buffer.from(text, 'utf8'), followUpHeaders),
      signal: abort.signal,
      onWarning: (message) => ctx.events.emit('warning', { message, requestId: id }),
    });
    if (handled) return;
  }
  await pipeResponse(upstream, res);
}

/** Records a retrieval with the tokens it handed back to the model (counted off the answer's path; cached by id). */
function recordRetrieval(ctx: ProxyContext, r: RetrievalRecord, content: string | undefined): void {
  const done = (rec: RetrievalRecord) => {
    try {
      ctx.store.recordRetrieval(rec);
    } catch {
      // stats only; the answer itself was already read
    }
    ctx.events.emit('retrieval', rec);
  };
  if (content === undefined) return done(r);
  ctx.tokens.count(content, r.id).then(
    (tokens) => done({ ...r, tokens }),
    () => done(r),
  );
}
