/**
 * Agent-neutral views of tool calls: the shell command a call runs, the file it reads, the exit code and the most
 * telling error line of its output. Every regex is bounded (inputs can be megabytes of tool output).
 */

/** Argument names that hold a shell command line, across agents' shell tools. */
const COMMAND_KEYS = ['command', 'cmd', 'commandLine', 'script'] as const;
/** Argument names that hold the path of a file a tool reads. */
const PATH_KEYS = ['file_path', 'filePath', 'filepath', 'absolute_path', 'path', 'target_file', 'file'] as const;
const SHELL_TOOL_RE = new RegExp(
  String.raw`^(bash|shell|shell_command|exec_command|local_shell|execute_command|run_terminal_command` +
    String.raw`|run_shell_command|run_commands|run_in_terminal|runinterminal|copilot_runinterminal|terminal` +
    String.raw`|run_command|command)$`,
  'i',
);
const READ_TOOL_RE = /^(read|read_file|readfile|read_files|view|view_file|open_file|copilot_readfile|cat)$/i;
const READ_CMD_RE = /^(?:cat|head|tail|less|more|bat|nl)\b|^sed -n\b/;

/** Cap on how much of a tool result the normaliser looks at (errors show at the start or the end). */
const SCAN_CHARS = 64 * 1024;

export const estimateTokens = (chars: number): number => Math.ceil(chars / 4);

export function isShellTool(name: string): boolean {
  return SHELL_TOOL_RE.test(name);
}

/** `["bash","-lc","npm test"]` → `npm test`; other argv arrays are joined. */
export function commandFromArgv(argv: readonly unknown[]): string | undefined {
  const parts = argv.filter((x): x is string => typeof x === 'string');
  if (parts.length >= 3 && /(^|\/)(ba|z|k)?sh$/.test(parts[0]) && /^-\w*c$/.test(parts[1]))
    return parts.slice(2).join(' ');
  return parts.length ? parts.join(' ') : undefined;
}

/** The command line in a shell tool's arguments, if any. */
export function commandFromArgs(args: Record<string, unknown>): string | undefined {
  for (const k of COMMAND_KEYS) {
    const v = args[k];
    if (typeof v === 'string' && v.trim()) return v;
    if (Array.isArray(v)) return commandFromArgv(v);
    if (v && typeof v === 'object' && typeof (v as { original?: unknown }).original === 'string')
      return (v as { original: string }).original;
  }
  return undefined;
}

/**
 * Normalises a command line for comparison and display: trims, collapses whitespace, drops a leading
 * `cd <workspace> &&` (agents prefix it freely) and makes workspace paths relative.
 */
export function normalizeCommand(cmd: string, workspace: string): string {
  let c = cmd.replace(/\s+/g, ' ').trim();
  const ws = workspace.replace(/\/+$/, '');
  for (const prefix of [`cd ${ws} && `, `cd "${ws}" && `, `cd '${ws}' && `, `cd ${ws}; `])
    if (c.startsWith(prefix)) c = c.slice(prefix.length);
  return relativize(c, workspace);
}

/**
 * Replaces the workspace prefix by `./` (or nothing before a relative tail) so lessons carry no absolute home paths.
 */
export function relativize(text: string, workspace: string): string {
  const ws = workspace.replace(/\/+$/, '');
  if (!ws || ws === '/') return text;
  return text
    .split(ws + '/')
    .join('')
    .split(ws)
    .join('.');
}

