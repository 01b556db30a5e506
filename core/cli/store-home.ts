import { closeSync, mkdirSync, openSync, statSync, unlinkSync } from 'node:fs';
import { dirname, join } from 'node:path';

export type HomeCheck = { ok: true } | { ok: false; message: string };

const FIX = 'set HEADROOM_HOME to a folder you can write (or unset it for ~/.headroom)';

/**
 * Makes sure the store folder exists, creating missing folders one level at a time. Node's recursive mkdir loops
 * forever under /proc (it keeps retrying a parent that "does not exist"), so the parent chain is walked here, with
 * work bounded by the path's depth, and every failure comes back as one sentence: what, where, what to do.
 */
export function ensureHome(dir: string): HomeCheck {
  const missing: string[] = [];
  let p = dir;
  for (;;) {
    let isDir: boolean;
    try {
      isDir = statSync(p).isDirectory();
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      // ENOTDIR: some parent is a file; walking up finds and names it
      if (code !== 'ENOENT' && code !== 'ENOTDIR')
        return {
          ok: false,
          message: `store folder ${dir}: cannot look at ${p} (${code ?? (e as Error).message}); ${FIX}`,
        };
      missing.push(p);
      const up = dirname(p);
      if (up === p) return { ok: false, message: `store folder ${dir}: no part of the path exists; ${FIX}` };
      p = up;
      continue;
    }
    if (!isDir) {
      const what = p === dir ? 'it is a file, not a folder' : `${p} is a file, not a folder`;
      return { ok: false, message: `store folder ${dir}: ${what}; ${FIX}` };
    }
    break;
  }
  for (const m of missing.reverse()) {
    try {
      mkdirSync(m, { mode: 0o700 });
    } catch (e) {
      const err = e as NodeJS.ErrnoException;
      if (err.code === 'EEXIST') continue;
      return { ok: false, message: `cannot create the store folder ${m} (${err.code ?? err.message}); ${FIX}` };
    }
  }
  return { ok: true };
}

/**
 * Whether files can be created in the store folder: a probe file is created and removed (the permission bits say
 * nothing for root, nor on read-only mounts and pseudo-filesystems).
 */
export function homeWritable(dir: string): HomeCheck {
  const probe = join(dir, `.headroom-probe-${process.pid}`);
  try {
    closeSync(openSync(probe, 'wx'));
    unlinkSync(probe);
    return { ok: true };
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    if (err.code === 'EEXIST') {
      try {
        unlinkSync(probe);
      } catch {
        // someone else's leftover we cannot remove: the folder is still writable enough to have held it
      }
      return { ok: true };
    }
    return { ok: false, message: `the store folder ${dir} is not writable (${err.code ?? err.message})` };
  }
}
