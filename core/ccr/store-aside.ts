import { readdirSync, renameSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { removeQuietly } from './store-file.js';

/**
 * Store files that could not be read are moved aside as `<file>.corrupt-<epoch ms>`, kept for a look, and pruned:
 * they hold originals too, so they must not outlive what the store itself would keep.
 */

/** How many moved-aside files are kept (the newest), each for at most the store's TTL. */
export const KEEP_ASIDE = 2;

/** Moves an unreadable store aside. Returns the new name. */
export function moveAside(path: string, now = Date.now()): string {
  const aside = `${path}.corrupt-${now}`;
  renameSync(path, aside);
  return aside;
}

/**
 * Removes moved-aside copies of `path` beyond the newest KEEP_ASIDE, and any older than `maxAgeMs` (age from the
 * time in the name, else the file's mtime). Returns the names removed. Call under the store lock.
 */
export function pruneAside(path: string, maxAgeMs: number, now = Date.now()): string[] {
  const prefix = basename(path) + '.corrupt-';
  let names: string[];
  try {
    names = readdirSync(dirname(path));
  } catch {
    return [];
  }
  const aside = names
    .filter((n) => n.startsWith(prefix))
    .map((name) => ({ name, time: asideTime(join(dirname(path), name), name.slice(prefix.length)) }))
    .sort((a, b) => b.time - a.time);
  const removed: string[] = [];
  aside.forEach(({ name, time }, i) => {
    if (i < KEEP_ASIDE && now - time <= maxAgeMs) return;
    removeQuietly(join(dirname(path), name));
    removed.push(name);
  });
  return removed;
}

function asideTime(full: string, suffix: string): number {
  if (/^\d{10,}$/.test(suffix)) return Number(suffix);
  try {
    return statSync(full).mtimeMs;
  } catch {
    return 0;
  }
}
