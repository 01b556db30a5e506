import type { SearchFile } from './types.js';
import { definitionTest } from './definition.js';
import { queryIntent } from '../../router/query-intent.js';
import { pathRole, wantedRoles, type PathRole } from '../../router/path-role.js';

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Scores that order lines: a definition of a symbol the query names beats everything, then one of the searched symbol.
 */
const DEF_OF_QUERY = 1000;
const DEF_OF_PATTERN = 500;
const EXACT_IDENT = 20;
const WORD_HIT = 6;
const SUBSTRING_HIT = 2;
const PATH_HIT = 10;
/** A query identifier on more than this share of the match lines is the search pattern itself, not a filter. */
const NAMED_MAX_SHARE = 0.5;
const MAX_SYMBOLS = 8;

/** How lines and files of one search are ranked against the query. Built once per input. */
export interface Ranker {
  /** `score` orders a file's match lines (higher first); `def`: the line defines the searched or queried symbol. */
  rate(text: string): { score: number; def: boolean };
  /** The line names an identifier the query names (and that is not just what was searched for): always kept. */
  isNamed(text: string): boolean;
  /** The query names this file (a path or file name): all its lines are kept. */
  pathNamed(path: string): boolean;
  pathScore(path: string): number;
  /**
   * The file ranks below the others: a test, mock, fixture, generated file or doc when the query does not ask for
   * those and some hits are in source files, or a path naming what the query rules out (`non-test`).
   */
  demoted(path: string): boolean;
  /** Where the interesting part of a long line starts, for trimming around it; -1 when nothing is known. */
  anchor(text: string): number;
}

interface Symbol {
  lower: string;
  isDef: (text: string) => boolean;
  weight: number;
}

export function buildRanker(
  query: string,
  allTerms: readonly string[],
  pattern: string | undefined,
  files: readonly SearchFile[],
): Ranker {
  // words the query rules out (`non-test`) are not looked for; they rank files down instead
  const intent = queryIntent(query, allTerms);
  const queryTerms = intent.positive;
  const termSet = new Set(queryTerms);
  const wanted = wantedRoles(queryTerms);
  const roles = new Map<string, PathRole>();
  const roleOf = (path: string): PathRole => {
    let r = roles.get(path);
    if (r === undefined) roles.set(path, (r = pathRole(path)));
    return r;
  };
  const anySource = files.some((f) => f.path !== '' && roleOf(f.path) === 'source');
  const negated =
    intent.negative.length > 0
      ? new RegExp(`(?<![A-Za-z])(?:${intent.negative.map(escapeRe).join('|')})`, 'i')
      : undefined;
  // identifiers as the user wrote them (case kept): `createServer`, `res.status`, `parse_args`
  const idents = uniq(
    [...query.matchAll(/[A-Za-z_$][\w$]*/g)]
      .map((m) => m[0])
      .filter((t) => t.length >= 3 && termSet.has(t.toLowerCase())),
  );
  const pathTerms = queryTerms.filter(isPathTerm);
  // `deprecate.property`, `res.status`: dotted names are code too, unless they are file names
  const dotted = queryTerms.filter((t) => /^[a-z_$][\w$]*(?:\.[a-z_$][\w$]*)+$/.test(t) && !isPathTerm(t));
  const codeIdents = [...idents.filter(looksLikeCode), ...dotted];
  const wordTerms = queryTerms.filter((t) => t.length >= 2);

  const symbols: Symbol[] = idents
    .slice(0, MAX_SYMBOLS)
    .map((t) => ({ lower: t.toLowerCase(), isDef: definitionTest(t), weight: DEF_OF_QUERY }));
  if (pattern && !symbols.some((s) => s.lower === pattern.toLowerCase())) {
    symbols.push({ lower: pattern.toLowerCase(), isDef: definitionTest(pattern), weight: DEF_OF_PATTERN });
  }

  const named = namedIdents(codeIdents, files);
  const anchors = uniq([...idents, ...(pattern ? [pattern] : []), ...wordTerms.filter((t) => t.length >= 3)]).map((t) =>
    t.toLowerCase(),
  );

  const defScore = (text: string, lower: string): number => {
    let best = 0;
    for (const s of symbols) if (s.weight > best && lower.includes(s.lower) && s.isDef(text)) best = s.weight;
    return best;
  };

  return {
    rate(text) {
      const lower = text.toLowerCase();
      const def = defScore(text, lower);
      let score = def;
      for (const t of idents) if (hasWord(text, t)) score += EXACT_IDENT;
      for (const t of wordTerms) {
        const hit = wordOrSubstring(lower, t);
        if (hit === 2) score += WORD_HIT;
        else if (hit === 1) score += SUBSTRING_HIT;
      }
      return { score, def: def > 0 };
    },
    isNamed(text) {
      if (named.length === 0) return false;
      const lower = text.toLowerCase();
      return named.some((t) => hasWord(lower, t));
    },
    pathNamed(path) {
      if (pathTerms.length === 0) return false;
      const lower = path.toLowerCase();
      return pathTerms.some((t) => lower.includes(t));
    },
    pathScore(path) {
      const lower = path.toLowerCase();
      let s = 0;
      for (const t of wordTerms) if (lower.includes(t)) s += PATH_HIT;
      return s;
    },
    demoted(path) {
      if (path === '') return false;
      if (negated?.test(path)) return true;
      return anySource && !wanted.has(roleOf(path));
    },
    anchor(text) {
      const lower = text.toLowerCase();
      for (const a of anchors) {
        const i = lower.indexOf(a);
        if (i !== -1) return i;
      }
      return -1;
    },
  };
}

