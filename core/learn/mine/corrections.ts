import {
  classifyFailure,
  correctionPhrase,
  failurePhrase,
  programOf,
  toolErrorPhrase,
  type FailureCategory,
} from '../phrase.js';
import type { Session, ToolCall } from '../types.js';
import { TURN_TOKENS, type Occurrence } from './occurrence.js';

/** How far after a failure the fix may come (calls), and how similar it must be. */
const LOOKAHEAD = 8;

/**
 * Failed commands and the retry that fixed them: a later successful call of a shell tool whose command changed but
 * is plainly the same intent (same program, or the same arguments under another program after "command not found").
 * A failure with no fix becomes a `failure` occurrence (lessons need it in two sessions). Non-shell tools count only
 * for missing files and rejected parameters — their other errors (an edit that did not match) teach nothing general.
 */
export function mineCorrections(session: Session): Occurrence[] {
  const out: Occurrence[] = [];
  const calls = session.calls;
  for (let i = 0; i < calls.length; i++) {
    const bad = calls[i];
    if (!bad.failed) continue;
    const time = bad.time;
    const tokens = bad.outputTokens + TURN_TOKENS;
    if (!bad.command) {
      const p = bad.error ? toolErrorPhrase(bad.tool, bad.readPath, bad.error) : undefined;
      if (p) out.push({ key: `tool|${bad.tool}|${p.text}`, kind: 'failure', ...p, tokens, time });
      continue;
    }
    const fix = findFix(calls, i);
    if (fix?.command) {
      const p = correctionPhrase(bad.command, fix.command, bad.error, bad.exitCode);
      out.push({
        key: `fix|${bad.command}|${fix.command}`,
        kind: 'correction',
        ...p,
        tokens,
        time,
        bad: bad.command,
        fix: fix.command,
      });
    } else {
      const p = failurePhrase(bad.command, bad.error, bad.exitCode);
      out.push({ key: `fail|${bad.command}`, kind: 'failure', ...p, tokens, time, bad: bad.command });
    }
  }
  return out;
}

function findFix(calls: readonly ToolCall[], i: number): ToolCall | undefined {
  const bad = calls[i];
  const badCmd = bad.command as string;
  const cat = classifyFailure(bad.error, bad.exitCode);
  for (let j = i + 1; j < calls.length && j <= i + LOOKAHEAD; j++) {
    const c = calls[j];
    if (!c.command || c.command === badCmd) continue;
    if (!related(badCmd, c.command, cat)) continue;
    // a related call that failed too is another attempt: keep looking for the one that worked
    if (c.failed || !c.hasResult) continue;
    return c;
  }
  return undefined;
}

const withoutEnv = (c: string): string[] => c.split(' ').filter((w) => !/^[A-Za-z_][A-Za-z0-9_]*=/.test(w));
/** The first word after the program that is not a flag: `git log --x` → `log`. */
const subcommand = (c: string): string =>
  withoutEnv(c)
    .slice(1)
    .find((w) => !w.startsWith('-')) ?? '';

/**
 * Whether `fix` is a retry of `bad` rather than the next step of the task. How close it must be depends on how
 * `bad` failed: a missing script or path is fixed by another script or path of the same program; a bad flag by the
 * same subcommand; a missing variable by the same command with the variable set; a missing program by the same
 * arguments under another program.
 */
function related(bad: string, fix: string, cat: FailureCategory): boolean {
  // python → python3, pip → pip3: one program family
  const family = (c: string): string => programOf(c).replace(/[\d.]+$/, '');
  const sameProgram = family(bad) !== '' && family(bad) === family(fix);
  switch (cat) {
    case 'missing-script':
    case 'missing-path':
      return sameProgram;
    case 'not-installed': {
      const rest = (c: string): string => withoutEnv(c).slice(1).join(' ');
      return rest(bad) !== '' && rest(bad) === rest(fix);
    }
    case 'env-var':
      return withoutEnv(bad).join(' ') === withoutEnv(fix).join(' ');
    case 'bad-flag':
      return sameProgram && subcommand(bad) === subcommand(fix);
    default:
      return sameProgram && (subcommand(bad) === subcommand(fix) || similarity(bad, fix) >= 0.6);
  }
}

/** Dice coefficient over character bigrams (linear; commands are cut to 300 chars). */
export function similarity(a: string, b: string): number {
  const grams = (s: string): Map<string, number> => {
    const m = new Map<string, number>();
    const t = s.slice(0, 300);
    for (let i = 0; i < t.length - 1; i++) {
      const g = t.slice(i, i + 2);
      m.set(g, (m.get(g) ?? 0) + 1);
    }
    return m;
  };
  const ga = grams(a);
  const gb = grams(b);
  let common = 0;
  let total = 0;
  for (const v of ga.values()) total += v;
  for (const v of gb.values()) total += v;
  for (const [g, n] of ga) common += Math.min(n, gb.get(g) ?? 0);
  return total ? (2 * common) / total : 0;
}
