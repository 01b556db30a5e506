import { existsSync, realpathSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { sha256Hex } from '../util/hash.js';

/** The project a command works on: shared context (dedup, memory) is scoped to it and never crosses to another. */
export interface Workspace {
  /** Absolute, symlink-resolved root: the nearest folder holding `.git`, else the folder itself. */
  root: string;
  /** Stable key for the store: `ws_` + 16 hex of sha256(root). */
  id: string;
}

/**
 * The workspace a folder belongs to. Two agents started anywhere inside the same git checkout share one workspace;
 * a worktree or a second clone is a different one (different root). Never throws: an unreadable path is taken as is.
 */
export function resolveWorkspace(dir: string): Workspace {
  let start = resolve(dir);
  try {
    start = realpathSync(start);
  } catch {
    // a folder that does not exist (yet) still names a workspace
  }
  let root = start;
  for (let d = start; ; d = dirname(d)) {
    if (existsSync(join(d, '.git'))) {
      root = d;
      break;
    }
    if (dirname(d) === d) break;
  }
  return { root, id: workspaceId(root) };
}

export function workspaceId(root: string): string {
  return 'ws_' + sha256Hex(root).slice(0, 16);
}
