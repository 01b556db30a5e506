// The real compression worker, except for two texts: one it never finishes, one that ends its thread. The pool's
// time limit and crash handling are tested with it (test/compress-pool/pool.test.ts).
import { parentPort, workerData } from 'node:worker_threads';
import { handleJob, startWorker } from '../../core/compress-pool/worker-jobs.js';
import type { CompressWorkerData, ToCompressWorker } from '../../core/compress-pool/protocol.js';

export const HANG = '\u0000hang\u0000';
export const CRASH = '\u0000crash\u0000';
/** Told (a BroadcastChannel, seen by every thread of the process) when a worker starts hanging. */
export const HANGING_CHANNEL = 'headroom-test-compress-worker-hanging';

const port = parentPort;
if (port) {
  const ready = startWorker(workerData as CompressWorkerData);
  void ready.then((failed) => port.postMessage({ type: 'ready', failed }));
  port.on('message', (msg: ToCompressWorker) => {
    void ready.then(() => {
      const text = msg.type === 'compress' ? msg.text : msg.texts.join('');
      if (text.startsWith(HANG)) {
        new BroadcastChannel(HANGING_CHANNEL).postMessage('hanging'); // tests wait for this, not for the clock
        for (;;);
      }
      if (text.startsWith(CRASH)) process.exit(7);
      port.postMessage(handleJob(msg));
    });
  });
}
