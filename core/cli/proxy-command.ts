import { parseArgs } from 'node:util';
import { readBaseFlags } from './base-flags.js';
import { normalizeCopilotBase } from '../copilot/upstream.js';
import { headroomHome } from '../config/home.js';
import { startProxy } from '../proxy/start-proxy.js';
import { initCodeForCli } from './assets.js';
import type { CliIo } from './io.js';
import { openCliStore } from './cli-store.js';
import { PROSE_FLAGS, proseFromFlags } from './prose-model-flag.js';
import { readTimeoutFlags, TIMEOUT_FLAGS } from './timeout-flags.js';
import { BODY_BUDGET_FLAGS, readBodyBudgetFlags } from './body-budget-flags.js';
import { COMPRESS_POOL_FLAGS, readCompressPoolFlags } from './compress-pool-flags.js';
import { cliGrammarsDir } from './assets.js';
import { isLoopback, reachableNames, remoteExposureNotice, remoteRefusal } from '../proxy/listen-address.js';

export interface ProxyCommandOptions {
  /** Resolves when the proxy should stop; default: the first SIGINT or SIGTERM. */
  stopSignal?: Promise<unknown>;
}

function signals(): Promise<string> {
  return new Promise((resolve) => {
    const on = (s: string) => {
      process.off('SIGINT', on);
      process.off('SIGTERM', on);
      resolve(s);
    };
    process.on('SIGINT', on);
    process.on('SIGTERM', on);
  });
}

/**
 * `headroom proxy [--port 8787] [--host 127.0.0.1 [--allow-remote]] [--openai-base URL] [--anthropic-base URL]
 * [--gemini-base URL] [--ollama-base URL] [--copilot-base URL] [--prose-model ID [--prose-budget-ms 300]]
 * [--headers-timeout-ms N] [--request-timeout-ms N] [--idle-timeout-ms N] [--upstream-idle-timeout-ms N]
 * [--slow-reader-timeout-ms N] [--body-budget-mb N] [--body-queue N] [--compress-workers N]
 * [--compress-timeout-ms N]`: prints `listening on http://HOST:PORT` once ready, serves until SIGINT/SIGTERM, then
 * closes and flushes the store. A non-loopback `--host` needs `--allow-remote`, and then says on stderr what it
 * exposes.
 */
export async function proxyCommand(argv: string[], io: CliIo, opts: ProxyCommandOptions = {}): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: 'string', default: '8787' },
      host: { type: 'string', default: '127.0.0.1' },
      'allow-remote': { type: 'boolean', default: false },
      'openai-base': { type: 'string' },
      'anthropic-base': { type: 'string' },
      'gemini-base': { type: 'string' },
      'ollama-base': { type: 'string' },
      'copilot-base': { type: 'string' },
      // prose through a token-classification model, waiting at most the budget per request (then extractive)
      ...PROSE_FLAGS,
      ...TIMEOUT_FLAGS,
      ...BODY_BUDGET_FLAGS,
      ...COMPRESS_POOL_FLAGS,
    },
  });
  const port = Number(values.port);
  if (!/^\d+$/.test(values.port ?? '') || port > 65535) {
    io.err(`headroom proxy: --port must be a number from 0 to 65535 (0 picks a free port), got "${values.port}"`);
    return 2;
  }
  const host = values.host ?? '127.0.0.1';
  const remote = !isLoopback(host);
  if (remote && !values['allow-remote']) {
    io.err(`headroom proxy: ${remoteRefusal(host)}`);
    return 2;
  }
  const bases = readBaseFlags(values, 'proxy', io);
  if (!bases) return 2;
  const copilotBase = values['copilot-base'];
  if (copilotBase !== undefined) {
    try {
      normalizeCopilotBase(copilotBase);
    } catch (err) {
      io.err(`headroom proxy: --copilot-base is not a usable http(s) URL: ${copilotBase} (${(err as Error).message})`);
      return 2;
    }
  }
  const timing = readTimeoutFlags(values, io, 'proxy');
  if (!timing) return 2;
  const bodyBudget = readBodyBudgetFlags(values, io, 'proxy');
  if (!bodyBudget) return 2;
  const pool = readCompressPoolFlags(values, io, 'proxy');
  if (!pool) return 2;
  const flags = await proseFromFlags(values, io, 'proxy');
  if (!flags) return 2;
  const { prose } = flags;

  const store = await openCliStore(io);
  const grammars = await initCodeForCli();
  let proxy;
  try {
    proxy = await startProxy({
      store,
      grammars,
      // each compression worker loads its own registry from the same folder: the same bytes as in-process
      grammarsDir: cliGrammarsDir(),
      ...pool,
      home: headroomHome(io.env),
      copilotBase,
      port,
      host,
      allowRemote: remote,
      bases,
      prose,
      timeouts: timing.timeouts,
      upstreamIdleTimeoutMs: timing.upstreamIdleTimeoutMs,
      slowReaderTimeoutMs: timing.slowReaderTimeoutMs,
      bodyBudget,
    });
  } catch (err) {
    await prose?.model.close();
    await store.close();
    const e = err as NodeJS.ErrnoException;
    const why = e.code === 'EADDRINUSE' ? 'the port is in use (try --port 0)' : e.message;
    io.err(`headroom proxy: cannot listen on ${host}:${port}: ${why}`);
    return 1;
  }
  proxy.events.on('request', (r) =>
    io.debug(
      `${r.provider}${r.model ? ' ' + r.model : ''} ${r.status ?? '-'}: ` +
        `${r.tokensBefore} → ${r.tokensAfter} tokens, ${r.compressMs} ms` +
        `${r.passthroughReason ? ` (passthrough: ${r.passthroughReason})` : ''}`,
    ),
  );
  proxy.events.on('retrieval', (r) => io.debug(`retrieve ${r.id}: ${r.found ? 'answered' : 'unknown id'}`));
  proxy.events.on('warning', (w) => io.err(`headroom proxy: ${w.message}`));
  if (remote)
    io.err(`headroom proxy: ${remoteExposureNotice(host, proxy.port, reachableNames(host), proxy.upstreams)}`);
  // listen for the stop signals before saying "listening": a supervisor may send one as soon as it reads the line
  const stop = opts.stopSignal ?? signals();
  io.out(`listening on ${proxy.url}\n`);

  await stop;
  await proxy.close();
  await prose?.model.close();
  await store.close(); // flushes
  return 0;
}
