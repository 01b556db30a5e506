const EXT_LANG: Record<string, string> = {
  py: 'python',
  pyi: 'python',
  js: 'javascript',
  mjs: 'javascript',
  cjs: 'javascript',
  jsx: 'javascript',
  ts: 'typescript',
  mts: 'typescript',
  cts: 'typescript',
  tsx: 'tsx',
  go: 'go',
  rs: 'rust',
  java: 'java',
  c: 'c',
  h: 'c',
  cc: 'cpp',
  cpp: 'cpp',
  cxx: 'cpp',
  hpp: 'cpp',
  hh: 'cpp',
  cs: 'csharp',
  rb: 'ruby',
  php: 'php',
  sh: 'bash',
  bash: 'bash',
  zsh: 'bash',
  kt: 'kotlin',
  swift: 'swift',
  scala: 'scala',
  lua: 'lua',
  css: 'css',
  json: 'json',
  jsonl: 'json',
  ndjson: 'json',
  html: 'html',
  htm: 'html',
  csv: 'csv',
  tsv: 'csv',
  diff: 'diff',
  patch: 'diff',
  md: 'markdown',
  markdown: 'markdown',
  rst: 'markdown',
  txt: 'text',
  out: 'text',
  log: 'log',
  yaml: 'yaml',
  yml: 'yaml',
  toml: 'toml',
  sql: 'sql',
};

export function languageFromFileName(fileName: string): string | undefined {
  const base = fileName.split(/[\\/]/).pop() ?? fileName;
  if (/^(Makefile|Dockerfile)$/i.test(base)) return base.toLowerCase();
  const ext = base.includes('.') ? base.split('.').pop()!.toLowerCase() : '';
  return EXT_LANG[ext];
}

/**
 * Signs of a language: the first that matches a line votes for it with its weight. Marks no other language has
 * (`<?php`, `using System;`, `{ get; set; }`, `fn`/`impl`, `std::`) weigh 3; generic shapes that several languages
 * share (a `public … name(` method, `let x =`) weigh 1, so a C# file full of methods is not taken for Java.
 */
