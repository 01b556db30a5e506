import { readFile } from 'node:fs/promises';
import type { SqlValue } from 'sql.js';
import type { CcrRecord } from '../types.js';
import { decodeFile, fileNameOf, type OriginalFiles } from './original-files.js';
import { LOCAL_TAG, scopeTag, type Scope } from './scope.js';
import { DamagedRecordError, matchesId } from './verify-content.js';
import { row, rows } from './store-db.js';
import type { Statements } from './store-statements.js';

/** A write in flight: its text (served to readers meanwhile) and when it is durable. */
interface Pending {
  content: string;
  done: Promise<void>;
}

export interface OriginalsDeps {
  st: Statements;
  files: OriginalFiles;
  now: () => number;
  ttlMs: number;
  /** A row was added or removed (the store schedules a save). */
  changed: () => void;
  /** A read refreshed an access time (applied in batches by the store). */
  touched: (name: string, tag: string) => void;
  /** A memo hit refreshed every copy of `name`, whichever scopes hold one (applied in batches by the store). */
  touchedName: (name: string) => void;
  /** Access time a pending touch holds for (name, tag), if any (its own or one of every copy of `name`). */
  touchedAt: (name: string, tag: string) => number | undefined;
}

const key = (tag: string, name: string) => `${tag}/${name}`;
/** Index rows remembered as present (`indexed`); the set starts over beyond this. */
const INDEXED_MAX = 20_000;
/** Files indexed per turn of the event loop when reconciling. */
const RECONCILE_SLICE = 500;

/**
 * The CCR originals: text in files (original-files.ts), an index in the database (`orig`: name, scope tag, id, bytes,
 * access time) for TTL, the size cap and scope checks. The files are the truth: a file a killed process wrote
 * before it could save its index is found on read (and indexed), and indexed on the next open (reconcile).
 *
 * Writes for one (scope, name) run one after another (`chain`), so a sweep's delete can never land after a newer
 * write of the same file.
 */
export class Originals {
  private readonly pending = new Map<string, Pending>();
  private readonly chains = new Map<string, Promise<unknown>>();
  /** Files the sweep deleted from the index whose unlink has not run yet: gone for every reader already. */
  private readonly removing = new Set<string>();
  /**
   * (tag, name) pairs known to have an index row: share() of a memo hit (every earlier tool result of every request)
   * skips the database lookup for them. Only rows are remembered, never files: the file's existence is checked on
   * every share, since another process's sweep may have deleted it. Cleared whenever a row may have gone.
   */
  private readonly indexed = new Set<string>();

  constructor(private readonly d: OriginalsDeps) {}

  /** Stores records under `scope`; resolves once every file is on disk and fsynced. */
  async put(records: readonly CcrRecord[], scope: Scope | undefined): Promise<void> {
    const tag = scopeTag(scope);
    await Promise.all(records.map((r) => this.putOne(tag, r.id, r.content)));
  }

  /**
   * Makes originals named in an outgoing request readable in `scope` and durable: waits for writes in flight, and
   * copies into this scope an original another scope holds (the request carries the text that original came from,
   * or a piece of it, so its sender may read it). Throws when an id is stored nowhere: its marker could not be
   * redeemed, and the caller sends the client's own text instead.
   */
  async share(ids: readonly string[], scope: Scope | undefined): Promise<void> {
    const tag = scopeTag(scope);
    await Promise.all(
      ids.map(async (id) => {
        const name = fileNameOf(id);
        const mine = this.pending.get(key(tag, name));
        if (mine) return mine.done;
        if (!this.removing.has(key(tag, name)) && this.hasRow(name, tag) && this.d.files.exists(tag, name)) {
          return this.touch(name, tag);
        }
        const content = await this.readAnywhere(id, name);
        if (content === undefined) throw new Error(`the original "${id}" a memoized unit names is no longer stored`);
        await this.putOne(tag, id, content);
      }),
    );
  }

