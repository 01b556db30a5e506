import type { IncomingMessage } from 'node:http';
import { clientResponseHeaders } from '../headers.js';
import { sendError } from '../respond.js';
import { failureOfError, failureOfResponse, roundLimitNote } from './round-failure.js';
import type { JsonSplicer, RoundsContext } from './types.js';
import { RETRIEVE_TOOL_NAME } from '../retrieve-tool.js';

export interface JsonRoundsOptions extends RoundsContext {
  splicer: JsonSplicer;
}

async function readAll(msg: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of msg) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

/**
 * False when the response cannot hold a retrieve call: the tool's name appears nowhere in it, not even escaped (a
 * `\u` escape could spell it). Most answers are then passed on without being parsed.
 */
function mayCallRetrieve(bytes: Buffer): boolean {
  return bytes.includes(RETRIEVE_TOOL_NAME) || bytes.includes('\\u');
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
 * the provider's bytes exactly. When a continuation fails, the client gets that failure instead of a merged answer:
 * the provider's own status, headers (retry-after…) and body, or a proxy error (502/504) when there was no answer.
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
  const parsed = mayCallRetrieve(firstBytes) ? parseObject(firstBytes) : undefined;
  let calls = parsed ? o.splicer.step(parsed) : undefined;
  for (let round = 0; calls && round < o.maxRounds; round++) {
    const next = await continueRound(o, o.splicer.continuation(o.answer(calls)));
    if (!next) return;
    if ('failed' in next) {
      o.onWarning(next.failed);
      return;
    }
    calls = o.splicer.step(next.body);
  }
  if (!parsed || !o.splicer.changed()) {
    res.writeHead(first.statusCode ?? 200, clientResponseHeaders(first.headers, true));
    res.end(firstBytes);
    return;
  }
  if (calls) o.onWarning(`retrieval round limit (${o.maxRounds}) reached; the turn ends without the last retrieve`);
  const out = Buffer.from(
    JSON.stringify(
      o.splicer.result(
        calls
          ? roundLimitNote(
              o.maxRounds,
              calls.map((c) => c.id),
            )
          : undefined,
      ),
    ),
    'utf8',
  );
  const headers = clientResponseHeaders(first.headers, false);
  delete headers['content-encoding'];
  headers['content-length'] = out.length;
  res.writeHead(first.statusCode ?? 200, headers);
  res.end(out);
}

/**
 * One continuation: its parsed body, or — having already answered the client with the failure — what to warn about;
 * undefined when the client left.
 */
async function continueRound(
  o: JsonRoundsOptions,
  body: string,
): Promise<{ body: Record<string, unknown> } | { failed: string } | undefined> {
  let bytes: Buffer;
  let next: IncomingMessage;
  try {
    next = await o.send(body);
    bytes = await readAll(next);
  } catch (err) {
    if (o.signal.aborted) return undefined;
    const f = failureOfError(err);
    sendError(o.res, f.status, 'upstream_unreachable', f.message);
    return { failed: f.message };
  }
  if (next.statusCode !== 200) {
    // the provider's answer as it gave it: the client's SDK reads the status, retry-after and error body itself
    o.res.writeHead(next.statusCode ?? 502, next.statusMessage, clientResponseHeaders(next.headers, true));
    o.res.end(bytes);
    return { failed: failureOfResponse(next, bytes).message };
  }
  const parsed = parseObject(bytes);
  if (parsed) return { body: parsed };
  const message =
    `the provider answered a headroom_retrieve round with a body that is not a JSON object ` +
    `(${bytes.length} bytes)`;
  sendError(o.res, 502, 'upstream_error', message);
  return { failed: message };
}
