import type { Worker } from 'node:worker_threads';
import { spawnWorker } from '../util/spawn-worker.js';
import type { DurableJob, DurableResult } from './durable-write.js';

/** What the writer thread is started with (`workerData`): the worker script serves this role when it sees it. */
export const DURABLE_WRITER_ROLE = 'durable-writer';

interface Waiting {
  job: DurableJob;
  resolve(): void;
  reject(err: Error): void;
}

/**
 * Puts originals on disk from a thread of its own: the main thread hands over the bytes and is told when they are
 * durable, instead of driving eight file-system calls per original (open, write, fsync, close, rename, and the
 * folder's open, fsync, close), ~0.4 ms of its time each. Writes that arrive while a batch is on disk go together in
 * the next batch, whose folders are fsynced once (group commit).
 *
 * If the thread cannot start or dies, the writes it holds and every later one go through `fallback` (the same steps
 * through fs/promises on this thread): a write is never lost to the writer's failure, only slower.
 */
export class DurableWriter {
  private worker: Worker | undefined;
  private queue: Waiting[] = [];
  private batch: Waiting[] | undefined;
  private failed = false;
  private closed = false;
  private drainWaiters: (() => void)[] = [];
  /** Batches handed to the thread so far (each one fsync per folder). */
  batches = 0;

  constructor(
    private readonly workerFile: string,
    private readonly fallback: (job: DurableJob) => Promise<void>,
    private readonly onWarning?: (message: string) => void,
  ) {}

  /** Resolves once the file is on disk, fsynced, renamed into place and its folder fsynced. */
  write(job: DurableJob): Promise<void> {
    if (this.failed || this.closed) return this.fallback(job);
    return new Promise<void>((resolve, reject) => {
      this.queue.push({ job, resolve, reject });
      this.send();
    });
  }

  /** Waits for the writes handed over, then stops the thread (later writes take the fallback). */
  async close(): Promise<void> {
    this.closed = true;
    if (this.batch || this.queue.length) await new Promise<void>((r) => this.drainWaiters.push(r));
    const w = this.worker;
    this.worker = undefined;
    await w?.terminate();
  }

  private send(): void {
    if (this.batch || !this.queue.length) return;
    const worker = this.worker ?? this.start();
    if (!worker) return;
    this.batch = this.queue;
    this.queue = [];
    worker.ref(); // a batch on disk keeps the process alive; an idle writer does not
    this.batches++;
    worker.postMessage(this.batch.map((w) => w.job));
  }

  private start(): Worker | undefined {
    try {
      const worker = spawnWorker(this.workerFile, { workerData: { role: DURABLE_WRITER_ROLE } });
      worker.unref();
      worker.on('message', (results: DurableResult[]) => this.done(results));
      worker.on('error', (err) => this.fail(`the original writer thread failed: ${err.message}`));
      worker.on('exit', (code) => {
        if (!this.closed) this.fail(`the original writer thread exited (code ${code})`);
      });
      this.worker = worker;
      return worker;
    } catch (err) {
      this.fail(`the original writer thread could not start: ${(err as Error).message}`);
      return undefined;
    }
  }

  private done(results: DurableResult[]): void {
    const batch = this.batch ?? [];
    this.batch = undefined;
    batch.forEach((w, i) => {
      const r = results[i];
      if (r?.ok) w.resolve();
      else w.reject(Object.assign(new Error(r ? r.message : 'the writer answered no result'), { code: r?.code }));
    });
    if (!this.queue.length) this.worker?.unref();
    this.send();
    this.wakeIfDrained();
  }

  private wakeIfDrained(): void {
    if (this.batch || this.queue.length) return;
    const waiters = this.drainWaiters;
    this.drainWaiters = [];
    for (const w of waiters) w();
  }

  /** The thread is gone: what it held (whether on disk or not) is written again on this thread, and so is the rest. */
  private fail(reason: string): void {
    if (this.failed) return;
    this.failed = true;
    this.onWarning?.(`${reason}; writing originals on the main thread`);
    const pending = [...(this.batch ?? []), ...this.queue];
    this.batch = undefined;
    this.queue = [];
    const w = this.worker;
    this.worker = undefined;
    void w?.terminate();
    for (const p of pending) this.fallback(p.job).then(p.resolve, p.reject);
    this.wakeIfDrained(); // what is left runs on this thread, awaited by its callers
  }
}
