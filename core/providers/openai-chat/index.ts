import type { ProviderAdapter } from '../types.js';
import { appendedToTools } from '../shared/retrieve-tool.js';
import { chatUnits } from './units.js';
import { chatSession, chatUserText } from './conversation.js';
import { CHAT_RETRIEVE_TOOL } from './retrieve-tool.js';
import { ChatStreamSplicer } from './stream-splicer.js';
import { ChatJsonSplicer } from './json-splicer.js';

/** OpenAI Chat Completions (`POST /v1/chat/completions`), and every OpenAI-compatible server that speaks it. */
export const openaiChat = {
  id: 'openai-chat' as const,
  family: 'openai',
  routes: [{ method: 'POST', match: (p) => p === '/v1/chat/completions', name: 'openai.chat' }],
  servesUrlPath: (path) => /\/chat\/completions$/.test(path),
  findUnits: chatUnits,
  latestUserText: chatUserText,
  sessionParts: chatSession,
  modelOf: (_path, body) => (typeof body?.model === 'string' ? body.model : undefined),
  retrieveToolJson: CHAT_RETRIEVE_TOOL,
  retrieveToolInsertion: () => appendedToTools(CHAT_RETRIEVE_TOOL),
  watchable: () => true,
  streamSplicer: (bodyText) => new ChatStreamSplicer(bodyText),
  jsonSplicer: (bodyText) => new ChatJsonSplicer(bodyText),
} satisfies ProviderAdapter;
