import type { IncomingMessage } from 'node:http';

export type BodyResult = { ok: true; bytes: Buffer } | { ok: false; reason: 'too-large' | 'aborted'; received: number };

/**
 * Reads a request body up to `limit` bytes. A declared content-length over the limit is refused before reading;
 * a body that grows past it mid-way stops being read (the caller answers 413 and closes the connection).
 */
export function readBody(req: IncomingMessage, limit: number): Promise<BodyResult> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit)
    return Promise.resolve({ ok: false, reason: 'too-large', received: 0 });
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let received = 0;
    let done = false;
    const finish = (r: BodyResult) => {
      if (done) return;
      done = true;
      req.off('data', onData);
      resolve(r);
    };
    const onData = (c: Buffer) => {
      received += c.length;
      if (received > limit) {
        req.pause();
        return finish({ ok: false, reason: 'too-large', received });
      }
      chunks.push(c);
    };
    req.on('data', onData);
    req.once('end', () =>
      finish({ ok: true, bytes: chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, received) }),
    );
    req.once('error', () => finish({ ok: false, reason: 'aborted', received }));
    req.once('close', () => finish({ ok: false, reason: 'aborted', received }));
  });
}
