import { sha256Hex } from '../util/hash.js';
import type { Provider } from '../messages/types.js';
import { providerAdapter } from '../providers/index.js';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** `cache_control` moves from block to block as a conversation grows; it must not change the session's identity. */
function withoutCacheControl(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(withoutCacheControl);
  if (!isObj(v)) return v;
  const out: Obj = {};
  for (const [k, x] of Object.entries(v)) if (k !== 'cache_control') out[k] = withoutCacheControl(x);
  return out;
}

/**
 * A conversation's identity: its system prompt plus its first user message (the adapter says where they are), which
 * every turn of an agent session resends unchanged. Undefined when the body has no conversation to key on.
 */
export function sessionKey(body: unknown, provider: Provider): string | undefined {
  if (!isObj(body)) return undefined;
  const parts = providerAdapter(provider).sessionParts(body);
  if (!parts) return undefined;
  return sha256Hex(
    JSON.stringify([provider, parts.system ?? null, parts.leading, withoutCacheControl(parts.firstUser)]),
  ).slice(0, 32);
}

/** Where retrieve sessions persist: the store's `retrieve_sessions` table (core/ccr/store.ts). */
export interface RetrieveSessionStore {
  hasRetrieveSession(key: string): boolean;
  addRetrieveSession(key: string): void;
}

/**
 * Sessions whose requests carry the `headroom_retrieve` tool. Once a session gets the tool it keeps it in every later
 * request (across proxy restarts too, through the store), so its tools array never flips.
 */
export class RetrieveSessions {
  private readonly known = new Set<string>();
  constructor(private readonly store?: RetrieveSessionStore) {}

  has(key: string): boolean {
    if (this.known.has(key)) return true;
    if (this.store?.hasRetrieveSession(key)) {
      this.known.add(key);
      return true;
    }
    return false;
  }

  add(key: string): void {
    if (this.known.has(key)) return;
    this.known.add(key);
    this.store?.addRetrieveSession(key);
  }
}
