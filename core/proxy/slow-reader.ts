import type { Writable } from 'node:stream';

/** A client that has not taken a byte of a waiting answer for this long is let go. */
export const DEFAULT_SLOW_READER_TIMEOUT_MS = 60_000;

/**
 * Lets go of a client that stops reading its answer. Everything the proxy writes to a client waits on `drain` (pipe
 * and the retrieval rounds), so what a stalled client pins is one socket buffer and the provider is held back by TCP;
 * but without a limit that lasts as long as the client stays connected. When a write has waited on `drain` for
 * `timeoutMs`, `onStall` is told (with the bytes still waiting) and the stream is destroyed — which aborts the
 * upstream too (the request handler does so when its response closes unfinished; the WebSocket relay when its client
 * socket closes).
 *
 * `res` is an HTTP response or a client socket (a tunnelled WebSocket, websocket.ts).
 */
export type GuardedWritable = Pick<
  Writable,
  | 'write'
  | 'end'
  | 'destroy'
  | 'on'
  | 'once'
  | 'destroyed'
  | 'writableFinished'
  | 'writableLength'
  | 'writableNeedDrain'
>;

export function guardSlowReader<T extends GuardedWritable>(
  res: T,
  timeoutMs: number,
  onStall: (waitingBytes: number) => void,
): void {
  let timer: NodeJS.Timeout | undefined;
  const arm = () => {
    timer ??= setTimeout(() => {
      timer = undefined;
      if (res.destroyed || res.writableFinished) return;
      onStall(res.writableLength);
      res.destroy();
    }, timeoutMs).unref();
  };
  const disarm = () => {
    if (timer) clearTimeout(timer);
    timer = undefined;
  };
  const write = res.write;
  res.write = function (this: T, ...args: unknown[]) {
    const ok = (write as (...a: unknown[]) => boolean).apply(this, args);
    if (!ok) arm();
    return ok;
  } as T['write'];
  const end = res.end;
  res.end = function (this: T, ...args: unknown[]) {
    const r = (end as unknown as (...a: unknown[]) => unknown).apply(this, args);
    if (res.writableNeedDrain) arm(); // the last bytes still wait on the client
    return r;
  } as unknown as T['end'];
  res.on('drain', disarm);
  // a response cut otherwise finds the timer harmless: it checks `destroyed` (no extra close listener)
  res.once('finish', disarm);
}
