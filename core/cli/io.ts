import { openStore } from '../ccr/store.js';
import type { CcrStore } from '../ccr/store-types.js';
import { headroomHome } from '../config/home.js';

/** What commands write to; the CLI entry binds it to the process, tests to buffers. */
export interface CliIo {
  out(data: string | Uint8Array): void;
  err(line: string): void;
  debug(line: string): void;
  env: NodeJS.ProcessEnv;
}

export function processIo(): CliIo {
  const verbose = /^(debug|trace)$/i.test(process.env.HEADROOM_LOG_LEVEL ?? '');
  return {
    out: (d) => void process.stdout.write(d),
    err: (l) => void process.stderr.write(l + '\n'),
    debug: (l) => verbose && void process.stderr.write(`[debug] ${l}\n`),
    env: process.env,
  };
}

/** Opens the store under HEADROOM_HOME for the duration of `fn`, and flushes it before returning. */
export async function withStore<R>(io: CliIo, fn: (store: CcrStore) => Promise<R> | R): Promise<R> {
  const store = await openStore({ dir: headroomHome(io.env) });
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}