const FILE_EXT = new RegExp(
  String.raw`\.(?:[cm]?[jt]sx?|py|go|rs|java|kt|rb|php|c|h|cc|cpp|hpp|cs|swift|json|ya?ml|toml|md|txt|html?` +
    String.raw`|css|scss|vue|svelte|sh|sql|xml|lock|gradle|ini|cfg|conf)$`,
);

/** A query term that names a file: has a slash or ends in a known file extension. */
function isPathTerm(t: string): boolean {
  return t.includes('/') || FILE_EXT.test(t);
}

/** Identifiers that can only be code: camelCase, snake_case, `$x`, with digits. */
function looksLikeCode(t: string): boolean {
  return /[a-z][A-Z]|[A-Z]{2}[a-z]|_|\$|[A-Za-z]\d/.test(t);
}

/** Code identifiers of the query that pick out some, not most, match lines (lower-cased). */
function namedIdents(codeIdents: readonly string[], files: readonly SearchFile[]): string[] {
  if (codeIdents.length === 0) return [];
  const lowers = codeIdents.map((t) => t.toLowerCase());
  const hits = new Array<number>(lowers.length).fill(0);
  let matches = 0;
  for (const f of files) {
    for (const l of f.lines) {
      if (!l.isMatch) continue;
      matches++;
      const lower = l.text.toLowerCase();
      for (let i = 0; i < lowers.length; i++) if (hasWord(lower, lowers[i])) hits[i]++;
    }
  }
  return lowers.filter((_, i) => hits[i] > 0 && hits[i] <= NAMED_MAX_SHARE * matches);
}

function isWordChar(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 36;
}

/** `word` occurs in `text` with no identifier character on either side (first few occurrences checked). */
export function hasWord(text: string, word: string): boolean {
  let from = 0;
  for (let tries = 0; tries < 4; tries++) {
    const i = text.indexOf(word, from);
    if (i === -1) return false;
    const before = i === 0 ? -1 : text.charCodeAt(i - 1);
    const after = i + word.length >= text.length ? -1 : text.charCodeAt(i + word.length);
    if ((before === -1 || !isWordChar(before)) && (after === -1 || !isWordChar(after))) return true;
    from = i + 1;
  }
  return false;
}

/**
 * 2 when `hasWord(text, word)`, else 1 when `text` contains `word` at all, else 0: the same two answers from one scan
 * (a term missing from the line, the usual case, was searched for twice).
 */
function wordOrSubstring(text: string, word: string): 0 | 1 | 2 {
  const first = text.indexOf(word);
  if (first === -1) return 0;
  let i = first;
  for (let tries = 0; tries < 4; tries++) {
    const before = i === 0 ? -1 : text.charCodeAt(i - 1);
    const after = i + word.length >= text.length ? -1 : text.charCodeAt(i + word.length);
    if ((before === -1 || !isWordChar(before)) && (after === -1 || !isWordChar(after))) return 2;
    if (tries === 3) break;
    i = text.indexOf(word, i + 1);
    if (i === -1) break;
  }
  return 1;
}

function uniq<T>(xs: readonly T[]): T[] {
  return [...new Set(xs)];
}
