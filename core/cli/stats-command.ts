import { parseArgs } from 'node:util';
import { withStore } from './cli-store.js';
import type { CliIo } from './io.js';

/** `headroom stats [--json]`: all-time and last-24h savings from the store. */
export async function statsCommand(argv: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({ args: argv, options: { json: { type: 'boolean', default: false } } });
  return withStore(io, (store) => {
    const allTime = store.totals();
    const day = store.totals(Date.now() - 24 * 3600_000);
    const recent = store.recentRequests(10);
    if (values.json) {
      io.out(JSON.stringify({ allTime, last24h: day, recent }) + '\n');
      return 0;
    }
    const line = (label: string, t: typeof allTime) => {
      const saved = t.tokensBefore - t.tokensAfter;
      const pct = t.tokensBefore ? Math.round((100 * saved) / t.tokensBefore) : 0;
      return (
        `${label}: ${t.requests} requests, ${t.units} units, ${t.tokensBefore} → ${t.tokensAfter} tokens ` +
        `(${saved} saved, ${pct}%), ${t.retrievals} retrievals`
      );
    };
    io.out(line('all time', allTime) + '\n' + line('last 24h', day) + '\n');
    for (const r of recent)
      io.out(
        `  ${new Date(r.time).toISOString()} ${r.provider}${r.model ? ' ' + r.model : ''}: ` +
          `${r.tokensBefore} → ${r.tokensAfter} tokens, ${r.compressMs.toFixed(1)} ms\n`,
      );
    return 0;
  });
}
