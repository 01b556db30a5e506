import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isAnswerBearing, isAnswerBearingFull } from '../../core/router/answer-bearing.js';
import { missingAnswerBearing } from '../../core/guard.js';

test('error events are answer-bearing in every kind of output, prose included', () => {
  for (const line of [
    "ValueError: invalid literal for int() with base 10: 'x'",
    'json.decoder.JSONDecodeError: Expecting value: line 1 column 1 (char 0)',
    '  + Exception Group Traceback (most recent call last):',
    "FAILED tests/test_config.py::test_load[prod.yaml] - KeyError: 'db'",
    'E       assert 3 == 4',
    "src/app.ts(12,5): error TS2322: Type 'string' is not assignable to type 'number'.",
    'npm ERR! code E404',
    'npm error code ERESOLVE',
    'error[E0308]: mismatched types',
    'Caused by: java.lang.IllegalStateException: pool closed',
    'Traceback (most recent call last):',
    'make: *** [Makefile:8: build] Error 1',
    '  ✖ 12 problems (12 errors, 0 warnings)',
    'not ok 3 - parses dates',
    "Error: ENOENT: no such file or directory, open 'dist/out.js'",
    "cp: cannot stat 'x': No such file or directory",
    '{"level":50,"time":1700000000000,"msg":"request failed"}',
  ])
    assert.ok(isAnswerBearing(line, 'text'), line);
});

test('a sentence that mentions errors is not an error event (commit messages, docs)', () => {
  for (const line of [
    '    Guard: documents. Every prose piece answers to the error-line guard on its own',
    'All known errors were fixed in this release.',
    'The error handling middleware documents which failures reach the client.',
    '    Fix a crash when the cache is empty',
  ]) {
    assert.equal(isAnswerBearing(line, 'text'), false, line);
    assert.equal(isAnswerBearing(line, 'log'), false, line);
  }
  // the same words on a log record are an event
  assert.ok(isAnswerBearing('2024-05-01T10:00:00Z worker-3 connection refused by db:5432', 'log'));
  assert.ok(isAnswerBearing('upstream timed out while reading response header', 'log'));
});

test('the guard does not hold a commit message that mentions an error as an answer-bearing line', () => {
  const log = [
    'commit 0123456789abcdef0123456789abcdef01234567',
    'Author: A <a@example.com>',
    'Date:   Mon Dec 7 10:00:00 2026 +0000',
    '',
    '    Guard: documents. Every prose piece answers to the error-line guard on its own',
  ].join('\n');
  assert.equal(missingAnswerBearing(log, 'commit 0123456789ab', 'log'), undefined);
  assert.equal(missingAnswerBearing(log, 'commit 0123456789ab', 'text'), undefined);
  // an exception line is still held, in prose routing too
  const run = 'FAILED config/a.yaml\nyaml.scanner.ScannerError: mapping values are not allowed here\n';
  assert.equal(
    missingAnswerBearing(run, 'FAILED config/a.yaml\n[… 1 line omitted]', 'text'),
    'yaml.scanner.ScannerError: mapping values are not allowed here',
  );
});

test('the cheap pre-check never turns away a line the full patterns would take', () => {
  // every answer-bearing sample above, in upper case too, and a few event words of the loose set on log records
  const samples = [
    'Segmentation fault (core dumped)',
    'SEGFAULT in worker',
    'rm: cannot remove x: Operation not permitted',
    'write: Connection reset by peer',
    'open config.yml: No such file or directory',
    'OOMKilled',
    'CrashLoopBackOff',
    '2026-12-07T10:00:00Z worker EVICTED by kubelet',
    '2026-12-07T10:00:00Z TIMED OUT waiting for lock',
    'process exited: Killed',
    'KeyboardInterrupt',
    'SystemExit: 2',
    '  3) cart',
    '1188 !== 1189',
    ' ❯ test/a.test.ts:9:3',
    'E0612 12:00:00.000000 1 server.go:12] boom',
    'make: *** [all] Error 2',
    'E   assert 1 == 2',
    'npm ERR! code E404',
    'ERR connection lost',
    '(node:12) UnhandledPromiseRejectionWarning: boom',
    'Could not resolve host',
    '{"level":50,"msg":"request failed"}',
    'Exception in thread "main" java.lang.IllegalStateException',
    "thread 'main' panicked at",
  ];
  for (const line of samples) {
    for (const variant of [line, line.toUpperCase()]) {
      const log = isAnswerBearing(variant, 'log');
      const full = isAnswerBearingFull(variant, 'log');
      assert.equal(log, full, variant);
    }
  }
});
