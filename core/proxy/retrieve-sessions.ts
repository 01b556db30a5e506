import { sha256Hex } from '../util/hash.js';
import type { Provider } from '../messages/types.js';

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
 * A conversation's identity: its system prompt plus its first user message, which every turn of an agent session
 * resends unchanged. Undefined when the body has no conversation to key on.
 */
export function sessionKey(body: unknown, provider: Provider): string | undefined {
  if (!isObj(body)) return undefined;
  let system: unknown;
  let list: unknown;
  if (provider === 'anthropic') [system, list] = [body.system, body.messages];
  else if (provider === 'openai-chat') [system, list] = [undefined, body.messages];
  else if (provider === 'openai-responses') [system, list] = [body.instructions, body.input];
  else [system, list] = [body.systemInstruction, body.contents];
  if (!Array.isArray(list)) return undefined;
  const firstUser = list.find((m) => isObj(m) && m.role === 'user');
  const leadingSystem = provider === 'openai-chat' ? list.filter((m) => isObj(m) && (m.role === 'system' || m.role === 'developer')).slice(0, 1) : [];
  if (firstUser === undefined) return undefined;
  return sha256Hex(JSON.stringify([provider, system ?? null, leadingSystem, withoutCacheControl(firstUser)])).slice(0, 32);
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
