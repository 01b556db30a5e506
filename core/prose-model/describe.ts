import type { ProseStats } from './compress-prose.js';

/** One line for the panel and the log: which engine compressed a unit's prose, and why not the model. */
export function describeProse(p: ProseStats): string {
  const pieces = p.pieces && p.pieces > 1 ? `, ${p.modelPieces ?? 0}/${p.pieces} passages` : '';
  if (p.engine === 'model') {
    const others = p.fallbackReason ? `; others extractive: ${p.fallbackReason}` : '';
    return `prose model ${p.modelId ?? ''}${pieces}${others}`.replace(/ ,/, ',');
  }
  return `extractive${p.fallbackReason ? ` (${p.fallbackReason})` : ''}`;
}
