import { userPhrase } from '../phrase.js';
import type { Session } from '../types.js';
import type { Occurrence } from './occurrence.js';

/** What a steering message looks like at its start (first 300 chars); bounded, no backtracking. */
const CORRECTION_RES: readonly RegExp[] = [
  /^(?:no|nope|wrong|stop)\b[\s,.!:;-]/i,
  /^actually\b/i,
  new RegExp(
    String.raw`\b(?:don't|do not|dont|never|stop|avoid)\s+(?:use|using|run|running|call|calling|touch|edit` +
      String.raw`|modify|add|create|commit|push|install|delete|remove)\b`,
    'i',
  ),
  /\buse\s+`?[\w./@:-]+`?\s+(?:instead|not)\b/i,
  /\binstead of\b/i,
  /\b(?:wrong|incorrect)\s+(?:command|path|file|directory|flag|tool)\b/i,
];

/** A user message that corrects the agent ("no, use pnpm", "don't …", "actually …"), as the user said it. */
export function mineUserCorrections(session: Session): Occurrence[] {
  const out: Occurrence[] = [];
  for (const u of session.users) {
    const head = u.text.slice(0, 300);
    if (!CORRECTION_RES.some((re) => re.test(head))) continue;
    const p = userPhrase(u.text);
    out.push({ key: `user|${p.text.toLowerCase()}`, kind: 'user', ...p, tokens: 200, time: u.time });
  }
  return out;
}
