import { closeSync, fsyncSync, mkdirSync, openSync, renameSync, unlinkSync, writeSync } from 'node:fs';

/** One original to put on disk: its bytes go to `tmp` in `folder`, then are renamed to `target`. */
export interface DurableJob {
  folder: string;
  tmp: string;
  target: string;
  bytes: Uint8Array;
}

export type DurableResult = { ok: true } | { ok: false; message: string; code?: string };

/**
 * Puts a batch of originals on disk durably, synchronously (a writer thread's job, core/ccr/durable-writer.ts): each
 * file written to its temp name, fsynced, closed and renamed into place; then each folder that received one is
 * fsynced once, which makes all of its renames durable. One failing file fails alone (its temp file removed).
 */
export function writeDurably(jobs: readonly DurableJob[]): DurableResult[] {
  const results = jobs.map(writeOne);
  const folders = new Set(jobs.filter((_, i) => results[i].ok).map((j) => j.folder));
  for (const folder of folders) syncFolder(folder);
  return results;
}

function writeOne(job: DurableJob): DurableResult {
  try {
    let fd: number;
    try {
      fd = openSync(job.tmp, 'w', 0o600);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
      // a new scope's folder, or one a sweep removed when it emptied
      mkdirSync(job.folder, { recursive: true, mode: 0o700 });
      fd = openSync(job.tmp, 'w', 0o600);
    }
    try {
      for (let off = 0; off < job.bytes.length; ) off += writeSync(fd, job.bytes, off, job.bytes.length - off);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(job.tmp, job.target);
    return { ok: true };
  } catch (e) {
    try {
      unlinkSync(job.tmp);
    } catch {
      /* never created */
    }
    const err = e as NodeJS.ErrnoException;
    return { ok: false, message: err?.message ?? String(e), code: err?.code };
  }
}

/** fsync of a folder (Windows cannot open folders for it: best effort, as core/util/sync-dir.ts). */
function syncFolder(dir: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(dir, 'r');
    fsyncSync(fd);
  } catch {
    /* not supported here */
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
