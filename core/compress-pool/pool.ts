import { availableParallelism } from 'node:os';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Worker } from 'node:worker_threads';
import type { CompressResult } from '../types.js';
import { spawnWorker } from '../util/spawn-worker.js';
import type { CompressJob, CompressWorkerData, FromCompressWorker, ToCompressWorker } from './protocol.js';

export interface CompressPoolOptions {
  /** Worker threads (default `defaultPoolSize()`); at least 1. */
  size?: number;
  /** The grammars' folder, loaded by every worker (the proxy's own registry loads the same one). */
  grammarsDir?: string;
  /** A job running longer than this in its worker is abandoned and the worker replaced. Default 10 s. */
  timeoutMs?: number;
  /** Jobs allowed to wait (every job waits in line first: 0 refuses all); beyond, refused at once. Default 1024. */
  maxQueued?: number;
  /** A job whose texts hold this many characters or more is large: one large job runs at a time. Default 4 Mi. */
  largeChars?: number;
  /** The worker script (default: `compress-worker.js` beside the bundle, else worker.ts beside this file). */
  workerFile?: string;
  /** Worker start-up problems (grammars that did not load, a worker that died). */
  onWarning?: (message: string) => void;
}

/** Why a job has no answer. `unavailable`: the pool cannot run jobs (do it in-process); else the unit goes as sent. */
export type PoolFailure = {
  ok: false;
  reason: string;
  kind: 'timeout' | 'crash' | 'error' | 'queue-full' | 'unavailable';
};
export type PoolOutcome<T> = { ok: true; value: T } | PoolFailure;

export const DEFAULT_JOB_TIMEOUT_MS = 10_000;
export const DEFAULT_MAX_QUEUED = 1024;
export const DEFAULT_LARGE_CHARS = 4 * 1024 * 1024;
/** Workers that die before they are ready, in a row, before the pool gives up (a missing or broken worker file). */
const MAX_START_FAILURES = 3;

/** `max(1, min(4, cores - 1))`: the main thread keeps a core for the sockets. */
export function defaultPoolSize(): number {
  return Math.max(1, Math.min(4, availableParallelism() - 1));
}

interface Job {
  msg: ToCompressWorker;
  chars: number;
  large: boolean;
  settle(outcome: PoolOutcome<unknown>, answer?: FromCompressWorker): void;
}

interface Slot {
  worker: Worker;
  ready: boolean;
  job?: Job;
  timer?: NodeJS.Timeout;
}

/**
 * Worker threads that run `compress()` on the units a request brings for the first time, and count tokens, so the
 * proxy's main thread only plans, splices and forwards. Each worker loads the proxy's grammars and the token counter
 * itself: a unit compresses to the same bytes in the pool as in-process.
 *
 * Bounded and time-boxed: at most `maxQueued` jobs wait; one large job runs at a time; a job that runs past
 * `timeoutMs` or crashes its worker ends with a failure (the unit goes upstream as it is, with the reason) and the
 * worker is replaced, so one pathological unit never holds up the others. Idle workers do not keep the process alive;
 * `close()` terminates them.
 */
export class CompressPool {
  readonly size: number;
  private readonly slots: Slot[] = [];
  private readonly queue: Job[] = [];
  private readonly inFlight = new Map<string, Promise<PoolOutcome<CompressResult>>>();
  private largeRunning = false;
  private nextId = 1;
  private startFailures = 0;
  private broken: string | undefined;
  private closed = false;
  /** `warmup()` was called: keep all `size` workers running, not only as many as the jobs need. */
  private eager = false;
  private readyWaiters: (() => void)[] = [];
  private readonly timeoutMs: number;
  private readonly maxQueued: number;
  private readonly largeChars: number;

  constructor(private readonly options: CompressPoolOptions = {}) {
    this.size = Math.max(1, Math.floor(options.size ?? defaultPoolSize()));
    this.timeoutMs = options.timeoutMs ?? DEFAULT_JOB_TIMEOUT_MS;
    this.maxQueued = options.maxQueued ?? DEFAULT_MAX_QUEUED;
    this.largeChars = options.largeChars ?? DEFAULT_LARGE_CHARS;
  }

  /** Starts every worker (they load grammars and the tokenizer in their own threads); resolves once all are ready. */
  warmup(): Promise<void> {
    this.eager = true;
    while (!this.closed && !this.broken && this.slots.length < this.size) this.spawn();
    if (this.closed || this.broken || this.slots.every((s) => s.ready)) return Promise.resolve();
    return new Promise((resolve) => this.readyWaiters.push(resolve));
  }

