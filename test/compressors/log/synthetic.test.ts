// The log compressor on generated logs: a 20,000-line access log with planted anomalies, an error flood, TTY output
// with colours and `\r` redraws, and samples of formats this machine cannot produce (docker, kubectl, go, java, jest).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compressLog } from '../../../core/compressors/log/index.js';
import { normalizeTerminalOutput } from '../../../core/compressors/log/progress.js';
import { compress } from '../../../core/compress.js';
import { countTokens } from '../../../core/util/tokens.js';
import { accessLog, errorFlood, lines, makeCtx, MARKER_RE, prng, redeem, ttyProgress } from './helpers.js';
import type { Sample } from './formats.js';
import {
  dockerBuildKit,
  dockerClassic,
  goPanic,
  goTest,
  javaTrace,
  jestRun,
  kubectlEvents,
  npmAudit,
  syslog,
} from './formats.js';

const access = accessLog();

test(`access log: the 500, the slow request, the rare message and the error with its stack survive 20,000 \
lines`, () => {
  const ctx = makeCtx();
  const out = compressLog(access.text, ctx);
  assert.ok(out);
  const kept = new Set(lines(out));
  for (const l of [
    access.serverError,
    access.slowRequest,
    access.rareMessage,
    access.errorLine,
    ...access.traceLines,
  ]) {
    assert.ok(kept.has(l), `kept verbatim: ${l}`);
  }
  const before = countTokens(access.text);
  const after = countTokens(out);
  assert.ok(after / before < 0.01, `${before} → ${after} tokens`);
  assert.equal(redeem(out, ctx.stashed), access.text);
});

