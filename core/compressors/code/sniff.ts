/**
 * Language guesses from content alone, ranked, for code without a file name. Each rule is a line-anchored regex that is
 * near-unique to its language; votes over the first lines decide. The parse then confirms: the caller tries the top
 * guesses and keeps the one with the fewest syntax errors.
 */
const RULES: [string, RegExp][] = [
  [
    'php',
    new RegExp(
      [
        /^<\?php\b|^\s*(?:public |private |protected )?(?:static )?function \w+\s*\(.*\$\w+|^\s*\$this->/.source,
        /^\s*namespace [\w\\]+;/.source,
      ].join('|'),
    ),
  ],
  ['bash', /^#!.*\b(?:ba|z|da)?sh\b|^\s*(?:fi|esac|done)\s*$|^\s*\w+\s*\(\)\s*\{\s*$|^\s*local \w+=|^\s*if \[\[? /],
  [
    'csharp',
    new RegExp(
      String.raw`^\s*using System[\w.]*;|^\s*namespace [\w.]+\s*$` +
        String.raw`|^\s*(?:public|private|internal) (?:static |sealed |partial )*(?:class|interface|struct` +
        String.raw`|record) \w+.*(?::\s*\w+)?\s*$|^\s*\[\w+(?:\(.*\))?\]\s*$`,
    ),
  ],
  [
    'rust',
    new RegExp(
      [
        /^\s*(?:pub(?:\([\w:]+\))? )?(?:async )?fn \w+[<(]|^\s*let mut /.source,
        /^\s*impl(?:<.*>)? [\w:<>]+(?: for [\w:<>]+)?\s*\{|^\s*use [\w:]+(?:::\{.*\})?;|^\s*#\[derive\(/.source,
      ].join('|'),
    ),
  ],
  ['go', /^package \w+\s*$|^func (?:\(\w+ \*?[\w\[\]]+\) )?\w+\(|^\s*\w+(?:, \w+)* := |^import \($/],
  [
    'java',
    new RegExp(
      String.raw`^package [\w.]+;|^import (?:static )?java[x]?\.[\w.*]+;` +
        String.raw`|^\s*(?:public |private |protected )(?:static )?(?:final )?(?:abstract )?(?:class|interface|enum` +
        String.raw`|record) \w+|^\s*@Override\s*$`,
    ),
  ],
  [
    'python',
    new RegExp(
      [
        /^\s*def \w+\(.*\)(?:\s*->\s*[^:]+)?:\s*$|^\s*class \w+(?:\(.*\))?:\s*$|^\s*from [\w.]+ import /.source,
        /^if __name__ == |^\s*elif |^\s*(?:self|cls)\.\w+ = /.source,
      ].join('|'),
    ),
  ],
  [
    'ruby',
    new RegExp(
      [
        /^\s*def (?:self\.)?\w+[?!=]?(?:\(.*\))?\s*$|^\s*end\s*$|^\s*require(?:_relative)? ['"]/.source,
        /^\s*(?:module|class) [A-Z]\w*(?:::\w+)*(?: < [\w:]+)?\s*$|^\s*attr_(?:reader|accessor|writer) :/.source,
      ].join('|'),
    ),
  ],
  [
    'cpp',
    new RegExp(
      String.raw`^\s*#include <(?:iostream|string|vector|memory|map|algorithm|[a-z_]+)>$` +
        String.raw`|^\s*(?:template\s*<|namespace \w+\s*\{|using namespace ` +
        String.raw`|class \w+(?: final)?\s*(?::\s*(?:public|private) [\w:]+)?\s*\{)|\bstd::` +
        String.raw`|^\s*\w[\w:<>]*::~?\w+\(.*\)(?: const)?\s*\{?\s*$`,
    ),
  ],
  [
    'c',
    new RegExp(
      String.raw`^\s*#include [<"][\w/.]+\.h[>"]` +
        String.raw`|^\s*(?:static |extern )?(?:const )?(?:unsigned |signed )?(?:int|void|char|long|short|size_t` +
        String.raw`|struct \w+|\w+_t)\s+\**\w+\(.*\)\s*\{?\s*$|^\s*typedef |^\s*#define `,
    ),
  ],
  [
    'typescript',
    new RegExp(
      [
        /^\s*(?:export )?(?:interface|type) \w+(?:<.*>)? (?:=|\{|extends)|^\s*import type /.source,
        /\): (?:string|number|boolean|void|Promise<)|^\s*(?:private|public|protected|readonly) \w+[?!]?:/.source,
        /^\s*(?:export )?(?:declare |abstract )?(?:enum|namespace) \w+/.source,
      ].join('|'),
    ),
  ],
  [
    'javascript',
    new RegExp(
      [
        /^\s*(?:const|let|var) \w+ = require\(|^\s*module\.exports\b|^\s*exports\.\w+ =/.source,
        /^\s*(?:export )?(?:async )?function\*? \w+\(/.source,
        /^\s*(?:import .* from |export (?:default|const|function|class) )|=> \{\s*$/.source,
      ].join('|'),
    ),
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
