import { open } from 'node:fs/promises';

/** Makes a rename in `dir` durable (fsync of the folder). Windows cannot open folders for fsync: best effort. */
export async function syncDir(dir: string): Promise<void> {
  try {
    const fh = await open(dir, 'r');
    try {
      await fh.sync();
    } finally {
      await fh.close();
    }
  } catch {
    /* not supported here */
  }
}
