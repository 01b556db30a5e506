/**
 * `headroomExpress()`: express/connect middleware for apps that forward LLM calls themselves. It reads the request
 * body, compresses the conversation's tool outputs (the proxy's engine and byte splicing), and hands the result on:
 * `req.body` is the compressed JSON and `req.headroom.bytes` the exact bytes to forward. Requests that are not an
 * LLM conversation (by path, or `provider` says no) pass untouched. Put it before any body parser on its routes;
 * if a parser already ran (`req.body` is an object), that object is compressed in place instead.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { CcrStore } from '../ccr/store-types.js';
import { namedIds, recordOutcome } from '../ccr/record-outcome.js';
import { compressMessages } from '../messages/compress-messages.js';
import type { Provider, UnitOutcome } from '../messages/types.js';
import { prepareBody } from '../proxy/prepare-body.js';
import { readBody } from '../proxy/read-body.js';
import { RetrieveSessions } from '../proxy/retrieve-sessions.js';
import type { CompressBody } from '../proxy/rewrite-request.js';
import { providerOfUrl, RequestRecorder, storeResolver, type IntegrationOptions } from './shared.js';

export interface HeadroomExpressOptions extends IntegrationOptions {
  /** The request shape, when the path does not tell (e.g. the app mounts Anthropic at `/chat`). */
  provider?: Provider | ((req: IncomingMessage) => Provider | undefined);
  /** Largest body read, in bytes (413 beyond). Default 64 MiB. */
  maxBodyBytes?: number;
}

/** What the middleware leaves on the request. */
export interface HeadroomRequestInfo {
  provider: Provider;
  /** The body to forward, exactly (the client's bytes with compressed units spliced in). */
  bytes: Buffer;
  changed: boolean;
  units: UnitOutcome[];
}

type Req = IncomingMessage & { body?: unknown; headroom?: HeadroomRequestInfo; originalUrl?: string };
type Next = (err?: unknown) => void;

export function headroomExpress(
  options: HeadroomExpressOptions = {},
): (req: IncomingMessage, res: ServerResponse, next: Next) => void {
  const getStore = storeResolver(options.store);
  const recorder = new RequestRecorder(options.agent ?? 'library', options.workspace);
  const maxBodyBytes = options.maxBodyBytes ?? 64 * 1024 * 1024;
  let sessions: RetrieveSessions | undefined;

  return (reqIn, res, next) => {
    const req = reqIn as Req;
    const provider =
      typeof options.provider === 'function'
        ? options.provider(req)
        : (options.provider ?? providerOfUrl(req.originalUrl ?? req.url ?? '/'));
    if (req.method !== 'POST' || !provider) return next();
    void (async () => {
      const store: CcrStore = await getStore();
      sessions ??= new RetrieveSessions(store);
      if (req.body !== undefined && typeof req.body === 'object' && req.body !== null && !Buffer.isBuffer(req.body)) {
        // a body parser already ran: compress the parsed object (bytes re-serialized)
        const r = compressMessages(req.body, provider, { memo: store });
        try {
          // durable before the body leaves; if not, the body goes on as the client sent it
          await recordOutcome(store, { records: r.records, named: namedIds(r.units), memo: r.memo });
        } catch {
          return next();
        }
        req.body = r.body;
        const bytes = Buffer.from(JSON.stringify(r.body), 'utf8');
        req.headroom = { provider, bytes, changed: r.units.some((u) => u.compressed), units: r.units };
        recorder.record(store, provider, r.units, 0, undefined);
        return next();
      }
      const body = await readBody(req, maxBodyBytes);
      if (!body.ok) {
        res.statusCode = body.reason === 'too-large' ? 413 : 400;
        res.end(
          body.reason === 'too-large'
            ? `request body is larger than ${maxBodyBytes} bytes`
            : 'request body could not be read',
        );
        return;
      }
      const prep = await prepareBody(body.bytes, req.headers, provider, {
        store,
        sessions,
        compressBody: compressMessages as CompressBody,
        retrieveTool: false,
        maxBodyBytes,
      });
      const units = prep.rewrite?.units ?? [];
      recorder.record(store, provider, units, prep.compressMs, prep.reason);
      let parsed: unknown = prep.rewrite?.parsed;
      if (parsed === undefined) {
        try {
          parsed = JSON.parse(prep.bytes.toString('utf8'));
        } catch {
          parsed = undefined;
        }
      }
      if (prep.decoded) delete req.headers['content-encoding'];
      req.headers['content-length'] = String(prep.bytes.length);
      req.body = parsed;
      req.headroom = { provider, bytes: prep.bytes, changed: prep.bytes !== body.bytes, units };
      next();
    })().catch(next);
  };
}
