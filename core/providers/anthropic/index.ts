import type { ProviderAdapter } from '../types.js';
import { appendedToTools } from '../shared/retrieve-tool.js';
import { ANTHROPIC_ROUTES, claimsAnthropicPassthrough } from './routes.js';
import { anthropicUnits } from './units.js';
import { anthropicSession, anthropicUserText } from './conversation.js';
import { ANTHROPIC_RETRIEVE_TOOL } from './retrieve-tool.js';
import { AnthropicStreamSplicer } from './stream-splicer.js';
import { AnthropicJsonSplicer } from './json-splicer.js';

/** Anthropic Messages (`POST /v1/messages`): https://docs.anthropic.com/en/api/messages */
export const anthropic = {
  id: 'anthropic' as const,
  family: 'anthropic',
  routes: ANTHROPIC_ROUTES,
  servesUrlPath: (path) => /\/messages$/.test(path),
  claimsPassthrough: claimsAnthropicPassthrough,
  findUnits: anthropicUnits,
  latestUserText: anthropicUserText,
  sessionParts: anthropicSession,
  modelOf: (_path, body) => (typeof body?.model === 'string' ? body.model : undefined),
  retrieveToolJson: ANTHROPIC_RETRIEVE_TOOL,
  retrieveToolInsertion: () => appendedToTools(ANTHROPIC_RETRIEVE_TOOL),
  watchable: () => true,
  streamSplicer: (bodyText) => new AnthropicStreamSplicer(bodyText),
  jsonSplicer: (bodyText) => new AnthropicJsonSplicer(bodyText),
} satisfies ProviderAdapter;
