import { Worker, type WorkerOptions } from 'node:worker_threads';

/**
 * Starts a worker thread from a bundled `.js` file, or from a `.ts` source under tsx: a `.ts` worker registers tsx's
 * require hook first (workers do not inherit `--import tsx`).
 */
export function spawnWorker(file: string, options: WorkerOptions = {}): Worker {
  if (!file.endsWith('.ts')) return new Worker(file, options);
  // a variable, so bundlers leave this source-only path alone (the bundle ships the worker's .js instead)
  const hook = 'tsx/cjs/api';
  const tsx = require.resolve(hook);
  return new Worker(`require(${JSON.stringify(tsx)}).register(); require(${JSON.stringify(file)});`, {
    ...options,
    eval: true,
  });
}
