import { performance } from 'node:perf_hooks';
import { compress } from '../../core/compress.js';
import { countTokens } from '../../core/util/tokens.js';
import { MARKER_ID_RE } from '../../core/ccr/marker.js';
import type { CompressResult } from '../../core/types.js';
import { factLabel, missingFacts } from '../lib/facts.js';
import { unfaithfulLines } from '../lib/faithfulness.js';
import type { LoadedCase } from './load.js';

export interface CaseResult {
  id: string;
  tool: string;
  family: string;
  kind: string;
  compressed: boolean;
  reason?: string;
  tokensBefore: number;
  tokensAfter: number;
  factsTotal: number;
  lostFacts: string[];
  /** Output lines that are not an input line, one line's fields, a marker or a documented summary. */
  unfaithful: string[];
  /** originalId and every marker id resolve to records, and the original record is the input byte for byte. */
  retrievable: boolean;
  ms: number;
  output: string;
}

export function measureCase(c: LoadedCase): CaseResult {
  const options = { query: c.question, fileName: c.fileName };
  const t0 = performance.now();
  const r: CompressResult = compress(c.text, options);
  const elapsed = performance.now() - t0;
  const tokensBefore = countTokens(c.text);
  const tokensAfter = r.compressed ? countTokens(r.output) : tokensBefore;
  const records = new Map(r.records.map((x) => [x.id, x.content]));
  let retrievable = true;
  if (r.compressed) {
    retrievable = r.originalId !== undefined && records.get(r.originalId) === c.text;
    for (const m of r.output.matchAll(MARKER_ID_RE)) if (!records.has(m[0])) retrievable = false;
  }
  return {
    id: c.id,
    tool: c.tool,
    family: c.family,
    kind: r.kind,
    compressed: r.compressed,
    reason: r.reason,
    tokensBefore,
    tokensAfter,
    factsTotal: c.facts.length,
    lostFacts: missingFacts(r.output, c.facts).map(factLabel),
    unfaithful: r.compressed ? unfaithfulLines(c.text, r.output, r.kind) : [],
    retrievable,
    ms: elapsed,
    output: r.output,
  };
}
