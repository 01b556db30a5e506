import type { SessionParts } from '../types.js';
import type { Obj } from '../shared/obj.js';
import { firstUserTurn, latestUserTextIn } from '../shared/user-text.js';

/** The newest user text in `contents` (text `parts`). */
export function geminiUserText(body: Obj): string {
  return Array.isArray(body.contents) ? latestUserTextIn(body.contents, (c) => c.parts) : '';
}

/** `systemInstruction` plus the first user content. */
export function geminiSession(body: Obj): SessionParts | undefined {
  if (!Array.isArray(body.contents)) return undefined;
  const firstUser = firstUserTurn(body.contents);
  return firstUser === undefined ? undefined : { system: body.systemInstruction, leading: [], firstUser };
}
