import type { ServerOptions } from 'node:http';

/** How long the proxy waits on a client connection, in milliseconds. */
export interface ServerTimeouts {
  /**
   * Until the request's headers are complete, counted from the connection (a connection that sends nothing, or drips
   * its headers, gets 408).
   */
  headersTimeoutMs: number;
  /**
   * Until the whole request (headers and body) has arrived (408 after). Not the response: an answer may stream for as
   * long as the provider sends.
   */
  requestTimeoutMs: number;
  /** A kept-alive connection with no request in flight is closed after this. */
  idleTimeoutMs: number;
}

export const DEFAULT_SERVER_TIMEOUTS: ServerTimeouts = {
  headersTimeoutMs: 30_000,
  requestTimeoutMs: 120_000,
  idleTimeoutMs: 65_000,
};

/**
 * node's http server options for the timeouts. Node checks header and request deadlines every
 * `connectionsCheckingInterval` (30 s by default, which would let a 30 s deadline run to 60 s): here a quarter of the
 * shorter deadline, at most 5 s. Throws when the values cannot work together.
 */
export function serverTimeoutOptions(t: ServerTimeouts): ServerOptions {
  for (const [name, v] of Object.entries(t))
    if (!Number.isInteger(v) || v < 1)
      throw new Error(`${name} must be a whole number of milliseconds above 0, got ${v}`);
  if (t.headersTimeoutMs > t.requestTimeoutMs)
    throw new Error(
      `the headers timeout (${t.headersTimeoutMs} ms) cannot be longer than the request timeout ` +
        `(${t.requestTimeoutMs} ms)`,
    );
  return {
    headersTimeout: t.headersTimeoutMs,
    requestTimeout: t.requestTimeoutMs,
    keepAliveTimeout: t.idleTimeoutMs,
    connectionsCheckingInterval: Math.max(10, Math.min(5_000, Math.floor(t.headersTimeoutMs / 4))),
  };
}
