/** What a prose unit is. Only `sentence`, `item`, `row` and `code` units may be dropped; the rest are structure. */
export type UnitKind = 'heading' | 'structure' | 'code' | 'item' | 'row' | 'sentence';

/**
 * One selectable piece of a document, as an exact `[start, end)` slice of the original text (no trailing
 * whitespace). The gaps between units hold only whitespace, so replacing a run of units by a marker is exact.
 */
export interface Unit {
  start: number;
  end: number;
  kind: UnitKind;
  /** Index of the block (paragraph, list item, table, code block, heading) the unit belongs to. */
  block: number;
  /** First unit of its block: the topic sentence of a paragraph. */
  lead: boolean;
  /** Never dropped for structural reasons: headings, rules, a table's header and separator rows. */
  fixed: boolean;
  /** A whole line of a block of records (a listing or log that landed in prose): markers say "lines". */
  line?: boolean;
}
