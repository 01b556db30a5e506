const EXT_LANG: Record<string, string> = {
  py: 'python', pyi: 'python', js: 'javascript', mjs: 'javascript', cjs: 'javascript', jsx: 'javascript',
  ts: 'typescript', mts: 'typescript', cts: 'typescript', tsx: 'tsx', go: 'go', rs: 'rust', java: 'java',
  c: 'c', h: 'c', cc: 'cpp', cpp: 'cpp', cxx: 'cpp', hpp: 'cpp', hh: 'cpp', cs: 'csharp', rb: 'ruby', php: 'php',
  sh: 'bash', bash: 'bash', zsh: 'bash', kt: 'kotlin', swift: 'swift', scala: 'scala', lua: 'lua', css: 'css',
  json: 'json', jsonl: 'json', ndjson: 'json', html: 'html', htm: 'html', csv: 'csv', tsv: 'csv', diff: 'diff',
  patch: 'diff', md: 'markdown', markdown: 'markdown', txt: 'text', rst: 'text', log: 'log', yaml: 'yaml', yml: 'yaml',
  toml: 'toml', sql: 'sql',
};

export function languageFromFileName(fileName: string): string | undefined {
  const base = fileName.split(/[\\/]/).pop() ?? fileName;
  if (/^(Makefile|Dockerfile)$/i.test(base)) return base.toLowerCase();
  const ext = base.includes('.') ? base.split('.').pop()!.toLowerCase() : '';
  return EXT_LANG[ext];
}

const CODE_SIGNS: [string, RegExp][] = [
  ['python', /^\s*(?:def \w+\(|class \w+[(:]|from [\w.]+ import |import \w+|@\w+|if __name__ ==)/],
  ['go', /^(?:package \w+|func (?:\(\w+ \*?\w+\) )?\w+\(|import \(|type \w+ struct)/],
  ['rust', /^\s*(?:pub )?(?:fn \w+|struct \w+|enum \w+|impl\b|use [\w:]+|mod \w+)/],
  ['java', /^\s*(?:public |private |protected )(?:static )?(?:final )?(?:class|interface|[\w<>\[\]]+ \w+\()|^package [\w.]+;/],
  ['typescript', /^\s*(?:export )?(?:interface \w+|type \w+ =|enum \w+)|^\s*(?:export )?(?:async )?function \w+\(.*\)\s*:\s*\w/],
  ['javascript', /^\s*(?:export |import |const \w+ = |let \w+ = |function \w+\(|module\.exports|require\()/],
  ['c', /^\s*#include [<"]|^\s*(?:static )?(?:int|void|char|size_t|struct \w+) \*?\w+\(/],
];

/** Returns a language id when most of the sample looks like source code, else undefined. */
export function looksLikeCode(lines: string[]): string | undefined {
  const votes = new Map<string, number>();
  let codeish = 0;
  const sample = lines.slice(0, 200);
  for (const l of sample) {
    if (/[;{}]\s*$|^\s*(?:\/\/|#|\/\*|\*)|^\s*(?:return|if|for|while|else)\b/.test(l)) codeish++;
    for (const [lang, re] of CODE_SIGNS) if (re.test(l)) { votes.set(lang, (votes.get(lang) ?? 0) + 1); codeish++; break; }
  }
  if (codeish / sample.length < 0.3) return undefined;
  let best: string | undefined, bestN = 0;
  for (const [lang, n] of votes) if (n > bestN) { best = lang; bestN = n; }
  return best ?? 'unknown';
}
