import type { ProviderAdapter } from '../types.js';
import { claimsGeminiPassthrough, GEMINI_ROUTES, geminiModelOfPath, geminiWatchable } from './routes.js';
import { geminiUnits } from './units.js';
import { geminiSession, geminiUserText } from './conversation.js';
import { GEMINI_RETRIEVE_TOOL, geminiToolInsertion } from './retrieve-tool.js';
import { GeminiStreamSplicer } from './stream-splicer.js';
import { GeminiJsonSplicer } from './json-splicer.js';

/** Gemini generateContent (`POST /v1beta/models/<model>:generateContent`, `:streamGenerateContent?alt=sse`). */
export const gemini = {
  id: 'gemini' as const,
  family: 'gemini',
  routes: GEMINI_ROUTES,
  servesUrlPath: (path) => /:(?:stream)?[gG]enerateContent$/.test(path),
  claimsPassthrough: claimsGeminiPassthrough,
  findUnits: geminiUnits,
  latestUserText: geminiUserText,
  sessionParts: geminiSession,
  modelOf: (path, body) => (typeof body?.model === 'string' ? body.model : geminiModelOfPath(path)),
  retrieveToolJson: GEMINI_RETRIEVE_TOOL,
  retrieveToolInsertion: geminiToolInsertion,
  watchable: geminiWatchable,
  streamSplicer: (bodyText) => new GeminiStreamSplicer(bodyText),
  jsonSplicer: (bodyText) => new GeminiJsonSplicer(bodyText),
} satisfies ProviderAdapter;
