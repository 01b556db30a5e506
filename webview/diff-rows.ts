/**
 * Turns diff runs into display rows: side by side (deleted lines paired with the lines that replaced them) or inline,
 * with long unchanged stretches and long elided stretches folded so a 1 MB unit renders as a few hundred rows. Pure.
 */
import type { Run } from './line-diff.js';

export type DiffRow =
  | { t: 'eq'; a: number; b: number }
  /** Side by side: a deleted line on the left and/or an inserted one on the right. Inline: one of the two. */
  | { t: 'chg'; a?: number; b?: number }
  | { t: 'fold'; kind: 'eq' | 'del'; count: number; rows: DiffRow[] };

export interface RowOptions {
  split: boolean;
  /** Unchanged lines kept around a change. */
  context?: number;
  /** Elided stretches longer than this are folded (head and tail kept). */
  foldDeleted?: number;
}

export function diffRows(runs: readonly Run[], o: RowOptions): DiffRow[] {
  const context = o.context ?? 3;
  const foldDeleted = o.foldDeleted ?? 12;
  const rows: DiffRow[] = [];
  for (let k = 0; k < runs.length; k++) {
    const r = runs[k];
    if (r.kind === 'eq') {
      const eq: DiffRow[] = [];
      for (let i = 0; i < r.aEnd - r.aStart; i++) eq.push({ t: 'eq', a: r.aStart + i, b: r.bStart + i });
      const head = k === 0 ? 0 : context;
      const tail = k === runs.length - 1 ? 0 : context;
      rows.push(...fold(eq, 'eq', head, tail));
      continue;
    }
    // a deletion and the insertion right after it are one change
    const del = r.kind === 'del' ? r : undefined;
    const ins = r.kind === 'ins' ? r : runs[k + 1]?.kind === 'ins' ? runs[++k] : undefined;
    const dels = del ? del.aEnd - del.aStart : 0;
    const inss = ins ? ins.bEnd - ins.bStart : 0;
    const chg: DiffRow[] = [];
    if (o.split) {
      for (let i = 0; i < Math.max(dels, inss); i++) {
        const row: { t: 'chg'; a?: number; b?: number } = { t: 'chg' };
        if (i < dels) row.a = del!.aStart + i;
        if (i < inss) row.b = ins!.bStart + i;
        chg.push(row);
      }
      // rows past the insertions are pure deletions: fold the long middle of them
      const paired = chg.slice(0, inss);
      const onlyDel = chg.slice(inss);
      rows.push(...paired, ...fold(onlyDel, 'del', 3, 3, foldDeleted));
    } else {
      for (let i = 0; i < dels; i++) chg.push({ t: 'chg', a: del!.aStart + i });
      rows.push(...fold(chg, 'del', 3, 3, foldDeleted));
      for (let i = 0; i < inss; i++) rows.push({ t: 'chg', b: ins!.bStart + i });
    }
  }
  return rows;
}

/** Keeps `head` and `tail` rows and folds the middle, once the list is longer than `min` and the middle is 2+ rows. */
function fold(list: DiffRow[], kind: 'eq' | 'del', head: number, tail: number, min = 1): DiffRow[] {
  const middle = list.length - head - tail;
  if (middle <= 1 || list.length <= min) return list;
  return [
    ...list.slice(0, head),
    { t: 'fold', kind, count: middle, rows: list.slice(head, list.length - tail) },
    ...list.slice(list.length - tail),
  ];
}
