import type { CodeDef, Outline } from './outline.js';

/**
 * Which definitions keep their full bodies: the ones the question names, the ones calling what it names, and the
 * ones a named function calls (one hop each way). "Named" means a query term equal to a symbol defined in this file
 * (function, method, class), or an identifier the question spells as code (`snake_case`, `camelCase`, `call()`,
 * `a.b`, backticks), which may be defined elsewhere (`fetch`, `readFileSync`).
 */
export interface Relevance {
  /** Definitions whose bodies stay whole. */
  defs: Set<CodeDef>;
  /** The lower-cased identifiers the question names. */
  named: Set<string>;
}

export function relevantDefs(
  outline: Outline,
  query: string,
  queryTerms: readonly string[],
  source?: string,
): Relevance {
  const keep = new Set<CodeDef>();
  if (queryTerms.length === 0 && !query) return { defs: keep, named: new Set() };
  const defined = new Set<string>();
  for (const d of outline.defs) if (!d.anonymous) defined.add(d.key);
  for (const c of outline.classes) defined.add(c.key);

  // `TextWrapper._wrap_chunks` names the method; `TextWrapper` there only says where it lives
  const qualifiers = qualifiersIn(query);
  const named = new Set<string>(codeIdentifiers(query));
  for (const t of queryTerms)
    for (const part of t.split(/[./:]+/)) if (defined.has(part) && !qualifiers.has(part)) named.add(part);
  if (named.size === 0) {
    // a question about behaviour that names no definition says it in words ("where is a record counted as
    // failed?"): the few bodies holding such a word are the answer
    if (source) for (const d of bodiesNaming(outline, queryTerms, source)) keep.add(d);
    return { defs: keep, named };
  }

  const calledByNamed = new Set<string>();
  for (const d of outline.defs) {
    if (!d.anonymous && named.has(d.key)) {
      keep.add(d);
      for (const c of d.calls) calledByNamed.add(c);
    }
  }
  for (const d of outline.defs) {
    if (keep.has(d)) continue;
    // a callee is resolved by name only; a nested helper of that name is too weak a match to keep its outer function
    if (!d.anonymous && !d.nested && calledByNamed.has(d.key)) keep.add(d);
    else
      for (const c of d.calls)
        if (named.has(c)) {
          keep.add(d);
          break;
        }
  }
  return { defs: keep, named };
}

/** Lower-cased leading segments of dotted/`::` chains (`a.b.c` → a, b) that the query never uses on their own. */
/** A query word in more than this share of the bodies is the file's subject, not a pointer to one of them. */
const BODY_TERM_SHARE = 0.25;
/** Words too common in code to point at a body. */
const CODE_COMMON = new Set([
  'function',
  'return',
  'method',
  'class',
  'const',
  'value',
  'where',
  'what',
  'which',
  'does',
  'this',
  'that',
  'when',
  'with',
  'from',
  'file',
  'code',
  'line',
  'lines',
  'called',
  'call',
  'defined',
  'define',
]);

/** Outermost bodies holding a query word that few bodies hold. */
function bodiesNaming(outline: Outline, queryTerms: readonly string[], source: string): CodeDef[] {
  const terms = queryTerms.filter((t) => t.length >= 4 && /^[a-z_$][\w$-]*$/.test(t) && !CODE_COMMON.has(t));
  const defs = outline.defs.filter((d) => !d.nested && d.bodyEnd > d.bodyStart);
  if (terms.length === 0 || defs.length < 2) return [];
  const texts = defs.map((d) => source.slice(d.bodyStart, d.bodyEnd).toLowerCase());
  const limit = Math.max(1, Math.floor(defs.length * BODY_TERM_SHARE));
  const out = new Set<CodeDef>();
  for (const t of terms) {
    const hits: number[] = [];
    for (let i = 0; i < texts.length && hits.length <= limit; i++) if (texts[i].includes(t)) hits.push(i);
    if (hits.length > 0 && hits.length <= limit) for (const i of hits) out.add(defs[i]);
  }
  return [...out];
}

function qualifiersIn(query: string): Set<string> {
  const leading = new Set<string>();
  const alone = new Set<string>();
  for (const m of query.matchAll(IDENT_RE)) {
    const segments = m[0]
      .replace(/\s*\($/, '')
      .toLowerCase()
      .split(/\.|::|->/);
    if (segments.length === 1) alone.add(segments[0]);
    else for (const s of segments.slice(0, -1)) leading.add(s);
  }
  for (const a of alone) leading.delete(a);
  return leading;
}

const FILE_EXTENSIONS = new Set([
  'js',
  'mjs',
  'cjs',
  'ts',
  'tsx',
  'jsx',
  'py',
  'go',
  'rs',
  'java',
  'c',
  'h',
  'cc',
  'cpp',
  'hpp',
  'cs',
  'rb',
  'php',
  'sh',
  'json',
  'md',
  'txt',
]);
const IDENT_RE = /[A-Za-z_$][\w$]*(?:(?:\.|::|->)[A-Za-z_$][\w$]*)*(\s*\()?/g;

/** Identifiers the question writes as code: lower-cased last segments. Plain English words do not qualify. */
export function codeIdentifiers(query: string): string[] {
  const out = new Set<string>();
  if (!query) return [];
  for (const m of query.matchAll(/`([^`\n]{1,120})`/g))
    for (const id of m[1].match(/[A-Za-z_$][\w$]*/g) ?? []) if (id.length >= 2) out.add(id.toLowerCase());
  for (const m of query.matchAll(IDENT_RE)) {
    const word = m[0].replace(/\s*\($/, '');
    const segments = word.split(/\.|::|->/);
    const last = segments[segments.length - 1];
    const codeLike =
      !!m[1] || segments.length > 1 || /_/.test(word) || /[a-z][A-Z]/.test(word) || /^[A-Z][a-z]+[A-Z]/.test(word);
    // `http.ts` names a file, not a symbol
    if (segments.length > 1 && !m[1] && FILE_EXTENSIONS.has(last)) continue;
    if (codeLike && last.length >= 2) out.add(last.toLowerCase());
  }
  return [...out];
}
