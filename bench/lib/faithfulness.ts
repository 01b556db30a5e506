/**
 * "Never invent": every line a line-oriented compressor prints is one of
 *   1. a verbatim input line, or a contiguous part of one (a long line cut around a marker);
 *   2. an ordered subset of ONE input line's fields (a constant column dropped, padding collapsed, `12: text` for
 *      grep's `path:12:text` under its path heading);
 *   3. a marker (core/ccr/marker.ts), alone or standing in for part of a line;
 *   4. a summary line of a documented form (SUMMARY_FORMS below, each naming the compressor that writes it).
 * Parts of one output line around a marker must come from the same input line — or, for wrapped prose, from the same
 * paragraph. A line joining the start of one record to the end of another (`root 2 … ? [marker] Ssl 13:59 node`) is
 * reported. JSON and HTML are restructured, not cut by line, and are checked by the JSON guard instead.
 */
import { MARKER_RE } from '../../core/ccr/marker.js';
import { stripAnsi } from '../../core/util/ansi.js';
import { isRecordBlock } from '../../core/compressors/text/segment.js';

/**
 * Lines compressors write that are not taken from the input, each a fixed form with counts:
 * search's totals line, the table compressor's constant-column line, the git-log compressor's commit digest, the
 * log compressor's template and summary lines, the diff compressor's per-file summaries.
 */
export const SUMMARY_FORMS: readonly RegExp[] = [
  // search: `120 matches in 14 files; showing 31`
  /^\d+ (?:match|matches) in \d+ files?(?:; showing \d+)?$/,
  // table: the dropped constant columns, `Same in all 200 rows: NAMESPACE=default, READY=1/1`
  /^Same in all \d+ rows: .+$/,
  // lint-report: a rule's group line, `no-var ×312 (error) "Unexpected var…" in lib/a.js (21), …`
  /^\S+ ×\d+ \((?:error|warning|error\/warning)\) ".*" (?:\(\+\d+ other messages?\) )?in \d+ files?: .+$/,
  // git-log: one commit in one line, `84987e52e746 2023-11-25 01:14 Chris de Almeida: subject [files +1 -1]`
  /^[0-9a-f]{7,64} (?:\d{4}-\d\d-\d\d \d\d:\d\d|\S.*?) .*?: .*$/,
  // log: a template with its count and range: `"GET /api/items/<n> 200" ×312, 09:00:01–09:14:55`
  /^.*×\d+(?:,.*)?$/,
];

const SPLIT_RE = /[\s:,|]+/;
/** What may stand before a marker that replaces code: a comment opener, after `cat -n`'s line number if any. */
const COMMENT_LEAD_RE = /^(?:\d+\s+)?(?:\/\/|#|--|\/\*|\*|<!--|;)$/;

interface Index {
  lines: string[];
  exact: Map<string, number[]>;
  postings: Map<string, number[]>;
  paragraph: Int32Array;
  prose: boolean[];
}

function buildIndex(input: string): Index {
  const lines = stripAnsi(input)
    .split('\n')
    .map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l));
  const exact = new Map<string, number[]>();
  const postings = new Map<string, number[]>();
  const paragraph = new Int32Array(lines.length);
  let p = 0;
  for (let i = 0; i < lines.length; i++) {
    const t = lines[i].trim();
    if (t === '') p++;
    paragraph[i] = p;
    (exact.get(t) ?? exact.set(t, []).get(t)!).push(i);
    for (const tok of new Set(t.split(SPLIT_RE))) {
      if (tok.length < 2) continue;
      const list = postings.get(tok) ?? postings.set(tok, []).get(tok)!;
      list.push(i);
    }
  }
  // which paragraphs are wrapped prose (parts of different lines may meet around a marker there)
  const prose: boolean[] = [];
  let start = 0;
  for (let i = 0; i <= lines.length; i++) {
    if (i === lines.length || paragraph[i] !== paragraph[start]) {
      const block = lines
        .slice(start, i)
        .filter((l) => l.trim() !== '')
        .map((text) => ({ text }));
      prose[paragraph[start]] = block.length > 0 && !isRecordBlock(block, 0, block.length);
      start = i;
    }
  }
  return { lines, exact, postings, paragraph, prose };
}

/** Input lines `piece` is a part of, or an ordered subset of the fields of. */
function sourcesOf(piece: string, ix: Index): number[] {
  const exact = ix.exact.get(piece);
  if (exact) return exact;
  const core = piece.replace(/^…\s*|\s*…$/g, '');
  const toks = core.split(SPLIT_RE).filter((t) => t.length > 0);
  if (toks.length === 0) return [-1];
  // candidates: the lines holding the piece's rarest token (a token cut by `…` may not be a whole input token)
  let best: number[] | undefined;
  for (const t of toks) {
    const list = ix.postings.get(t);
    if (list && (!best || list.length < best.length)) best = list;
  }
  const candidates = best ?? ix.lines.map((_, i) => i);
  const out: number[] = [];
  for (const i of candidates) {
    const line = ix.lines[i];
    if (line.includes(core) || orderedSubset(toks, line.split(SPLIT_RE))) out.push(i);
  }
  return out;
}

function orderedSubset(toks: readonly string[], fields: readonly string[]): boolean {
  let j = 0;
  for (const t of toks) {
    while (j < fields.length && fields[j] !== t && !(t.length >= 8 && fields[j].startsWith(t))) j++;
    if (j === fields.length) return false;
    j++;
  }
  return true;
}

/** Output lines that break the rule above (empty when the output is faithful). */
export function unfaithfulLines(input: string, output: string, kind: string): string[] {
  if (kind === 'json' || kind === 'html') return [];
  const ix = buildIndex(input);
  const bad: string[] = [];
  for (const raw of output.split('\n')) {
    const line = raw.trimEnd();
    if (line.trim() === '') continue;
    // a marker may stand as a comment of the file's language (`// [… 19 lines omitted: body of run …]`)
    const pieces = line
      .split(new RegExp(MARKER_RE.source))
      .map((s) => s.trim())
      .filter((s) => s.length > 0 && !(s !== line.trim() && COMMENT_LEAD_RE.test(s)));
    if (pieces.length === 0) continue;
    if (pieces.length === 1 && SUMMARY_FORMS.some((re) => re.test(pieces[0]))) continue;
    const sources = pieces.map((p) => sourcesOf(p, ix));
    if (sources.some((s) => s.length === 0)) {
      bad.push(line);
      continue;
    }
    if (pieces.length === 1) continue;
    // parts around a marker: one input line, or one paragraph of wrapped prose
    const common = sources.reduce((acc, s) => acc.filter((i) => s.includes(i)));
    if (common.length > 0) continue;
    const paras = sources.map((s) => new Set(s.map((i) => (i < 0 ? -1 : ix.paragraph[i]))));
    const shared = [...paras[0]].filter((p) => p >= 0 && ix.prose[p] && paras.every((s) => s.has(p)));
    if (shared.length === 0) bad.push(line);
  }
  return bad;
}
