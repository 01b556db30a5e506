import { realpath } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { mergeLessons, parseBlock, renderBlock } from './block.js';
import { readTarget } from './plan.js';
import { scan } from './scan.js';
import type { Env } from './sources/source.js';
import { ALL_AGENTS, type AgentId, type LearnResult } from './types.js';

export { applyLearnBlock, BLOCK_END, BLOCK_START, LearnBlockError, parseBlock } from './block.js';
export { learnPlan, type FilePlan } from './plan.js';
export { unifiedDiff } from './diff.js';
export { ALL_AGENTS, TOPICS, type AgentId, type LearnResult, type Lesson, type Topic } from './types.js';

const DAY = 86_400_000;

export interface LearnOptions {
  /** The workspace folder; only sessions that ran in it (or below it) are read. */
  workspace: string;
  /** The user's home (where `~/.claude`, `~/.codex`, … live). */
  home: string;
  /**
   * Honoured: CLAUDE_CONFIG_DIR, CODEX_HOME, CONTINUE_GLOBAL_DIR, CLINE_DIR / CLINE_DATA_DIR, GEMINI_CLI_HOME, APPDATA.
   */
  env: Env;
  /** Which agents' logs to read (default: all). */
  sources?: readonly AgentId[];
  /** Epoch ms "now" (default Date.now()); sessions older than `days` before it are out of the window. */
  now?: number;
  /** Window and expiry, in days (default 30). */
  days?: number;
  /** VS Code `User` folders for Copilot, Cline and Roo (default: Code, Code - Insiders, VSCodium under `home`). */
  vscodeUserDirs?: readonly string[];
  /** Caps on the block (defaults 24 lessons, 8 per topic). */
  maxLessons?: number;
  maxPerTopic?: number;
  onProgress?: (p: { done: number; total: number; file: string }) => void;
  signal?: AbortSignal;
}

const NAMES: Record<AgentId, string> = {
  claude: 'Claude Code',
  codex: 'Codex',
  gemini: 'Gemini CLI',
  continue: 'Continue',
  cline: 'Cline',
  roo: 'Roo Code',
  copilot: 'Copilot Chat',
};

/**
 * Reads the workspace's agent session logs, mines failures and their fixes, loops, repeated large reads and user
 * corrections, and proposes the AGENTS.md block. Reads only; writing is learnPlan + applyLearnBlock (or the CLI's
 * --apply). Deterministic for the same logs, files and `now`; no model is called.
 */
export async function learn(opts: LearnOptions): Promise<LearnResult> {
  const workspace = await canonical(opts.workspace);
  const now = opts.now ?? Date.now();
  const days = opts.days ?? 30;
  const maxPerTopic = opts.maxPerTopic ?? 8;
  const stats = { linesSkipped: 0 };
  const r = await scan(
    {
      workspace,
      home: opts.home,
      env: opts.env,
      vscodeUserDirs: opts.vscodeUserDirs ?? defaultVscodeUserDirs(opts.home, opts.env),
      stats,
      since: now - days * DAY,
      signal: opts.signal,
    },
    { agents: opts.sources, maxLessons: opts.maxLessons ?? 24, maxPerTopic, onProgress: opts.onProgress },
  );
  const warnings: string[] = [];
  const agents = await readTarget(join(workspace, 'AGENTS.md'));
  let existing: ReturnType<typeof parseBlock> = [];
  try {
    existing = parseBlock(agents.text);
  } catch (err) {
    warnings.push(`AGENTS.md: ${(err as Error).message}`);
  }
  const block = renderBlock(mergeLessons(r.lessons, existing, now, days, maxPerTopic), days);
  return {
    workspace,
    now,
    days,
    maxPerTopic,
    filesRead: r.filesRead,
    sessionsRead: r.sessionsRead,
    bySource: r.bySource,
    toolCalls: r.toolCalls,
    failures: r.failures,
    linesSkipped: stats.linesSkipped,
    lessons: r.lessons,
    block,
    summary: summarize(
      r.sessionsRead,
      r.bySource,
      r.toolCalls,
      r.failures,
      r.lessons.length,
      stats.linesSkipped,
      workspace,
      days,
    ),
    searched: r.searched,
    usesClaude: (r.bySource.claude ?? 0) > 0,
    warnings,
  };
}

function summarize(
  sessions: number,
  by: Partial<Record<AgentId, number>>,
  calls: number,
  failures: number,
  lessons: number,
  skipped: number,
  ws: string,
  days: number,
): string {
  if (sessions === 0) return `No agent session logs from the last ${plural(days, 'day')} found for ${ws}.`;
  const per = ALL_AGENTS.filter((a) => by[a])
    .map((a) => `${NAMES[a]} ${by[a]}`)
    .join(', ');
  const skip = skipped ? `; skipped ${skipped} corrupt or oversized line${skipped === 1 ? '' : 's'}` : '';
  return (
    `Read ${plural(sessions, 'session')} (${per}): ${plural(calls, 'tool call')}, ${failures} failed; ` +
    `${plural(lessons, 'lesson')} found${skip}.`
  );
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

async function canonical(p: string): Promise<string> {
  const abs = resolve(p);
  try {
    // agents record the real path (Claude Code resolves symlinks before naming its project folder)
    return await realpath(abs);
  } catch {
    return abs;
  }
}

/** VS Code's `User` folders for the stable, Insiders and VSCodium builds on this platform. */
export function defaultVscodeUserDirs(home: string, env: Env, platform: NodeJS.Platform = process.platform): string[] {
  const base =
    platform === 'darwin'
      ? join(home, 'Library', 'Application Support')
      : platform === 'win32'
        ? (env.APPDATA ?? join(home, 'AppData', 'Roaming'))
        : (env.XDG_CONFIG_HOME ?? join(home, '.config'));
  return ['Code', 'Code - Insiders', 'VSCodium'].map((n) => join(base, n, 'User'));
}
