import type { IncomingMessage } from 'node:http';
import { clientResponseHeaders } from '../headers.js';
import type { JsonSplicer, RoundsContext } from './types.js';

export interface JsonRoundsOptions extends RoundsContext {
  splicer: JsonSplicer;
}

async function readAll(msg: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of msg) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

function parseObject(bytes: Buffer): Record<string, unknown> | undefined {
  try {
    const v = JSON.parse(bytes.toString('utf8')) as unknown;
    return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A non-streamed response whose request carried the retrieve tool: read it, answer retrieve-only turns from the store
 * and ask again (bounded), then send the client one merged response. When no retrieve call appeared, the client gets
 * the provider's bytes exactly.
 */
export async function jsonRounds(o: JsonRoundsOptions): Promise<void> {
  const { res, first } = o;
  let firstBytes: Buffer;
  try {
    firstBytes = await readAll(first);
  } catch {
    res.destroy();
    return;
  }
  const parsed = parseObject(firstBytes);
  let calls = parsed ? o.splicer.step(parsed) : undefined;
  for (let round = 0; calls && round < o.maxRounds; round++) {
    try {
      const next = await o.send(o.splicer.continuation(o.answer(calls)));
      const bytes = await readAll(next);
      const body = next.statusCode === 200 ? parseObject(bytes) : undefined;
      if (!body) {
        o.onWarning(`retrieval continuation answered ${next.statusCode}`);
        break;
      }
      calls = o.splicer.step(body);
    } catch (err) {
      if (o.signal.aborted) return;
      o.onWarning(`retrieval continuation failed: ${(err as Error).message}`);
      break;
    }
  }
  if (!parsed || !o.splicer.changed()) {
    res.writeHead(first.statusCode ?? 200, clientResponseHeaders(first.headers, true));
    res.end(firstBytes);
    return;
  }
  const out = Buffer.from(JSON.stringify(o.splicer.result()), 'utf8');
  const headers = clientResponseHeaders(first.headers, false);
  delete headers['content-encoding'];
  headers['content-length'] = out.length;
  res.writeHead(first.statusCode ?? 200, headers);
  res.end(out);
}
