import type { IncomingMessage, ServerResponse } from 'node:http';
import type { BodyBudget } from './body-budget.js';
import { readBody } from './read-body.js';
import { sendError } from './respond.js';

/** Seconds a refused client is asked to wait before trying again. */
const RETRY_AFTER_S = 5;

export type AdmittedBody = {
  bytes: Buffer /** Gives the body's share of the budget back (idempotent). */;
  release(): void;
};

/**
 * Reads a request body within the size limit and the proxy's body budget. A declared size is admitted before a byte
 * is read (a waiting client's upload stays in its socket, not in the proxy's memory); a body without one (chunked) is
 * admitted once read, before it is compressed. Answers the client itself when it cannot go on (413 too large, 503
 * queue full, the connection dropped when the client left) and then resolves undefined.
 */
export async function admitBody(
  req: IncomingMessage,
  res: ServerResponse,
  budget: BodyBudget,
  maxBodyBytes: number,
): Promise<AdmittedBody | undefined> {
  const declared = Number(req.headers['content-length']);
  const known = Number.isFinite(declared) && declared >= 0 && declared <= maxBodyBytes;
  const left = new AbortController();
  const onClose = () => left.abort();
  res.once('close', onClose); // the client left (the socket closed before an answer was sent)
  try {
    let release = () => {};
    if (known) {
      const admitted = await budget.acquire(declared, left.signal);
      if (!admitted.ok) return refuse(res, admitted.queued, budget);
      release = admitted.release;
    }
    const body = await readBody(req, maxBodyBytes);
    if (!body.ok) {
      release();
      if (body.reason === 'too-large')
        sendError(
          res,
          413,
          'request_too_large',
          `request body is larger than the proxy's limit of ${maxBodyBytes} bytes`,
          { connection: 'close' },
        );
      else res.destroy();
      return undefined;
    }
    if (!known) {
      const admitted = await budget.acquire(body.bytes.length, left.signal);
      if (!admitted.ok) return refuse(res, admitted.queued, budget);
      release = admitted.release;
    }
    return { bytes: body.bytes, release };
  } finally {
    res.off('close', onClose);
  }
}

function refuse(res: ServerResponse, queued: number, budget: BodyBudget): undefined {
  if (queued < 0) {
    res.destroy(); // the client left while waiting
    return undefined;
  }
  const mib = (budget.limits.maxBytes / 1048576).toFixed(0);
  sendError(
    res,
    503,
    'overloaded',
    `${queued} requests with large bodies are already waiting for the proxy's ${mib} MiB body budget; ` +
      `retry in ${RETRY_AFTER_S} s (or raise --body-budget-mb / --body-queue; in VS Code the settings ` +
      `headroom.bodyBudgetMb / headroom.bodyQueue)`,
    { 'retry-after': String(RETRY_AFTER_S), connection: 'close' },
  );
  return undefined;
}
