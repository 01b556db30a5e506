import type { Rng } from '../lib/prng.js';

/**
 * Spring Boot application log of the payments-api container that was OOM-killed (`kubectl logs --previous`).
 * Two quiet hours of request logs, pool stats and consumer commits; at 14:27:41 a config refresh turns on ledger
 * batch writes; from 14:32:07 the connection pool times out (stack trace with a Postgres root cause), an error burst
 * follows, GC pauses grow, and the log stops when the kernel kills the JVM at 14:41:22.
 */
export const INCIDENT = {
  pod: 'payments-api-7d9f8b6c4-x2kqp',
  flag: 'payments.ledger.batch-writes.enabled=true',
  firstError: '2024-03-12T14:32:07.118Z',
  firstTrace: 'traceId=7c1e0f3a9b2d4e61',
  timeoutMessage: 'Connection is not available, request timed out after 30000ms',
  rootCause: 'FATAL: remaining connection slots are reserved for non-replication superuser connections',
  appFrame: 'com.acme.payments.ledger.LedgerBatchWriter.flush(LedgerBatchWriter.java:118)',
};

/** 2024-03-12T13:00:00Z in epoch seconds; the investigation window is 13:00–15:00. */
export const WINDOW_START = 1710248400;
const FLAG_AT = WINDOW_START + 5261; // 14:27:41
const FIRST_ERROR_AT = WINDOW_START + 5527; // 14:32:07
const KILLED_AT = WINDOW_START + 6082; // 14:41:22

export function isoAt(epochSeconds: number, millis: number): string {
  return new Date(epochSeconds * 1000 + millis).toISOString();
}

const THREADS = (rng: Rng): string => `nio-8080-exec-${rng.int(1, 48)}`;
const pad = (s: string, n: number): string => (s.length >= n ? s.slice(s.length - n) : s + ' '.repeat(n - s.length));

function line(ts: string, level: string, thread: string, logger: string, msg: string): string {
  return `${ts} ${level.padStart(5)} 1 --- [payments-api] [${pad(thread, 15)}] ${pad(logger, 40)} : ${msg}`;
}

const TIMEOUT_TRACE = [
  `java.sql.SQLTransientConnectionException: HikariPool-1 - ${INCIDENT.timeoutMessage}.`,
  '\tat com.zaxxer.hikari.pool.HikariPool.createTimeoutException(HikariPool.java:696)',
  '\tat com.zaxxer.hikari.pool.HikariPool.getConnection(HikariPool.java:181)',
  '\tat com.zaxxer.hikari.pool.HikariPool.getConnection(HikariPool.java:146)',
  '\tat com.zaxxer.hikari.HikariDataSource.getConnection(HikariDataSource.java:128)',
  '\tat org.springframework.jdbc.datasource.DataSourceUtils.fetchConnection(DataSourceUtils.java:160)',
  '\tat org.springframework.jdbc.datasource.DataSourceUtils.doGetConnection(DataSourceUtils.java:118)',
  '\tat org.springframework.jdbc.core.JdbcTemplate.execute(JdbcTemplate.java:653)',
  '\tat org.springframework.jdbc.core.JdbcTemplate.update(JdbcTemplate.java:972)',
  '\tat com.acme.payments.ledger.LedgerRepository.insertEntry(LedgerRepository.java:88)',
  `\tat ${INCIDENT.appFrame}`,
  '\tat com.acme.payments.api.PaymentService.capture(PaymentService.java:203)',
  '\tat com.acme.payments.api.PaymentController.create(PaymentController.java:61)',
  '\tat java.base/jdk.internal.reflect.DirectMethodHandleAccessor.invoke(DirectMethodHandleAccessor.java:103)',
  '\tat java.base/java.lang.reflect.Method.invoke(Method.java:580)',
  '\tat org.springframework.web.method.support.InvocableHandlerMethod.doInvoke(InvocableHandlerMethod.java:255)',
  '\tat org.springframework.web.servlet.mvc.method.annotation.ServletInvocableHandlerMethod.invokeAndHandle(' +
    'ServletInvocableHandlerMethod.java:118)',
  '\tat org.springframework.web.servlet.DispatcherServlet.doDispatch(DispatcherServlet.java:1089)',
  '\tat org.springframework.web.servlet.FrameworkServlet.processRequest(FrameworkServlet.java:1014)',
  '\tat org.apache.catalina.core.ApplicationFilterChain.doFilter(ApplicationFilterChain.java:138)',
  '\t... 87 common frames omitted',
  `Caused by: org.postgresql.util.PSQLException: ${INCIDENT.rootCause}`,
  '\tat org.postgresql.core.v3.ConnectionFactoryImpl.doAuthentication(ConnectionFactoryImpl.java:693)',
  '\tat org.postgresql.core.v3.ConnectionFactoryImpl.tryConnect(ConnectionFactoryImpl.java:203)',
  '\tat org.postgresql.core.v3.ConnectionFactoryImpl.openConnectionImpl(ConnectionFactoryImpl.java:258)',
  '\tat com.zaxxer.hikari.pool.HikariPool$PoolEntryCreator.call(HikariPool.java:730)',
  '\t... 4 common frames omitted',
];

