/**
 * What a query wants and what it rules out. "Which non-test files call X", "errors other than timeouts", "not in
 * the docs": the words after a negation name things the answer must leave out, so matching them is a reason to
 * rank an item down, not up. Everything else is a positive term.
 */
import { queryTerms } from '../util/query.js';

/**
 * `non-test`, `not tests`, `no mocks`, `without docs`, `except fixtures`, `excluding …`, `other than …`,
 * `ignore …`.
 */
const NEGATION_RE = new RegExp(
  String.raw`\bnon-([a-z][a-z0-9_-]*)` +
    String.raw`|\b(?:not|no|without|except|excluding|exclude|ignoring|ignore|besides|other than)\s+(?:the\s+` +
    String.raw`|any\s+|in\s+|from\s+)?([a-z][a-z0-9_-]*)`,
  'g',
);

export interface QueryIntent {
  /** Query terms to match, negated words removed. */
  positive: string[];
  /** Negated words, lower-cased, with their singular (`tests` → `test`). */
  negative: string[];
}

export function queryIntent(query: string, terms: readonly string[] = queryTerms(query)): QueryIntent {
  const negative = new Set<string>();
  let nonPrefix = false;
  for (const m of query.toLowerCase().matchAll(NEGATION_RE)) {
    if (m[1]) nonPrefix = true;
    const word = m[1] ?? m[2];
    if (!word || word.length < 3) continue;
    negative.add(word);
    if (word.endsWith('s') && word.length > 4) negative.add(word.slice(0, -1));
  }
  // `non-test` also yields the terms `non-test` and `non`: neither is something to look for
  const positive = terms.filter(
    (t) => !negative.has(t) && !(t.startsWith('non-') && negative.has(t.slice(4))) && !(nonPrefix && t === 'non'),
  );
  return { positive, negative: [...negative] };
}
