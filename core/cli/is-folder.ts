import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';

/**
 * True when `p` (resolved against the current folder) is an existing folder: `--workspace` flags are checked with it.
 */
export async function isFolder(p: string): Promise<boolean> {
  try {
    return (await stat(resolve(p))).isDirectory();
  } catch {
    return false;
  }
}
