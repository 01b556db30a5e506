import { openStore } from '../ccr/store.js';
import type { HeadroomStore } from '../ccr/store-types.js';
import { headroomHome } from '../config/home.js';
import { CliError } from './cli-error.js';
import type { CliIo } from './io.js';
import { ensureHome } from './store-home.js';

/**
 * Opens the store under HEADROOM_HOME, creating the folder if needed; an unusable folder is a CliError (one line,
 * exit 1), never a stack trace or a hang.
 */
export async function openCliStore(io: CliIo): Promise<HeadroomStore> {
  const dir = headroomHome(io.env);
  const home = ensureHome(dir);
  if (!home.ok) throw new CliError(home.message);
  try {
    // the store never writes to stderr itself: its warnings are printed here, one line each
    return await openStore({ dir, onWarning: (w) => io.err(`headroom: ${w.message}`) });
  } catch (e) {
    throw new CliError(
      `cannot open the store in ${dir} (${(e as Error).message}); set HEADROOM_HOME to a folder you can write`,
    );
  }
}

/** Opens the store under HEADROOM_HOME for the duration of `fn`, and flushes it before returning. */
export async function withStore<R>(io: CliIo, fn: (store: HeadroomStore) => Promise<R> | R): Promise<R> {
  const store = await openCliStore(io);
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}
