import type { ProviderRoute } from '../types.js';

/**
 * Messages and its token count. `POST /messages` (no `/v1`) is Messages too: Cline CLI given a bare-origin Anthropic
 * base posts there (shared/agents/config/cline-providers-anth.json; the fake provider matches `/messages$`); it is
 * forwarded as `/v1/messages`, the path the family's base stands for.
 */
export const ANTHROPIC_ROUTES: readonly ProviderRoute[] = [
  { method: 'POST', match: (p) => p === '/v1/messages', name: 'anthropic.messages' },
  { method: 'POST', match: (p) => p === '/v1/messages/count_tokens', name: 'anthropic.count_tokens', countOnly: true },
  { method: 'POST', match: (p) => p === '/messages', name: 'anthropic.messages', upstreamPath: (p) => '/v1' + p },
  {
    method: 'POST',
    match: (p) => p === '/messages/count_tokens',
    name: 'anthropic.count_tokens',
    countOnly: true,
    upstreamPath: (p) => '/v1' + p,
  },
];

/** Calls no route serves that are still Anthropic's: its paths, or its auth and version headers (`/v1/models`). */
export function claimsAnthropicPassthrough(path: string, headers: Readonly<Record<string, unknown>>): boolean {
  if (path.startsWith('/v1/messages') || path === '/v1/complete') return true;
  return headers['anthropic-version'] !== undefined || headers['x-api-key'] !== undefined;
}