  /**
   * The original under `id` readable in `scope` (undefined: the owner, every scope), or undefined. Throws
   * DamagedRecordError (and deletes the file) when a file's text no longer hashes to its id.
   */
  get(id: string, scope: Scope | undefined, owner: boolean): string | undefined {
    const name = fileNameOf(id);
    const tags = owner ? this.tagsOf(name) : [scopeTag(scope)];
    for (const tag of tags) {
      const p = this.pending.get(key(tag, name));
      if (p) return p.content;
      if (this.removing.has(key(tag, name))) continue;
      const r = row(this.d.st.origGet, [name, tag]);
      if (r && this.expired(r[0], name, tag)) continue;
      const file = this.d.files.read(tag, name);
      if (file === undefined) {
        if (r) this.drop(name, tag);
        continue;
      }
      // a file no index knows (its writer was killed before saving): its mtime is its last access
      if (!r && this.expired(file.mtimeMs, name, tag)) {
        this.removeFiles([{ name, tag }]);
        continue;
      }
      const content = file.content;
      if (content === null || !matchesId(id, content)) {
        const path = this.d.files.path(tag, name);
        this.drop(name, tag);
        this.d.files.removeSync(tag, name);
        throw new DamagedRecordError(id, path);
      }
      // a file a killed process wrote and never indexed: index it now
      if (!r) this.index(name, tag, id, Buffer.byteLength(content) + 1);
      else this.touch(name, tag);
      return content;
    }
    return undefined;
  }

  /** True when some scope holds `id` unexpired (memo entries naming dead ids are not used). */
  alive(id: string): boolean {
    const name = fileNameOf(id);
    for (const p of this.pending.keys()) if (p.endsWith('/' + name)) return true;
    const r = row(this.d.st.origAliveTag, [id]);
    if (!r) return false;
    const tag = String(r[0]);
    const acc = row(this.d.st.origGet, [name, tag]);
    return (
      acc !== undefined &&
      !this.removing.has(key(tag, name)) &&
      !this.expired(acc[0], name, tag) &&
      this.d.files.exists(tag, name)
    );
  }

  /**
   * Refreshes every stored copy of `id` (a memo hit keeps the originals its markers name alive). Which scopes hold a
   * copy is resolved when the touches are applied (one UPDATE by name), not here on the request's path.
   */
  touchId(id: string): void {
    this.d.touchedName(fileNameOf(id));
  }

  /** Forgets which rows exist (after a sweep, a merge or anything else that may delete index rows in bulk). */
  forgetIndexed(): void {
    this.indexed.clear();
  }

  /** Deletes the files of rows the sweep removed (after its transaction). */
  removeFiles(victims: readonly { name: string; tag: string }[]): void {
    for (const { name, tag } of victims) {
      const k = key(tag, name);
      this.indexed.delete(k);
      this.removing.add(k);
      void this.chain(k, async () => {
        // a put queued after this delete re-adds the file; only the delete's own mark is cleared here
        if (this.removing.delete(k)) await this.d.files.remove(tag, name);
      });
    }
  }

  /** Resolves when every write and delete started so far has finished. */
  async idle(): Promise<void> {
    while (this.chains.size) await Promise.allSettled([...this.chains.values()]);
  }

  /**
   * Indexes files on disk the index lacks (written by a process killed before it saved) and forgets rows whose file
   * is gone (deleted by another process). Runs in the background after open.
   */
  async reconcile(tempOldMs: number): Promise<number> {
    const found = await this.d.files.scan(tempOldMs, this.d.now());
    const onDisk = new Set(found.map((f) => key(f.tag, f.name)));
    let changes = 0;
    let n = 0;
    // in slices, the event loop free in between: a store of 100,000 files never stalls the proxy at open
    const breathe = async () => {
      if (++n % RECONCILE_SLICE === 0) await new Promise((r) => setImmediate(r));
    };
    for (const f of found) {
      await breathe();
      if (row(this.d.st.origGet, [f.name, f.tag]) || this.pending.has(key(f.tag, f.name))) continue;
      this.d.st.origPut.run([f.name, f.tag, f.name, f.bytes, Math.round(f.mtimeMs)]);
      changes++;
    }
    for (const [name, tag] of rows(this.d.st.origLru, [])) {
      await breathe();
      const k = key(String(tag), String(name));
      if (
        !onDisk.has(k) &&
        !this.pending.has(k) &&
        !this.chains.has(k) &&
        !this.d.files.exists(String(tag), String(name))
      ) {
        this.d.st.origDel.run([name, tag]);
        this.indexed.delete(k);
        changes++;
      }
    }
    if (changes) this.d.changed();
    return changes;
  }

