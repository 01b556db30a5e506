import * as http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { EventEmitter, once } from 'node:events';

/** One request exactly as the fake provider received it. */
export interface Received {
  seq: number;
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  /** The bytes on the wire (still content-encoded if the request was). */
  body: Buffer;
  text: string;
  /** The body parsed as JSON, typed by the caller. */
  json<T>(): T;
  /** The other side closed the connection before the reply finished. */
  aborted: boolean;
  /** When each reply chunk was written (ms, performance clock). */
  sentAt: number[];
}

export interface Reply {
  status?: number;
  headers?: Record<string, string>;
  /** Written one at a time, `delayMs` apart (a stream). */
  chunks?: (string | Buffer)[];
  /** One body (objects are sent as JSON). */
  body?: string | Buffer | object;
  delayMs?: number;
  /** Stop after this many chunks until `until` settles (a stream a test holds open mid-way, then lets finish). */
  holdAfter?: { chunks: number; until: Promise<unknown> };
  /** Destroy the socket after this many chunks (a provider that dies mid-stream). */
  cutAfter?: number;
  /** Never answer. */
  hang?: boolean;
}

export type Script = (req: Received) => Reply | Promise<Reply>;

export interface FakeProvider {
  url: string;
  port: number;
  received: Received[];
  events: EventEmitter;
  /** Resolves at the next request whose connection the other side closed early. */
  nextAbort(): Promise<Received>;
  close(): Promise<void>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * A scripted LLM provider on 127.0.0.1 that records every byte it receives and replies as the script says:
 * JSON bodies, SSE chunks with delays, errors, streams cut mid-way, or no answer at all.
 */
export async function startFakeProvider(script: Script): Promise<FakeProvider> {
  const received: Received[] = [];
  const events = new EventEmitter();
  const sockets = new Set<Socket>();
  const server = http.createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = Buffer.concat(chunks);
    const rec: Received = {
      seq: received.length + 1,
      method: req.method ?? '',
      url: req.url ?? '',
      headers: req.headers,
      body,
      text: body.toString('utf8'),
      json: <T>() => JSON.parse(body.toString('utf8')) as T,
      aborted: false,
      sentAt: [],
    };
    received.push(rec);
    res.once('close', () => {
      if (!res.writableFinished) {
        rec.aborted = true;
        events.emit('abort', rec);
      }
    });
    events.emit('request', rec);
    const reply = await script(rec);
    if (reply.hang) return;
    const status = reply.status ?? 200;
    if (reply.chunks) {
      res.writeHead(status, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', ...reply.headers });
      res.flushHeaders();
      for (let i = 0; i < reply.chunks.length; i++) {
        if (res.destroyed) return;
        if (reply.cutAfter !== undefined && i >= reply.cutAfter) {
          res.socket?.destroy();
          return;
        }
        res.write(reply.chunks[i]);
        rec.sentAt.push(performance.now());
        if (reply.holdAfter && i + 1 === reply.holdAfter.chunks) await reply.holdAfter.until;
        if (reply.delayMs && i < reply.chunks.length - 1) await sleep(reply.delayMs);
      }
      res.end();
      return;
    }
    const b =
      reply.body === undefined
        ? ''
        : Buffer.isBuffer(reply.body) || typeof reply.body === 'string'
          ? reply.body
          : JSON.stringify(reply.body);
    res.writeHead(status, {
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(b),
      ...reply.headers,
    });
    res.end(b);
    rec.sentAt.push(performance.now());
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.once('close', () => sockets.delete(s));
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    received,
    events,
    nextAbort: () => once(events, 'abort').then(([r]) => r as Received),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const s of sockets) s.destroy();
      }),
  };
}
