import type { Fact } from '../workloads/types.js';

/** How a fact is shown in the report. */
export function factLabel(f: Fact): string {
  return typeof f === 'string' ? f : `${f.path}:${f.line}`;
}

/** A place `path:line` is kept when printed as such, or when a group headed by the path lists `line:` / `line-`. */
function containsPlace(text: string, path: string, line: number): boolean {
  if (containsString(text, `${path}:${line}`) || containsString(text, `${path}(${line}`)) return true;
  const entry = new RegExp(`(?:^|\\n)[ \\t]*${line}[:-]`);
  let from = 0;
  for (;;) {
    const at = text.indexOf(path, from);
    if (at === -1) return false;
    from = at + 1;
    if (/[\w./-]/.test(text[at + path.length] ?? '')) continue; // a longer path that starts with this one
    // the group runs to the next blank line (how grouped search output separates files), bounded for speed
    const end = text.indexOf('\n\n', at);
    const group = text.slice(at + path.length, end === -1 ? Math.min(text.length, at + 200_000) : end);
    if (entry.test(group)) return true;
  }
}

export function containsFact(text: string, fact: Fact): boolean {
  return typeof fact === 'string' ? containsString(text, fact) : containsPlace(text, fact.path, fact.line);
}

/**
 * "Is this fact still in the text?" — a plain substring check, with two allowances so a fact is not missed or
 * falsely found: the JSON-escaped spelling counts (a log line inside a JSON string has its quotes escaped), and a
 * fact that starts or ends with a letter/digit must not be glued to another one ("2214" is not found in "122145").
 */
function containsString(text: string, fact: string): boolean {
  if (fact.length === 0) return true;
  if (found(text, fact)) return true;
  const escaped = JSON.stringify(fact).slice(1, -1);
  return escaped !== fact && found(text, escaped);
}

const WORD = /[A-Za-z0-9_]/;

function found(text: string, fact: string): boolean {
  const guardStart = WORD.test(fact[0]);
  const guardEnd = WORD.test(fact[fact.length - 1]);
  let from = 0;
  for (;;) {
    const at = text.indexOf(fact, from);
    if (at === -1) return false;
    // a JSON escape like \n before the fact is a line break, not a letter glued to it
    const before = at > 0 && !(at > 1 && text[at - 2] === '\\') ? text[at - 1] : '';
    const after = at + fact.length < text.length ? text[at + fact.length] : '';
    if ((!guardStart || !WORD.test(before)) && (!guardEnd || !WORD.test(after))) return true;
    from = at + 1;
  }
}

/** The facts that are missing from `text`. */
export function missingFacts(text: string, facts: readonly Fact[]): Fact[] {
  return facts.filter((f) => !containsFact(text, f));
}