const CODE_SIGNS: [string, RegExp, number][] = [
  [
    'php',
    new RegExp(
      [
        /^<\?php|^\s*\$\w+\s*(?:=|->)|^namespace [\w\\]+;/.source,
        /^\s*(?:public |private |protected )?(?:static )?function \w+\(.*\$\w+/.source,
      ].join('|'),
    ),
    3,
  ],
  [
    'csharp',
    new RegExp(
      String.raw`^using System\b|^\s*namespace [\w.]+\s*$|\{ ?get; ?(?:private )?set; ?\}` +
        String.raw`|^\s*\[(?:Flags|Guid|DllImport|ComImport|Serializable|Test|Fact)\b|\bstring\[\] args\b` +
        String.raw`|^\s*(?:public |internal )(?:sealed |static |partial |abstract )*(?:class|struct` +
        String.raw`|enum) \w+\s*(?::.*)?$`,
    ),
    3,
  ],
  [
    'rust',
    new RegExp(
      [
        /^\s*(?:pub(?:\(crate\))? )?(?:fn \w+|impl\b|mod \w+;|trait \w+)/.source,
        /^\s*pub(?:\(crate\))? (?:struct|enum) \w+|^\s*use [\w:]+::|^\s*let mut \w+/.source,
        /^\s*#\[(?:derive|test|cfg|allow)|&(?:mut )?self\b/.source,
      ].join('|'),
    ),
    3,
  ],
  ['go', /^(?:package \w+$|func (?:\(\w+ \*?\w+\) )?\w+\(|import \(|type \w+ struct)|:= /, 3],
  ['ruby', /^\s*(?:def \w+[?!]?(?:\(.*\))?\s*$|module \w+$|require ['"]|attr_(?:reader|accessor|writer) :|end$)/, 2],
  [
    'python',
    /^\s*(?:def \w+\(.*\)\s*(?:->.*)?:\s*$|class \w+(?:\(.*\))?:\s*$|from [\w.]+ import |import \w+$|if __name__ ==)/,
    3,
  ],
  [
    'cpp',
    /\bstd::|^\s*template\s*<|^#include <(?:iostream|vector|string|memory|map|algorithm)>|^\s*namespace \w+\s*\{/,
    3,
  ],
  [
    'typescript',
    new RegExp(
      [
        /^\s*(?:export )?(?:declare )?(?:interface \w+|type \w+(?:<.*>)? =|enum \w+)/.source,
        /^\s*(?:export )?declare |^\s*(?:export )?(?:async )?function \w+\(.*\)\s*:\s*\w/.source,
        /^\s*(?:private|public|protected|readonly) \w+\s*[?:]|\): (?:string|number|boolean|void|Promise<)/.source,
        /^\s*(?:readonly )?\w+\??: [\w<>\[\]|' .]+;\s*$|^import type |\(\w+\??: [\w{[]|\bas const\b/.source,
      ].join('|'),
    ),
    2,
  ],
  ['bash', /^#!.*\b(?:ba|z)?sh\b|^\s*(?:fi|then|esac|done)\s*$|^\s*local \w+=|^\s*\w+\(\)\s*\{|^\s*if \[\[? /, 2],
  [
    'java',
    new RegExp(
      [
        /^\s*(?:public |private |protected )(?:static )?(?:final )?(?:class|interface|[\w<>\[\]]+ \w+\()/.source,
        /^package [\w.]+;|^import [\w.]+;/.source,
      ].join('|'),
    ),
    1,
  ],
  [
    'javascript',
    new RegExp(
      String.raw`^\s*(?:export |import |const \w+ = |let \w+ = |var \w+ = |function \w+\(|module\.exports` +
        String.raw`|require\()|^\s*\w+\.prototype\.|=> \{`,
    ),
    1,
  ],
  [
    'c',
    new RegExp(
      [
        /^\s*#(?:include [<"]|define \w|ifn?def \w|endif\b|if defined)|^\s*typedef\b/.source,
        /^\s*(?:static )?(?:int|void|char|size_t|struct \w+) \*?\w+\(/.source,
      ].join('|'),
    ),
    2,
  ],
];

/** Python block openers and statements, which end in `:` or have no braces at all. */
const PY_STATEMENT = new RegExp(
  String.raw`^\s*(?:(?:if|elif|else|for|while|try|except|finally|with|def|class)\b.*:\s*$` +
    String.raw`|(?:return|raise|yield|pass|assert|del|global|nonlocal)\b)|\bself\.\w`,
);

/** Returns a language id when most of the sample looks like source code, else undefined. */
export function looksLikeCode(lines: string[]): string | undefined {
  const votes = new Map<string, number>();
  let codeish = 0;
  let counted = 0;
  let docstring = false;
  for (const l of lines.slice(0, 200)) {
    // a Python docstring is prose inside code: it counts neither way
    const quotes = (l.match(/"""|'\'\'/g) ?? []).length;
    if (docstring || (quotes === 1 && /^\s*[rRuUbB]?(?:"""|'\'\')/.test(l))) {
      if (quotes % 2 === 1) docstring = !docstring;
      continue;
    }
    counted++;
    if (/[;{}]\s*$|^\s*(?:\/\/|#|\/\*|\*)|^\s*(?:return|if|for|while|else)\b/.test(l) || PY_STATEMENT.test(l))
      codeish++;
    for (const [lang, re, weight] of CODE_SIGNS)
      if (re.test(l)) {
        votes.set(lang, (votes.get(lang) ?? 0) + weight);
        codeish++;
        break;
      }
  }
  if (counted === 0 || codeish / counted < 0.3) return undefined;
  let best: string | undefined,
    bestN = 0;
  for (const [lang, n] of votes)
    if (n > bestN) {
      best = lang;
      bestN = n;
    }
  return best ?? 'unknown';
}
