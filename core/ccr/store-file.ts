import { closeSync, fstatSync, openSync, readdirSync, readSync, statSync, unlinkSync } from 'node:fs';
import { open, rename } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { processAlive } from './store-lock.js';
import { syncDir } from '../util/sync-dir.js';

/**
 * Identifies one version of store.sqlite. Every write is a new file renamed into place, so a new inode (plus
 * size and mtime, which also catch an inode number reused by the file system) means "another version".
 */
export interface FileStamp {
  dev: number;
  ino: number;
  size: number;
  mtimeMs: number;
}

export function sameStamp(a: FileStamp | undefined, b: FileStamp | undefined): boolean {
  if (!a || !b) return a === b;
  return a.dev === b.dev && a.ino === b.ino && a.size === b.size && a.mtimeMs === b.mtimeMs;
}

/** The file's current stamp, or undefined when it does not exist. */
export function statStamp(path: string): FileStamp | undefined {
  try {
    const s = statSync(path);
    return { dev: s.dev, ino: s.ino, size: s.size, mtimeMs: s.mtimeMs };
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
}

/**
 * Reads the file and the stamp of exactly the version read (fstat on the open descriptor, so a rename landing
 * between stat and read cannot pair new bytes with an old stamp). Undefined when the file does not exist.
 */
export function readWithStamp(path: string): { bytes: Uint8Array; stamp: FileStamp } | undefined {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
  try {
    const s = fstatSync(fd);
    const bytes = new Uint8Array(s.size);
    let off = 0;
    while (off < bytes.length) {
      const n = readSync(fd, bytes, off, bytes.length - off, off);
      if (n === 0) break;
      off += n;
    }
    return { bytes: bytes.subarray(0, off), stamp: { dev: s.dev, ino: s.ino, size: s.size, mtimeMs: s.mtimeMs } };
  } finally {
    closeSync(fd);
  }
}

// Per process, not per store: two stores on one folder in one process must not pick the same temp name.
let tmpCounter = 0;

/**
 * Writes `bytes` to a fresh `<path>.tmp-<pid>-<n>`, fsyncs it, and renames it over `path` — atomic on POSIX and
 * NTFS: readers see the old file or the new one, never a half-written one. `beforeCommit` can veto the rename
 * (the writer lost its lock); the temp file is then removed and an error thrown. Returns the new file's stamp.
 */
export async function writeAtomic(path: string, bytes: Uint8Array, beforeCommit: () => boolean): Promise<FileStamp> {
  const tmp = `${path}.tmp-${process.pid}-${tmpCounter++}`;
  const fh = await open(tmp, 'w', 0o600);
  try {
    let off = 0;
    while (off < bytes.length) off += (await fh.write(bytes, off, bytes.length - off)).bytesWritten;
    await fh.sync();
  } catch (e) {
    await fh.close();
    removeQuietly(tmp);
    throw e;
  }
  await fh.close();
  if (!beforeCommit()) {
    removeQuietly(tmp);
    throw new Error(`lost the store lock before committing ${path}`);
  }
  try {
    await rename(tmp, path);
  } catch (e) {
    removeQuietly(tmp);
    throw e;
  }
  await syncDir(dirname(path));
  const stamp = statStamp(path);
  if (!stamp) throw new Error(`${path} vanished right after it was written`);
  return stamp;
}

export function removeQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    /* already gone */
  }
}

/**
 * Removes temp files that crashed writers left behind (`<file>.tmp-<pid>-<n>` of a dead pid, or older than
 * `oldMs`). Call only while holding the store lock, when no live writer can be mid-write.
 */
export function removeLeftoverTemps(path: string, oldMs: number, now = Date.now()): void {
  const prefix = basename(path) + '.tmp-';
  let names: string[];
  try {
    names = readdirSync(dirname(path));
  } catch {
    return;
  }
  for (const name of names) {
    if (!name.startsWith(prefix)) continue;
    const pid = Number(name.slice(prefix.length).split('-')[0]);
    const full = join(dirname(path), name);
    if (pid === process.pid) continue;
    let old = false;
    try {
      old = now - statSync(full).mtimeMs > oldMs;
    } catch {
      continue;
    }
    if (old || !(Number.isInteger(pid) && pid > 0 && processAlive(pid))) removeQuietly(full);
  }
}
