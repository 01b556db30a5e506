import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { initCodeCompressor } from '../../../core/compressors/code/index.js';
import type { CompressContext } from '../../../core/types.js';
import { contentId } from '../../../core/util/hash.js';
import { queryTerms } from '../../../core/util/query.js';

export const ROOT = join(__dirname, '..', '..', '..');
export const GRAMMARS_DIR = join(ROOT, 'syntaxes');

/** Copies the grammar wasm files from node_modules into GRAMMARS_DIR (what the build does). */
export function copyGrammars(): void {
  const copy = spawnSync(process.execPath, [join(ROOT, 'scripts', 'copy-grammars.mjs')], { encoding: 'utf8' });
  assert.equal(copy.status, 0, copy.stderr);
}

/** Copies the grammar wasm files, then loads every language once into the default registry. */
export async function initAllLanguages(): Promise<void> {
  copyGrammars();
  const report = await initCodeCompressor({ grammarsDir: GRAMMARS_DIR });
  assert.deepEqual(report.failed, []);
}

/** Real source files (see test/fixtures/code/SOURCES.md). */
export const fixture = (name: string): string => readFileSync(join(ROOT, 'test', 'fixtures', 'code', name), 'utf8');

export interface Ctx {
  ctx: CompressContext;
  stash: Map<string, string>;
}

/** A compress context like the pipeline's: the stash is a visible map of real content ids. */
export function stashCtx(query = '', fileName?: string, language?: string): Ctx {
  const stash = new Map<string, string>();
  const ctx: CompressContext = {
    query,
    queryTerms: queryTerms(query),
    fileName,
    language,
    stash(content) {
      const id = contentId(content);
      stash.set(id, content);
      return id;
    },
  };
  return { ctx, stash };
}

/** One marker line of the code compressor: its lead (indent + comment token), count, what, file, range and id. */
export const MARKER_LINE_RE = new RegExp(
  /^(?<lead>.*?)\[… (?<count>\d+) lines omitted: (?<what>body of .+?|comment) /.source +
    /\((?:(?<file>\S.*) )?L(?<from>\d+)–(?<to>\d+)\) · retrieve (?<id>hr_[0-9a-f]{16})\]\r?$/.source,
);

export interface MarkerLine {
  index: number;
  lead: string;
  count: number;
  what: string;
  file?: string;
  from: number;
  to: number;
  id: string;
}

export function markerLines(output: string): MarkerLine[] {
  const out: MarkerLine[] = [];
  output.split('\n').forEach((line, index) => {
    const g = MARKER_LINE_RE.exec(line)?.groups;
    if (g)
      out.push({
        index,
        lead: g.lead,
        count: Number(g.count),
        what: g.what,
        file: g.file,
        from: Number(g.from),
        to: Number(g.to),
        id: g.id,
      });
  });
  return out;
}

/** Puts every stashed run back in place of its marker line: must give back the input byte for byte. */
export function restore(output: string, stash: ReadonlyMap<string, string>): string {
  return output
    .split('\n')
    .map((line) => {
      const id = MARKER_LINE_RE.exec(line)?.groups?.id;
      if (!id) return line;
      const content = stash.get(id);
      assert.ok(content !== undefined, `marker id ${id} was never stashed`);
      return content;
    })
    .join('\n');
}
