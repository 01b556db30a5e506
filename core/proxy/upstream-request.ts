import * as http from 'node:http';
import * as https from 'node:https';
import type { OutgoingHttpHeaders } from 'node:http';
import type { Readable } from 'node:stream';

/**
 * Keep-alive connection pools (node http.Agent) per scheme: a fresh TLS handshake per request would add tens of
 * milliseconds to every turn.
 */
export interface UpstreamPools {
  http: http.Agent;
  https: https.Agent;
}

export function createUpstreamPools(): UpstreamPools {
  return { http: new http.Agent({ keepAlive: true }), https: new https.Agent({ keepAlive: true }) };
}

export interface UpstreamCall {
  url: URL;
  method: string;
  headers: OutgoingHttpHeaders;
  /** A buffered body, a stream piped through as it arrives (pass-through routes), or none (GET…). */
  body?: Buffer | Readable;
  upstreamPools: UpstreamPools;
  /** Aborts the upstream request (client went away). */
  signal: AbortSignal;
  /** No byte from upstream for this long → the request is aborted (connect, headers, or between stream chunks). */
  idleTimeoutMs: number;
}

/** Upstream failed before sending a response: the client gets a 502/504 that says so. */
export class UpstreamError extends Error {
  constructor(
    message: string,
    readonly status: 502 | 504,
  ) {
    super(message);
  }
}

/**
 * Sends one request upstream with node's http client, not fetch: fetch would decode the response's
 * content-encoding, and the proxy must hand the provider's bytes back exactly as they came.
 * Resolves with the response as soon as its headers arrive; the body is read by the caller.
 *
 * A pooled keep-alive socket the provider closed while it sat idle fails the next request on it at once
 * (ECONNRESET/EPIPE before any response byte). Such a request never reached the provider, so a replayable one (a
 * buffered body, or none) is sent again, once, on another socket (node's documented `reusedSocket` pattern); a
 * streamed body cannot be replayed and fails as before.
 */
export async function sendUpstream(call: UpstreamCall): Promise<http.IncomingMessage> {
  try {
    return await sendOnce(call);
  } catch (err) {
    if (!(err instanceof StaleSocketError)) throw err;
    return sendOnce(call).catch((again: unknown) => {
      throw again instanceof StaleSocketError ? again.upstreamError : again;
    });
  }
}

/** A request that failed on a reused socket before any response: it may be sent again. */
class StaleSocketError extends Error {
  constructor(readonly upstreamError: UpstreamError) {
    super(upstreamError.message);
  }
}

const STALE_CODES = new Set(['ECONNRESET', 'EPIPE']);

function sendOnce(call: UpstreamCall): Promise<http.IncomingMessage> {
  return new Promise((resolve, reject) => {
    const secure = call.url.protocol === 'https:';
    const headers = { ...call.headers };
    if (Buffer.isBuffer(call.body)) headers['content-length'] = call.body.length;
    const replayable = Buffer.isBuffer(call.body) || call.body === undefined;
    const req = (secure ? https : http).request(call.url, {
      method: call.method,
      headers,
      agent: secure ? call.upstreamPools.https : call.upstreamPools.http,
      signal: call.signal,
    });
    req.setTimeout(call.idleTimeoutMs, () =>
      req.destroy(new UpstreamError(`upstream sent nothing for ${call.idleTimeoutMs} ms`, 504)),
    );
    req.once('response', (res) => {
      // the idle timeout keeps guarding the body (the socket's timeout applies to the response too)
      resolve(res);
    });
    req.on('error', (err) => {
      if (err instanceof UpstreamError) return reject(err);
      const failure = new UpstreamError(`upstream request failed: ${describe(err)}`, 502);
      const code = (err as NodeJS.ErrnoException).code ?? '';
      const stale = req.reusedSocket && replayable && STALE_CODES.has(code) && !call.signal.aborted;
      reject(stale ? new StaleSocketError(failure) : failure);
    });
    if (replayable) req.end(call.body);
    else {
      const body = call.body as Readable;
      body.once('error', (err) => req.destroy(err)); // the client's upload broke off
      body.pipe(req);
    }
  });
}

function describe(err: unknown): string {
  const e = err as NodeJS.ErrnoException;
  return [e?.code, e?.message].filter(Boolean).join(' ') || String(err);
}
