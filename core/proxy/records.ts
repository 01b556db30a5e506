import type { RequestRecord, UnitRecord } from '../ccr/store-types.js';
import type { UnitOutcome } from '../messages/types.js';
import { describeProse } from '../prose-model/describe.js';
import { countTokens, measureTokensAsync } from '../util/tokens.js';
import { contentId } from '../util/hash.js';
import { agentNameFromUserAgent } from '../agents/index.js';

/** What the request handler knows when it forwards a request; tokens are counted later, off the hot path. */
export interface PendingRecord {
  id: string;
  time: number;
  provider: string;
  model?: string;
  agent?: string;
  compressMs: number;
  passthroughReason?: string;
  /** Compression was paused when the request arrived: it went upstream as the agent sent it. */
  paused?: boolean;
  /** Why no answer came from upstream (unreachable, timed out, client gone). */
  error?: string;
}

/**
 * Token counts of unit texts, remembered by content id: agent sessions resend the same tool results every turn, and
 * o200k counting (~12 MB/s) is the most expensive thing the proxy would otherwise repeat. A long text is counted a
 * segment at a time with the event loop free in between (`measureTokensAsync`), so a large or pathological unit
 * never stalls the other requests.
 */
export class TokenCounter {
  private readonly cache = new Map<string, number>();
  constructor(private readonly maxEntries = 4096) {}

  /** `key` names the text when the caller already has its content id (saves hashing it again). */
  async count(text: string, key?: string): Promise<number> {
    if (text.length < 256) return countTokens(text);
    key ??= contentId(text);
    const hit = this.cache.get(key);
    if (hit !== undefined) {
      this.cache.delete(key); // refresh LRU position
      this.cache.set(key, hit);
      return hit;
    }
    const n = (await measureTokensAsync(text)).tokens;
    this.cache.set(key, n);
    if (this.cache.size > this.maxEntries) this.cache.delete(this.cache.keys().next().value as string);
    return n;
  }
}

/** Tokens before/after per unit (the units the engine looked at; the rest of the body is unchanged). */
export async function countUnits(outcomes: readonly UnitOutcome[], counter: TokenCounter): Promise<UnitRecord[]> {
  const records: UnitRecord[] = [];
  for (const u of outcomes) {
    // the engine hashed the text for its memo key (and a compressed unit's originalId is that same content id): no
    // need to hash 100 KB again
    const id = u.textId ?? (u.compressed ? u.originalId : undefined);
    const before = await counter.count(u.original, id);
    const after = u.compressed ? await counter.count(u.output, id && `${id}>out`) : before;
    const rec: UnitRecord = { path: u.path.join('.'), kind: String(u.kind), tokensBefore: before, tokensAfter: after };
    if (u.compressed && u.originalId) rec.originalId = u.originalId;
    if (!u.compressed && u.reason) rec.reason = u.reason;
    if (u.memoHit) rec.memoHit = true;
    if (u.toolName) rec.tool = u.toolName;
    if (u.prose) rec.prose = describeProse(u.prose);
    records.push(rec);
  }
  return records;
}

export function buildRecord(p: PendingRecord, units: UnitRecord[], status: number | undefined): RequestRecord {
  const rec: RequestRecord = {
    id: p.id,
    time: p.time,
    provider: p.provider,
    tokensBefore: units.reduce((s, u) => s + u.tokensBefore, 0),
    tokensAfter: units.reduce((s, u) => s + u.tokensAfter, 0),
    compressMs: Math.round(p.compressMs * 1000) / 1000,
    units,
  };
  if (p.model) rec.model = p.model;
  if (p.agent) rec.agent = p.agent;
  if (p.passthroughReason) rec.passthroughReason = p.passthroughReason;
  if (p.paused) rec.paused = true;
  if (p.error) rec.error = p.error;
  if (status !== undefined) rec.status = status;
  return rec;
}

/**
 * The product behind a request, for records and the panel ("claude-cli/1.0.3 (external, cli)" → "Claude Code"): the
 * agent catalogue owns the user-agent patterns (core/agents/index.ts `agentNameFromUserAgent`).
 */
export const agentFromUserAgent = agentNameFromUserAgent;
