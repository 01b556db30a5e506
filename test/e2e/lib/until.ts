// Waiting in the e2e suites. `until` re-checks a condition each time one of the given events fires (and once at the
// start): no sleeps, no polling. Its time limit only turns a condition that never comes true into a clear failure.
// `pollUntil` is the one polling wait, for what happens in another process with no event to subscribe to (see its
// comment); nothing else in the suites sleeps. (test/helpers/wait.ts is the unit tests' kind: synchronous
// conditions on one Node emitter, ended by the test runner's timeout. Here checks may be async — an HTTP health
// check — events come from vscode.Event as well, and the UI scripts have no runner timeout to end a wait.)

/** What a check returns when it is satisfied. */
export type Truthy<T> = Exclude<T, false | 0 | '' | null | undefined>;

/** Anything with the `vscode.Event` shape: subscribe a listener, get back something to dispose. */
export type Subscribe = (listener: () => void) => { dispose(): unknown };

/** A Node EventEmitter-style source as a `Subscribe` (fs.watch, child processes, servers). */
export function onNode(emitter: NodeJS.EventEmitter, event: string): Subscribe {
  return (listener) => {
    emitter.on(event, listener);
    return { dispose: () => emitter.off(event, listener) };
  };
}

/**
 * Resolves with the first truthy value `check` returns, evaluated now and again after every event from `events`.
 * Checks run one at a time; an event that arrives while one runs schedules one more, so none is missed. Rejects
 * after `limitMs` naming what it waited for and the last value seen.
 */
export function until<T>(
  what: string,
  events: Subscribe[],
  check: () => T | Promise<T>,
  limitMs = 30_000,
): Promise<Truthy<T>> {
  return new Promise((resolve, reject) => {
    let last: unknown;
    let running = false;
    let again = false;
    let done = false;
    const subs = events.map((on) => on(() => void run()));
    const timer = setTimeout(
      () => finish(() => reject(new Error(`timed out after ${limitMs} ms waiting for ${what} (last: ${show(last)})`))),
      limitMs,
    );
    function finish(settle: () => void): void {
      if (done) return;
      done = true;
      clearTimeout(timer);
      for (const s of subs) s.dispose();
      settle();
    }
    async function run(): Promise<void> {
      if (done) return;
      if (running) {
        again = true;
        return;
      }
      running = true;
      try {
        do {
          again = false;
          last = await check();
          if (last) return finish(() => resolve(last as Truthy<T>));
        } while (again && !done);
      } catch (e) {
        finish(() => reject(e));
      } finally {
        running = false;
      }
    }
    void run();
  });
}

/**
 * Polls `check` every `everyMs` until it returns something truthy, for at most `limitMs`. Only for a condition in
 * another process that sends no event: the proxy inside code-server's extension host starting to listen, seen from
 * the UI scripts (no event crosses from that process to the script; a connection attempt is the only signal).
 */
export async function pollUntil<T>(
  what: string,
  check: () => T | Promise<T>,
  limitMs: number,
  everyMs = 20,
): Promise<Truthy<T>> {
  const end = Date.now() + limitMs;
  let last: unknown;
  for (;;) {
    last = await check();
    if (last) return last as Truthy<T>;
    if (Date.now() > end) throw new Error(`no ${what} after ${limitMs} ms (last: ${show(last)})`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

function show(v: unknown): string {
  try {
    return JSON.stringify(v) ?? String(v);
  } catch {
    return String(v);
  }
}

/** Polls the proxy's `/health` until it answers 200 (a connection attempt is the only signal; see pollUntil). */
export function proxyAnswers(proxy: string, limitMs: number, everyMs: number): Promise<true> {
  return pollUntil(
    `proxy at ${proxy}`,
    () =>
      fetch(`${proxy}/health`).then(
        (r) => r.ok,
        () => false,
      ),
    limitMs,
    everyMs,
  );
}
