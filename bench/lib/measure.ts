import { performance } from 'node:perf_hooks';
import { compress } from '../../core/compress.js';
import { countTokens } from '../../core/util/tokens.js';
import type { CcrRecord, CompressOptions, CompressResult } from '../../core/types.js';
import type { BenchUnit, Workload } from '../workloads/types.js';
import { baselines, type BaselineResult } from './baselines.js';
import { factLabel, missingFacts } from './facts.js';

/** Everything the report says about one tool output. */
export interface UnitResult {
  workload: string;
  unit: string;
  source: Workload['source'];
  kind: string;
  compressed: boolean;
  reason?: string;
  chars: number;
  tokensBefore: number;
  tokensAfter: number;
  factsTotal: number;
  factsKept: number;
  /** Facts the compressed output lost (the answer-bearing strings a model would no longer see). */
  lostFacts: string[];
  /** Facts that were not in the input at all: a workload bug, reported so it gets fixed. */
  factsNotInInput: string[];
  compressMs: number;
  /** Same input + query compressed twice gave the same bytes. */
  deterministic: boolean;
  minified: BaselineResult;
  toon: BaselineResult;
}

export interface MeasuredUnit {
  result: UnitResult;
  output: string;
  records: CcrRecord[];
}

/** compress() promises never to throw; if it does anyway, the unit shows as a pass-through that says so. */
function safeCompress(text: string, options: CompressOptions): CompressResult {
  try {
    return compress(text, options);
  } catch (err) {
    return {
      kind: 'text',
      output: text,
      compressed: false,
      ccr: [],
      records: [],
      reason: `compress() threw: ${(err as Error)?.message ?? String(err)}`,
    };
  }
}

export function measureUnit(w: Workload, u: BenchUnit): MeasuredUnit {
  const options = { query: w.question, fileName: u.fileName };
  const t0 = performance.now();
  const r = safeCompress(u.text, options);
  const compressMs = performance.now() - t0;
  const again = safeCompress(u.text, options);
  const tokensBefore = countTokens(u.text);
  const tokensAfter = r.compressed ? countTokens(r.output) : tokensBefore;
  const notInInput = missingFacts(u.text, u.facts);
  const lost = missingFacts(r.output, u.facts).filter((f) => !notInInput.includes(f));
  const base = baselines(u.text, u.facts, tokensBefore);
  return {
    output: r.output,
    records: r.records,
    result: {
      workload: w.id,
      unit: u.name,
      source: w.source,
      kind: r.kind,
      compressed: r.compressed,
      reason: r.reason,
      chars: u.text.length,
      tokensBefore,
      tokensAfter,
      factsTotal: u.facts.length - notInInput.length,
      factsKept: u.facts.length - notInInput.length - lost.length,
      lostFacts: lost.map(factLabel),
      factsNotInInput: notInInput.map(factLabel),
      compressMs,
      deterministic: again.output === r.output,
      minified: base.minified,
      toon: base.toon,
    },
  };
}
