/**
 * The code compressor's benchmark: real source files in 12 languages, a structure question and a behaviour question
 * per file, tokens before/after and facts kept, side by side with `repomix --compress` (signatures only); then speed
 * on 5,000-line files including the parse. `npx tsx bench/code/run.ts` prints markdown; bench/run.ts can call
 * `runCodeBench()` and print `markdown` itself.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compress } from '../../core/compress.js';
import { initCodeCompressor } from '../../core/compressors/code/index.js';
import { countTokens } from '../../core/util/tokens.js';
import { missingFacts } from '../lib/facts.js';
import { markdownTable } from '../lib/table.js';
import { CODE_CASES, type CodeCase } from './cases.js';
import { repomixCompress } from './repomix.js';
import { measureSpeed } from './speed.js';

const ROOT = join(__dirname, '..', '..');
const TARGET_MB_PER_SEC = 2;

export interface CodeRow {
  file: string;
  language: string;
  type: 'structure' | 'behaviour';
  question: string;
  tokensBefore: number;
  tokensAfter: number;
  factsTotal: number;
  factsKept: number;
  lostFacts: string[];
  repomixTokens?: number;
  repomixFactsKept?: number;
  compressMs: number;
  deterministic: boolean;
}

export interface CodeSpeedRow {
  file: string;
  lines: number;
  bytes: number;
  /** Median CPU and wall milliseconds of compressCode (parse + queries + render). */
  cpuMs: number;
  wallMs: number;
  mbPerSec: number;
  note?: string;
}

export interface CodeBenchResult {
  initMs: number;
  rows: CodeRow[];
  repomix: { ran: boolean; note: string };
  speed: CodeSpeedRow[];
  targetMbPerSec: number;
  markdown: string;
}

/** Reduction as `−52%`, growth as `+4%`. */
const pct = (before: number, after: number): string => {
  const r = Math.round(100 * (1 - after / before));
  return r >= 0 ? `−${r}%` : `+${-r}%`;
};
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[xs.length >> 1];
const baseName = (p: string): string => p.split('/').pop()!;

function measure(c: CodeCase, type: 'structure' | 'behaviour', text: string, repomix?: string): CodeRow {
  const q = c[type];
  const t0 = performance.now();
  const r = compress(text, { query: q.question, fileName: c.fileName });
  const compressMs = performance.now() - t0;
  const again = compress(text, { query: q.question, fileName: c.fileName });
  const lost = missingFacts(r.output, q.facts).map(String);
  const missingInInput = missingFacts(text, q.facts);
  if (missingInInput.length) throw new Error(`${c.fixture}: facts not in the file: ${missingInInput.join(' | ')}`);
  return {
    file: c.fileName,
    language: c.language,
    type,
    question: q.question,
    tokensBefore: countTokens(text),
    tokensAfter: countTokens(r.output),
    factsTotal: q.facts.length,
    factsKept: q.facts.length - lost.length,
    lostFacts: lost,
    repomixTokens: repomix === undefined ? undefined : countTokens(repomix),
    repomixFactsKept: repomix === undefined ? undefined : q.facts.length - missingFacts(repomix, q.facts).length,
    compressMs,
    deterministic: again.output === r.output,
  };
}

/** 5,000-line real files: compressCode timed in a clean child process (see speed.ts), median CPU time of 9 runs. */
function speedRows(): CodeSpeedRow[] {
  const rows: CodeSpeedRow[] = [];
  const inputs: { label: string; language: string; text: string }[] = [];
  const gitApi = join(ROOT, 'node_modules', 'azure-devops-node-api', 'GitApi.js');
  if (existsSync(gitApi))
    inputs.push({
      label: 'azure-devops-node-api/GitApi.js',
      language: 'javascript',
      text: readFileSync(gitApi, 'utf8'),
    });
  const decimal = '/usr/lib/python3.11/_pydecimal.py';
  if (existsSync(decimal))
    inputs.push({
      label: 'python3.11/_pydecimal.py (first 5,000 lines)',
      language: 'python',
      text: readFileSync(decimal, 'utf8').split('\n').slice(0, 5000).join('\n'),
    });
  const ts = ['GptEncoding.ts.txt'].map((f) => readFileSync(join(ROOT, 'test', 'fixtures', 'code', f), 'utf8'));
  inputs.push({
    label: 'GptEncoding.ts ×7 (one 5,000-line TypeScript file)',
    language: 'typescript',
    text: Array(7).fill(ts[0]).join('\n'),
  });
  for (const s of inputs) {
    const m = measureSpeed('-', s.language, join(ROOT, 'syntaxes'), s.text);
    if ('error' in m) {
      rows.push({
        file: s.label,
        lines: s.text.split('\n').length,
        bytes: Buffer.byteLength(s.text),
        cpuMs: NaN,
        wallMs: NaN,
        mbPerSec: NaN,
        note: m.error,
      });
      continue;
    }
    const cpu = median(m.cpuMs);
    rows.push({
      file: s.label,
      lines: s.text.split('\n').length,
      bytes: Buffer.byteLength(s.text),
      cpuMs: cpu,
      wallMs: median(m.wallMs),
      mbPerSec: s.text.length / 1e6 / (cpu / 1000),
    });
  }
  return rows;
}

