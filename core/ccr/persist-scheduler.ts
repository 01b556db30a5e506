/**
 * When the store writes itself to disk: debounced after changes, one write at a time, never keeping the process
 * alive (the timer is unref'd; callers that must not lose changes call flush()/close()).
 * A stream of changes postpones the write at most `maxDeferPeriods` debounce periods, so a busy proxy still saves.
 * Access-time refreshes alone ("soft" changes) wait up to `lazyMs`: reads should not cost a full write each.
 */
export class PersistScheduler {
  private timer: NodeJS.Timeout | undefined;
  private dirtySince: number | undefined;
  private queue: Promise<void> = Promise.resolve();
  private stopped = false;

  constructor(
    private readonly task: () => Promise<void>,
    private readonly onError: (e: unknown) => void,
    private readonly debounceMs: number,
    private readonly lazyMs: number,
    private readonly maxDeferPeriods = 5,
  ) {}

  changed(hard: boolean): void {
    if (this.stopped) return;
    const now = Date.now();
    this.dirtySince ??= now;
    if (hard) this.arm(Math.min(now + this.debounceMs, this.dirtySince + this.debounceMs * this.maxDeferPeriods));
    else if (!this.timer) this.arm(now + this.lazyMs);
  }

  /** The task calls this as it snapshots the state: later changes need another write. */
  snapshotTaken(): void {
    this.dirtySince = undefined;
  }

  /** Runs the task now, after any run in flight; a failed run does not block the next. */
  run(): Promise<void> {
    const run = this.queue.then(this.task);
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** No more timed runs; run() still works (close uses it for the last write). */
  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private arm(due: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(
      () => {
        this.timer = undefined;
        this.run().catch((e: unknown) => {
          this.onError(e);
          // Retry later, without spinning on a disk that keeps failing.
          if (!this.stopped && !this.timer) this.arm(Date.now() + this.lazyMs);
        });
      },
      Math.max(0, due - Date.now()),
    );
    this.timer.unref();
  }
}
