// An application's event log (Spring Boot's layout: timestamp, level, pid, `---`, app, padded thread, logger,
// message) during an incident: hours of request chatter with random ids, a config change, then an error that repeats
// from many threads with a stack trace thrown again and again. What a model needs: the change, when the errors
// started, that they went on, the trace once, and counts for the rest.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compressLog } from '../../../core/compressors/log/index.js';
import { compress } from '../../../core/compress.js';
import { displayTemplate, templateOf } from '../../../core/compressors/log/templates.js';
import { countTokens } from '../../../core/util/tokens.js';
import { lines, makeCtx, prng, redeem } from './helpers.js';

const pad = (s: string, n: number): string => (s.length >= n ? s.slice(s.length - n) : s + ' '.repeat(n - s.length));
const at = (sec: number): string => new Date(Date.UTC(2024, 2, 12, 13, 0, 0) + sec * 1000).toISOString();

function springLine(sec: number, level: string, thread: string, logger: string, msg: string): string {
  return `${at(sec)} ${level.padStart(5)} 1 --- [shop-api] [${pad(thread, 15)}] ${pad(logger, 40)} : ${msg}`;
}

const TRACE = [
  'java.sql.SQLTransientConnectionException: HikariPool-1 - Connection is not available, request timed out after ' +
    '30000ms.',
  '\tat com.zaxxer.hikari.pool.HikariPool.createTimeoutException(HikariPool.java:696)',
  '\tat com.zaxxer.hikari.pool.HikariPool.getConnection(HikariPool.java:181)',
  '\tat com.example.shop.orders.OrderRepository.save(OrderRepository.java:51)',
  '\tat com.example.shop.orders.OrderService.place(OrderService.java:88)',
  '\tat org.springframework.web.servlet.DispatcherServlet.doDispatch(DispatcherServlet.java:1089)',
  '\t... 87 common frames omitted',
];

function incidentLog(): { text: string; change: string; firstError: string; lastError: string } {
  const rnd = prng(7);
  const id = (n: number): string =>
    Array.from({ length: n }, () => 'abcdefghijklmnopqrstuvwxyz0123456789'[Math.floor(rnd() * 36)]).join('');
  const thread = (): string => `http-nio-8080-exec-${1 + Math.floor(rnd() * 48)}`;
  const out: string[] = [];
  let change = '';
  let firstError = '';
  let lastError = '';
  for (let i = 0; i < 900; i++) {
    const sec = i * 8;
    if (i === 600) {
      change = springLine(
        sec,
        'INFO',
        'config-refresh-1',
        'c.e.s.config.RemoteConfigListener',
        'Config refresh applied: orders.batch-writes.enabled=true',
      );
      out.push(change);
    }
    if (i < 640) {
      const r = rnd();
      if (r < 0.5)
        out.push(
          springLine(
            sec,
            'INFO',
            thread(),
            'c.e.s.api.OrderController',
            `POST /v1/orders status=201 duration=${20 + Math.floor(rnd() * 70)}ms order=ord_${id(14)}`,
          ),
        );
      else if (r < 0.8)
        out.push(
          springLine(
            sec,
            'INFO',
            thread(),
            'c.e.s.api.OrderController',
            `GET /v1/orders/ord_${id(14)} status=200 duration=${3 + Math.floor(rnd() * 20)}ms`,
          ),
        );
      else
        out.push(
          springLine(
            sec,
            'INFO',
            'kafka-consumer-1',
            'o.a.k.c.c.internals.ConsumerCoordinator',
            `Committed offsets for partition orders-${Math.floor(rnd() * 12)} ` +
              `offset=${1200000 + Math.floor(rnd() * 700000)}`,
          ),
        );
      continue;
    }
    const line = springLine(
      sec,
      'ERROR',
      thread(),
      'c.e.s.api.OrderController',
      `POST /v1/orders status=500 duration=${30000 + Math.floor(rnd() * 40)}ms error="Unable to acquire JDBC ` +
        `Connection"`,
    );
    if (!firstError) firstError = line;
    lastError = line;
    out.push(line);
    if (i % 40 === 0) out.push(...TRACE);
    if (i % 7 === 0)
      out.push(
        springLine(
          sec,
          'INFO',
          thread(),
          'c.e.s.api.OrderController',
          `GET /v1/orders/ord_${id(14)} status=200 duration=9ms`,
        ),
      );
  }
  return { text: out.join('\n') + '\n', change, firstError, lastError };
}

