import { watch, existsSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import type { EventEmitter } from 'node:events';

/**
 * Resolves once `cond()` holds, checking it now and at each `event` of `emitter`. Tests wait on what happened, never
 * on the clock: if it never happens, the test runner's timeout ends the test.
 */
export function until(emitter: EventEmitter, event: string, cond: () => boolean): Promise<void> {
  if (cond()) return Promise.resolve();
  return new Promise((resolve) => {
    const check = (): void => {
      if (!cond()) return;
      emitter.off(event, check);
      resolve();
    };
    emitter.on(event, check);
  });
}

/** Resolves once `path` exists, woken by its folder's change events (the folder must exist). */
export function untilFile(path: string): Promise<void> {
  if (existsSync(path)) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const name = basename(path);
    const watcher = watch(dirname(path), (_event, file) => {
      if ((file === null || file === name) && existsSync(path)) {
        watcher.close();
        resolve();
      }
    });
    watcher.on('error', reject);
    // created between the first check and the watch starting
    if (existsSync(path)) {
      watcher.close();
      resolve();
    }
  });
}

/** A promise with its resolver outside: a gate a fake provider waits on, or a signal a test waits for. */
export function deferred<T = void>(): { promise: Promise<T>; resolve: (v: T) => void } {
  let resolve!: (v: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}
