import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../../core/ccr/store.js';
import { contentId } from '../../core/util/hash.js';
import { scopeTag } from '../../core/ccr/scope.js';
import type { CcrStore, StoreOptions } from '../../core/ccr/store-types.js';

/** A fresh, not yet existing HEADROOM_HOME-like folder (the store must create it). */
export function freshDir(): string {
  return join(mkdtempSync(join(tmpdir(), 'headroom-store-')), 'home');
}

/** A clock the test moves by hand. */
export function manualClock(start = 1_700_000_000_000): { now: () => number; advance(ms: number): void } {
  let t = start;
  return { now: () => t, advance: (ms) => void (t += ms) };
}

export function open(dir: string, extra: Partial<StoreOptions> = {}): Promise<CcrStore> {
  return openStore({ dir, ...extra });
}

/** Runs `fn` with stderr captured; returns what was written there. */
export async function captureStderr(fn: () => Promise<void>): Promise<string> {
  const original = process.stderr.write.bind(process.stderr);
  let text = '';
  process.stderr.write = ((chunk: string | Uint8Array): boolean => {
    text += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
    return true;
  }) as typeof process.stderr.write;
  try {
    await fn();
  } finally {
    process.stderr.write = original;
  }
  return text;
}

export const DAY = 86_400_000;

/**
 * Alters the bytes of every occurrence of `needle` inside a saved store file, in place and keeping its length
 * (SQLite may leave stale copies of a cell in free space; the live one must be among those altered). SQLite has no
 * content checksums, so the file stays a sound database (quick_check passes) with altered text. ASCII letters only
 * change case, so the text stays valid UTF-8. Returns the number of occurrences; throws when there is none.
 */
export function damageInFile(file: string, needle: string): number {
  const bytes = readFileSync(file);
  const pattern = Buffer.from(needle, 'utf8');
  let n = 0;
  for (let at = bytes.indexOf(pattern); at >= 0; at = bytes.indexOf(pattern, at + pattern.length), n++) {
    for (let i = at; i < at + pattern.length; i++) bytes[i] ^= 0x20;
  }
  if (n === 0) throw new Error(`"${needle}" is not in ${file}`);
  writeFileSync(file, bytes);
  return n;
}

/** The file holding original `id` under `scope` (core/ccr/original-files.ts layout). */
export function originalFile(dir: string, id: string, scope?: string): string {
  return join(dir, 'originals', scopeTag(scope), id);
}

/**
 * A store in `dir` holding `content` under its content id (in `scope`), saved, then altered on disk (64 bytes from
 * the middle of the text flipped). Returns the id and the altered text a faulty read would return.
 */
export async function seedDamagedRecord(
  dir: string,
  content: string,
  scope?: string,
): Promise<{ id: string; altered: string }> {
  const s = await openStore({ dir });
  const id = contentId(content);
  await s.put([{ id, content }], scope);
  await s.close();
  const mid = content.length >> 1;
  const needle = content.slice(mid, mid + 64);
  damageInFile(originalFile(dir, id, scope), needle);
  return { id, altered: content.slice(0, mid) + flipCase(needle) + content.slice(mid + 64) };
}

const flipCase = (s: string): string => s.replace(/[a-zA-Z]/g, (c) => String.fromCharCode(c.charCodeAt(0) ^ 0x20));
