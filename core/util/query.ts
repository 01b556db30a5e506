const STOP = new Set(
  (
    'a an the and or but if then else of in on at to for from by with without about into over under is are was ' +
    'were be been being do does did doing have has had having i me my we our you your he she it its they them ' +
    'their this that these those what which who whom whose why how when where there here can could should would ' +
    'will shall may might must not no yes all any some each every more most other such only own same so than too ' +
    'very just also please show find tell give get make let see look check use using file files line lines code ' +
    'output result results'
  ).split(/\s+/),
);

/** Terms of a query worth matching against content: lower-cased words/identifiers of 2+ chars, stop words removed. */
export function queryTerms(query: string | undefined): string[] {
  if (!query) return [];
  const out = new Set<string>();
  for (const m of query.toLowerCase().matchAll(/[a-z0-9_][a-z0-9_.\-/]*[a-z0-9_]|[a-z0-9_]{2,}/g)) {
    const t = m[0];
    if (t.length < 2 || STOP.has(t)) continue;
    out.add(t);
    // identifiers like foo.bar or a/b/c also match by their parts
    if (/[./\-]/.test(t)) for (const part of t.split(/[./\-]+/)) if (part.length >= 3 && !STOP.has(part)) out.add(part);
  }
  return [...out].slice(0, 32);
}

/** How many distinct query terms occur in a (lower-cased) text. */
export function termHits(lowerText: string, terms: readonly string[]): number {
  let n = 0;
  for (const t of terms) if (lowerText.includes(t)) n++;
  return n;
}