test('generated ids are one field, so lines differing only in them share a template', () => {
  const a = templateOf('GET /v1/orders/ord_em6zfyb5ubp05r status=200');
  assert.equal(a, templateOf('GET /v1/orders/ord_q2kgqcmpbao5llhd status=200'));
  assert.equal(displayTemplate(a), 'GET /v<n>/orders/ord_<hex> status=<n>');
  assert.equal(displayTemplate(templateOf('node I_kwDOHxY7bc6l8cmf8a')), 'node I_<hex>');
  // words with a version or a number in them stay words
  assert.equal(
    displayTemplate(templateOf('Win32Exception in ipv4address utf8mb4 took 1500000000ns')),
    'Win<n>Exception in ipv<n>address utf<n>mb<n> took <n>ns',
  );
});

test('an incident log: the change, the first and last error and one trace stay; the repeats are counted', () => {
  const log = incidentLog();
  const ctx = makeCtx('Orders fail since this afternoon: what failed in shop-api and when did it start?');
  const out = compressLog(log.text, ctx);
  assert.ok(out);
  const kept = new Set(lines(out));
  for (const l of [log.change, log.firstError, log.lastError, TRACE[0], TRACE[3], TRACE[4]])
    assert.ok(kept.has(l), `kept: ${l}`);
  // the error repeats ~290 times from ~48 threads (Spring pads `nio-8080-exec-7`, cuts `io-8080-exec-37`): one kind
  const errors = lines(out).filter((l) => l.includes('status=500'));
  assert.ok(errors.length <= 4, `${errors.length} copies of the error kept`);
  // the trace is thrown again and again: its repeats are not shown again
  assert.equal(lines(out).filter((l) => l === TRACE[0]).length, 1);
  // markers name the hidden errors first, with counts and time spans, without the pid, app and thread columns
  const notes = lines(out).filter((l) => l.startsWith('[… ') && l.includes('status=500'));
  assert.ok(notes.length > 0);
  for (const n of notes) {
    assert.match(
      n,
      new RegExp(
        /omitted: (?:\d+ stack frames repeating a trace shown above; )?/.source +
          /"ERROR c\.e\.s\.api\.OrderController : POST \/v1\/orders status=500 duration=/.source,
      ),
      n,
    );
    assert.doesNotMatch(n, /--- \[shop-api\]|exec-/);
  }
  // "shop-api" is on every line: it selects nothing
  assert.ok(countTokens(out) < countTokens(log.text) * 0.1, `${countTokens(log.text)} → ${countTokens(out)} tokens`);
  assert.equal(redeem(out, ctx.stashed), log.text);
  assert.equal(compress(log.text, { kind: 'log', query: ctx.query }).compressed, true, 'the guard accepts it');
});

test('a query word that picks out some lines keeps them; one on every line keeps none', () => {
  const log = incidentLog();
  const offset = /offset=(\d+)/.exec(lines(log.text).find((l) => l.includes('Committed offsets'))!)![1];
  const out = compressLog(log.text, makeCtx(`what happened at offset ${offset} in shop-api?`))!;
  assert.ok(lines(out).some((l) => l.includes(`offset=${offset}`)));
  const plain = compressLog(log.text, makeCtx('shop-api'))!;
  assert.equal(plain, compressLog(log.text, makeCtx())!, 'a term on every line changes nothing');
});
