/**
 * Language guesses from content alone, ranked, for code without a file name. Each rule is a line-anchored regex that is
 * near-unique to its language; votes over the first lines decide. The parse then confirms: the caller tries the top
 * guesses and keeps the one with the fewest syntax errors.
 */
const RULES: [string, RegExp][] = [
  [
    'php',
    /^<\?php\b|^\s*(?:public |private |protected )?(?:static )?function \w+\s*\(.*\$\w+|^\s*\$this->|^\s*namespace [\w\\]+;/,
  ],
  ['bash', /^#!.*\b(?:ba|z|da)?sh\b|^\s*(?:fi|esac|done)\s*$|^\s*\w+\s*\(\)\s*\{\s*$|^\s*local \w+=|^\s*if \[\[? /],
  [
    'csharp',
    /^\s*using System[\w.]*;|^\s*namespace [\w.]+\s*$|^\s*(?:public|private|internal) (?:static |sealed |partial )*(?:class|interface|struct|record) \w+.*(?::\s*\w+)?\s*$|^\s*\[\w+(?:\(.*\))?\]\s*$/,
  ],
  [
    'rust',
    /^\s*(?:pub(?:\([\w:]+\))? )?(?:async )?fn \w+[<(]|^\s*let mut |^\s*impl(?:<.*>)? [\w:<>]+(?: for [\w:<>]+)?\s*\{|^\s*use [\w:]+(?:::\{.*\})?;|^\s*#\[derive\(/,
  ],
  ['go', /^package \w+\s*$|^func (?:\(\w+ \*?[\w\[\]]+\) )?\w+\(|^\s*\w+(?:, \w+)* := |^import \($/],
  [
    'java',
    /^package [\w.]+;|^import (?:static )?java[x]?\.[\w.*]+;|^\s*(?:public |private |protected )(?:static )?(?:final )?(?:abstract )?(?:class|interface|enum|record) \w+|^\s*@Override\s*$/,
  ],
  [
    'python',
    /^\s*def \w+\(.*\)(?:\s*->\s*[^:]+)?:\s*$|^\s*class \w+(?:\(.*\))?:\s*$|^\s*from [\w.]+ import |^if __name__ == |^\s*elif |^\s*(?:self|cls)\.\w+ = /,
  ],
  [
    'ruby',
    /^\s*def (?:self\.)?\w+[?!=]?(?:\(.*\))?\s*$|^\s*end\s*$|^\s*require(?:_relative)? ['"]|^\s*(?:module|class) [A-Z]\w*(?:::\w+)*(?: < [\w:]+)?\s*$|^\s*attr_(?:reader|accessor|writer) :/,
  ],
  [
    'cpp',
    /^\s*#include <(?:iostream|string|vector|memory|map|algorithm|[a-z_]+)>$|^\s*(?:template\s*<|namespace \w+\s*\{|using namespace |class \w+(?: final)?\s*(?::\s*(?:public|private) [\w:]+)?\s*\{)|\bstd::|^\s*\w[\w:<>]*::~?\w+\(.*\)(?: const)?\s*\{?\s*$/,
  ],
  [
    'c',
    /^\s*#include [<"][\w/.]+\.h[>"]|^\s*(?:static |extern )?(?:const )?(?:unsigned |signed )?(?:int|void|char|long|short|size_t|struct \w+|\w+_t)\s+\**\w+\(.*\)\s*\{?\s*$|^\s*typedef |^\s*#define /,
  ],
  [
    'typescript',
    /^\s*(?:export )?(?:interface|type) \w+(?:<.*>)? (?:=|\{|extends)|^\s*import type |\): (?:string|number|boolean|void|Promise<)|^\s*(?:private|public|protected|readonly) \w+[?!]?:|^\s*(?:export )?(?:declare |abstract )?(?:enum|namespace) \w+/,
  ],
  [
    'javascript',
    /^\s*(?:const|let|var) \w+ = require\(|^\s*module\.exports\b|^\s*exports\.\w+ =|^\s*(?:export )?(?:async )?function\*? \w+\(|^\s*(?:import .* from |export (?:default|const|function|class) )|=> \{\s*$/,
  ],
];

/** Up to `max` language ids, most votes first (ties: the order of RULES, most specific first). */
export function sniffLanguages(text: string, max = 2): string[] {
  const votes = new Map<string, number>();
  let lines = 0;
  let start = 0;
  while (start < text.length && lines < 300) {
    let end = text.indexOf('\n', start);
    if (end === -1) end = text.length;
    const line = end - start > 400 ? text.slice(start, start + 400) : text.slice(start, end);
    start = end + 1;
    if (!line.trim()) continue;
    lines++;
    for (const [lang, re] of RULES) if (re.test(line)) votes.set(lang, (votes.get(lang) ?? 0) + 1);
  }
  const order = RULES.map(([l]) => l);
  return [...votes.entries()]
    .sort((a, b) => b[1] - a[1] || order.indexOf(a[0]) - order.indexOf(b[0]))
    .slice(0, max)
    .map(([l]) => l);
}