  private putOne(tag: string, id: string, content: string): Promise<void> {
    const name = fileNameOf(id);
    const k = key(tag, name);
    const inFlight = this.pending.get(k);
    if (inFlight) return inFlight.done;
    if (!this.removing.has(k) && this.hasRow(name, tag) && this.d.files.exists(tag, name)) {
      this.touch(name, tag);
      return Promise.resolve();
    }
    this.removing.delete(k); // the queued delete becomes a no-op: this write wins
    const at = this.d.now(); // the put's time is its access time, however long the disk takes
    const done = this.chain(k, async () => {
      try {
        const bytes = await this.d.files.write(tag, name, content);
        this.index(name, tag, id, bytes, at);
      } finally {
        this.pending.delete(k);
      }
    });
    this.pending.set(k, { content, done });
    return done;
  }

  private async readAnywhere(id: string, name: string): Promise<string | undefined> {
    for (const [k, p] of this.pending) if (k.endsWith('/' + name)) return p.content;
    for (const tag of this.tagsOf(name)) {
      if (this.removing.has(key(tag, name))) continue;
      let bytes: Buffer;
      try {
        bytes = await readFile(this.d.files.path(tag, name));
      } catch {
        continue;
      }
      const content = decodeFile(bytes);
      if (content !== undefined && matchesId(id, content)) return content;
    }
    return undefined;
  }

  /** Tags holding `name`: indexed ones first (newest access first), then folders on disk the index does not know. */
  private tagsOf(name: string): string[] {
    const indexed = rows(this.d.st.origTags, [name]).map(([t]) => String(t));
    const seen = new Set(indexed);
    for (const k of this.pending.keys()) if (k.endsWith('/' + name)) seen.add(k.slice(0, k.indexOf('/')));
    const out = [...seen].filter((t) => this.pending.has(key(t, name)) || !this.removing.has(key(t, name)));
    for (const tag of this.d.files.tagsSync()) if (!seen.has(tag) && this.d.files.exists(tag, name)) out.push(tag);
    if (!seen.has(LOCAL_TAG) && !out.includes(LOCAL_TAG)) out.push(LOCAL_TAG);
    return out;
  }

  private index(name: string, tag: string, id: string, bytes: number, at = this.d.now()): void {
    this.d.st.origPut.run([name, tag, id, bytes, at]);
    this.indexed.add(key(tag, name));
    this.d.changed();
  }

  /** The index has a row for (name, tag). */
  private hasRow(name: string, tag: string): boolean {
    const k = key(tag, name);
    if (this.indexed.has(k)) return true;
    if (!row(this.d.st.origGet, [name, tag])) return false;
    if (this.indexed.size >= INDEXED_MAX) this.indexed.clear();
    this.indexed.add(k);
    return true;
  }

  private touch(name: string, tag: string): void {
    this.d.touched(name, tag);
  }

  private drop(name: string, tag: string): void {
    this.d.st.origDel.run([name, tag]);
    this.indexed.delete(key(tag, name));
    this.d.changed();
  }

  private expired(accessed: SqlValue, name: string, tag: string): boolean {
    return this.d.now() - Math.max(Number(accessed), this.d.touchedAt(name, tag) ?? 0) > this.d.ttlMs;
  }

  private chain<T>(k: string, fn: () => Promise<T>): Promise<T> {
    const prev = this.chains.get(k) ?? Promise.resolve();
    const next = prev.then(fn, fn);
    const settled = next.then(
      () => undefined,
      () => undefined,
    );
    this.chains.set(k, settled);
    void settled.then(() => {
      if (this.chains.get(k) === settled) this.chains.delete(k);
    });
    return next;
  }
}
