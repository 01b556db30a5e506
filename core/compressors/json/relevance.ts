/**
 * How much each row of an array answers the query. Plain term matching keeps too much: a term in every row (the
 * repository in every URL, the symbol every search hit contains) selects nothing, and a row that merely looks
 * like the query (`resolveSessionTokenTtl` for `resolveSessionToken`) is not one that names it. So:
 * - each term weighs its rarity across the rows (IDF: ln(rows / rows with the term)); a term in every row weighs 0;
 * - a term found as a whole word or identifier counts fully; a word that only starts a longer word or name
 *   (`caller` for `call`, `ReconnectManager` for `reconnect`) counts half, with the rarity of such matches; a code
 *   identifier inside a longer one (`getPrototypeOf` for `getProto`) is another symbol and does not count, nor does
 *   a term inside a word (`defined` in `undefined`);
 * - rows mentioning what the query rules out (`non-test`, `excluding mocks`) are demoted;
 * - a row holding the definition of a code identifier the query names ranks first;
 * - when rows name files (a path column), rows of tests, mocks, fixtures, generated output and docs are demoted
 *   unless the query asks for them (see router/path-role.ts), as long as some rows are source files.
 * A demoted row ranks below every row that is not, whatever its score: a doc that says "call X" is not a caller.
 * Only a table's shown columns are read: a constant column matches every row and says nothing about any.
 */
import type { CompressContext } from '../../types.js';
import type { Column } from './columns.js';
import type { Json } from './types.js';
import { QueryMatcher, forEachText } from './query-match.js';
import { queryIntent } from '../../router/query-intent.js';
import { looksLikePath, pathRole, wantedRoles } from '../../router/path-role.js';
import { definitionTest } from '../search/definition.js';

/** What an exact match of a term found in every row is worth. */
const EVERY_ROW = 0.01;
/** Identifiers whose definitions are looked for, at most. */
const MAX_SYMBOLS = 4;
/** Share of a column's strings that must look like paths for it to be the rows' file column. */
const PATH_COLUMN_SHARE = 0.8;

export interface RelevanceInput {
  values: readonly Json[];
  keys?: readonly string[];
  lines?: readonly string[];
  /** A table's shown columns. */
  columns?: readonly Column[];
}

export interface Relevance {
  /** Score per row; 0: nothing to do with the query. */
  scores: Float64Array;
  /** 1 for a row holding the definition of a code identifier the query names (its score has a bonus on top). */
  defines: Uint8Array;
  /** 1 for a row ranked below all others (see above). */
  demoted: Uint8Array;
}

/** Scores of the rows, or undefined when the query has no terms to match. */
export function relevanceScores(input: RelevanceInput, ctx: CompressContext): Relevance | undefined {
  const intent = queryIntent(ctx.query, ctx.queryTerms);
  const terms = intent.positive.slice(0, 31);
  if (terms.length === 0) return undefined;
  const n = input.values.length;
  const matcher = new QueryMatcher(terms);
  const parts = (r: number): (Json | undefined)[] | undefined => input.columns?.map((c) => c.values[r]);
  const prefix = new Uint32Array(n);
  const exact = new Uint32Array(n);
  const dfPrefix = new Float64Array(terms.length);
  const dfExact = new Float64Array(terms.length);
  for (let r = 0; r < n; r++) {
    const h = matcher.rowHits(input.values[r], input.keys?.[r], input.lines?.[r], parts(r));
    prefix[r] = h.prefix;
    exact[r] = h.exact;
    for (let t = 0; t < terms.length; t++) {
      if (h.prefix & (1 << t)) dfPrefix[t]++;
      if (h.exact & (1 << t)) dfExact[t]++;
    }
  }
  const idf = (df: number): number => (df > 0 ? Math.log(n / df) : 0);
  // a code identifier inside a longer one is another symbol (`getProto` in `getPrototypeOf`); a word starting a
  // longer word or name is the same thing said differently (`reconnect` in `ReconnectManager`, `call` in `caller`)
  const code = codeTerms(ctx.query, terms);
  const scores = new Float64Array(n);
  for (let r = 0; r < n; r++) {
    if (prefix[r] === 0) continue;
    let s = 0;
    for (let t = 0; t < terms.length; t++) {
      // a term in every row still tells a row that names it from one that does not, if by little
      if (exact[r] & (1 << t)) s += idf(dfExact[t]) + EVERY_ROW;
      else if (prefix[r] & (1 << t) && !code.has(terms[t])) s += 0.5 * idf(dfPrefix[t]);
    }
    scores[r] = s;
  }
  const defines = boostDefinitions(input, ctx.query, terms, parts, scores, Math.log(n) + 1);
  const demoted = new Uint8Array(n);
  demoteNegated(input, intent.negative, parts, scores, demoted);
  demoteRoles(input, intent.positive, demoted);
  return { scores, defines, demoted };
}