/** About `targetLines` log lines from 13:00 to the kill (the stack traces come on top). */
export function sreLogs(rng: Rng, targetLines = 540): string {
  const out: string[] = [];
  const end = KILLED_AT;
  const span = end - WINDOW_START;
  const step = span / targetLines;
  let active = 3;
  let waiting = 0;
  let slowQueries = 0;
  let burstTraces = 0;
  let firstErrorLogged = false;
  let flagLogged = false;
  for (let i = 0; i < targetLines; i++) {
    const t = WINDOW_START + Math.floor(i * step);
    const ms = rng.int(0, 999);
    let ts = isoAt(t, ms);
    const incident = t >= FIRST_ERROR_AT;
    if (t >= FLAG_AT && !flagLogged) {
      flagLogged = true;
      out.push(
        line(
          isoAt(FLAG_AT, 903),
          'INFO',
          'config-refresh-1',
          'c.a.p.config.RemoteConfigListener',
          `Config refresh applied: ${INCIDENT.flag} (config version 2024-03-12.3, 1 key changed)`,
        ),
      );
      out.push(
        line(
          isoAt(FLAG_AT, 911),
          'INFO',
          'config-refresh-1',
          'c.a.p.ledger.LedgerBatchWriter',
          'Batch writer enabled: batchSize=500 flushIntervalMs=250 holdConnection=true',
        ),
      );
    }
    if (incident && !firstErrorLogged) {
      firstErrorLogged = true;
      ts = INCIDENT.firstError;
      out.push(
        line(
          ts,
          'ERROR',
          'nio-8080-exec-42',
          'o.a.c.c.C.[.[.[/].[dispatcherServlet]',
          'Servlet.service() for servlet [dispatcherServlet] in context with path [] threw exception [Request ' +
            'processing failed: org.springframework.dao.DataAccessResourceFailureException: Unable to acquire JDBC ' +
            'Connection] with root cause',
        ),
      );
      out.push('', ...TIMEOUT_TRACE);
      out.push(
        line(
          ts,
          'ERROR',
          'nio-8080-exec-42',
          'c.a.p.api.PaymentController',
          `POST /v1/payments status=500 duration=30002ms ${INCIDENT.firstTrace} merchant=m_4821 error="Unable to ` +
            `acquire JDBC Connection"`,
        ),
      );
      continue;
    }
    if (incident) {
      active = 20;
      waiting = Math.min(187, waiting + rng.int(1, 4));
      const r = rng.next();
      if (r < 0.55) {
        out.push(
          line(
            ts,
            'ERROR',
            THREADS(rng),
            'c.a.p.api.PaymentController',
            `POST /v1/payments status=500 duration=${30000 + rng.int(0, 40)}ms traceId=${rng.hex(16)} merchant=m_` +
              `${rng.int(1000, 9999)} error="Unable to acquire JDBC Connection"`,
          ),
        );
      } else if (r < 0.62 && burstTraces < 5) {
        burstTraces++;
        out.push(
          line(
            ts,
            'ERROR',
            THREADS(rng),
            'o.a.c.c.C.[.[.[/].[dispatcherServlet]',
            'Servlet.service() for servlet [dispatcherServlet] in context with path [] threw exception [Request ' +
              'processing failed: org.springframework.dao.DataAccessResourceFailureException: Unable to acquire ' +
              'JDBC Connection] with root cause',
          ),
        );
        out.push('', ...TIMEOUT_TRACE);
      } else if (r < 0.75) {
        out.push(
          line(
            ts,
            'WARN',
            'HikariPool-1 housekeeper',
            'com.zaxxer.hikari.pool.HikariPool',
            `HikariPool-1 - Pool stats (total=20, active=${active}, idle=0, waiting=${waiting})`,
          ),
        );
      } else if (r < 0.85 && t > KILLED_AT - 240) {
        out.push(
          line(
            ts,
            'WARN',
            'GC Thread#0',
            'c.a.p.observability.GcMonitor',
            `GC pause ${(1 + (t - (KILLED_AT - 240)) / 60).toFixed(1)}s (G1 Evacuation Pause), heap ` +
              `${900 + rng.int(0, 120)}M/1024M after collection`,
          ),
        );
      } else {
        out.push(
          line(
            ts,
            'INFO',
            THREADS(rng),
            'c.a.p.api.PaymentController',
            `GET /v1/payments/pay_${rng.alnum(14)} status=200 duration=${rng.int(3, 25)}ms traceId=${rng.hex(16)}`,
          ),
        );
      }
      continue;
    }
    const r = rng.next();
    if (r < 0.52) {
      out.push(
        line(
          ts,
          'INFO',
          THREADS(rng),
          'c.a.p.api.PaymentController',
          `POST /v1/payments status=201 duration=${rng.int(18, 95)}ms traceId=${rng.hex(16)} merchant=m_` +
            `${rng.int(1000, 9999)}`,
        ),
      );
    } else if (r < 0.72) {
      out.push(
        line(
          ts,
          'INFO',
          THREADS(rng),
          'c.a.p.api.PaymentController',
          `GET /v1/payments/pay_${rng.alnum(14)} status=200 duration=${rng.int(3, 25)}ms traceId=${rng.hex(16)}`,
        ),
      );
    } else if (r < 0.82) {
      active = rng.int(1, 6);
      out.push(
        line(
          ts,
          'INFO',
          'HikariPool-1 housekeeper',
          'com.zaxxer.hikari.pool.HikariPool',
          `HikariPool-1 - Pool stats (total=20, active=${active}, idle=${20 - active}, waiting=0)`,
        ),
      );
    } else if (r < 0.92) {
      out.push(
        line(
          ts,
          'INFO',
          `kafka-consumer-${rng.int(1, 3)}`,
          'o.a.k.c.c.internals.ConsumerCoordinator',
          `[Consumer clientId=payments-api-${rng.int(1, 3)}, groupId=payments] Committed offsets for partition ` +
            `payments-events-${rng.int(0, 11)} offset=${rng.int(1200000, 1900000)}`,
        ),
      );
    } else if (r < 0.985 || slowQueries > 6) {
      out.push(
        line(
          ts,
          'INFO',
          THREADS(rng),
          'c.a.p.webhooks.WebhookDispatcher',
          `Delivered webhook evt_${rng.alnum(16)} to merchant m_${rng.int(1000, 9999)} status=200 attempt=1`,
        ),
      );
    } else {
      slowQueries++;
      out.push(
        line(
          ts,
          'WARN',
          THREADS(rng),
          'c.a.p.ledger.LedgerRepository',
          `Slow query ${rng.int(1000, 1900)}ms: SELECT balance FROM ledger_accounts WHERE merchant_id = ? FOR UPDATE`,
        ),
      );
    }
  }
  return out.join('\n') + '\n';
}

