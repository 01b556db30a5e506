/** Test scaffolding for Learn: real agent logs re-homed into a temp HOME for a real temp workspace. */
import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { CliIo } from '../../core/cli/io.js';
import { encodeClaudeProject } from '../../core/learn/sources/claude.js';
import type { AgentId } from '../../core/learn/types.js';

export const FIXTURES = join(__dirname, '..', 'fixtures', 'learn');
/** The workspace the recorded sessions ran in (scrubbed). */
export const FIXTURE_WS = '/home/user/project';
/** A "now" one day after the recorded runs (2026-11-29). */
export const NOW = Date.parse('2026-11-30T00:00:00Z');
/** When Continue's files (no times inside) count as written: the runs' day. */
export const RUN_TIME = Date.parse('2026-11-29T05:20:00Z');
export const RECORDED: readonly AgentId[] = ['claude', 'codex', 'gemini', 'continue', 'cline'];

function walk(dir: string, out: string[] = []): string[] {
  for (const n of readdirSync(dir)) {
    const p = join(dir, n);
    if (statSync(p).isDirectory()) walk(p, out);
    else out.push(p);
  }
  return out;
}

export interface Staged {
  root: string;
  home: string;
  workspace: string;
}

/**
 * Copies the recorded logs of `agents` into a fresh HOME, rewritten for a fresh workspace folder (paths in the logs,
 * Claude's project folder name, Gemini's project map), with file times set to the runs' day.
 */
export function stage(agents: readonly AgentId[] = RECORDED): Staged {
  const root = mkdtempSync(join(tmpdir(), 'hr-learn-'));
  const home = join(root, 'home');
  const workspace = join(root, 'project');
  mkdirSync(workspace, { recursive: true });
  mkdirSync(home, { recursive: true });
  for (const a of agents) cpSync(join(FIXTURES, a), home, { recursive: true });
  for (const f of walk(home)) {
    const text = readFileSync(f, 'utf8');
    if (text.includes(FIXTURE_WS) || text.includes('/home/user'))
      writeFileSync(
        f,
        text
          .split(FIXTURE_WS)
          .join(workspace)
          .split('/home/user/')
          .join(home + '/'),
      );
  }
  const claudeDir = join(home, '.claude', 'projects', encodeClaudeProject(FIXTURE_WS));
  try {
    renameSync(claudeDir, join(home, '.claude', 'projects', encodeClaudeProject(workspace)));
  } catch {
    // no Claude logs staged
  }
  for (const f of walk(home)) utimesSync(f, RUN_TIME / 1000, RUN_TIME / 1000);
  return { root, home, workspace };
}

/** Writes `content` at `rel` under `base`, creating folders; returns the absolute path. */
export function put(base: string, rel: string, content: string, mtime = RUN_TIME): string {
  const p = join(base, rel);
  mkdirSync(dirname(p), { recursive: true });
  writeFileSync(p, content);
  utimesSync(p, mtime / 1000, mtime / 1000);
  return p;
}

/** A CliIo that records what a command prints. */
export function captureIo(env: NodeJS.ProcessEnv): CliIo & { stdout: () => string; stderr: () => string } {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out: (d) => void out.push(typeof d === 'string' ? d : Buffer.from(d).toString('utf8')),
    err: (l) => void err.push(l + '\n'),
    debug: () => undefined,
    env,
    stdout: () => out.join(''),
    stderr: () => err.join(''),
  };
}

/** One Claude Code JSONL session in the recorded shape, for synthetic cases (calls: [command, output, isError]). */
export function claudeSession(
  cwd: string,
  id: string,
  turns: readonly (readonly [string, string, boolean] | string)[],
  start = RUN_TIME,
): string {
  const lines: string[] = [];
  let t = start;
  const ts = (): string => new Date((t += 1000)).toISOString();
  turns.forEach((turn, i) => {
    if (typeof turn === 'string') {
      lines.push(
        JSON.stringify({ type: 'user', message: { role: 'user', content: turn }, cwd, sessionId: id, timestamp: ts() }),
      );
      return;
    }
    const [command, output, isError] = turn;
    const tid = `toolu_${id}_${i}`;
    lines.push(
      JSON.stringify({
        type: 'assistant',
        message: { role: 'assistant', content: [{ type: 'tool_use', id: tid, name: 'Bash', input: { command } }] },
        cwd,
        sessionId: id,
        timestamp: ts(),
      }),
    );
    lines.push(
      JSON.stringify({
        type: 'user',
        message: {
          role: 'user',
          content: [{ type: 'tool_result', tool_use_id: tid, content: output, is_error: isError }],
        },
        cwd,
        sessionId: id,
        timestamp: ts(),
      }),
    );
  });
  return lines.join('\n') + '\n';
}
