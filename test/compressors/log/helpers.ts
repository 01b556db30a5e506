// Shared helpers for the log compressor tests: a recording context, marker redemption, fixtures and generators of
// synthetic logs (deterministic: a seeded PRNG, fixed clocks).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export { recordingContext as makeCtx, type RecordingContext } from '../../helpers/recording-context.js';

/** Every marker of the output (line runs and cut long lines alike), with its id. */
export const MARKER_RE = /\[… \d+ (?:lines?|characters) omitted(?:: [^\n]*?)? · retrieve (hr_[0-9a-f]{16})\]/g;

/** Replaces every marker by the exact text it stands for. */
export function redeem(output: string, stashed: Map<string, string>): string {
  return output.replace(MARKER_RE, (_m, id: string) => {
    const content = stashed.get(id);
    if (content === undefined) throw new Error(`marker names unknown id ${id}`);
    return content;
  });
}

/** Test files run as CommonJS under tsx (package.json has no "type"), so __dirname is what locates the fixtures. */
export const FIXTURES = join(__dirname, '..', '..', 'fixtures', 'log');

export function fixture(name: string): string {
  return readFileSync(join(FIXTURES, name), 'utf8');
}

export function lines(text: string): string[] {
  return text.split('\n');
}

/** A small deterministic PRNG (mulberry32). */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface AccessLog {
  text: string;
  /** The exact anomalous lines planted in it. */
  serverError: string;
  slowRequest: string;
  rareMessage: string;
  errorLine: string;
  traceLines: string[];
}

/**
 * A 20,000-line access log: GETs to a few routes, mostly 200 with some 304/404, 3–94 ms, plus one 500, one very slow
 * request, one rare message and one ERROR with a stack trace.
 */
export function accessLog(n = 20_000): AccessLog {
  const rnd = prng(7);
  const base = Date.UTC(2025, 4, 1, 9, 0, 0);
  const hex = (): string =>
    Math.floor(rnd() * 0xffffffff)
      .toString(16)
      .padStart(8, '0');
  const ts = (i: number): string => new Date(base + i * 45 + Math.floor(rnd() * 40)).toISOString();
  const routes = ['/api/users/', '/api/orders/', '/api/items/'];
  const out: string[] = [];
  const serverError = '2025-05-01T09:05:30.517Z INFO 10.0.7.21 GET /api/orders/993 500 in 41ms req=7d1c0e55';
  const slowRequest = '2025-05-01T09:09:00.044Z INFO 10.0.2.9 GET /api/users/77 200 in 12034ms req=a9b8c7d6';
  const rareMessage = '2025-05-01T09:11:39.001Z INFO config reloaded from /etc/app/config.yaml (version 42)';
  const errorLine = '2025-05-01T09:13:00.250Z ERROR unhandled exception while processing req=0c0ffee1';
  const traceLines = [
    'Error: connect ECONNREFUSED 10.0.0.5:5432',
    '    at TCPConnectWrap.afterConnect [as oncomplete] (node:net:1555:16)',
    '    at Pool.connect (/app/node_modules/pg-pool/index.js:45:11)',
    '    at OrderRepository.find (/app/src/orders/repository.js:88:21)',
    '    at OrderService.get (/app/src/orders/service.js:31:30)',
    '    at handler (/app/src/routes/orders.js:17:42)',
  ];
  for (let i = 0; i < n; i++) {
    if (i === 7345) out.push(serverError);
    else if (i === 12001) out.push(slowRequest);
    else if (i === 15555) out.push(rareMessage);
    else if (i === 17333) out.push(errorLine, ...traceLines);
    else {
      const r = rnd();
      const status = r < 0.9 ? 200 : r < 0.96 ? 304 : 404;
      const route = routes[Math.floor(rnd() * routes.length)];
      const ip = `10.0.${Math.floor(rnd() * 8)}.${Math.floor(rnd() * 250) + 1}`;
      out.push(
        `${ts(i)} INFO ${ip} GET ${route}${Math.floor(rnd() * 5000) + 1} ${status} in ` +
          `${3 + Math.floor(rnd() * 92)}ms req=${hex()}`,
      );
    }
  }
  return { text: out.join('\n') + '\n', serverError, slowRequest, rareMessage, errorLine, traceLines };
}

/** 5,000 copies of one error template (varying attempt numbers and connection ids) among some info lines. */
export function errorFlood(copies = 5000): { text: string; first: string[]; last: string } {
  const rnd = prng(11);
  const out: string[] = ['2025-05-01T10:00:00.000Z INFO worker started (pool=main, size=16)'];
  const first: string[] = [];
  let last = '';
  for (let i = 0; i < copies; i++) {
    const t = new Date(Date.UTC(2025, 4, 1, 10, 0, 1) + i * 20).toISOString();
    const line = `${t} ERROR db: connection refused (pool=main, attempt=${i + 1}) conn=${Math.floor(rnd() * 0xfffffff)
      .toString(16)
      .padStart(7, '0')}a`;
    if (first.length < 5) first.push(line);
    last = line;
    out.push(line);
    if (i % 500 === 499) out.push(`${t} INFO retry scheduler tick ${i + 1}`);
  }
  out.push('2025-05-01T10:01:41.000Z FATAL giving up after 5000 attempts; exit code 3');
  return { text: out.join('\n'), first, last };
}

/** Terminal output as a TTY gets it: colours, `\r`-redrawn progress, spinner frames, then a result and an error. */
export function ttyProgress(): string {
  const parts: string[] = ['\x1b[1mnpm-ish install\x1b[22m'];
  let bar = '';
  for (let p = 0; p <= 100; p += 5) {
    const filled = Math.round(p / 5);
    bar += `\r\x1b[32mDownloading\x1b[0m [${'='.repeat(filled)}>${' '.repeat(20 - filled)}] ${p}%\x1b[K`;
  }
  parts.push(bar);
  for (const [i, glyph] of ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'].entries())
    parts.push(`${glyph} resolving dependencies (${i * 10} done)`);
  parts.push('\x1b[32m✔\x1b[39m resolved 214 packages in 3.2s');
  parts.push('\x1b[33mwarn\x1b[39m deprecated inflight@1.0.6: This module is not supported');
  parts.push('\x1b[31merror\x1b[39m: failed to fetch https://registry.example.test/left-pad (E503)');
  for (let i = 0; i < 40; i++) parts.push(`\x1b[2m  linking package-${i} -> node_modules/package-${i}\x1b[22m`);
  parts.push('done: 214 packages, 1 error');
  return parts.join('\n') + '\n';
}
