import type { SessionParts } from '../types.js';
import { isObj, type Obj } from '../shared/obj.js';
import { firstUserTurn, latestUserTextIn } from '../shared/user-text.js';

/** The newest user text in `messages`. */
export function chatUserText(body: Obj): string {
  return Array.isArray(body.messages) ? latestUserTextIn(body.messages, (m) => m.content) : '';
}

/** The first system (or developer) message plus the first user message: Chat has no separate system field. */
export function chatSession(body: Obj): SessionParts | undefined {
  const list = body.messages;
  if (!Array.isArray(list)) return undefined;
  const firstUser = firstUserTurn(list);
  if (firstUser === undefined) return undefined;
  const leading = list.filter((m) => isObj(m) && (m.role === 'system' || m.role === 'developer')).slice(0, 1);
  return { system: undefined, leading, firstUser };
}
