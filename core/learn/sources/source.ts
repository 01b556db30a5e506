import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { AgentId, ParseStats, Session } from '../types.js';
import { isObj } from '../../util/is-object.js';

export type Env = Readonly<Record<string, string | undefined>>;

/** What every source gets: where to look and where to count what it skipped. */
export interface SourceContext {
  /** Absolute workspace folder; sessions elsewhere are ignored. */
  workspace: string;
  home: string;
  env: Env;
  /** VS Code user-data `User` folders (Code, Insiders, VSCodium…), for Copilot, Cline and Roo. */
  vscodeUserDirs: readonly string[];
  stats: ParseStats;
  /** Epoch ms: sessions that ended before this are out of the window (sources may prune by it). */
  since: number;
  signal?: AbortSignal;
}

export interface SessionFile {
  agent: AgentId;
  path: string;
  size: number;
  mtimeMs: number;
}

/** One agent's log format: where its session files are and how to read one. */
export interface Source {
  agent: AgentId;
  /** Session files that may belong to the workspace, plus the folders that were looked in (for "nothing found"). */
  discover(ctx: SourceContext): Promise<{ files: SessionFile[]; searched: string[] }>;
  /**
   * The session in the file, or null when it belongs to another workspace or holds nothing. Never throws on bad data.
   */
  parse(file: SessionFile, ctx: SourceContext): Promise<Session | null>;
}

/** Directory entries, or [] when the folder is missing or unreadable. */
export async function listDir(dir: string): Promise<string[]> {
  try {
    return (await readdir(dir)).sort();
  } catch {
    return [];
  }
}

export async function fileInfo(agent: AgentId, path: string): Promise<SessionFile | null> {
  try {
    const s = await stat(path);
    return s.isFile() ? { agent, path, size: s.size, mtimeMs: s.mtimeMs } : null;
  } catch {
    return null;
  }
}

export async function isDir(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return false;
  }
}

/** Files in `dir` whose names pass `keep`, as SessionFiles. */
export async function filesIn(agent: AgentId, dir: string, keep: (name: string) => boolean): Promise<SessionFile[]> {
  const out: SessionFile[] = [];
  for (const name of await listDir(dir)) {
    if (!keep(name)) continue;
    const f = await fileInfo(agent, join(dir, name));
    if (f) out.push(f);
  }
  return out;
}

/** `file:///a%20b/c` or `/a b/c` → `/a b/c` (URIs as VS Code and Codex write them). */
export function pathFromUriOrPath(p: string): string {
  if (!p.startsWith('file://')) return p;
  let rest = p.slice('file://'.length);
  try {
    rest = decodeURIComponent(rest);
  } catch {
    // keep it encoded: a malformed escape is not worth failing a session over
  }
  // file:///c%3A/x → /c:/x on Windows URIs
  return /^\/[A-Za-z]:\//.test(rest) ? rest.slice(1) : rest;
}

/** Whether `dir` is the workspace or inside it. */
export function inWorkspace(dir: string, workspace: string): boolean {
  const d = norm(pathFromUriOrPath(dir));
  const w = norm(workspace);
  return d === w || d.startsWith(w + '/');
}

/** Forward slashes, no trailing slash; Windows drive paths compared case-insensitively (`C:\\x` = `c:/x`). */
function norm(p: string): string {
  const t = p.replace(/\\/g, '/');
  const u = t.length > 1 ? t.replace(/\/+$/, '') : t;
  return /^[A-Za-z]:\//.test(u) ? u.toLowerCase() : u;
}

/** `Date.parse` that returns undefined instead of NaN, and accepts epoch numbers (ms or s). */
export function toTime(v: unknown): number | undefined {
  if (typeof v === 'number' && Number.isFinite(v)) return v < 1e12 ? v * 1000 : v;
  if (typeof v === 'string') {
    if (/^\d{10,13}$/.test(v)) return toTime(Number(v));
    const t = Date.parse(v);
    return Number.isNaN(t) ? undefined : t;
  }
  return undefined;
}

/** Narrowing helpers for parsed JSON. */
export { isObj };
export const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/** Joins text parts the way agents store them: a string, or an array of `{text}` / `{type:'text', text}` parts. */
export function textOf(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return isObj(content) && typeof content.text === 'string' ? content.text : '';
  const parts: string[] = [];
  for (const p of content) {
    if (typeof p === 'string') parts.push(p);
    else if (isObj(p) && typeof p.text === 'string') parts.push(p.text);
    else if (isObj(p) && typeof p.content === 'string') parts.push(p.content);
  }
  return parts.join('\n');
}

/** Parses a JSON string of tool arguments; {} when it is not an object. */
export function argsFrom(v: unknown): Record<string, unknown> {
  if (isObj(v)) return v;
  if (typeof v === 'string') {
    try {
      const o: unknown = JSON.parse(v);
      return isObj(o) ? o : { input: v };
    } catch {
      return { input: v };
    }
  }
  return {};
}

/** Small index and metadata files (≤ 1 MiB) are read whole; anything bigger or broken is not what we expect. */
export async function readSmallJson(path: string): Promise<unknown> {
  try {
    const s = await stat(path);
    if (!s.isFile() || s.size > 1024 * 1024) return undefined;
    return JSON.parse(await readFile(path, 'utf8')) as unknown;
  } catch {
    return undefined;
  }
}
