import { ERROR_RE } from '../../router/signals.js';
import type { Json } from './types.js';
import { MAX_ERROR_STRING } from './limits.js';

/** Keys whose string value names an outcome. */
const OUTCOME_KEYS = new Set([
  'status',
  'state',
  'level',
  'severity',
  'conclusion',
  'result',
  'outcome',
  'phase',
  'health',
  'reason',
  'loglevel',
  'log_level',
  'status_text',
  'statustext',
]);
const BAD_OUTCOME = new RegExp(
  String.raw`^(?:error|errored|err|fail|failed|failing|failure|fatal|crit|critical|alert|emerg|emergency` +
    String.raw`|panic|cancell?ed|timed[_ -]?out|timeout|crashloopbackoff|imagepullbackoff|errimagepull` +
    String.raw`|createcontainerconfigerror|oomkilled|evicted|unhealthy|degraded|down|unavailable|rejected` +
    String.raw`|aborted|killed|dead|broken|invalid|denied|startup_failure|action_required)$`,
  'i',
);
/** Keys whose number is an HTTP-like status: 4xx/5xx are failures. */
const HTTP_KEYS = new Set([
  'status',
  'statuscode',
  'status_code',
  'http_status',
  'httpstatus',
  'code',
  'response_code',
  'responsecode',
  'http_code',
]);
/** Keys whose number is a process exit status: non-zero is a failure. */
const EXIT_KEYS = new Set(['exitcode', 'exit_code', 'returncode', 'return_code', 'rc', 'exit_status', 'exitstatus']);
/** Booleans where false means trouble, and where true does. */
const GOOD_FLAGS = new Set(['ok', 'success', 'succeeded', 'passed', 'healthy', 'ready', 'valid']);
const BAD_FLAGS = new Set([
  'error',
  'failed',
  'failure',
  'timed_out',
  'timedout',
  'crashed',
  'missing',
  'extraneous',
  'invalid',
]);
/** Keys whose mere non-empty presence reports a failure (`problems`, `invalid`: npm ls). */
const ERROR_KEYS = new Set([
  'error',
  'errors',
  'err',
  'exception',
  'failure',
  'failures',
  'stack',
  'stacktrace',
  'traceback',
  'problems',
  'invalid',
]);

const MAX_NODES = 20000;

/**
 * Detects failure rows. One per selection: it memoizes lower-cased keys, which repeat in every row.
 */
export class FailureDetector {
  private readonly lower = new Map<string, string>();

  /**
   * Why a row is an error/failure row, or undefined when it is not: error-looking strings (the same test the
   * pipeline's guard applies), failure statuses (`state: failed`, `conclusion: timed_out`, `status: 503`,
   * `ok: false`, `reason: CrashLoopBackOff`, non-zero exit codes, pino level 50) and non-empty `error` fields,
   * anywhere inside the row. The signature (the offending values) lets error floods keep one row per failure.
   */
  signature(row: Json): string | undefined {
    let found: string[] | undefined;
    const stack: Array<string | Json> = [row, ''];
    let nodes = 0;
    while (stack.length > 0 && nodes++ < MAX_NODES) {
      const key = stack.pop() as string;
      const v = stack.pop() as Json;
      const hit = this.check(key, v);
      if (hit !== undefined) (found ??= []).push(hit);
      if (v === null || typeof v !== 'object') continue;
      if (Array.isArray(v)) for (let i = v.length - 1; i >= 0; i--) stack.push(v[i], key);
      else {
        const keys = Object.keys(v);
        for (let i = keys.length - 1; i >= 0; i--) stack.push(v[keys[i]], keys[i]);
      }
    }
    return found ? found.join('\u0000') : undefined;
  }

  private check(key: string, v: Json): string | undefined {
    if (typeof v === 'string') {
      if (v.length <= MAX_ERROR_STRING && ERROR_RE.test(v)) return v;
      if (key === '') return undefined;
      const k = this.lowerKey(key);
      if (OUTCOME_KEYS.has(k) && v.length <= 40 && BAD_OUTCOME.test(v)) return `${key}=${v}`;
      if (HTTP_KEYS.has(k) && v.length === 3 && /^[45]\d\d$/.test(v)) return `${key}=${v}`;
      if (ERROR_KEYS.has(k) && v.length > 0) return `${key}=${v.slice(0, 80)}`;
      return undefined;
    }
    if (key === '' || v === null) return undefined;
    const k = this.lowerKey(key);
    if (typeof v === 'number') {
      // pino/bunyan numeric levels: 50 error, 60 fatal
      if (k === 'level' && (v === 50 || v === 60)) return `${key}=${v}`;
      if (HTTP_KEYS.has(k) && v >= 400 && v <= 599 && Number.isInteger(v)) return `${key}=${v}`;
      if (EXIT_KEYS.has(k) && v !== 0) return `${key}=${v}`;
      return undefined;
    }
    if (typeof v === 'boolean') {
      return (v === false && GOOD_FLAGS.has(k)) || (v === true && BAD_FLAGS.has(k)) ? `${key}=${v}` : undefined;
    }
    if (ERROR_KEYS.has(k) && (Array.isArray(v) ? v.length > 0 : Object.keys(v).length > 0)) return key;
    return undefined;
  }

  private lowerKey(key: string): string {
    let k = this.lower.get(key);
    if (k === undefined) {
      k = key.length <= 24 ? key.toLowerCase() : '';
      if (this.lower.size < 10000) this.lower.set(key, k);
    }
    return k;
  }
}