  /** Workers alive (started or starting). */
  get workers(): number {
    return this.slots.length;
  }

  /** Jobs waiting for a worker. */
  get queued(): number {
    return this.queue.length;
  }

  /**
   * `compress(job.text, job)` in a worker. Concurrent calls with the same `key` (the memo key: same text, same engine
   * version) share one job, so one unit is never compressed twice at once into different bytes.
   */
  compress(job: CompressJob, key?: string): Promise<PoolOutcome<CompressResult>> {
    if (key !== undefined) {
      const running = this.inFlight.get(key);
      if (running) return running;
    }
    const p = this.submit<CompressResult>({ type: 'compress', id: this.nextId++, ...job }, job.text.length, (a) => {
      if (a.type !== 'compressed') return undefined;
      if (!a.original) return a.result;
      // the original's record, put back with the text this thread already holds (the worker did not send it back)
      const records = [...a.result.records];
      records.splice(a.original.index, 0, { id: a.original.id, content: job.text });
      return { ...a.result, records };
    });
    if (key !== undefined) {
      this.inFlight.set(key, p);
      void p.then(() => this.inFlight.delete(key));
    }
    return p;
  }

  /** o200k token counts of `texts` (core/util/tokens.ts `measureTokens`), in one job. */
  count(texts: string[]): Promise<PoolOutcome<number[]>> {
    const chars = texts.reduce((s, t) => s + t.length, 0);
    return this.submit<number[]>({ type: 'count', id: this.nextId++, texts }, chars, (a) =>
      a.type === 'counted' ? a.counts : undefined,
    );
  }

  /** Terminates the workers; waiting and running jobs end as `unavailable`. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    const fail: PoolFailure = { ok: false, kind: 'unavailable', reason: 'the compression pool is closed' };
    for (const job of this.queue.splice(0)) job.settle(fail);
    const slots = this.slots.splice(0);
    for (const s of slots) {
      clearTimeout(s.timer);
      s.job?.settle(fail);
    }
    this.wakeReadyWaiters();
    await Promise.all(slots.map((s) => s.worker.terminate()));
  }

  private submit<T>(
    msg: ToCompressWorker,
    chars: number,
    read: (answer: FromCompressWorker) => T | undefined,
  ): Promise<PoolOutcome<T>> {
    if (this.closed)
      return Promise.resolve({ ok: false, kind: 'unavailable', reason: 'the compression pool is closed' });
    if (this.broken) return Promise.resolve({ ok: false, kind: 'unavailable', reason: this.broken });
    if (this.queue.length >= this.maxQueued)
      return Promise.resolve({
        ok: false,
        kind: 'queue-full',
        reason: `compression queue full (${this.queue.length} units waiting)`,
      });
    return new Promise<PoolOutcome<T>>((resolve) => {
      this.queue.push({
        msg,
        chars,
        large: chars >= this.largeChars,
        settle: (outcome, answer) => {
          if (!outcome.ok || !answer) return resolve(outcome as PoolOutcome<T>);
          if (answer.type === 'failed')
            return resolve({ ok: false, kind: 'error', reason: `compression failed: ${answer.message}` });
          const value = read(answer);
          resolve(
            value === undefined
              ? { ok: false, kind: 'error', reason: `the compression worker answered ${answer.type}` }
              : { ok: true, value },
          );
        },
      });
      this.pump();
    });
  }

  /**
   * Hands waiting jobs to idle, ready workers — compression before counting, a large job only when no other large
   * one runs — and starts workers up to the size the work needs.
   */
  private pump(): void {
    if (this.closed || this.broken) return;
    const wanted = this.eager ? this.size : Math.min(this.size, this.queue.length + this.busy());
    while (!this.broken && this.slots.length < wanted) this.spawn();
    if (this.broken) return;
    for (const slot of this.slots) {
      if (!slot.ready || slot.job) continue;
      // a request waits for its compression; counts are for the record, written after forwarding: compression first
      const eligible = (j: Job) => !j.large || !this.largeRunning;
      let i = this.queue.findIndex((j) => j.msg.type === 'compress' && eligible(j));
      if (i < 0) i = this.queue.findIndex(eligible);
      if (i < 0) return;
      const [job] = this.queue.splice(i, 1);
      this.run(slot, job);
    }
  }

