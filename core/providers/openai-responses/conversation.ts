import type { SessionParts } from '../types.js';
import type { Obj } from '../shared/obj.js';
import { firstUserTurn, latestUserTextIn } from '../shared/user-text.js';

/** The newest user text in `input` (which may be a plain string: then that is the question). */
export function responsesUserText(body: Obj): string {
  if (typeof body.input === 'string') return body.input;
  return Array.isArray(body.input) ? latestUserTextIn(body.input, (m) => m.content) : '';
}

/** `instructions` plus the first user item of `input`. */
export function responsesSession(body: Obj): SessionParts | undefined {
  if (!Array.isArray(body.input)) return undefined;
  const firstUser = firstUserTurn(body.input);
  return firstUser === undefined ? undefined : { system: body.instructions, leading: [], firstUser };
}
