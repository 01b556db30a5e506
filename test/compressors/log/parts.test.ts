// The log compressor's parts on their own: terminal cleaning, template mining, traces, anomalies, line signals.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { finalState, normalizeTerminalOutput, stripAnsi } from '../../../core/compressors/log/progress.js';
import {
  displayTemplate,
  fieldKinds,
  fieldValue,
  fieldValues,
  mineTemplates,
  templateOf,
} from '../../../core/compressors/log/templates.js';
import { findTraces, keptFrames } from '../../../core/compressors/log/traces.js';
import { findAnomalies } from '../../../core/compressors/log/anomalies.js';
import { isStrongError, isSummaryLine } from '../../../core/compressors/log/line-signals.js';
import { fixture, lines } from './helpers.js';

function tpl(line: string): { shown: string; values: string[]; kinds: string[] } {
  const key = templateOf(line);
  return { shown: displayTemplate(key), values: fieldValues(line), kinds: fieldKinds(key) };
}

test('templates mask timestamps, UUIDs, IPs, ids and numbers, and record their values in order', () => {
  const a = tpl('2025-05-01T09:00:01.123Z INFO 10.0.3.17 GET /api/users/4821 200 in 37ms req=3f2a9c1b');
  assert.equal(a.shown, '<ts> INFO <ip> GET /api/users/<n> <n> in <n>ms req=<hex>');
  assert.deepEqual(a.values, ['2025-05-01T09:00:01.123Z', '10.0.3.17', '4821', '200', '37', '3f2a9c1b']);
  assert.deepEqual(a.kinds, ['ts', 'ip', 'n', 'n', 'n', 'hex']);
  assert.equal(tpl('Mar  3 14:02:11 host sshd[123]: Accepted key').shown, '<ts> host sshd[<n>]: Accepted key');
  assert.equal(tpl('1714550400 kernel: eth0 up').shown, '<ts> kernel: eth<n> up');
  assert.equal(tpl('job 550e8400-e29b-41d4-a716-446655440000 done').shown, 'job <uuid> done');
  assert.equal(tpl('commit e704f716887b10c161ebf52160a9d70a1c10fbdb').shown, 'commit <hex>');
  // one id field must not split into templates by chance: all-digit and all-letter ids of 8+ are ids too
  assert.equal(tpl('req=12345678').shown, tpl('req=deadbeef').shown);
  assert.equal(tpl('req=deadbeef').shown, tpl('req=3f2a9c1b').shown);
  // plain words made of hex letters stay words
  assert.equal(tpl('the file was defaced').shown, 'the file was defaced');
  // Kubernetes generated names
  assert.equal(tpl('pod/web-7c9f8b6d5d-x2x9z Pulled').shown, tpl('pod/web-7c9f8b6d5d-kq7wp Pulled').shown);
});

test('mining assigns template ids in order of first appearance and counts them', () => {
  const t = mineTemplates(['a 1', 'b', 'a 2', 'a 3', 'b']);
  assert.deepEqual([...t.ids], [0, 1, 0, 0, 1]);
  assert.deepEqual([...t.counts], [3, 2]);
  assert.deepEqual([...t.first], [0, 1]);
  assert.equal(fieldValue(t, 3, 0), '3');
  assert.equal(fieldValue(t, 3, 1), undefined);
  assert.equal(fieldValue(t, 1, 0), undefined);
});

test('a 5 MB line is templated from its head only', () => {
  const long = 'x=1 '.repeat(1_250_000);
  const key = templateOf(long);
  assert.ok(key.length < 1000 && key.endsWith('…'));
});

test('terminal cleaning: ANSI out, \\r keeps the final state, progress frames collapse, results do not', () => {
  assert.equal(stripAnsi('\x1b[31merror\x1b[0m: \x1b]8;;http://x\x07link\x1b]8;;\x07 done'), 'error: link done');
  assert.equal(finalState('10%\r50%\r100%'), '100%');
  assert.equal(finalState('done\r\n'.slice(0, -1)), 'done');
  assert.equal(finalState('building\r   \r'), 'building');
  const frames = ['[=>   ] 10%', '[==>  ] 40%', '[=====] 100%', 'next step'].join('\n');
  assert.equal(normalizeTerminalOutput(frames), '[=====] 100%\nnext step');
  // pytest result lines carry percentages but are results, not frames
  const pytest = ['t.py::a PASSED [ 50%]', 't.py::b PASSED [100%]'].join('\n');
  assert.equal(normalizeTerminalOutput(pytest), pytest);
  // an error line is never merged into a progress frame
  const withError = ['⠋ fetching 1/3', '⠙ fetching failed 2/3', '⠹ fetching 3/3'].join('\n');
  assert.equal(normalizeTerminalOutput(withError), withError);
});

test('traces: JS, Python (with source lines), Java (Caused by, … more), Go and Rust frames are found', () => {
  const py = lines(fixture('py-traceback.txt'));
  const blocks = findTraces(py);
  assert.equal(blocks.length, 2);
  assert.equal(py[blocks[0].start - 1], 'Traceback (most recent call last):');
  assert.ok(py[blocks[1].end].startsWith('ValueError: config is not valid JSON'));
  const java = [
    'Exception in thread "main" java.lang.IllegalStateException: x',
    '\tat a.B.c(B.java:1)',
    '\tat a.B.d(B.java:2)',
    'Caused by: java.io.IOException: y',
    '\tat a.C.e(C.java:3)',
    '\t... 12 more',
  ];
  assert.deepEqual(
    findTraces(java).map((b) => [b.start, b.end]),
    [
      [1, 3],
      [4, 6],
    ],
  );
  const go = ['goroutine 1 [running]:', 'main.f(0x0)', '\t/src/m.go:8 +0x1c', 'main.main()', '\t/src/m.go:3 +0x2'];
  assert.deepEqual(
    findTraces(go).map((b) => [b.start, b.end]),
    [[0, 5]],
  );
  const rust = [
    'stack backtrace:',
    '   0: std::panicking::begin',
    '             at /rustc/x/panicking.rs:1:5',
    '   1: app::main',
    '             at ./src/main.rs:2:3',
  ];
  assert.deepEqual(
    findTraces(rust).map((b) => [b.start, b.end]),
    [[1, 5]],
  );
  assert.deepEqual(keptFrames({ start: 10, end: 60 }), [
    [10, 16],
    [57, 60],
  ]);
  assert.deepEqual(keptFrames({ start: 10, end: 20 }), [[10, 20]]);
});

