/**
 * The prose-model worker: owns the ONNX session so inference never runs on the thread that serves requests.
 * Loads the model once, on the `load` message, and answers `prune` messages in order. A request whose deadline
 * passed while it waited in the queue is answered `timeout` without touching the model.
 */
import { parentPort, type MessagePort } from 'node:worker_threads';
import type { FromWorker, ToWorker } from './protocol.js';
import { loadProseModel, type LoadedModel } from './model-session.js';
import { epochNow } from './score-words.js';
import { pruneText } from './prune-text.js';

if (!parentPort) throw new Error('core/prose-model/worker.ts runs as a worker thread');
serve(parentPort);

function serve(port: MessagePort): void {
  let model: Promise<LoadedModel> | undefined;
  let queue: Promise<void> = Promise.resolve();
  const send = (m: FromWorker, transfer: ArrayBuffer[] = []) => port.postMessage(m, transfer);

  const prune = async (msg: Extract<ToWorker, { type: 'prune' }>): Promise<void> => {
    if (!model) return send({ type: 'failed', id: msg.id, error: 'prune before load' });
    let m: LoadedModel;
    try {
      m = await model;
    } catch (err) {
      return send({ type: 'failed', id: msg.id, error: messageOf(err) });
    }
    if (epochNow() > msg.deadline) return send({ type: 'timeout', id: msg.id });
    const t0 = performance.now();
    try {
      const r = await pruneText(m, msg, msg.deadline);
      if (!r) return send({ type: 'timeout', id: msg.id });
      send({ type: 'pruned', id: msg.id, ms: performance.now() - t0, ...r });
    } catch (err) {
      send({ type: 'failed', id: msg.id, error: messageOf(err) });
    }
  };

  port.on('message', (msg: ToWorker) => {
    if (msg.type === 'load') {
      if (model) return;
      const t0 = performance.now();
      model = loadProseModel(msg.manifest, msg.threads);
      model.then(
        (m) => send({ type: 'loaded', ms: performance.now() - t0, tokenizer: m.tokenizer.engine }),
        (err: unknown) => send({ type: 'load-failed', error: messageOf(err) }),
      );
      return;
    }
    // one request at a time: the session is single-threaded by choice, and order keeps the deadlines meaningful
    queue = queue.then(() => prune(msg));
  });
}

function messageOf(err: unknown): string {
  return String((err as Error)?.message ?? err);
}
