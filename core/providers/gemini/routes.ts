import type { ProviderRoute } from '../types.js';

const CONTENT_RE = /^\/v1(?:beta|alpha)?\/(?:models|tunedModels)\/[^/]+:(?:generateContent|streamGenerateContent)$/;
const COUNT_RE = /^\/v1(?:beta|alpha)?\/(?:models|tunedModels)\/[^/]+:countTokens$/;

/** generateContent / streamGenerateContent and countTokens, under any API version. */
export const GEMINI_ROUTES: readonly ProviderRoute[] = [
  { method: 'POST', match: (p) => CONTENT_RE.test(p), name: 'gemini.generate' },
  { method: 'POST', match: (p) => COUNT_RE.test(p), name: 'gemini.count_tokens', countOnly: true },
];

/** Calls no route serves that are still Gemini's: its version prefixes, `model:method` paths, or its key header. */
export function claimsGeminiPassthrough(path: string, headers: Readonly<Record<string, unknown>>): boolean {
  return /^\/v1(?:beta|alpha)\//.test(path) || path.includes(':') || headers['x-goog-api-key'] !== undefined;
}

/** The model a path names: `/v1beta/models/<model>:generateContent`. */
export const geminiModelOfPath = (path: string): string | undefined => /\/models\/([^/:]+):/.exec(path)?.[1];

/**
 * streamGenerateContent without `alt=sse` streams a JSON array, which the proxy does not watch for retrieve calls
 * (so such requests never get the tool); with `alt=sse` (as @google/genai and Gemini CLI ask) it is SSE.
 */
export function geminiWatchable(pathAndQuery: string): boolean {
  const path = pathAndQuery.split('?')[0];
  return !path.endsWith(':streamGenerateContent') || /[?&]alt=sse(?:&|$)/.test(pathAndQuery);
}
