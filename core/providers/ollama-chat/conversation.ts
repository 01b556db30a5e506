import type { SessionParts } from '../types.js';
import { isObj, type Obj } from '../shared/obj.js';
import { firstUserTurn, latestUserTextIn } from '../shared/user-text.js';

/** The newest user text in `messages` (Ollama's content is a plain string). */
export function ollamaUserText(body: Obj): string {
  return Array.isArray(body.messages) ? latestUserTextIn(body.messages, (m) => m.content) : '';
}

/** The first system message plus the first user message: like Chat Completions, Ollama has no separate system field. */
export function ollamaSession(body: Obj): SessionParts | undefined {
  const list = body.messages;
  if (!Array.isArray(list)) return undefined;
  const firstUser = firstUserTurn(list);
  if (firstUser === undefined) return undefined;
  const leading = list.filter((m) => isObj(m) && m.role === 'system').slice(0, 1);
  return { system: undefined, leading, firstUser };
}