/** The file a call reads: a read tool's path argument, or the file operand of `cat FILE`, `head -n 50 FILE`, … */
export function readPathOf(
  tool: string,
  args: Record<string, unknown>,
  command: string | undefined,
): string | undefined {
  if (READ_TOOL_RE.test(tool)) {
    for (const k of PATH_KEYS) {
      const v = args[k];
      if (typeof v === 'string' && v) return v;
    }
  }
  if (command && READ_CMD_RE.test(command) && !/[|;&<>`$]/.test(command)) {
    const words = command.split(' ');
    const last = words[words.length - 1];
    if (words.length > 1 && last && !last.startsWith('-')) return last.replace(/^['"]|['"]$/g, '');
  }
  return undefined;
}

/** A short stable rendering of a call's arguments (keys sorted, long strings cut). */
export function argsKey(args: Record<string, unknown>): string {
  const keys = Object.keys(args).sort();
  const parts: string[] = [];
  for (const k of keys) {
    const v = args[k];
    const s = typeof v === 'string' ? v : (JSON.stringify(v) ?? '');
    parts.push(`${k}=${s.length > 200 ? s.slice(0, 200) + '…' : s}`);
  }
  return parts.join(' ');
}

const EXIT_RES: readonly RegExp[] = [
  /^Exit code:? (-?\d+)/im, // Claude Code ("Exit code 1"), Roo ("Exit code: 1")
  /\bProcess exited with code (-?\d+)/, // Codex
  /\[Command exited with code (-?\d+)\]/, // Cline CLI
  /^Exit Code: (-?\d+)/m, // Gemini CLI
  /\bexit code[: ]\s*(-?\d+)\)?/i, // Continue ("Error (exit code 1)") and friends
  /\bexited with (?:exit )?code (-?\d+)/i,
];

/** The exit code a tool result's text reports, when it does. */
export function exitCodeFromText(text: string): number | undefined {
  const t = text.length > SCAN_CHARS ? text.slice(0, SCAN_CHARS) : text;
  for (const re of EXIT_RES) {
    const m = re.exec(t);
    if (m) return Number(m[1]);
  }
  return undefined;
}

/**
 * Output that means a command failed even when the log has no exit code or flag (Cline in VS Code reports only
 * "Command executed" and the output): kept to unmistakable signatures.
 */
const STRONG_FAILURE_RE = new RegExp(
  [
    /(?:^|\n)(?:[^\n]{0,80}: )?(?:command not found|No such file or directory)\b/.source,
    /npm (?:ERR!|error) Missing script|unrecognized (?:argument|option)|unknown option/.source,
    /^Traceback \(most recent call last\)|error TS\d{4}:/.source,
  ].join('|'),
  'm',
);

export function looksFailed(text: string): boolean {
  return STRONG_FAILURE_RE.test(text.length > SCAN_CHARS ? text.slice(0, SCAN_CHARS) : text);
}

/** Lines that say what went wrong, most specific first. */
const ERROR_LINE_RES: readonly RegExp[] = [
  new RegExp(
    [
      /missing script|command not found|not recognized as|no such file or directory|enoent/.source,
      /cannot access|cannot find|does not exist|not found/.source,
    ].join('|'),
    'i',
  ),
  new RegExp(
    [
      /unrecognized (?:argument|option)|unknown (?:option|flag|argument|command)/.source,
      /invalid (?:option|argument|flag)|unexpected argument|illegal option/.source,
    ].join('|'),
    'i',
  ),
  /\b(?:is not set|not defined|environment variable|env var)\b/i,
  /\b(?:error|fatal|failed|failure|denied|refused|exception|traceback|panic)\b/i,
];
/** Wrapper noise agents put around output (Codex chunk header, Gemini context tags, npm's prefix, exit lines). */
const NOISE_RE = new RegExp(
  String.raw`^(?:Chunk ID:|Wall time:|Process exited with code|Original token count:|Output:\s*$` +
    String.raw`|Process Group PGID:|<\/?untrusted_context>|Exit code:? -?\d+\s*$|Exit Code: -?\d+\s*$` +
    String.raw`|\[Command exited with code|\[stderr\]|\[stdout\]|Command executed)`,
  'i',
);

/** The most telling error line of a failed call's output, cleaned and cut to ~120 chars. */
export function errorSummary(text: string, workspace: string): string | undefined {
  const t = text.length > SCAN_CHARS ? text.slice(0, SCAN_CHARS / 2) + '\n' + text.slice(-SCAN_CHARS / 2) : text;
  const lines = t
    .split('\n')
    .map(cleanLine)
    .filter((l) => l && !NOISE_RE.test(l));
  for (const re of ERROR_LINE_RES) {
    const hit = lines.find((l) => re.test(l));
    if (hit) return cut(relativize(hit, workspace));
  }
  return lines.length ? cut(relativize(lines[0], workspace)) : undefined;
}

const LINE_PREFIX_RE = new RegExp(
  String.raw`^(?:Output:\s*|npm (?:error|ERR!)\s*|Error executing tool \w+: |Error \(exit code -?\d+\):\s*` +
    String.raw`|\/usr\/bin\/bash: line \d+: |\/bin\/(?:ba)?sh: (?:line )?\d+: |bash: line \d+: ` +
    String.raw`|(?:ba|z)?sh: \d+: )`,
);

/** Strips the wrappers agents and shells put before the message (several can stack: Continue's tool error + npm's). */
function cleanLine(line: string): string {
  let l = line.replace(/<\/?tool_use_error>/g, '').trim();
  for (let i = 0; i < 4; i++) {
    const next = l.replace(LINE_PREFIX_RE, '');
    if (next === l) break;
    l = next;
  }
  return l.trim();
}

function cut(s: string): string {
  return s.length > 120 ? s.slice(0, 117) + '…' : s;
}
