import type { SessionParts } from '../types.js';
import type { Obj } from '../shared/obj.js';
import { firstUserTurn, latestUserTextIn } from '../shared/user-text.js';

/** The newest user text in `messages` (string content or text blocks). */
export function anthropicUserText(body: Obj): string {
  return Array.isArray(body.messages) ? latestUserTextIn(body.messages, (m) => m.content) : '';
}

/** `system` plus the first user message. */
export function anthropicSession(body: Obj): SessionParts | undefined {
  if (!Array.isArray(body.messages)) return undefined;
  const firstUser = firstUserTurn(body.messages);
  return firstUser === undefined ? undefined : { system: body.system, leading: [], firstUser };
}
