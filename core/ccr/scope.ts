import { sha256Hex } from '../util/hash.js';

/**
 * Who may read an original back (issue 16 item 6).
 *
 * Every original is stored under the scope that produced it: the proxy's conversation (`session:<key>`, the key
 * core/proxy/retrieve-sessions.ts derives from the system prompt and first user message) or a workspace
 * (`workspace:<id>`, the MCP server and `headroom compress`). A scoped reader — a retrieve round in the proxy, an MCP
 * server — reads only its own scope's originals: session B cannot redeem session A's ids, an MCP server started for
 * another workspace cannot either. The same text sent by two sessions is stored once per scope.
 *
 * Reading without a scope (`OWNER`) is for the local user: `headroom retrieve ID`, the extension's Retrieve Original,
 * a library caller. It reads every scope, and originals stored without one (`LOCAL_TAG`, including those migrated
 * from stores written before scopes existed).
 */
export type Scope = string;

/** Originals put without a scope (library callers, migrated records): readable only by the owner. */
export const LOCAL_TAG = 'local';

/** Tags of recent scopes: every request of a conversation asks for the same one (a hash each time otherwise). */
const recentTags = new Map<Scope, string>();
const RECENT_TAGS_MAX = 1024;

/** The folder/index tag of a scope: a hash, so no scope string ever becomes a path. */
export function scopeTag(scope: Scope | undefined): string {
  if (scope === undefined) return LOCAL_TAG;
  let tag = recentTags.get(scope);
  if (tag === undefined) {
    tag = 's' + sha256Hex(scope).slice(0, 24);
    if (recentTags.size >= RECENT_TAGS_MAX) recentTags.delete(recentTags.keys().next().value!);
    recentTags.set(scope, tag);
  }
  return tag;
}

export function sessionScope(key: string): Scope {
  return `session:${key}`;
}

export function workspaceScope(workspaceId: string): Scope {
  return `workspace:${workspaceId}`;
}
