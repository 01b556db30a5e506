import type { ProviderAdapter } from '../types.js';
import { appendedToTools } from '../shared/retrieve-tool.js';
import { responsesUnits } from './units.js';
import { responsesSession, responsesUserText } from './conversation.js';
import { RESPONSES_RETRIEVE_TOOL } from './retrieve-tool.js';
import { ResponsesStreamSplicer } from './stream-splicer.js';
import { ResponsesJsonSplicer } from './json-splicer.js';

/** OpenAI Responses (`POST /v1/responses`) and its token count (`/v1/responses/input_tokens`). */
export const openaiResponses = {
  id: 'openai-responses' as const,
  family: 'openai',
  routes: [
    { method: 'POST', match: (p) => p === '/v1/responses', name: 'openai.responses' },
    { method: 'POST', match: (p) => p === '/v1/responses/input_tokens', name: 'openai.input_tokens', countOnly: true },
  ],
  servesUrlPath: (path) => /\/responses$/.test(path),
  findUnits: responsesUnits,
  latestUserText: responsesUserText,
  sessionParts: responsesSession,
  modelOf: (_path, body) => (typeof body?.model === 'string' ? body.model : undefined),
  retrieveToolJson: RESPONSES_RETRIEVE_TOOL,
  retrieveToolInsertion: () => appendedToTools(RESPONSES_RETRIEVE_TOOL),
  watchable: () => true,
  streamSplicer: (bodyText, body) => new ResponsesStreamSplicer(bodyText, body),
  jsonSplicer: (bodyText, body) => new ResponsesJsonSplicer(bodyText, body),
} satisfies ProviderAdapter;
