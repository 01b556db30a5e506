import type { SearchFile } from './types.js';

/** Definitions start near the front of a line; looking further costs time and finds calls, not definitions. */
const DEF_WINDOW = 600;

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * A test for "this line defines SYMBOL" across the usual languages: `function X`, `def X`, `class X`, `const X =`,
 * `func X` / `func (r *T) X`, `fn X`, `interface X`, `type X`, methods `X(...) {`, `X = function` / `X: (…) =>`,
 * `exports.X =`. Every repetition is bounded, so a hostile line cannot make it backtrack for long.
 */
export function definitionTest(symbol: string): (text: string) => boolean {
  const s = escapeRe(symbol);
  const end = '(?![\\w$])';
  const keyword =
    '(?:function\\*?|def|class|func|fn|fun|sub|interface|type|struct|enum|trait|record|module|namespace|macro_rules!)';
  // `const X = require('x')` / `= await import('x')` binds an import; it is a use of X, not where X is defined
  const binding = `(?:const|let|var|val)\\s+${s}${end}(?!\\s*=\\s*(?:require\\s*\\(|(?:await\\s+)?import\\s*\\())`;
  const notControl =
    '(?!(?:if|else|while|for|switch|return|catch|new|throw|await|yield|case|do|when|match|unless|elif)\\b)';
  const re = new RegExp(
    [
      `(?<![\\w$.])${keyword}\\s+${s}${end}`,
      `(?<![\\w$.])${binding}`,
      `func\\s*\\([^)]{0,200}\\)\\s*${s}${end}`,
      // a method or C-like function: optional modifiers/return type, then X(…) and an opening brace on the same line
      `^\\s*(?:${notControl}[\\w$<>\\[\\],.*&:]+\\s+){0,5}${s}\\s*(?:<[^>]{0,200}>)?\\s*\\([^)]{0,400}\\)` +
        '\\s*(?:(?::|->|throws)[^{;]{0,200})?\\{',
      `(?<![\\w$])(?:exports|prototype|proto)\\.${s}\\s*=(?!=)`,
      `(?<![\\w$])${s}\\s*[:=]\\s*(?:async\\s+)?(?:function\\b|\\([^)]{0,200}\\)\\s*(?::[^=]{0,100})?=>|[\\w$]+\\s*=>)`,
    ].join('|'),
    'i',
  );
  return (text) => re.test(text.length > DEF_WINDOW ? text.slice(0, DEF_WINDOW) : text);
}

/** How many match lines are sampled to guess the searched-for identifier. */
const INFER_SAMPLE = 300;
const INFER_TEXT = 2000;

/**
 * The identifier the search was for, when grep's pattern is not in the output: the identifier found on (nearly)
 * every match line. With rg --json the tool says what matched. Longest wins ties (`isArray` over `Array`).
 */
export function inferPattern(files: readonly SearchFile[]): string | undefined {
  const counts = new Map<string, number>();
  let sampled = 0;
  outer: for (const f of files) {
    for (const l of f.lines) {
      if (!l.isMatch) continue;
      if (sampled >= INFER_SAMPLE) break outer;
      sampled++;
      if (l.matchStart !== undefined && l.matchEnd !== undefined && l.matchEnd > l.matchStart) {
        const m = l.text.slice(l.matchStart, l.matchEnd);
        counts.set(m, (counts.get(m) ?? 0) + 1);
        continue;
      }
      const seen = new Set<string>();
      const t = l.text.length > INFER_TEXT ? l.text.slice(0, INFER_TEXT) : l.text;
      for (const m of t.matchAll(/[A-Za-z_$][\w$]{2,}/g)) seen.add(m[0]);
      for (const tok of seen) counts.set(tok, (counts.get(tok) ?? 0) + 1);
    }
  }
  if (sampled < 2) return undefined;
  let max = 0;
  for (const c of counts.values()) if (c > max) max = c;
  if (max < 0.6 * sampled) return undefined;
  // near-ties go to the longer identifier (`isArray` over `Array` in `Array.isArray(x)` lines)
  let best: string | undefined;
  for (const [tok, c] of counts) {
    if (c < 0.95 * max) continue;
    if (best === undefined || tok.length > best.length || (tok.length === best.length && tok < best)) best = tok;
  }
  return best && /^[A-Za-z_$][\w$]*$/.test(best) ? best : undefined;
}
