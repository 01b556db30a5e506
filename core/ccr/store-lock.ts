import { closeSync, openSync, readFileSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * A lock file that lets one process at a time write store.sqlite. Created with O_EXCL ('wx'); it holds
 * `{pid, host, time, token}`. A lock is stale, and taken over, when its process is gone (same host) or it is older
 * than `staleMs` (a holder that hangs, or one on another host sharing the folder). The holder's token lets it check,
 * just before it commits, that nobody took the lock over meanwhile.
 *
 * Limits, accepted: a holder that legitimately needs longer than staleMs (a write of a several-hundred-MB store on a
 * slow disk) can be taken over; it then notices at commit (held() is false) and retries later, losing nothing. Two
 * contenders judging the same stale lock at the same instant can, rarely, both proceed; the token check before
 * commit narrows that to a few microseconds, and rows the overwritten writer added return with its next write.
 */
export interface FileLock {
  /** True while the lock file is still ours (nobody judged us stale and took over). */
  held(): boolean;
  release(): void;
}

export interface LockOptions {
  staleMs?: number;
  /** Give up after this long. Longer than staleMs, so a crashed holder's lock is always taken over in time. */
  timeoutMs?: number;
  /** Called each time the lock is found held by a live holder, before waiting to try again. */
  onWait?: (attempt: number) => void;
}

interface LockBody {
  pid: number;
  host: string;
  time: number;
  token: string;
}

export async function acquireLock(path: string, opts: LockOptions = {}): Promise<FileLock> {
  const staleMs = opts.staleMs ?? 10_000;
  const deadline = Date.now() + (opts.timeoutMs ?? 15_000);
  const token = randomUUID();
  for (let attempt = 0; ; attempt++) {
    if (tryCreate(path, token)) return ownLock(path, token);
    if (isStale(path, staleMs)) {
      takeOver(path, token);
      continue;
    }
    if (Date.now() > deadline) throw new Error(`store lock ${path} is still held after ${opts.timeoutMs ?? 15_000} ms`);
    opts.onWait?.(attempt);
    // Short sleeps with jitter: writers hold the lock for one export + write, tens of milliseconds.
    await sleep(Math.min(50, 2 + attempt * 2) + Math.random() * 5);
  }
}

function tryCreate(path: string, token: string): boolean {
  let fd: number;
  try {
    fd = openSync(path, 'wx', 0o600);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw e;
  }
  try {
    const body: LockBody = { pid: process.pid, host: hostname(), time: Date.now(), token };
    writeSync(fd, JSON.stringify(body));
  } finally {
    closeSync(fd);
  }
  return true;
}

function readBody(path: string): LockBody | undefined {
  try {
    const b = JSON.parse(readFileSync(path, 'utf8')) as Partial<LockBody>;
    if (typeof b.pid === 'number' && typeof b.time === 'number' && typeof b.token === 'string') return b as LockBody;
  } catch {
    /* gone, or caught between create and write */
  }
  return undefined;
}

function isStale(path: string, staleMs: number): boolean {
  const body = readBody(path);
  if (body) {
    if (body.host === hostname() && !processAlive(body.pid)) return true;
    return Date.now() - body.time > staleMs;
  }
  // Unreadable: a writer between open and write (fresh) or one that died there (old). Judge by the file's age.
  try {
    return Date.now() - statSync(path).mtimeMs > staleMs;
  } catch {
    return false; // vanished: the next create attempt will tell
  }
}

/** True when a process with this pid exists on this machine (EPERM: it exists, owned by someone else). */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Moves the stale lock out of the way atomically (rename), so at most one contender removes it. */
function takeOver(path: string, token: string): void {
  const aside = `${path}.stale-${token}`;
  try {
    renameSync(path, aside);
    unlinkSync(aside);
  } catch {
    /* someone else took it over first */
  }
}

function ownLock(path: string, token: string): FileLock {
  let released = false;
  const held = (): boolean => !released && readBody(path)?.token === token;
  return {
    held,
    release() {
      // Never delete a lock that is no longer ours (we were judged stale and someone else holds it now).
      if (held()) {
        try {
          unlinkSync(path);
        } catch {
          /* already gone */
        }
      }
      released = true;
    },
  };
}
