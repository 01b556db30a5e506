import { loopPhrase } from '../phrase.js';
import type { Session } from '../types.js';
import { EDIT_TOOL_RE, TURN_TOKENS, type Occurrence } from './occurrence.js';
import { LARGE_READ_TOKENS } from './reads.js';

/** Identical calls this many times with no edit in between make a loop. */
export const LOOP_MIN = 3;

/**
 * The same call (tool + arguments) three or more times in one session with no file edit in between: the agent is
 * going round in circles. Re-running tests after an edit is not a loop, so any edit resets the counts. Large reads
 * are left to the reads miner (one lesson per mistake).
 */
export function mineLoops(session: Session): Occurrence[] {
  const streak = new Map<string, { n: number; tokens: number; time?: number; shell: boolean; what: string }>();
  const worst = new Map<string, { n: number; tokens: number; time?: number; shell: boolean; what: string }>();
  for (const c of session.calls) {
    if (EDIT_TOOL_RE.test(c.tool) && !c.command) {
      streak.clear();
      continue;
    }
    if (c.readPath && c.outputTokens >= LARGE_READ_TOKENS) continue;
    const key = `${c.command ? 'sh' : c.tool}|${c.argsKey}`;
    const s = streak.get(key) ?? {
      n: 0,
      tokens: 0,
      shell: c.command !== undefined,
      what: c.command ?? `${c.tool} ${c.argsKey}`.trim(),
    };
    s.n++;
    if (s.n > 1) s.tokens += c.outputTokens + TURN_TOKENS;
    s.time = c.time;
    streak.set(key, s);
    const w = worst.get(key);
    if (s.n >= LOOP_MIN && (!w || s.n > w.n)) worst.set(key, { ...s });
  }
  const out: Occurrence[] = [];
  for (const [key, w] of [...worst].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))) {
    const p = loopPhrase(w.what, w.shell);
    out.push({ key: `loop|${key}`, kind: 'loop', ...p, tokens: w.tokens, time: w.time });
  }
  return out;
}
