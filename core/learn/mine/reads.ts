import { readPhrase } from '../phrase.js';
import type { Session } from '../types.js';
import { EDIT_TOOL_RE, type Occurrence } from './occurrence.js';

/** A read is "expensive" from this many (estimated) tokens of output. */
export const LARGE_READ_TOKENS = 1000;

/**
 * The same large file read two or more times in one session without being edited in between: every re-read past
 * the first is wasted context. An edit of anything resets the counts (the agent may need the new contents).
 */
export function mineReads(session: Session): Occurrence[] {
  const seen = new Map<string, { n: number; wasted: number; size: number; time?: number }>();
  const worst = new Map<string, { n: number; wasted: number; size: number; time?: number }>();
  for (const c of session.calls) {
    if (EDIT_TOOL_RE.test(c.tool) && !c.command) {
      seen.clear();
      continue;
    }
    if (!c.readPath || c.failed || c.outputTokens < LARGE_READ_TOKENS) continue;
    const s = seen.get(c.readPath) ?? { n: 0, wasted: 0, size: c.outputTokens };
    s.n++;
    if (s.n > 1) s.wasted += c.outputTokens;
    s.size = Math.max(s.size, c.outputTokens);
    s.time = c.time;
    seen.set(c.readPath, s);
    const w = worst.get(c.readPath);
    if (s.n >= 2 && (!w || s.wasted > w.wasted)) worst.set(c.readPath, { ...s });
  }
  const out: Occurrence[] = [];
  for (const [path, w] of [...worst].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))) {
    const p = readPhrase(path, w.size);
    out.push({ key: `read|${path}`, kind: 'read', ...p, tokens: w.wasted, time: w.time });
  }
  return out;
}
