import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Worker } from 'node:worker_threads';
import { spawnWorker } from '../util/spawn-worker.js';
import { loadManifest, type ResolvedManifest } from './manifest.js';
import type { FromWorker, ToWorker } from './protocol.js';
import type { PruneReply, PruneRequest } from './prune-text.js';
import { epochNow } from './score-words.js';

export interface ProseModelOptions {
  /**
   * The model's manifest.json: the bundled `models/headroom-prose-v1/manifest.json` or one under HEADROOM_HOME/models.
   */
  manifestPath: string;
  /**
   * The worker script. Default: `prose-worker.js` beside the bundle (dist/), else `worker.ts` beside this file
   * (running from source under tsx).
   */
  workerFile?: string;
  /** Milliseconds a request may wait for the model when the caller gives no budget. */
  budgetMs?: number;
  /** onnxruntime intra-op threads (default 1: the proxy shares the machine with the agent). */
  threads?: number;
}

export type ModelState = 'idle' | 'loading' | 'ready' | 'unavailable';

export interface ModelStatus {
  state: ModelState;
  modelId?: string;
  /** Why the model cannot be used (missing file, wrong hash, wrong tensor names, worker crash, …). */
  reason?: string;
  loadMs?: number;
  tokenizer?: 'wordpiece' | 'library';
}

export type PruneOutcome = ({ ok: true; ms: number } & PruneReply) | { ok: false; reason: string };

export const DEFAULT_BUDGET_MS = 300;

interface Pending {
  resolve(o: PruneOutcome): void;
  timer: NodeJS.Timeout;
}

/**
 * Owns one worker thread that owns one ONNX session. Nothing starts until the first request (or `warmup()`); the
 * model then loads once. A request waits at most its budget: past it, or whenever the model is unavailable, the
 * caller gets `{ ok: false, reason }` and uses the extractive compressor. A late answer is dropped.
 */
export class ProseModel {
  private worker: Worker | undefined;
  private manifest: ResolvedManifest | undefined;
  private status_: ModelStatus = { state: 'idle' };
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private settledWaiters: Array<(s: ModelStatus) => void> = [];

  constructor(private readonly options: ProseModelOptions) {}

  /** Starts the worker and the model load without waiting for them. */
  warmup(): void {
    this.start();
  }

  status(): ModelStatus {
    return { ...this.status_ };
  }

  /** Starts the model if needed and resolves with its status once it is `ready` or `unavailable`. Never rejects. */
  whenSettled(): Promise<ModelStatus> {
    this.start();
    if (this.status_.state === 'ready' || this.status_.state === 'unavailable') return Promise.resolve(this.status());
    return new Promise((resolve) => this.settledWaiters.push(resolve));
  }

  get defaultBudgetMs(): number {
    return this.options.budgetMs ?? DEFAULT_BUDGET_MS;
  }

  /** The pruned passages of a text, or why there are none within `budgetMs`. Never rejects. */
  prune(req: PruneRequest, budgetMs = this.defaultBudgetMs): Promise<PruneOutcome> {
    const worker = this.start();
    if (!worker) return Promise.resolve({ ok: false, reason: this.status_.reason ?? 'prose model unavailable' });
    const id = this.nextId++;
    return new Promise<PruneOutcome>((resolve) => {
      const timer = setTimeout(() => {
        this.settle(id, {
          ok: false,
          reason:
            `the model did not answer within ${budgetMs} ms` +
            (this.status_.state === 'loading' ? ' (still loading)' : ''),
        });
      }, budgetMs);
      this.pending.set(id, { resolve, timer });
      worker.ref(); // an awaited answer keeps the process alive; an idle worker does not (see settle)
      const msg: ToWorker = { type: 'prune', id, deadline: epochNow() + budgetMs, ...req };
      worker.postMessage(msg);
    });
  }

  async close(): Promise<void> {
    const w = this.worker;
    this.worker = undefined;
    this.fail('prose model closed');
    if (w) await w.terminate();
  }

  private start(): Worker | undefined {
    if (this.status_.state === 'unavailable') return undefined;
    if (this.worker) return this.worker;
    try {
      this.manifest = loadManifest(this.options.manifestPath);
    } catch (err) {
      this.status_ = { state: 'unavailable', reason: (err as Error).message };
      this.notifySettled();
      return undefined;
    }
    const file = this.options.workerFile ?? defaultWorkerFile();
    const worker = spawnWorker(file);
    worker.unref();
    worker.on('message', (m: FromWorker) => this.onMessage(m));
    worker.on('error', (err) => {
      this.worker = undefined;
      this.fail(`prose model worker crashed: ${err.message}`);
    });
    worker.on('exit', (code) => {
      if (this.worker === worker) this.fail(`prose model worker exited (code ${code})`);
    });
    this.worker = worker;
    this.status_ = { state: 'loading', modelId: this.manifest.id };
    const load: ToWorker = { type: 'load', manifest: this.manifest, threads: this.options.threads ?? 1 };
    worker.postMessage(load);
    return worker;
  }

  private onMessage(m: FromWorker): void {
    switch (m.type) {
      case 'loaded':
        this.status_ = { state: 'ready', modelId: this.manifest?.id, loadMs: Math.round(m.ms), tokenizer: m.tokenizer };
        this.notifySettled();
        return;
      case 'load-failed':
        this.fail(m.error);
        void this.worker?.terminate();
        this.worker = undefined;
        return;
      case 'pruned': {
        const { type: _type, id, ...reply } = m;
        this.settle(id, { ok: true, ...reply });
        return;
      }
      case 'timeout':
        this.settle(m.id, { ok: false, reason: 'the model ran out of its time budget' });
        return;
      case 'failed':
        this.settle(m.id, { ok: false, reason: `the model failed: ${m.error}` });
        return;
    }
  }

  private settle(id: number, outcome: PruneOutcome): void {
    const p = this.pending.get(id);
    if (!p) return; // answered after its budget: the caller has moved on
    this.pending.delete(id);
    clearTimeout(p.timer);
    if (this.pending.size === 0) this.worker?.unref();
    p.resolve(outcome);
  }

  /** The model is unusable from now on: every waiting request falls back at once. */
  private fail(reason: string): void {
    this.status_ = { state: 'unavailable', modelId: this.manifest?.id, reason };
    for (const id of [...this.pending.keys()]) this.settle(id, { ok: false, reason });
    this.notifySettled();
  }

  private notifySettled(): void {
    const waiters = this.settledWaiters;
    this.settledWaiters = [];
    for (const w of waiters) w(this.status());
  }
}

function defaultWorkerFile(): string {
  const bundled = join(__dirname, 'prose-worker.js');
  return existsSync(bundled) ? bundled : join(__dirname, 'worker.ts');
}
