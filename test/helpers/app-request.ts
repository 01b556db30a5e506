import { IncomingMessage, ServerResponse, type IncomingHttpHeaders } from 'node:http';
import { Duplex } from 'node:stream';
import { once } from 'node:events';

/** What a test sends: the parts of a Request the proxy reads. */
export interface AppRequest {
  method?: string;
  /** The request target as it would appear on the request line (`/v1/messages?beta=true`). */
  url: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
}

/** What came back, decoded from the bytes the app wrote (chunked transfer coding undone). */
export interface AppResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
  text: string;
  /** The app destroyed the connection instead of finishing a response. */
  destroyed: boolean;
}

/** A node `(req, res)` handler: an express app, or anything else `http.createServer` would take. */
export type NodeHandler = (req: IncomingMessage, res: ServerResponse) => void;

/** Stands in for the TCP connection: keeps what the app writes, never reads (the request body is pushed directly). */
class CaptureSocket extends Duplex {
  readonly written: Buffer[] = [];
  readonly remoteAddress = '127.0.0.1';
  readonly remotePort = 50_000;
  readonly localAddress = '127.0.0.1';
  readonly localPort = 8787;
  readonly encrypted = false;
  override _read(): void {}
  override _write(chunk: Buffer, _enc: BufferEncoding, cb: (err?: Error | null) => void): void {
    this.written.push(Buffer.from(chunk));
    cb();
  }
  setTimeout(): this {
    return this;
  }
  setNoDelay(): this {
    return this;
  }
  setKeepAlive(): this {
    return this;
  }
}

/**
 * Drives a node request handler in-process, without a listening socket (hono's `app.request()` is the model): the
 * request is an IncomingMessage fed from memory, the response a real ServerResponse writing into memory. Resolves
 * when the response finished or the app cut the connection. Upstream calls the app makes still go where its bases
 * point (a fake provider on loopback).
 */
export async function appRequest(handler: NodeHandler, r: AppRequest): Promise<AppResponse> {
  const socket = new CaptureSocket();
  const req = new IncomingMessage(socket as never);
  req.method = r.method ?? (r.body === undefined ? 'GET' : 'POST');
  req.url = r.url;
  req.httpVersion = '1.1';
  req.httpVersionMajor = 1;
  req.httpVersionMinor = 1;
  const body = r.body === undefined ? undefined : Buffer.from(r.body);
  const headers: Record<string, string> = { host: '127.0.0.1:8787', connection: 'close', ...r.headers };
  if (body && headers['content-length'] === undefined) headers['content-length'] = String(body.length);
  for (const [k, v] of Object.entries(headers)) {
    req.headers[k.toLowerCase()] = v;
    req.rawHeaders.push(k, v);
  }
  if (body?.length) req.push(body);
  req.push(null);
  req.complete = true;

  const res = new ServerResponse(req);
  res.assignSocket(socket as never);
  const ended = Promise.race([once(res, 'finish').then(() => false), once(socket, 'close').then(() => true)]);
  handler(req, res);
  const destroyed = await ended;
  return parseResponse(Buffer.concat(socket.written), destroyed);
}

/** Splits the raw HTTP/1.1 response the ServerResponse wrote into status, headers and the decoded body. */
function parseResponse(raw: Buffer, destroyed: boolean): AppResponse {
  const end = raw.indexOf('\r\n\r\n');
  if (end < 0) return { status: 0, headers: {}, body: Buffer.alloc(0), text: '', destroyed };
  const [statusLine, ...lines] = raw.subarray(0, end).toString('latin1').split('\r\n');
  const headers: IncomingHttpHeaders = {};
  for (const line of lines) {
    const i = line.indexOf(':');
    const name = line.slice(0, i).trim().toLowerCase();
    const value = line.slice(i + 1).trim();
    const prev = headers[name];
    headers[name] =
      prev === undefined
        ? value
        : Array.isArray(prev)
          ? [...prev, value]
          : name === 'set-cookie'
            ? [prev, value]
            : `${prev}, ${value}`;
  }
  let body = raw.subarray(end + 4);
  if (/\bchunked\b/i.test(String(headers['transfer-encoding'] ?? ''))) body = unchunk(body);
  return { status: Number(statusLine.split(' ')[1]), headers, body, text: body.toString('utf8'), destroyed };
}

/** RFC 9112 §7.1: size line (hex, optional extensions), data, CRLF; a zero size ends it. */
function unchunk(data: Buffer): Buffer {
  const parts: Buffer[] = [];
  let at = 0;
  while (at < data.length) {
    const lineEnd = data.indexOf('\r\n', at);
    if (lineEnd < 0) break;
    const size = parseInt(data.subarray(at, lineEnd).toString('latin1').split(';')[0], 16);
    if (!size) break;
    parts.push(data.subarray(lineEnd + 2, lineEnd + 2 + size));
    at = lineEnd + 2 + size + 2;
  }
  return Buffer.concat(parts);
}
