import type { IncomingHttpHeaders } from 'node:http';
import { performance } from 'node:perf_hooks';
import { randomUUID } from 'node:crypto';
import type { CcrStore } from '../ccr/store-types.js';
import { sessionScope, type Scope } from '../ccr/scope.js';
import { namedIds, recordOutcome } from '../ccr/record-outcome.js';
import type { Provider } from '../messages/types.js';
import { decodeBody } from './decode-body.js';
import { rewriteRequest, type CompressBody, type Rewrite } from './rewrite-request.js';
import type { RetrieveSessions } from './retrieve-sessions.js';

export interface PrepareDeps {
  store: CcrStore;
  sessions: RetrieveSessions;
  compressBody: CompressBody;
  retrieveTool: boolean;
  maxBodyBytes: number;
}

/** What goes upstream for one conversation request. */
export interface Prepared {
  bytes: Buffer;
  /** The bytes are the decoded (and rewritten) body: the client's content-encoding no longer applies. */
  decoded: boolean;
  rewrite?: Rewrite;
  /** Where this request's originals are stored and may be read back by its retrieve rounds (core/ccr/scope.ts). */
  scope: Scope;
  /** Why the client's bytes went upstream unchanged (fail-open reason), when they did for a reason. */
  reason?: string;
  compressMs: number;
}

function isJsonType(contentType: string | undefined): boolean {
  return contentType === undefined || /(^|\/|\+)json\b/i.test(contentType);
}

/**
 * Decodes and compresses a conversation body and stores the CCR records its markers name. Anything that cannot be
 * read — wrong content-type, an encoding this Node cannot decode, malformed JSON, a failing compressor or store —
 * sends the client's own bytes upstream and says why.
 *
 * Every original a marker in the outgoing body names (new ones and memo hits alike) is on disk, fsynced, in this
 * conversation's scope before this resolves: a marker never leaves the machine ahead of its original (issue 16 item 3).
 * The memo learns the new units' bytes only after that (recordOutcome), and only when those bytes are the ones sent.
 * `requestId` scopes a body without a conversation key to itself.
 */
export async function prepareBody(
  raw: Buffer,
  headers: IncomingHttpHeaders,
  provider: Provider,
  deps: PrepareDeps,
  requestId?: string,
): Promise<Prepared> {
  const t0 = performance.now();
  let scope = sessionScope(`request-${requestId ?? randomUUID()}`);
  const done = (p: Omit<Prepared, 'compressMs' | 'scope'>): Prepared => ({
    ...p,
    scope,
    compressMs: performance.now() - t0,
  });
  if (raw.length === 0) return done({ bytes: raw, decoded: false });
  const type = headers['content-type'];
  if (!isJsonType(type)) return done({ bytes: raw, decoded: false, reason: `content-type "${type}" is not JSON` });
  const dec = await decodeBody(raw, headers['content-encoding'], deps.maxBodyBytes);
  if (!dec.ok) return done({ bytes: raw, decoded: false, reason: dec.reason });
  const rewrite = await rewriteRequest(dec.bytes, provider, {
    compressBody: deps.compressBody,
    memo: deps.store,
    sessions: deps.sessions,
    retrieveTool: deps.retrieveTool,
  });
  if (rewrite.sessionKey) scope = sessionScope(rewrite.sessionKey);
  if (!rewrite.changed) {
    // units that go as they are: the memo keeps them so (they name no original)
    await recordOutcome(deps.store, { records: [], memo: rewrite.memo }, scope).catch(() => undefined);
    return done({ bytes: raw, decoded: false, rewrite, reason: rewrite.passthroughReason });
  }
  try {
    await recordOutcome(
      deps.store,
      { records: rewrite.records, named: namedIds(rewrite.units), memo: rewrite.memo },
      scope,
    );
  } catch (err) {
    // markers whose originals are not stored could never be redeemed: send the original instead
    return done({ bytes: raw, decoded: false, reason: `store write failed: ${(err as Error).message}` });
  }
  return done({ bytes: rewrite.bytes, decoded: true, rewrite, reason: rewrite.passthroughReason });
}
