/**
 * Running totals for the status bar and the panel: requests, tokens before/after, and retrievals split by who asked.
 * A model's retrieval puts text back into a conversation (so it counts against the savings: net = before − after −
 * retrieved); the user's own lookups (Retrieve Original…, a marker clicked in the panel) never reach a model.
 */

export interface Totals {
  requests: number;
  tokensBefore: number;
  tokensAfter: number;
  /** Retrievals by models: the proxy's retrieve tool, the MCP server, the CLI an agent ran. */
  retrievals: number;
  /** Tokens those retrievals handed back, where counted (the proxy counts them; the store does not keep them). */
  retrievedTokens: number;
  /** The user's own lookups through the extension, found or not; not part of any conversation. */
  lookups: number;
}

export const ZERO_TOTALS: Totals = {
  requests: 0,
  tokensBefore: 0,
  tokensAfter: 0,
  retrievals: 0,
  retrievedTokens: 0,
  lookups: 0,
};

/** `via` of a retrieval the user made in VS Code (RetrievalRecord.via); every other path is a model's. */
export const USER_LOOKUP_VIA = 'extension';

export function isUserLookup(via: string): boolean {
  return via === USER_LOOKUP_VIA;
}

/** Adds one request (new object; totals are shared with the panel). */
export function addRequest(t: Totals, before: number, after: number): Totals {
  return { ...t, requests: t.requests + 1, tokensBefore: t.tokensBefore + before, tokensAfter: t.tokensAfter + after };
}

/** Adds one retrieval: a model's (with the tokens it handed back, when known) or the user's own lookup. */
export function addRetrieval(t: Totals, r: { via: string; tokens?: number }): Totals {
  if (isUserLookup(r.via)) return { ...t, lookups: t.lookups + 1 };
  return { ...t, retrievals: t.retrievals + 1, retrievedTokens: t.retrievedTokens + (r.tokens ?? 0) };
}

/** Tokens saved before retrievals: what compression left out of what was sent. */
export function grossSaved(t: Totals): number {
  return Math.max(0, t.tokensBefore - t.tokensAfter);
}

/** Tokens saved once what models retrieved is counted as sent; negative when retrievals outweighed the savings. */
export function netSaved(t: Totals): number {
  return t.tokensBefore - t.tokensAfter - t.retrievedTokens;
}