export async function runCodeBench(): Promise<CodeBenchResult> {
  const copy = spawnSync(process.execPath, [join(ROOT, 'scripts', 'copy-grammars.mjs')], { encoding: 'utf8' });
  if (copy.status !== 0) throw new Error(`copy-grammars failed: ${copy.stderr}`);
  const t0 = performance.now();
  const init = await initCodeCompressor({ grammarsDir: join(ROOT, 'syntaxes') });
  const initMs = performance.now() - t0;
  if (init.failed.length) throw new Error(`grammars failed to load: ${JSON.stringify(init.failed)}`);

  const texts = CODE_CASES.map((c) => ({
    c,
    text: readFileSync(join(ROOT, 'test', 'fixtures', 'code', c.fixture), 'utf8'),
  }));
  const rm = repomixCompress(texts.map(({ c, text }) => ({ name: baseName(c.fileName), text })));
  const rows: CodeRow[] = [];
  for (const { c, text } of texts) {
    const repo = rm.ok ? (rm.files.get(baseName(c.fileName)) ?? '') : undefined;
    rows.push(measure(c, 'structure', text, repo), measure(c, 'behaviour', text, repo));
  }
  const speed = speedRows();
  const repomix = rm.ok ? { ran: true, note: `repomix ${rm.version} --compress` } : { ran: false, note: rm.note };
  const result: CodeBenchResult = { initMs, rows, repomix, speed, targetMbPerSec: TARGET_MB_PER_SEC, markdown: '' };
  result.markdown = report(result);
  return result;
}

function report(r: CodeBenchResult): string {
  const lines: string[] = [];
  const sum = (rows: CodeRow[], f: (x: CodeRow) => number): number => rows.reduce((a, x) => a + f(x), 0);
  lines.push(
    `Grammars for 13 languages loaded once in ${r.initMs.toFixed(0)} ms. Side by side: ` +
      `${r.repomix.ran ? r.repomix.note : `repomix skipped (${r.repomix.note})`}.`,
    '',
  );
  lines.push(
    markdownTable(
      ['File', 'Lang', 'Question', 'Tokens', 'Headroom', 'Facts', 'repomix', 'Facts (repomix)', 'ms'],
      r.rows.map((x) => [
        x.file.split('/').slice(-2).join('/'),
        x.language,
        x.type,
        String(x.tokensBefore),
        `${x.tokensAfter} (${pct(x.tokensBefore, x.tokensAfter)})`,
        `${x.factsKept}/${x.factsTotal}`,
        x.repomixTokens === undefined ? '—' : `${x.repomixTokens} (${pct(x.tokensBefore, x.repomixTokens)})`,
        x.repomixFactsKept === undefined ? '—' : `${x.repomixFactsKept}/${x.factsTotal}`,
        x.compressMs.toFixed(0),
      ]),
      [3, 4, 5, 6, 7, 8],
    ),
    '',
  );
  for (const type of ['structure', 'behaviour'] as const) {
    const rows = r.rows.filter((x) => x.type === type);
    const before = sum(rows, (x) => x.tokensBefore);
    const ours = sum(rows, (x) => x.tokensAfter);
    const facts = sum(rows, (x) => x.factsTotal);
    const repo = r.repomix.ran
      ? ` · repomix ${pct(
          before,
          sum(rows, (x) => x.repomixTokens ?? 0),
        )}, facts ${sum(rows, (x) => x.repomixFactsKept ?? 0)}/${facts}`
      : '';
    lines.push(
      `- **${type}** questions: Headroom ${pct(before, ours)} (${before} → ${ours} tokens), facts ` +
        `${sum(rows, (x) => x.factsKept)}/${facts}${repo}`,
    );
  }
  const lost = r.rows.filter((x) => x.lostFacts.length);
  for (const x of lost) lines.push(`- lost (${x.file}, ${x.type}): ${x.lostFacts.map((f) => `\`${f}\``).join(', ')}`);
  lines.push(
    `- compress() twice → same bytes: ${
      r.rows.every((x) => x.deterministic)
        ? 'yes, every row'
        : 'NO for ' +
          r.rows
            .filter((x) => !x.deterministic)
            .map((x) => x.file)
            .join(', ')
    }`,
    '',
  );
  lines.push(
    markdownTable(
      [
        'Speed: file',
        'Lines',
        'KB',
        'CPU ms (median of 9, incl. parse)',
        'wall ms',
        'MB/s (CPU)',
        `≥ ${r.targetMbPerSec} MB/s`,
      ],
      r.speed.map((s) => [
        s.file,
        String(s.lines),
        (s.bytes / 1024).toFixed(0),
        s.note ? s.note : s.cpuMs.toFixed(1),
        s.wallMs.toFixed(0),
        s.mbPerSec.toFixed(1),
        s.mbPerSec >= r.targetMbPerSec ? 'yes' : 'NO',
      ]),
      [1, 2, 3, 4, 5],
    ),
  );
  return lines.join('\n');
}

if (require.main === module) {
  runCodeBench()
    .then((r) => process.stdout.write('## Code (tree-sitter)\n\n' + r.markdown + '\n'))
    .catch((err: unknown) => {
      process.stderr.write(`code bench failed: ${(err as Error)?.stack ?? String(err)}\n`);
      process.exit(1);
    });
}