test('anomalies: a rare value of a categorical field, a 10× outlier, a rare kind of line; not a heavy tail', () => {
  const base: string[] = [];
  for (let i = 0; i < 400; i++) base.push(`GET /x/${i} ${i % 10 === 0 ? 304 : 200} in ${10 + (i % 50)}ms`);
  base[100] = 'GET /x/100 500 in 12ms';
  base[200] = 'GET /x/200 200 in 9000ms';
  base[300] = 'cache flushed by admin';
  const t = mineTemplates(base);
  assert.deepEqual(findAnomalies(base, t), [100, 200, 300]);
  const tail = base.map((_, i) => `GET /y ${200} in ${i % 20 === 0 ? 5000 + i : 10 + (i % 50)}ms`);
  assert.deepEqual(findAnomalies(tail, mineTemplates(tail)), []);
});

test('line signals: keywords inside names are weak errors; summaries are recognised', () => {
  assert.equal(isStrongError('npm silly fetch manifest http-errors@~2.0.0'), false);
  assert.equal(isStrongError('Error: boom'), true);
  assert.equal(isStrongError('src/a.ts(3,20): error TS2551: Property'), true);
  assert.equal(isStrongError('ValueError: config is not valid JSON'), true);
  for (const s of [
    'Tests:       1 failed, 212 passed, 213 total',
    'test result: FAILED. 1 passed; 2 failed;',
    'found 3 vulnerabilities',
    '========================= 3 failed, 40 passed in 0.70s =========================',
    'ok  \texample.com/app\t0.021s',
    'added 72 packages in 2s',
    ' 2 files changed, 123 insertions(+)',
  ]) {
    assert.ok(isSummaryLine(s), s);
  }
  assert.equal(isSummaryLine('GET /api/users/1 200 in 3ms'), false);
});

test('a long Java trace keeps its head, its tail and the application frames between, not the framework frames', () => {
  // the shape of a Spring Boot request failing in a connection pool: pool, JDBC, app, reflection, web, container
  const frames = [
    'com.zaxxer.hikari.pool.HikariPool.createTimeoutException(HikariPool.java:696)',
    'com.zaxxer.hikari.pool.HikariPool.getConnection(HikariPool.java:181)',
    'com.zaxxer.hikari.HikariDataSource.getConnection(HikariDataSource.java:128)',
    'org.springframework.jdbc.datasource.DataSourceUtils.fetchConnection(DataSourceUtils.java:160)',
    'org.springframework.jdbc.datasource.DataSourceUtils.doGetConnection(DataSourceUtils.java:118)',
    'org.springframework.jdbc.core.JdbcTemplate.execute(JdbcTemplate.java:653)',
    'org.springframework.jdbc.core.JdbcTemplate.update(JdbcTemplate.java:972)',
    'com.example.shop.ledger.LedgerRepository.insertEntry(LedgerRepository.java:88)',
    'com.example.shop.ledger.LedgerBatchWriter.flush(LedgerBatchWriter.java:118)',
    'com.example.shop.api.PaymentService.capture(PaymentService.java:203)',
    'java.base/java.lang.reflect.Method.invoke(Method.java:580)',
    'org.springframework.web.method.support.InvocableHandlerMethod.doInvoke(InvocableHandlerMethod.java:255)',
    'org.springframework.web.servlet.DispatcherServlet.doDispatch(DispatcherServlet.java:1089)',
    'org.springframework.web.servlet.FrameworkServlet.processRequest(FrameworkServlet.java:1014)',
    'org.apache.catalina.core.ApplicationFilterChain.doFilter(ApplicationFilterChain.java:138)',
    'org.apache.catalina.core.StandardWrapperValve.invoke(StandardWrapperValve.java:174)',
    'org.apache.catalina.core.StandardContextValve.invoke(StandardContextValve.java:92)',
    'org.apache.catalina.connector.CoyoteAdapter.service(CoyoteAdapter.java:344)',
  ].map((f) => `\tat ${f}`);
  const text = [
    'java.sql.SQLTransientConnectionException: HikariPool-1 - Connection is not available',
    ...frames,
    '\t... 87 common frames omitted',
  ];
  const [block] = findTraces(text);
  const kept = new Set<number>();
  for (const [a, b] of keptFrames(block, text)) for (let i = a; i < b; i++) kept.add(i);
  const shown = [...kept].map((i) => text[i]);
  for (const app of ['LedgerRepository.insertEntry', 'LedgerBatchWriter.flush', 'PaymentService.capture']) {
    assert.ok(
      shown.some((l) => l.includes(app)),
      app,
    );
  }
  assert.ok(
    shown.some((l) => l.includes('HikariPool.createTimeoutException')),
    'where it was thrown',
  );
  assert.ok(shown.includes('\t... 87 common frames omitted'), 'the tail');
  assert.ok(!shown.some((l) => l.includes('DispatcherServlet.doDispatch')), 'framework frames in the middle go');
});