test('access log: markers carry template counts, the time span, value sets and ranges', () => {
  const out = compressLog(access.text, makeCtx())!;
  const first = lines(out).find((l) => l.startsWith('[… '))!;
  assert.match(
    first,
    new RegExp(
      /^\[… 7342 lines omitted: /.source +
        /"INFO <ip> GET \/api\/(?:users|orders|items)\/<n> \{200,304,404\} in <n>ms req=<hex>" ×\d+, /.source +
        /09:00:00–09:05:30, \/api\/\w+\/<n> \d+–\d+, <n>ms 3–94; /.source,
    ),
  );
  // every dropped line is accounted for by exactly one marker
  let counted = 0;
  for (const m of out.matchAll(/\[… (\d+) lines omitted/g)) counted += Number(m[1]);
  assert.equal(counted + lines(out).filter((l) => !l.startsWith('[… ')).length, lines(access.text).length);
});

test('access log: a query term that names one request keeps that request', () => {
  const target = lines(access.text)[5000];
  const req = /req=([0-9a-f]{8})/.exec(target)![1];
  const out = compressLog(access.text, makeCtx(`why did request ${req} take so long`))!;
  assert.ok(lines(out).includes(target));
});

test('access log: the pipeline accepts it (its speed is in npm run bench: limits)', () => {
  const result = compress(access.text, { kind: 'log' });
  assert.equal(result.compressed, true, result.reason);
});

test('error flood: 5,000 copies keep their first two and the last verbatim and collapse into counted markers', () => {
  const flood = errorFlood();
  const ctx = makeCtx();
  const out = compressLog(flood.text, ctx);
  assert.ok(out);
  const outLines = lines(out);
  // a timestamped error repeated is one event happening again: when it started and that it still goes on
  for (const l of [...flood.first.slice(0, 2), flood.last]) assert.ok(outLines.includes(l), l);
  // the first copy's context shows the next two; the fourth is behind a marker
  assert.ok(!outLines.includes(flood.first[3]), 'the fourth copy is behind a marker');
  const copies = outLines.filter((l) => l.includes(' ERROR db: connection refused')).length;
  assert.ok(copies <= 12, `${copies} copies kept`);
  assert.match(out, /"ERROR db: connection refused \(pool=main, attempt=<n>\) conn=<hex>" ×49\d\d, 10:00:01–10:01:40/);
  assert.ok(outLines.includes('2025-05-01T10:01:41.000Z FATAL giving up after 5000 attempts; exit code 3'));
  assert.equal(redeem(out, ctx.stashed), flood.text);
  assert.equal(compress(flood.text, { kind: 'log' }).compressed, true);
});

test('TTY output: ANSI codes, \\r redraws and spinner frames reduce to their final state', () => {
  const text = ttyProgress();
  const ctx = makeCtx();
  const out = compressLog(text, ctx);
  assert.ok(out);
  assert.ok(!out.includes('\x1b') && !out.includes('\r'));
  const outLines = lines(out);
  assert.ok(outLines.includes('Downloading [====================>] 100%'));
  assert.ok(!out.includes('] 45%'));
  assert.ok(outLines.includes('⠏ resolving dependencies (90 done)'));
  assert.ok(!out.includes('⠋ resolving'));
  for (const l of [
    '✔ resolved 214 packages in 3.2s',
    'warn deprecated inflight@1.0.6: This module is not supported',
    'error: failed to fetch https://registry.example.test/left-pad (E503)',
    'done: 214 packages, 1 error',
  ]) {
    assert.ok(outLines.includes(l), l);
  }
  // the indented listing after the error is output, not part of the error: it collapses
  assert.match(out, /"linking package-<n> -> node_modules\/package-<n>" ×\d+/);
  assert.equal(redeem(out, ctx.stashed), normalizeTerminalOutput(text));
});

const SAMPLES: Record<string, () => Sample> = {
  dockerBuildKit,
  dockerClassic,
  kubectlEvents,
  goTest,
  javaTrace,
  goPanic,
  jestRun,
  npmAudit,
  syslog,
};

for (const [name, make] of Object.entries(SAMPLES)) {
  test(`${name}: what matters is kept verbatim, the rest redeems exactly`, () => {
    const { text, mustKeep } = make();
    const ctx = makeCtx();
    const out = compressLog(text, ctx);
    assert.ok(out, 'compressed');
    assert.ok(out.length < text.length * 0.6, `${text.length} → ${out.length} chars`);
    const outLines = new Set(lines(out));
    for (const l of mustKeep) assert.ok(outLines.has(l), `kept verbatim: ${JSON.stringify(l)}`);
    assert.ok([...out.matchAll(MARKER_RE)].length > 0);
    assert.equal(redeem(out, ctx.stashed), text);
    assert.equal(compress(text, { kind: 'log' }).compressed, true, 'the guard accepts it');
  });
}

test(`a flood whose copies differ in words the guard checks keeps those copies, so the pipeline still accepts \
it`, () => {
  // pod-name suffixes are masked as ids by the templates, but the guard reads their letters as words ("-kq", "wp"):
  // such copies cannot be collapsed behind a representative and stay verbatim
  const alphabet = 'bcdfghjklmnpqrstvwxz2456789';
  const rnd = prng(9);
  const pod = (): string => Array.from({ length: 5 }, () => alphabet[Math.floor(rnd() * alphabet.length)]).join('');
  const out: string[] = [];
  for (let i = 0; i < 2000; i++) out.push(`${i}s Normal Pulled image "web:1.4.2" already present, step ${i}`);
  for (let i = 0; i < 60; i++)
    out.splice(30 * i + 5, 0, `Warning BackOff pod/web-7c9f8b6d5d-${pod()} failed to restart`);
  const text = out.join('\n');
  const ctx = makeCtx();
  const result = compressLog(text, ctx);
  assert.ok(result);
  const flood = lines(text).filter((l) => l.startsWith('Warning BackOff'));
  const kept = lines(result).filter((l) => l.startsWith('Warning BackOff'));
  assert.ok(kept.length > 5, `${kept.length} of ${flood.length} kept`);
  const piped = compress(text, { kind: 'log' });
  assert.equal(piped.compressed, true, piped.reason);
  assert.equal(redeem(result, ctx.stashed), text);
});
