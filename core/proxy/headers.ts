import type { IncomingHttpHeaders, OutgoingHttpHeaders } from 'node:http';

/** RFC 9110 §7.6.1 hop-by-hop headers, plus the framing ones the proxy recomputes for the body it sends (and
 * `expect`: the proxy already holds the whole body). */
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'proxy-authenticate',
  'proxy-authorization',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'host',
  'content-length',
  'expect',
]);

/** Names listed in a Connection header are hop-by-hop too. */
function connectionListed(headers: IncomingHttpHeaders): Set<string> {
  const v = headers.connection;
  const out = new Set<string>();
  if (typeof v === 'string') for (const n of v.split(',')) out.add(n.trim().toLowerCase());
  return out;
}

export interface RequestHeaderOptions {
  /** The body was decoded (and maybe rewritten): drop content-encoding, it no longer applies. */
  decoded: boolean;
  /** The proxy reads the response (retrieval): ask for an uncompressed one so it can parse it. */
  identityResponse: boolean;
  /** The body is streamed through unchanged: the client's content-length still holds. */
  keepLength?: boolean;
}

/**
 * Headers to send upstream: everything the client sent (auth, `anthropic-version`, `anthropic-beta`, user-agent, …)
 * as is, minus hop-by-hop ones. Node sets host and content-length for the body it sends.
 */
export function upstreamRequestHeaders(incoming: IncomingHttpHeaders, opts: RequestHeaderOptions): OutgoingHttpHeaders {
  const listed = connectionListed(incoming);
  const out: OutgoingHttpHeaders = {};
  for (const [name, value] of Object.entries(incoming)) {
    if (value === undefined || listed.has(name)) continue;
    if (HOP_BY_HOP.has(name) && !(opts.keepLength && name === 'content-length')) continue;
    if (opts.decoded && name === 'content-encoding') continue;
    if (opts.identityResponse && name === 'accept-encoding') continue;
    out[name] = value;
  }
  if (opts.identityResponse) out['accept-encoding'] = 'identity';
  return out;
}

/**
 * Headers to send back to the client: the provider's own (content-type, content-encoding, request ids, rate-limit
 * headers…) minus hop-by-hop ones. `keepLength` when the body goes back byte for byte.
 */
export function clientResponseHeaders(incoming: IncomingHttpHeaders, keepLength: boolean): OutgoingHttpHeaders {
  const listed = connectionListed(incoming);
  const out: OutgoingHttpHeaders = {};
  for (const [name, value] of Object.entries(incoming)) {
    if (value === undefined || listed.has(name)) continue;
    if (HOP_BY_HOP.has(name) && !(keepLength && name === 'content-length')) continue;
    out[name] = value;
  }
  return out;
}
