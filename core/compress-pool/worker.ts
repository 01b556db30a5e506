// A compression worker: runs `compress()` on fresh units and counts tokens for the proxy's pool (pool.ts), so the
// proxy's main thread never does either. Loads the same grammars as the proxy (from `grammarsDir`) and the token
// counter once at start, before it says it is ready.
import { parentPort, workerData } from 'node:worker_threads';
import { handleJob, startWorker } from './worker-jobs.js';
import type { CompressWorkerData, ToCompressWorker } from './protocol.js';

const port = parentPort;
if (port) {
  const ready = startWorker(workerData as CompressWorkerData);
  void ready.then((failed) => port.postMessage({ type: 'ready', failed }));
  port.on('message', (msg: ToCompressWorker) => {
    void ready.then(() => port.postMessage(handleJob(msg)));
  });
}
