/**
 * The real-output corpus (`bench/corpus/cases/`, captured by `capture/*.ts` from real tools): every case compressed
 * with its question, reported per tool family and overall — total saving, median saving, facts kept, retrieval and
 * faithfulness — plus each case's row. `node --import tsx bench/corpus/run.ts [--json]`; also part of `npm run bench`.
 */
import { loadCorpus } from './load.js';
import { measureCase, type CaseResult } from './measure.js';
import { markdownTable } from '../lib/table.js';
import { int, median, ms, pct, reduction } from '../lib/stats.js';
import { join } from 'node:path';
import { initCodeCompressor } from '../../core/compressors/code/index.js';

export interface CorpusSummary {
  cases: number;
  tools: number;
  tokensBefore: number;
  tokensAfter: number;
  totalSaving: number;
  medianSaving: number;
  factsKept: number;
  factsTotal: number;
  unfaithful: number;
  unretrievable: number;
}

export function summarize(rows: readonly CaseResult[]): CorpusSummary {
  const before = rows.reduce((s, r) => s + r.tokensBefore, 0);
  const after = rows.reduce((s, r) => s + r.tokensAfter, 0);
  const factsTotal = rows.reduce((s, r) => s + r.factsTotal, 0);
  return {
    cases: rows.length,
    tools: new Set(rows.map((r) => r.tool)).size,
    tokensBefore: before,
    tokensAfter: after,
    totalSaving: reduction(before, after),
    medianSaving: median(rows.map((r) => reduction(r.tokensBefore, r.tokensAfter))),
    factsKept: factsTotal - rows.reduce((s, r) => s + r.lostFacts.length, 0),
    factsTotal,
    unfaithful: rows.filter((r) => r.unfaithful.length > 0).length,
    unretrievable: rows.filter((r) => !r.retrievable).length,
  };
}

export function corpusReport(rows: readonly CaseResult[]): string {
  const fam = new Map<string, CaseResult[]>();
  for (const r of rows) (fam.get(r.family) ?? fam.set(r.family, []).get(r.family)!).push(r);
  const line = (name: string, rs: readonly CaseResult[]): string[] => {
    const s = summarize(rs);
    return [name, String(s.cases), int(s.tokensBefore), int(s.tokensAfter), pct(s.totalSaving), pct(s.medianSaving), `${s.factsKept}/${s.factsTotal}`, ms(rs.reduce((a, r) => a + r.ms, 0))];
  };
  const famRows = [...fam.keys()].sort().map((f) => line(f, fam.get(f)!));
  famRows.push(line('**all**', rows));
  const out = [markdownTable(['family', 'cases', 'tokens before', 'after', 'total saving', 'median', 'facts kept', 'ms'], famRows, [1, 2, 3, 4, 5, 7])];
  out.push('');
  const caseRows = rows.map((r) => [r.id, r.kind, int(r.tokensBefore), int(r.tokensAfter), pct(reduction(r.tokensBefore, r.tokensAfter)), `${r.factsTotal - r.lostFacts.length}/${r.factsTotal}`, r.lostFacts.join('; ').slice(0, 80) || (r.compressed ? '' : (r.reason ?? '').slice(0, 80))]);
  out.push(markdownTable(['case', 'kind', 'before', 'after', 'saving', 'facts', 'lost facts / pass-through reason'], caseRows, [2, 3, 4]));
  const s = summarize(rows);
  out.push('');
  out.push(`${s.cases} outputs from ${s.tools} tools: total saving ${pct(s.totalSaving)}, median ${pct(s.medianSaving)}, facts ${s.factsKept}/${s.factsTotal}; unfaithful outputs ${s.unfaithful}, unretrievable ${s.unretrievable}.`);
  return out.join('\n');
}

/** Loads the tree-sitter grammars first, as the proxy and the CLI do, so source files meet the code compressor. */
export async function runCorpus(): Promise<CaseResult[]> {
  await initCodeCompressor({ grammarsDir: join(__dirname, '..', '..', 'syntaxes') });
  return loadCorpus().map(measureCase);
}

if (require.main === module) void main();

async function main(): Promise<void> {
  const rows = await runCorpus();
  if (process.argv.includes('--json')) process.stdout.write(JSON.stringify({ summary: summarize(rows), rows: rows.map(({ output: _o, ...r }) => r) }, null, 2) + '\n');
  else {
    process.stdout.write(corpusReport(rows) + '\n');
    for (const r of rows) for (const u of r.unfaithful.slice(0, 3)) process.stdout.write(`unfaithful ${r.id}: ${u.slice(0, 160)}\n`);
  }
}
