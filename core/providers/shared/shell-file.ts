/**
 * The file a shell command prints, when it prints exactly one file as is (or a slice of its lines): `cat src/a.py`,
 * `sed -n '1,200p' src/a.py`, `head -n 80 lib/x.rs`, `nl -ba main.go`. Agents that read files through the shell
 * (Codex, Gemini CLI, Aider) give no `file_path`; without the name, a Python file full of docstrings reads as prose.
 * Anything else — pipes, redirects, several files, other programs — names no file.
 */
const READERS = new Set(['cat', 'bat', 'batcat', 'head', 'tail', 'sed', 'nl', 'less', 'more']);
/** Wrappers whose last argument is the real command (`bash -lc "…"`), as Codex sends it. */
const SHELLS = new Set(['bash', 'sh', 'zsh']);

export function fileFromCommand(command: unknown): string | undefined {
  let line: string | undefined;
  if (typeof command === 'string') line = command;
  else if (Array.isArray(command) && command.every((c) => typeof c === 'string')) {
    const argv = command as string[];
    line =
      SHELLS.has(argv[0]?.split('/').pop() ?? '') && /^-\w*c$/.test(argv[1] ?? '')
        ? argv[2]
        : argv.map(quoteIfNeeded).join(' ');
  }
  if (!line || line.length > 500) return undefined;
  const cmd = line
    .trim()
    .replace(/^cd\s+\S+\s*&&\s*/, '') // "cd repo && cat x" reads x
    .replace(/\s+2>(?:&1|\/dev\/null)/g, ''); // stderr does not change what stdout prints
  if (/[|;&<>`$()]/.test(cmd)) return undefined;
  const words = splitWords(cmd);
  if (!words || !READERS.has(words[0])) return undefined;
  const args = words.slice(1);
  // options, the number after -n/-c (`head -n 80 x`), and sed's line range (`sed -n '1,200p' x`) are not files
  const files = args.filter(
    (w, i) =>
      !w.startsWith('-') && !/^-[nc]$|^--(?:lines|bytes)$/.test(args[i - 1] ?? '') && !/^\d+(?:,\d+)?p$/.test(w),
  );
  if (files.length !== 1) return undefined;
  if (!/\.[A-Za-z0-9]{1,8}$/.test(files[0]) && !/(?:^|\/)(?:Makefile|Dockerfile)$/.test(files[0])) return undefined;
  return files[0];
}

/** Shell words with simple quoting; undefined for anything this does not read plainly. */
function splitWords(s: string): string[] | undefined {
  const out: string[] = [];
  const re = /'([^']*)'|"([^"\\]*)"|(\S+)/g;
  for (const m of s.matchAll(re)) out.push(m[1] ?? m[2] ?? m[3]);
  return out.length ? out : undefined;
}

function quoteIfNeeded(w: string): string {
  return /\s/.test(w) ? `'${w}'` : w;
}
