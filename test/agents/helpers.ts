/** Test scaffolding: a temporary HOME with real-format agent configs copied in, and the plan → apply → restore loop. */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import {
  applyChanges,
  planRestore,
  planRouting,
  type AgentEnv,
  type AgentId,
  type PlannedChange,
} from '../../core/agents/index.js';
import { upstreamName } from '../../core/agents/proxy-urls.js';

export const FIXTURES = join(__dirname, '..', 'fixtures', 'agents');
export const PROXY = 'http://127.0.0.1:8787';

export function fixture(rel: string): string {
  return readFileSync(join(FIXTURES, rel), 'utf8');
}

export interface Sandbox {
  home: string;
  /** HEADROOM_HOME: per-agent routes (upstreams.json) and the Copilot secret. */
  headroomHome: string;
  backupDir: string;
  userDir: string;
  env: AgentEnv;
  /** Writes `content` at a path relative to HOME, creating folders. Returns the absolute path. */
  put(rel: string, content: string): string;
  read(abs: string): string;
  cleanup(): void;
}

export function sandbox(extra: Partial<AgentEnv> = {}): Sandbox {
  const root = mkdtempSync(join(tmpdir(), 'headroom-agents-'));
  const home = join(root, 'home');
  const backupDir = join(root, 'backups');
  const userDir = join(home, '.config', 'Code', 'User');
  mkdirSync(userDir, { recursive: true });
  return {
    home,
    headroomHome: join(root, 'headroom'),
    backupDir,
    userDir,
    env: { home, vscodeUserDirs: [userDir], platform: 'linux', headroomHome: join(root, 'headroom'), ...extra },
    put(rel, content) {
      const p = join(home, rel);
      mkdirSync(dirname(p), { recursive: true });
      writeFileSync(p, content);
      return p;
    },
    read: (abs) => readFileSync(abs, 'utf8'),
    cleanup: () => rmSync(root, { recursive: true, force: true }),
  };
}

export function plan(agent: AgentId, s: Sandbox, proxy = PROXY): PlannedChange[] {
  const p = planRouting(agent, s.env, proxy, s.backupDir);
  if ('error' in p) assert.fail(p.error);
  return p;
}

export function restorePlan(agent: AgentId, s: Sandbox): PlannedChange[] {
  const p = planRestore(agent, s.env, s.backupDir);
  if ('error' in p) assert.fail(p.error);
  return p;
}

/**
 * The whole cycle the issue asks for: plan (nothing written yet) → apply → routing again plans nothing → restore →
 * every file byte-identical to before (or gone again, if routing created it). Returns the routed contents by file.
 */
export function roundTrip(agent: AgentId, s: Sandbox, files: string[]): Map<string, string> {
  const originals = new Map(files.map((f) => [f, readOrNull(f)]));
  const changes = plan(agent, s);
  assert.ok(changes.length > 0, 'something to change');
  for (const f of files) assert.equal(readOrNull(f), originals.get(f), `planning wrote nothing to ${f}`);
  for (const c of changes) assert.equal(c.before, originals.get(c.file) ?? null);
  applyChanges(changes, s.backupDir);
  const routed = new Map(changes.map((c) => [c.file, s.read(c.file)]));
  for (const c of changes) assert.equal(routed.get(c.file), c.after, 'the file holds exactly the planned content');
  assert.deepEqual(plan(agent, s), [], 'routing twice adds nothing');
  applyChanges(restorePlan(agent, s), s.backupDir);
  for (const f of files) assert.equal(readOrNull(f), originals.get(f), `${f} is back byte for byte`);
  return routed;
}

export function readOrNull(f: string): string | null {
  try {
    return readFileSync(f, 'utf8');
  } catch {
    return null;
  }
}

/** The per-agent route the proxy URL takes for a custom endpoint `base` (normalized, as the planner stores it). */
export function route(agent: string, base: string, proxy = PROXY): string {
  return `${proxy}/u/${upstreamName(agent, base)}`;
}

/** The planned change to one file (fails the test when there is none). */
export function changeTo(changes: PlannedChange[], file: string): PlannedChange {
  const c = changes.find((x) => x.file === file);
  if (!c) assert.fail(`no change planned to ${file}: ${changes.map((x) => x.file).join(', ')}`);
  return c;
}

/** HEADROOM_HOME/upstreams.json of the sandbox. */
export function routesFile(s: Sandbox): string {
  return join(s.headroomHome, 'upstreams.json');
}