/** A long quiet log (no incident) of about `bytes` characters, for the speed and memory runs. */
export function quietLogs(rng: Rng, bytes: number): string {
  const out: string[] = [];
  let size = 0;
  let t = WINDOW_START;
  while (size < bytes) {
    t += rng.int(0, 2);
    const ts = isoAt(t, rng.int(0, 999));
    const r = rng.next();
    let l: string;
    if (r < 0.5)
      l = line(
        ts,
        'INFO',
        THREADS(rng),
        'c.a.p.api.PaymentController',
        `POST /v1/payments status=201 duration=${rng.int(18, 95)}ms traceId=${rng.hex(16)} merchant=m_` +
          `${rng.int(1000, 9999)}`,
      );
    else if (r < 0.8)
      l = line(
        ts,
        'INFO',
        THREADS(rng),
        'c.a.p.api.PaymentController',
        `GET /v1/payments/pay_${rng.alnum(14)} status=200 duration=${rng.int(3, 25)}ms traceId=${rng.hex(16)}`,
      );
    else if (r < 0.95)
      l = line(
        ts,
        'INFO',
        `kafka-consumer-${rng.int(1, 3)}`,
        'o.a.k.c.c.internals.ConsumerCoordinator',
        `Committed offsets for partition payments-events-${rng.int(0, 11)} offset=${rng.int(1200000, 1900000)}`,
      );
    else if (r < 0.999)
      l = line(
        ts,
        'WARN',
        THREADS(rng),
        'c.a.p.ledger.LedgerRepository',
        `Slow query ${rng.int(1000, 1900)}ms: SELECT balance FROM ledger_accounts WHERE merchant_id = ? FOR UPDATE`,
      );
    else
      l = line(
        ts,
        'ERROR',
        THREADS(rng),
        'c.a.p.api.PaymentController',
        `POST /v1/payments status=502 duration=${rng.int(100, 900)}ms traceId=${rng.hex(16)} error="upstream card ` +
          `network timeout"`,
      );
    out.push(l);
    size += l.length + 1;
  }
  return out.join('\n') + '\n';
}
