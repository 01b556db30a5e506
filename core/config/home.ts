import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

/** The folder that holds the store: `HEADROOM_HOME`, default `~/.headroom`. Every command honours it. */
export function headroomHome(env: NodeJS.ProcessEnv = process.env): string {
  const h = env.HEADROOM_HOME;
  return h && h.trim() ? resolve(h) : join(homedir(), '.headroom');
}
