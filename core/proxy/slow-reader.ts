import type { ServerResponse } from 'node:http';

/** A client that has not taken a byte of a waiting answer for this long is let go. */
export const DEFAULT_SLOW_READER_TIMEOUT_MS = 60_000;

/**
 * Lets go of a client that stops reading its answer. Everything the proxy writes to a client waits on `drain` (pipe
 * and the retrieval rounds), so what a stalled client pins is one socket buffer and the provider is held back by TCP;
 * but without a limit that lasts as long as the client stays connected. When a write has waited on `drain` for
 * `timeoutMs`, `onStall` is told (with the bytes still waiting) and the response is destroyed — which aborts the
 * upstream request too (the request handler does so when its response closes unfinished).
 */
export function guardSlowReader(res: ServerResponse, timeoutMs: number, onStall: (waitingBytes: number) => void): void {
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
  res.write = function (this: ServerResponse, ...args: Parameters<ServerResponse['write']>) {
    const ok = (write as (...a: unknown[]) => boolean).apply(this, args);
    if (!ok) arm();
    return ok;
  } as ServerResponse['write'];
  const end = res.end;
  res.end = function (this: ServerResponse, ...args: Parameters<ServerResponse['end']>) {
    const r = (end as (...a: unknown[]) => ServerResponse).apply(this, args);
    if (res.writableNeedDrain) arm(); // the last bytes still wait on the client
    return r;
  } as ServerResponse['end'];
  res.on('drain', disarm);
  // a response cut otherwise finds the timer harmless: it checks `destroyed` (no extra close listener)
  res.once('finish', disarm);
}
