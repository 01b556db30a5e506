/**
 * What "byte-identical" means for the compressor speed work: one sha256 per case over everything compress() returns
 * that anyone downstream sees — kind, whether it compressed, the reason, the output text, the original's id, the
 * marker ids and every CCR record (id and exact content). `npm run golden:speed` style regeneration lives in
 * `write-golden.ts`; test/compressors/byte-identical.test.ts compares against the stored file.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { compress } from '../../core/compress.js';
import { initCodeCompressor } from '../../core/compressors/code/index.js';
import type { CompressResult } from '../../core/types.js';
import type { SpeedCase } from './cases.js';

export const GOLDEN_FILE = join(__dirname, 'golden.json');
export const GRAMMARS_DIR = join(__dirname, '..', '..', 'syntaxes');

/**
 * Copies the grammar wasm files into syntaxes/grammars (generated, not committed: scripts/copy-grammars.mjs, as the
 * build and the code compressor's tests do) and loads every language, so code cases take the parser path whatever
 * ran before. Throws when a grammar cannot load: the code cases' hashes would silently be pass-throughs.
 */
export async function initGrammars(): Promise<void> {
  const copy = spawnSync(process.execPath, [join(__dirname, '..', '..', 'scripts', 'copy-grammars.mjs')], {
    encoding: 'utf8',
  });
  if (copy.status !== 0) throw new Error(`copy-grammars failed: ${copy.stderr}`);
  const report = await initCodeCompressor({ grammarsDir: GRAMMARS_DIR });
  if (report.failed.length) throw new Error(`grammars failed to load: ${JSON.stringify(report.failed)}`);
}

export function resultHash(r: CompressResult): string {
  const h = createHash('sha256');
  const field = (s: string): void => void h.update(`${s.length}:`).update(s).update('\0');
  field(r.kind);
  field(String(r.compressed));
  field(r.reason ?? '');
  field(r.output);
  field(r.originalId ?? '');
  field(r.ccr.join(','));
  for (const rec of r.records) {
    field(rec.id);
    field(rec.content);
  }
  return h.digest('hex');
}

export function caseHash(c: SpeedCase): string {
  return resultHash(compress(c.text, { query: c.query, fileName: c.fileName }));
}
