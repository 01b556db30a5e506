import type { Route } from '../providers/route.js';
import { providerAdapter, providerOfUrlPath } from '../providers/index.js';

/** Copilot's conversation paths and the names its records get. */
const CONVERSATIONS = new Map([
  ['/chat/completions', 'copilot.chat'],
  ['/responses', 'copilot.responses'],
  ['/v1/messages', 'copilot.messages'],
]);

/**
 * The route for a path under `/copilot/<secret>/`, which stands for Copilot's API base. Copilot Chat appends its
 * request types to that base (vscode-copilot-chat src/platform/endpoint/common/endpointProvider.ts
 * `ModelSupportedEndpoint`: `/chat/completions`, `/responses`, `/v1/messages`; chatEndpoint.ts picks one per model
 * from the `/models` answer's `supported_endpoints`). Those three carry conversations and are compressed like the
 * provider routes; every other path (`/models`, `/models/session`, `/embeddings`, `/_ping`, …) passes through.
 */
export function copilotRoute(method: string, rest: string): Route {
  const name = method === 'POST' ? CONVERSATIONS.get(rest) : undefined;
  // the request shape is the adapter's whose URL path this is (core/providers/: `/chat/completions` is Chat, …)
  const provider = name ? providerOfUrlPath(rest) : undefined;
  if (name && provider) return { family: providerAdapter(provider).family, provider, name };
  return { family: 'openai', name: 'copilot.passthrough' };
}

/** Copilot's model list: answered with the WebSocket Responses capability taken out (see models-answer.ts). */
export function isCopilotModelsList(method: string, rest: string): boolean {
  return method === 'GET' && rest === '/models';
}

/** The path Copilot opens its Responses WebSocket on (`ws:/responses`, the same path as HTTP Responses). */
export function isCopilotResponsesSocket(rest: string): boolean {
  return rest === '/responses';
}

/**
 * Headers for a retrieval round the proxy sends on its own after the client's turn: Copilot marks requests that are
 * not the user's own prompt `X-Initiator: agent` (vscode-copilot-chat src/extension/prompt/node/chatMLFetcher.ts,
 * `'X-Initiator': userInitiatedRequest ? 'user' : 'agent'`), and `user` is what counts as a premium request. The
 * client's own request keeps the header exactly as sent.
 */
export function copilotFollowUpHeaders<H extends Record<string, unknown>>(headers: H): H {
  if (!('x-initiator' in headers)) return headers;
  return { ...headers, 'x-initiator': 'agent' };
}