  private busy(): number {
    return this.slots.filter((s) => s.job).length;
  }

  private run(slot: Slot, job: Job): void {
    slot.job = job;
    if (job.large) this.largeRunning = true;
    slot.worker.ref(); // an awaited answer keeps the process alive; an idle worker does not
    // counting is linear (core/util/tokens.ts) but a count job may hold a whole request's texts: 1 s more per MB
    const limit = job.msg.type === 'count' ? this.timeoutMs + Math.ceil(job.chars / 1000) : this.timeoutMs;
    const what = job.msg.type === 'count' ? 'counting tokens' : 'compression';
    slot.timer = setTimeout(
      () => this.replace(slot, { ok: false, kind: 'timeout', reason: `${what} took longer than ${limit} ms` }),
      limit,
    );
    slot.timer.unref();
    slot.worker.postMessage(job.msg);
  }

  private finish(slot: Slot): Job | undefined {
    const job = slot.job;
    clearTimeout(slot.timer);
    slot.job = undefined;
    slot.timer = undefined;
    if (job?.large) this.largeRunning = false;
    return job;
  }

  private spawn(): void {
    const file = this.options.workerFile ?? defaultWorkerFile();
    const data: CompressWorkerData = { grammarsDir: this.options.grammarsDir };
    let worker: Worker;
    try {
      worker = spawnWorker(file, { workerData: data });
    } catch (err) {
      this.giveUp(`the compression worker could not start: ${(err as Error).message}`);
      return;
    }
    worker.unref();
    const slot: Slot = { worker, ready: false };
    this.slots.push(slot);
    worker.on('message', (m: FromCompressWorker) => this.onMessage(slot, m));
    worker.on('error', (err) => this.onExit(slot, `the compression worker crashed: ${err.message}`));
    worker.on('exit', (code) => this.onExit(slot, `the compression worker exited (code ${code})`));
  }

  private onMessage(slot: Slot, m: FromCompressWorker): void {
    if (!this.slots.includes(slot)) return;
    if (m.type === 'ready') {
      slot.ready = true;
      this.startFailures = 0;
      if (m.failed.length) this.options.onWarning?.(`compression worker: grammars not loaded: ${m.failed.join('; ')}`);
      if (this.slots.length === this.size && this.slots.every((s) => s.ready)) this.wakeReadyWaiters();
      this.pump();
      return;
    }
    const job = slot.job;
    if (!job || job.msg.id !== m.id) return;
    this.finish(slot);
    if (!this.queue.length) slot.worker.unref();
    job.settle({ ok: true, value: undefined }, m);
    this.pump();
  }

  /** A worker died (crash, or terminated by `replace`): its job fails, a new worker takes its place. */
  private onExit(slot: Slot, reason: string): void {
    const i = this.slots.indexOf(slot);
    if (i < 0) return;
    this.slots.splice(i, 1);
    const job = this.finish(slot);
    if (!slot.ready && ++this.startFailures >= MAX_START_FAILURES) {
      this.giveUp(`the compression workers do not start (${reason})`);
      job?.settle({ ok: false, kind: 'unavailable', reason: this.broken ?? reason });
      return;
    }
    if (job) job.settle({ ok: false, kind: 'crash', reason });
    else if (slot.ready) this.options.onWarning?.(reason);
    this.pump();
  }

  /** Ends a job that hangs: its worker is terminated (and replaced through `onExit`'s path, without the job). */
  private replace(slot: Slot, failure: PoolFailure): void {
    const i = this.slots.indexOf(slot);
    if (i < 0) return;
    this.slots.splice(i, 1);
    const job = this.finish(slot);
    void slot.worker.terminate();
    this.options.onWarning?.(`${failure.reason}: its worker was replaced`);
    job?.settle(failure);
    this.pump();
  }

  private giveUp(reason: string): void {
    this.broken = reason;
    this.options.onWarning?.(`${reason}; compressing in-process`);
    const fail: PoolFailure = { ok: false, kind: 'unavailable', reason };
    for (const job of this.queue.splice(0)) job.settle(fail);
    this.wakeReadyWaiters();
  }

  private wakeReadyWaiters(): void {
    const w = this.readyWaiters;
    this.readyWaiters = [];
    for (const f of w) f();
  }
}

function defaultWorkerFile(): string {
  const bundled = join(__dirname, 'compress-worker.js');
  return existsSync(bundled) ? bundled : join(__dirname, 'worker.ts');
}
