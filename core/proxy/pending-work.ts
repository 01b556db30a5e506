/**
 * Work the proxy finishes after a request was answered — above all its record (tokens counted, then written to the
 * store): `close()` waits for it, bounded, so a proxy stopped right after an agent's last turn still records that turn.
 */
export class PendingWork {
  private readonly running = new Set<Promise<void>>();

  /** Follows `work` until it settles (its outcome is the caller's); returns it. */
  track<T>(work: Promise<T>): Promise<T> {
    const settled = work.then(
      () => undefined,
      () => undefined,
    );
    this.running.add(settled);
    void settled.then(() => this.running.delete(settled));
    return work;
  }

  get size(): number {
    return this.running.size;
  }

  /**
   * Resolves true once everything tracked has settled — including work tracked while waiting (a request cut by the
   * close still writes its record) — or false after `timeoutMs`, with work still running.
   */
  async settled(timeoutMs: number): Promise<boolean> {
    if (this.running.size === 0) return true;
    let timer: NodeJS.Timeout | undefined;
    const expired = new Promise<false>((resolve) => {
      timer = setTimeout(() => resolve(false), timeoutMs);
    });
    try {
      while (this.running.size > 0) {
        const all = Promise.all([...this.running]).then(() => true as const);
        if (!(await Promise.race([all, expired]))) return false;
      }
      return true;
    } finally {
      clearTimeout(timer);
    }
  }
}
