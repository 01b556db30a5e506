import { closeSync, existsSync, fstatSync, mkdirSync, openSync, readdirSync, readFileSync, unlinkSync } from 'node:fs';
import { mkdir, open, readdir, rename, rmdir, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { sha256Hex } from '../util/hash.js';
import { CoalescedDirSync } from '../util/coalesced-dir-sync.js';

/**
 * Originals on disk, one file per (scope, id): `<dir>/originals/<scope tag>/<file name of id>`.
 *
 * A write goes to `<name>.tmp-<pid>-<n>`, is fsynced, renamed into place, and the folder is fsynced (one folder fsync
 * shared by the renames that ask for it together: core/util/coalesced-dir-sync.ts), all through fs/promises (the
 * thread pool), so the event loop never waits on the disk. Once `write` resolves, the original
 * survives a kill -9 or a power cut: the proxy forwards a marker only after that (core/proxy/prepare-body.ts).
 * Deleting an original is deleting its file; nothing else holds its text.
 *
 * File format: one byte saying how the text is encoded (`T` = UTF-8, `U` = UTF-16LE code units, for strings with a
 * lone surrogate that have no UTF-8 form; see content-codec.ts), then the text.
 *
 * The scope tag is where the original may be read from (core/ccr/scope.ts): a proxy session or a workspace keeps its
 * own folder, so one folder never answers for another.
 */
export const ORIGINALS_DIR = 'originals';

const TEXT = 0x54; // 'T'
const UTF16 = 0x55; // 'U'
const SAFE_ID = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;

let tmpCounter = 0;

/** The bytes of one original file (encoding byte + text). */
export function encodeFile(content: string): Buffer {
  const text = content.isWellFormed();
  const body = Buffer.from(content, text ? 'utf8' : 'utf16le');
  const out = Buffer.allocUnsafe(body.length + 1);
  out[0] = text ? TEXT : UTF16;
  body.copy(out, 1);
  return out;
}

/** The text of an original file, or undefined when its first byte names no known encoding. */
export function decodeFile(bytes: Buffer): string | undefined {
  if (bytes.length === 0) return undefined;
  if (bytes[0] === TEXT) return bytes.toString('utf8', 1);
  if (bytes[0] === UTF16) return bytes.toString('utf16le', 1);
  return undefined;
}

/** Ids the engine makes (`hr_` + hex) are file names as they are; any other id is named by its hash. */
export function fileNameOf(id: string): string {
  return SAFE_ID.test(id) && !id.includes('.tmp-') ? id : `x-${sha256Hex(id).slice(0, 40)}`;
}

export class OriginalFiles {
  readonly root: string;
  private readonly made = new Set<string>();
  /** Renames into one folder at about the same time share its fsync (a request's pieces, a burst of requests). */
  private readonly dirSync = new CoalescedDirSync();

  constructor(storeDir: string) {
    this.root = join(storeDir, ORIGINALS_DIR);
    mkdirSync(this.root, { recursive: true, mode: 0o700 });
  }

  path(tag: string, id: string): string {
    return join(this.root, tag, fileNameOf(id));
  }

  /** Writes one original durably (temp, fsync, rename, fsync of the folder). Returns the bytes on disk. */
  async write(tag: string, id: string, content: string): Promise<number> {
    const folder = join(this.root, tag);
    if (!this.made.has(tag)) {
      await mkdir(folder, { recursive: true, mode: 0o700 });
      this.made.add(tag);
    }
    const target = join(folder, fileNameOf(id));
    const tmp = `${target}.tmp-${process.pid}-${tmpCounter++}`;
    const bytes = encodeFile(content);
    const fh = await open(tmp, 'w', 0o600).catch(async (e: NodeJS.ErrnoException) => {
      if (e.code !== 'ENOENT') throw e;
      // another process removed the (then empty) folder since we made it
      await mkdir(folder, { recursive: true, mode: 0o700 });
      return open(tmp, 'w', 0o600);
    });
    try {
      let off = 0;
      while (off < bytes.length) off += (await fh.write(bytes, off, bytes.length - off)).bytesWritten;
      await fh.sync();
    } catch (e) {
      await fh.close();
      await unlink(tmp).catch(() => undefined);
      throw e;
    }
    await fh.close();
    try {
      await rename(tmp, target);
    } catch (e) {
      await unlink(tmp).catch(() => undefined);
      throw e;
    }
    await this.dirSync.request(folder);
    return bytes.length;
  }

  /**
   * Reads one original: its text (null when the file does not decode) and mtime, or undefined when there is no such
   * file. Synchronous on purpose: one file, read when a marker is redeemed (a retrieve call, the CLI), not per request.
   */
  read(tag: string, id: string): { content: string | null; mtimeMs: number } | undefined {
    let fd: number;
    try {
      fd = openSync(this.path(tag, id), 'r');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw e;
    }
    try {
      const mtimeMs = fstatSync(fd).mtimeMs;
      return { content: decodeFile(readFileSync(fd)) ?? null, mtimeMs };
    } finally {
      closeSync(fd);
    }
  }

  async remove(tag: string, id: string): Promise<void> {
    await unlink(this.path(tag, id)).catch(() => undefined);
  }

  exists(tag: string, id: string): boolean {
    return existsSync(this.path(tag, id));
  }

  /** Removes one original's file (already gone is fine). */
  removeSync(tag: string, id: string): void {
    try {
      unlinkSync(this.path(tag, id));
    } catch {
      /* already gone */
    }
  }

  /** Scope tags that have a folder here. */
  tagsSync(): string[] {
    try {
      return readdirSync(this.root);
    } catch {
      return [];
    }
  }

  /**
   * Every original file on disk with its size and mtime (temp files of writers that crashed are removed when older
   * than `tempOldMs`). Used on open to index files a killed process wrote but never recorded.
   */
  async scan(tempOldMs: number, now: number): Promise<{ tag: string; name: string; bytes: number; mtimeMs: number }[]> {
    const out: { tag: string; name: string; bytes: number; mtimeMs: number }[] = [];
    for (const tag of await readdir(this.root).catch(() => [] as string[])) {
      const folder = join(this.root, tag);
      const names = await readdir(folder).catch(() => [] as string[]);
      // a scope whose originals are all gone leaves no folder behind (rmdir fails harmlessly if one was just added)
      if (names.length === 0) {
        await rmdir(folder).catch(() => undefined);
        this.made.delete(tag);
        continue;
      }
      for (const name of names) {
        const full = join(folder, name);
        const s = await stat(full).catch(() => undefined);
        if (!s?.isFile()) continue;
        if (name.includes('.tmp-')) {
          if (now - s.mtimeMs > tempOldMs) await unlink(full).catch(() => undefined);
          continue;
        }
        out.push({ tag, name, bytes: s.size, mtimeMs: s.mtimeMs });
      }
    }
    return out;
  }
}
