import { EventEmitter } from 'node:events';

/**
 * How many bytes of request bodies the proxy holds (buffered and being compressed) at once. A body in compression
 * costs several times its size (bytes, the decoded string, the parsed JSON, the output): four 60 MB bodies at once
 * took the proxy to 2.19 GB RSS (issue 16). A large body waits its turn in a bounded first-in-first-out queue; a
 * small one never waits; when the queue is full the caller answers 503 with Retry-After.
 */
export interface BodyBudgetLimits {
  /** Bytes of large bodies held at once. One body larger than this still passes, alone. */
  maxBytes: number;
  /** Large requests allowed to wait; one more is refused. */
  maxQueued: number;
  /** Bodies up to this size are never counted nor queued (an agent's everyday turn must not wait behind a dump). */
  smallBytes: number;
}

export const DEFAULT_BODY_BUDGET: BodyBudgetLimits = {
  maxBytes: 128 * 1024 * 1024,
  maxQueued: 16,
  smallBytes: 1024 * 1024,
};

export type Admission = { ok: true /** Idempotent. */; release(): void } | { ok: false; queued: number };

interface Waiter {
  bytes: number;
  grant(): void;
}

/** `queued`: a large request started waiting (the queue's length now). */
export class BodyBudget extends EventEmitter<{ queued: [number] }> {
  private inUse = 0;
  private readonly queue: Waiter[] = [];

  constructor(readonly limits: BodyBudgetLimits = DEFAULT_BODY_BUDGET) {
    super();
    for (const [name, v] of Object.entries(limits))
      if (!Number.isInteger(v) || v < 0)
        throw new Error(`body budget: ${name} must be a whole number from 0, got ${v}`);
  }

  /** Bytes held now and requests waiting (for tests and /health). */
  get state(): { inUseBytes: number; queued: number } {
    return { inUseBytes: this.inUse, queued: this.queue.length };
  }

  /**
   * Admits a body of `bytes` (its declared or read size): at once when it is small or fits, after the large bodies
   * ahead of it otherwise, refused when `maxQueued` are waiting already. `signal` (the client left) withdraws a
   * waiting request; it then resolves refused with `queued: -1`.
   */
  acquire(bytes: number, signal?: AbortSignal): Promise<Admission> {
    if (bytes <= this.limits.smallBytes) return Promise.resolve({ ok: true, release: () => {} });
    const charge = Math.min(bytes, this.limits.maxBytes);
    if (this.queue.length === 0 && this.inUse + charge <= this.limits.maxBytes)
      return Promise.resolve(this.grant(charge));
    if (this.queue.length >= this.limits.maxQueued) return Promise.resolve({ ok: false, queued: this.queue.length });
    return new Promise((resolve) => {
      const waiter: Waiter = {
        bytes: charge,
        grant: () => {
          signal?.removeEventListener('abort', withdraw);
          resolve(this.grant(charge));
        },
      };
      const withdraw = () => {
        const i = this.queue.indexOf(waiter);
        if (i === -1) return;
        this.queue.splice(i, 1);
        resolve({ ok: false, queued: -1 });
        this.next(); // the one behind may fit now
      };
      signal?.addEventListener('abort', withdraw, { once: true });
      this.queue.push(waiter);
      this.emit('queued', this.queue.length);
    });
  }

  private grant(charge: number): Admission {
    this.inUse += charge;
    let held = true;
    return {
      ok: true,
      release: () => {
        if (!held) return;
        held = false;
        this.inUse -= charge;
        this.next();
      },
    };
  }

  /** Strictly in order: a large body at the head is not overtaken by smaller ones behind it (no starvation). */
  private next(): void {
    while (this.queue.length > 0 && (this.inUse === 0 || this.inUse + this.queue[0].bytes <= this.limits.maxBytes))
      this.queue.shift()!.grant();
  }
}
