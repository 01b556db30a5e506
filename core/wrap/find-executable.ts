import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, isAbsolute, join, resolve } from 'node:path';

export type Found = { ok: true; path: string } | { ok: false; message: string };

/**
 * Where `bin` would be run from: a path (anything with a slash) must be an executable file; a bare name is looked up
 * on PATH (with PATHEXT on Windows). Checked before `wrap` starts a proxy, so a missing agent costs nothing.
 */
export function findExecutable(bin: string, env: NodeJS.ProcessEnv, cwd = process.cwd()): Found {
  if (bin.includes('/') || bin.includes('\\') || isAbsolute(bin)) {
    const p = resolve(cwd, bin);
    return executable(p)
      ? { ok: true, path: p }
      : { ok: false, message: `${p} ${exists(p) ? 'is not an executable file' : 'does not exist'}` };
  }
  const exts = process.platform === 'win32' ? ['', ...(env.PATHEXT ?? '.EXE;.CMD;.BAT;.COM').split(';')] : [''];
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    for (const ext of exts) {
      const p = join(dir, bin + ext);
      if (executable(p)) return { ok: true, path: p };
    }
  }
  return { ok: false, message: `${bin} is not on PATH` };
}

function executable(p: string): boolean {
  try {
    if (!statSync(p).isFile()) return false;
    accessSync(p, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function exists(p: string): boolean {
  try {
    statSync(p);
    return true;
  } catch {
    return false;
  }
}
