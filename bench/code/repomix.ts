import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCommand } from '../real/run-command.js';

/** repomix 1.14.x (the last line that runs on Node 20) lives in a temp folder, never in the project's node_modules. */
export const REPOMIX_VERSION = '1.14';
const DIR = process.env.HEADROOM_REPOMIX_DIR ?? join(tmpdir(), 'headroom-bench-repomix');
const BIN = join(DIR, 'node_modules', '.bin', 'repomix');

export type RepomixOutcome = { ok: true; version: string; files: Map<string, string> } | { ok: false; note: string };

/** Installs repomix into the temp folder when it is not there yet (needs the npm registry once). */
function ensureRepomix(): { ok: true; version: string } | { ok: false; note: string } {
  if (!existsSync(BIN)) {
    mkdirSync(DIR, { recursive: true });
    if (!existsSync(join(DIR, 'package.json'))) writeFileSync(join(DIR, 'package.json'), '{"private":true}\n');
    const r = runCommand('npm', ['install', '--no-audit', '--no-fund', `repomix@${REPOMIX_VERSION}`], {
      cwd: DIR,
      timeoutMs: 180_000,
    });
    if (!r.ok || r.status !== 0 || !existsSync(BIN))
      return {
        ok: false,
        note:
          `npm install repomix@${REPOMIX_VERSION} in ${DIR} failed: ` +
          `${(r.note ?? r.stderr).trim().split('\n').pop()}`,
      };
  }
  const v = runCommand(BIN, ['--version'], { cwd: DIR, timeoutMs: 30_000 });
  if (!v.ok || v.status !== 0) return { ok: false, note: `repomix --version failed: ${v.note ?? v.stderr.trim()}` };
  return { ok: true, version: v.stdout.trim() };
}

/**
 * `repomix --compress` over the given files (written under their base names into one temp folder, one run), split back
 * into one compressed text per file: what repomix would hand a model for that file.
 */
export function repomixCompress(files: { name: string; text: string }[]): RepomixOutcome {
  const ready = ensureRepomix();
  if (!ready.ok) return ready;
  const work = join(tmpdir(), 'headroom-bench-repomix-in');
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  for (const f of files) writeFileSync(join(work, f.name), f.text);
  const r = runCommand(
    BIN,
    [
      '--compress',
      '--style',
      'plain',
      '--no-file-summary',
      '--no-directory-structure',
      '--stdout',
      '--no-security-check',
      '.',
    ],
    { cwd: work, timeoutMs: 120_000 },
  );
  if (!r.ok || r.status !== 0) return { ok: false, note: `repomix failed: ${r.note ?? r.stderr.trim().slice(0, 200)}` };
  const out = new Map<string, string>();
  const sep = /^={16}\nFile: (.+)\n={16}\n/gm;
  const heads = [...r.stdout.matchAll(sep)];
  heads.forEach((m, i) => {
    const start = m.index! + m[0].length;
    const end = i + 1 < heads.length ? heads[i + 1].index! : r.stdout.length;
    out.set(m[1], r.stdout.slice(start, end).replace(/\n+$/, '\n'));
  });
  return { ok: true, version: ready.version, files: out };
}
