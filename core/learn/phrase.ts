import type { Topic } from './types.js';

/**
 * Deterministic lesson wording: one template per kind of mistake, so the same evidence always reads the same and a
 * re-run rewrites nothing. No model is asked.
 */

export type FailureCategory = 'missing-script' | 'not-installed' | 'bad-flag' | 'env-var' | 'missing-path' | 'other';

export interface Phrase {
  topic: Topic;
  text: string;
}

/** A command-line flag or argument the program does not take. */
const BAD_FLAG_RE = new RegExp(
  [
    /unrecognized (?:argument|option)|unknown (?:option|flag|argument)|invalid (?:option|flag)/.source,
    /unexpected argument|illegal option|no such option/.source,
  ].join('|'),
  'i',
);
/** `API_URL is not set` and the like: group 1 is the variable. */
const ENV_VAR_SET_RE = new RegExp(
  String.raw`\b([A-Z][A-Z0-9_]{2,})\b[^\n]{0,40}\b(?:is not set|not set|is undefined|is not defined` +
    String.raw`|is required|must be set|missing)\b`,
);
/** `cannot access '/x'`, `open 'x'`: group 1 is the quoted path. */
const PATH_QUOTED_RE = new RegExp(
  /(?:cannot access|open|stat|lstat|scandir|no such file or directory,? (?:open|stat|lstat|scandir)?)/.source +
    /\s*['"`]([^'"`]+)['"`]/.source,
  'i',
);

export function classifyFailure(error: string | undefined, exitCode: number | undefined): FailureCategory {
  const e = error ?? '';
  if (/missing script/i.test(e)) return 'missing-script';
  if (
    exitCode === 127 ||
    /command not found|not recognized as (?:an internal|the name)|executable file not found/i.test(e)
  )
    return 'not-installed';
  if (BAD_FLAG_RE.test(e)) return 'bad-flag';
  if (envVarIn(e)) return 'env-var';
  if (/no such file or directory|enoent|cannot access|cannot find|does not exist|not found/i.test(e))
    return 'missing-path';
  return 'other';
}

/** A variable name an error says is missing (`API_URL is not set`, `missing environment variable DATABASE_URL`). */
export function envVarIn(error: string): string | undefined {
  const m =
    ENV_VAR_SET_RE.exec(error) ??
    /\b(?:environment variable|env var|missing)\s+[`'"]?([A-Z][A-Z0-9_]{2,})\b/.exec(error);
  return m ? m[1] : undefined;
}

/** The path an error says is missing (`cannot access '/x'`, `cat: x: No such file`, `open 'x'`). */
export function missingPathIn(error: string, command: string | undefined): string | undefined {
  const m =
    PATH_QUOTED_RE.exec(error) ?? /^(?:[\w.-]+: )?([^\s:'"]+): (?:No such file or directory|cannot open)/i.exec(error);
  if (m) return m[1];
  // fall back to the command's last non-flag operand
  const words = command?.split(' ').filter((w) => !w.startsWith('-')) ?? [];
  return words.length > 1 ? words[words.length - 1] : undefined;
}

/** Markdown inline code that survives backticks inside; long commands are cut. */
export function code(s: string): string {
  const t = s.length > 100 ? s.slice(0, 99) + '…' : s;
  return t.includes('`') ? '`` ' + t + ' ``' : '`' + t + '`';
}

/** Lesson text must never carry a newline or anything that could close or fake the block's HTML-comment markers. */
export function sanitize(s: string): string {
  return s
    .replace(/\s+/g, ' ')
    .replace(/<!--|-->/g, '')
    .trim();
}

/** The program a command runs (`API_URL=x sh a.sh` → `sh`, `npx tsc` → `tsc`). */
export function programOf(cmd: string): string {
  const words = cmd.split(' ').filter((w) => !/^[A-Za-z_][A-Za-z0-9_]*=/.test(w));
  const i = words[0] === 'npx' || words[0] === 'sudo' || words[0] === 'time' || words[0] === 'env' ? 1 : 0;
  return words[i] ?? '';
}

function verbFor(fix: string): string {
  if (/\b(test|tests|jest|vitest|pytest|mocha|ava|tap|rspec|phpunit)\b|\bgo test\b|\bcargo test\b/.test(fix))
    return 'Run tests with';
  if (/\b(tsc --noEmit|typecheck|type-check|mypy|pyright)\b/.test(fix)) return 'Type-check with';
  if (/\b(lint|eslint|ruff|flake8|clippy)\b/.test(fix)) return 'Lint with';
  if (/\b(build|compile|tsc)\b/.test(fix)) return 'Build with';
  return 'Use';
}

/** The error for a lesson line: cleaned and cut at a word boundary near 100 chars. */
function errBrief(e: string | undefined): string {
  if (!e) return 'it failed';
  const t = sanitize(e);
  if (t.length <= 100) return t;
  const cut = t.lastIndexOf(' ', 100);
  return t.slice(0, cut > 60 ? cut : 100) + '…';
}

/** A failed command and the changed command that then worked. */
export function correctionPhrase(
  bad: string,
  fix: string,
  error: string | undefined,
  exitCode: number | undefined,
): Phrase {
  const cat = classifyFailure(error, exitCode);
  switch (cat) {
    case 'missing-script':
      return { topic: 'Commands', text: `${verbFor(fix)} ${code(fix)} (not ${code(bad)}: script not found)` };
    case 'not-installed':
      return {
        topic: 'Environment',
        text: `${code(programOf(bad))} is not installed here: use ${code(fix)} (not ${code(bad)})`,
      };
    case 'bad-flag':
      return { topic: 'Tools/flags', text: `${verbFor(fix)} ${code(fix)} (not ${code(bad)}: ${errBrief(error)})` };
    case 'env-var': {
      const v = envVarIn(error ?? '');
      return {
        topic: 'Environment',
        text: `Set ${code(v ?? 'the variable')} for ${code(bad)}, e.g. ${code(fix)} (without it: ${errBrief(error)})`,
      };
    }
    case 'missing-path': {
      const p = missingPathIn(error ?? '', bad);
      return {
        topic: 'Paths',
        text: `${p ? code(p) + ' does not exist' : 'A path is missing'} (${code(bad)} failed; ${code(fix)} worked)`,
      };
    }
    default:
      return { topic: 'Commands', text: `${verbFor(fix)} ${code(fix)} (not ${code(bad)}: ${errBrief(error)})` };
  }
}

/** A command that failed the same way more than once with no fix in sight. */
export function failurePhrase(bad: string, error: string | undefined, exitCode: number | undefined): Phrase {
  const cat = classifyFailure(error, exitCode);
  switch (cat) {
    case 'not-installed':
      return {
        topic: 'Environment',
        text: `${code(programOf(bad))} is not installed here (${code(bad)}: command not found)`,
      };
    case 'missing-path': {
      const p = missingPathIn(error ?? '', bad);
      return { topic: 'Paths', text: `${p ? code(p) + ' does not exist' : 'A path is missing'} (${code(bad)} fails)` };
    }
    case 'env-var':
      return {
        topic: 'Environment',
        text: `${code(bad)} needs ${code(envVarIn(error ?? '') ?? 'a variable')} set (${errBrief(error)})`,
      };
    case 'bad-flag':
      return { topic: 'Tools/flags', text: `${code(bad)} fails (${errBrief(error)})` };
    case 'missing-script':
      return { topic: 'Commands', text: `${code(bad)} fails (script not found): check the scripts in package.json` };
    default:
      return { topic: 'Commands', text: `${code(bad)} fails (${errBrief(error)})` };
  }
}

/** A tool call the tool rejected for its parameters (or an unknown tool). */
const TOOL_INPUT_ERROR_RE = new RegExp(
  [
    /InputValidationError|invalid (?:param|argument|input)|unknown (?:param|argument|property)/.source,
    /unexpected (?:param|property|argument)|required (?:param|property|argument)|missing required/.source,
    /No such tool|not a valid tool/.source,
  ].join('|'),
  'i',
);

/** A non-shell tool that failed on a missing file or on its own parameters. */
export function toolErrorPhrase(tool: string, path: string | undefined, error: string): Phrase | undefined {
  if (path && classifyFailure(error, undefined) === 'missing-path')
    return { topic: 'Paths', text: `${code(path)} does not exist (${tool}: ${errBrief(error)})` };
  if (TOOL_INPUT_ERROR_RE.test(error)) return { topic: 'Tools/flags', text: `${code(tool)}: ${errBrief(error)}` };
  return undefined;
}

/** The same call again and again with nothing changed in between. */
export function loopPhrase(what: string, isShell: boolean): Phrase {
  return {
    topic: isShell ? 'Commands' : 'Tools/flags',
    text:
      `Do not repeat ${code(what)} with nothing changed in between (3+ identical calls in a session): ` +
      'reuse its first result',
  };
}

/** A large file read again and again. */
export function readPhrase(path: string, tokens: number): Phrase {
  return {
    topic: 'Paths',
    text:
      `${code(path)} is large (~${roughTokens(tokens)} tokens): read it once and reuse it, ` +
      `or search it (e.g. ${code(`rg PATTERN ${path}`)}) instead of re-reading it`,
  };
}

/** What the user said to steer the agent, quoted (first sentences, ≤ 160 chars). */
export function userPhrase(said: string): Phrase {
  const t = sanitize(said);
  const first = (t.match(/^[\s\S]*?[.!?](?=\s|$)(?:\s+[\s\S]*?[.!?](?=\s|$))?/)?.[0] ?? t).slice(0, 160);
  const topic: Topic = /\b[A-Z][A-Z0-9_]{2,}=|\benv(?:ironment)?\b|\bvariable\b/.test(first)
    ? 'Environment'
    : /\s--?[a-z]/.test(first)
      ? 'Tools/flags'
      : !/^(?:no|nope|actually)?[\s,]*(?:use|run)\b/i.test(first) &&
          /(?:^|\s)[\w.-]*\/[\w./-]+|\b\w+\.(?:ts|js|py|md|json|go|rs|java|yml|yaml|toml)\b/.test(first)
        ? 'Paths'
        : 'Commands';
  return { topic, text: `The user corrected: “${first}”` };
}

/** 6417 → "6k", 850 → "850", 12500 → "13k". */
export function roughTokens(n: number): string {
  return n >= 1000 ? `${Math.round(n / 1000)}k` : String(Math.round(n / 10) * 10);
}

/** The identity two lesson lines share when they say the same thing (parenthesised evidence and case aside). */
export function mergeKey(text: string): string {
  return text
    .replace(/\([^()]*\)/g, '')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
}
