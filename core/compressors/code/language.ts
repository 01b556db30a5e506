import { languageFromFileName } from '../../router/code-detect.js';
import { sniffLanguages } from './sniff.js';

/** Router language ids that name the same grammar under another id. */
const ALIASES: Record<string, string> = {
  js: 'javascript',
  jsx: 'javascript',
  ts: 'typescript',
  py: 'python',
  sh: 'bash',
  'c++': 'cpp',
  'c#': 'csharp',
  cs: 'csharp',
};

/**
 * Languages to try, best first. A file name is authoritative; without one, the router's content guess and this
 * module's own sniffing compete, and the parse decides (fewest syntax errors). Only `usable` ids (grammar loaded).
 */
export function languageCandidates(
  source: string,
  language: string | undefined,
  fileName: string | undefined,
  usable: (id: string) => boolean,
): string[] {
  const byName = fileName ? normalise(languageFromFileName(fileName)) : undefined;
  if (byName && usable(byName)) return [byName];
  const out: string[] = [];
  for (const id of [normalise(language), ...sniffLanguages(source)])
    if (id && usable(id) && !out.includes(id)) out.push(id);
  return out;
}

function normalise(id: string | undefined): string | undefined {
  if (!id || id === 'unknown') return undefined;
  const lower = id.toLowerCase();
  return ALIASES[lower] ?? lower;
}

/** Share of characters on very long lines above which the input is a minified bundle or data, not readable code. */
const LONG_LINE = 1000;
const MAX_LONG_SHARE = 0.3;

export function looksMinified(text: string): boolean {
  let long = 0;
  let start = 0;
  while (start < text.length) {
    let end = text.indexOf('\n', start);
    if (end === -1) end = text.length;
    if (end - start > LONG_LINE) long += end - start;
    start = end + 1;
  }
  return long > text.length * MAX_LONG_SHARE;
}
