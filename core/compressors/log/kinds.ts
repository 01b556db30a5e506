/**
 * Kinds of line, one level above templates. Templates that differ only in a bracketed worker column are one kind:
 * Spring pads `[nio-8080-exec-7]` and cuts `[io-8080-exec-37]` to one width, so one log statement prints under two
 * templates, and counting them apart would keep twice the copies it should. A kind is an
 * event when its lines start with a timestamp: its repeats are the same thing happening again.
 */
import type { Templates } from './templates.js';

/** The placeholder of a timestamp field in a template key, and how far into a line an event's timestamp may start. */
const TS_FIELD = '\u0001T';
const EVENT_TS_WITHIN = 40;
/** A bracketed column holding a field (`[nio-8080-exec-7]`, `[worker 3]`): a thread or worker name. */
const WORKER_COLUMN_RE = /\[[^\]\u0001]{0,40}\u0001[^\]]{0,40}\]/g;

export interface Kinds {
  /** Kind of each template id. */
  of: Int32Array;
  /** 1 when the kind's lines are timestamped events. */
  event: Uint8Array;
  /** Lines of each kind. */
  count: Int32Array;
  /** First line of each kind. */
  first: Int32Array;
}

export function lineKinds(t: Templates): Kinds {
  const of = new Int32Array(t.keys.length);
  const byKey = new Map<string, number>();
  const event: number[] = [];
  const count: number[] = [];
  const first: number[] = [];
  for (let id = 0; id < t.keys.length; id++) {
    const key = t.keys[id];
    const at = key.indexOf(TS_FIELD);
    const isEvent = at !== -1 && at <= EVENT_TS_WITHIN;
    // the column's field count stays in the kind, so every template of a kind numbers its fields alike
    const kindKey =
      isEvent && key.includes('[') ? key.replace(WORKER_COLUMN_RE, (col) => `[…${fieldCount(col)}]`) : key;
    let k = byKey.get(kindKey);
    if (k === undefined) {
      k = event.length;
      byKey.set(kindKey, k);
      event.push(isEvent ? 1 : 0);
      count.push(0);
      first.push(t.first[id]);
    }
    of[id] = k;
    count[k] += t.counts[id];
    if (t.first[id] < first[k]) first[k] = t.first[id];
  }
  return { of, event: Uint8Array.from(event), count: Int32Array.from(count), first: Int32Array.from(first) };
}

function fieldCount(column: string): number {
  let n = 0;
  for (let i = column.indexOf('\u0001'); i !== -1; i = column.indexOf('\u0001', i + 1)) n++;
  return n;
}