/**
 * Rows holding the definition of a code identifier the query names (`function getProto(`, `def parse_args`,
 * `class Foo`) rank above all others: "where is X defined" is answered by one row, whatever the other terms say.
 */
function boostDefinitions(
  input: RelevanceInput,
  query: string,
  terms: readonly string[],
  parts: (r: number) => (Json | undefined)[] | undefined,
  scores: Float64Array,
  bonus: number,
): Uint8Array {
  const defines = new Uint8Array(scores.length);
  const code = codeTerms(query, terms);
  const symbols = [...new Set([...query.matchAll(/[A-Za-z_$][\w$]{2,}/g)].map((m) => m[0]))]
    .filter((t) => code.has(t.toLowerCase()))
    .slice(0, MAX_SYMBOLS);
  if (symbols.length === 0) return defines;
  const tests = symbols.map((s) => ({ lower: s.toLowerCase(), isDef: definitionTest(s) }));
  for (let r = 0; r < scores.length; r++) {
    if (scores[r] === 0) continue;
    let def = false;
    forEachText(input.values[r], input.keys?.[r], input.lines?.[r], parts(r), (text) => {
      if (def) return;
      const lower = text.toLowerCase();
      def = tests.some((t) => lower.includes(t.lower) && t.isDef(text));
    });
    if (def) {
      scores[r] += bonus;
      defines[r] = 1;
    }
  }
  return defines;
}

/** Identifiers that can only be code: camelCase, snake_case, `$x`, with digits. */
const CODE_IDENT_RE = /[a-z][A-Z]|[A-Z]{2}[a-z]|_|\$|[A-Za-z]\d/;

/** The query's terms that it writes as code identifiers (lower-cased, as terms are). */
function codeTerms(query: string, terms: readonly string[]): Set<string> {
  const out = new Set<string>();
  for (const m of query.matchAll(/[A-Za-z_$][\w$]{2,}/g)) {
    const lower = m[0].toLowerCase();
    if (CODE_IDENT_RE.test(m[0]) && terms.includes(lower)) out.add(lower);
  }
  return out;
}

function demoteNegated(
  input: RelevanceInput,
  negative: readonly string[],
  parts: (r: number) => (Json | undefined)[] | undefined,
  scores: Float64Array,
  demoted: Uint8Array,
): void {
  if (negative.length === 0) return;
  // `test` rules out `tests`, `testing` and `__tests__/`, not `latest`
  const re = new RegExp(
    `(?<![A-Za-z])(?:${negative.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})`,
    'i',
  );
  for (let r = 0; r < scores.length; r++) {
    if (scores[r] === 0) continue;
    let hit = false;
    forEachText(input.values[r], input.keys?.[r], input.lines?.[r], parts(r), (s) => {
      if (!hit && re.test(s)) hit = true;
    });
    if (hit) demoted[r] = 1;
  }
}

function demoteRoles(input: RelevanceInput, positive: readonly string[], demoted: Uint8Array): void {
  const col = pathColumn(input.columns);
  if (!col) return;
  const roles = col.values.map((v) => (typeof v === 'string' ? pathRole(v) : 'source'));
  if (!roles.includes('source')) return; // everything is tests (or docs…): nothing to rank them below
  const wanted = wantedRoles(positive);
  for (let r = 0; r < demoted.length; r++) if (!wanted.has(roles[r])) demoted[r] = 1;
}

/** The shown column whose strings are file paths (`path`, `file`, `filename`), the deepest when several are. */
function pathColumn(columns: readonly Column[] | undefined): Column | undefined {
  if (!columns) return undefined;
  let best: Column | undefined;
  let bestDepth = -1;
  for (const col of columns) {
    let strings = 0;
    let paths = 0;
    let slashes = 0;
    for (const v of col.values) {
      if (typeof v !== 'string') continue;
      strings++;
      if (looksLikePath(v)) paths++;
      for (let i = v.indexOf('/'); i !== -1; i = v.indexOf('/', i + 1)) slashes++;
    }
    if (strings < col.values.length * PATH_COLUMN_SHARE || paths < strings * PATH_COLUMN_SHARE) continue;
    // `path` (a/b/c.ts) over `name` (c.ts): the role is in the directories
    const depth = slashes / Math.max(1, strings);
    if (depth > bestDepth) {
      best = col;
      bestDepth = depth;
    }
  }
  return best;
}
