import { MIN_ELIDED_LINES, type Elision } from './elision.js';
import type { LineTable } from './line-table.js';
import type { CodeDef } from './outline.js';

/** A docstring this short stays whole inside an elided body; a longer one keeps its first line of text. */
const SHORT_DOCSTRING_LINES = 3;

/**
 * Chooses the bodies to elide. Outer definitions first: a kept (relevant) definition keeps everything inside it; an
 * elided one hides what it contains; one holding a relevant definition, a syntax error, or (for callbacks) other
 * definitions is not elided itself, and the definitions inside it are considered one by one.
 */
export function planBodyElisions(defs: CodeDef[], relevant: Set<CodeDef>, table: LineTable): Elision[] {
  const { holdsRelevant, holdsDefs } = nesting(defs, relevant);
  const out: Elision[] = [];
  let coveredEnd = -1;
  for (const d of defs) {
    if (d.start < coveredEnd) continue;
    if (relevant.has(d)) {
      coveredEnd = d.end;
      continue;
    }
    if (holdsRelevant.has(d) || d.hasError || (d.anonymous && holdsDefs.has(d))) continue;
    const range = bodyLines(d, table);
    if (!range || range.last - range.first + 1 < MIN_ELIDED_LINES) continue;
    out.push({ ...range, what: `body of ${d.display}`, kind: 'body', indent: ownLineIndent(d, table) });
    coveredEnd = d.end;
  }
  return out;
}

/** The whole lines strictly inside a body: braces stay on their lines, a docstring keeps its first line. */
export function bodyLines(d: CodeDef, table: LineTable): { first: number; last: number } | undefined {
  const source = table.source;
  const innerStart = d.bodyStart + (source[d.bodyStart] === '{' ? 1 : 0);
  const innerEnd = d.bodyEnd - (source[d.bodyEnd - 1] === '}' ? 1 : 0);
  if (innerEnd <= innerStart) return undefined;
  const rs = table.rowOf(innerStart);
  let first = table.isBlank(table.starts[rs], innerStart) ? rs : rs + 1;
  const re = table.rowOf(innerEnd);
  const last = table.isBlank(innerEnd, table.lineEnd(re)) ? re : re - 1;
  if (d.docEnd !== undefined) {
    const docFirst = table.rowOf(d.bodyStart);
    const docLast = table.rowOf(Math.max(d.bodyStart, d.docEnd - 1));
    const keepTo =
      docLast - docFirst + 1 <= SHORT_DOCSTRING_LINES ? docLast : docFirst + (table.hasText(docFirst) ? 0 : 1);
    first = Math.max(first, keepTo + 1);
  }
  return last >= first ? { first, last } : undefined;
}

/** The body's indentation when it starts its own line (an indented block), else undefined. */
function ownLineIndent(d: CodeDef, table: LineTable): string | undefined {
  const row = table.rowOf(d.bodyStart);
  return table.isBlank(table.starts[row], d.bodyStart) ? table.source.slice(table.starts[row], d.bodyStart) : undefined;
}

/** Which definitions contain a relevant one, and which contain any other definition (one stack sweep). */
function nesting(defs: CodeDef[], relevant: Set<CodeDef>): { holdsRelevant: Set<CodeDef>; holdsDefs: Set<CodeDef> } {
  const holdsRelevant = new Set<CodeDef>();
  const holdsDefs = new Set<CodeDef>();
  const stack: CodeDef[] = [];
  for (const d of defs) {
    while (stack.length && stack[stack.length - 1].end <= d.start) stack.pop();
    if (stack.length) holdsDefs.add(stack[stack.length - 1]);
    if (relevant.has(d)) {
      for (let i = stack.length - 1; i >= 0 && !holdsRelevant.has(stack[i]); i--) holdsRelevant.add(stack[i]);
    }
    stack.push(d);
  }
  return { holdsRelevant, holdsDefs };
}
