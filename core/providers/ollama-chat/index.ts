import type { ProviderAdapter } from '../types.js';
import { appendedToTools } from '../shared/retrieve-tool.js';
import { claimsOllamaPassthrough, OLLAMA_ROUTES } from './routes.js';
import { ollamaUnits } from './units.js';
import { ollamaSession, ollamaUserText } from './conversation.js';
import { OLLAMA_RETRIEVE_TOOL } from './retrieve-tool.js';
import { OllamaStreamSplicer } from './stream-splicer.js';
import { OllamaJsonSplicer } from './json-splicer.js';

/**
 * Ollama's native chat (`POST /api/chat`), as Continue's `ollama` provider, Cline's Ollama provider, Aider's
 * `ollama_chat/` models and the official clients (ollama-js, ollama-python) speak it. It streams NDJSON unless the
 * body says `"stream": false` (ollama api/types.go `ChatRequest.Stream`: true by default).
 */
export const ollamaChat = {
  id: 'ollama-chat' as const,
  family: 'ollama',
  routes: OLLAMA_ROUTES,
  servesUrlPath: (path) => /\/api\/chat$/.test(path),
  claimsPassthrough: claimsOllamaPassthrough,
  findUnits: ollamaUnits,
  latestUserText: ollamaUserText,
  sessionParts: ollamaSession,
  modelOf: (_path, body) => (typeof body?.model === 'string' ? body.model : undefined),
  retrieveToolJson: OLLAMA_RETRIEVE_TOOL,
  retrieveToolInsertion: () => appendedToTools(OLLAMA_RETRIEVE_TOOL),
  watchable: () => true,
  streamSplicer: (bodyText) => new OllamaStreamSplicer(bodyText),
  jsonSplicer: (bodyText) => new OllamaJsonSplicer(bodyText),
} satisfies ProviderAdapter;
