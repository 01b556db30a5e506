/** One `@@ … @@` hunk: its header line and body lines exactly as printed. */
export interface Hunk {
  header: string;
  body: string[];
}

/** The file a hunk belongs to; `id` tells file sections apart when the same path shows up in several commits. */
export interface FileRef {
  path: string;
  id: number;
}

/**
 * A unified diff as a sequence of blocks, in order. `line`: kept as printed (commit headers, `diff --git`, `---`/`+++`,
 * mode/rename lines, `Binary files … differ`, anything unrecognised). `index`: git's `index abc..def` line.
 */
export type DiffBlock =
  | { kind: 'line'; line: string }
  | { kind: 'index'; line: string }
  | { kind: 'hunk'; file: FileRef; hunk: Hunk };

const HUNK_RE = /^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@/;
const INDEX_RE = /^index [0-9a-f]{4,}\.\.[0-9a-f]{4,}(?: [0-7]{6})?$/;

/**
 * Parses `git diff`, `git show`, `git log -p` and `diff -u` output. Hunk bodies are read by the line counts in their
 * header, so a removed line that reads `--- x` or `diff --git` is not mistaken for a header. Never throws.
 */
export function parseDiff(lines: readonly string[]): DiffBlock[] {
  const blocks: DiffBlock[] = [];
  let file: FileRef | undefined;
  let nextId = 0;
  let inFileHeader = false;
  let i = 0;
  while (i < lines.length) {
    const l = lines[i];
    if (l.startsWith('diff --git ') || l.startsWith('diff --cc ') || l.startsWith('diff --combined ')) {
      file = { path: pathFromDiffLine(l), id: ++nextId };
      inFileHeader = true;
      blocks.push({ kind: 'line', line: l });
      i++;
      continue;
    }
    if (inFileHeader && INDEX_RE.test(l)) {
      blocks.push({ kind: 'index', line: l });
      i++;
      continue;
    }
    if (l.startsWith('--- ') && i + 1 < lines.length && lines[i + 1].startsWith('+++ ')) {
      if (!inFileHeader || !file) file = { path: '', id: ++nextId };
      const newPath = pathFromMinusPlus(lines[i + 1].slice(4));
      file.path = newPath === '/dev/null' ? pathFromMinusPlus(l.slice(4)) : newPath;
      inFileHeader = true;
      blocks.push({ kind: 'line', line: l }, { kind: 'line', line: lines[i + 1] });
      i += 2;
      continue;
    }
    const m = l.startsWith('@@ ') ? HUNK_RE.exec(l) : null;
    if (m) {
      file ??= { path: '', id: ++nextId };
      const end = hunkEnd(lines, i + 1, m[2] === undefined ? 1 : Number(m[2]), m[4] === undefined ? 1 : Number(m[4]));
      blocks.push({ kind: 'hunk', file, hunk: { header: l, body: lines.slice(i + 1, end) } });
      inFileHeader = false;
      i = end;
      continue;
    }
    if (l.startsWith('commit ')) {
      file = undefined;
      inFileHeader = false;
    }
    blocks.push({ kind: 'line', line: l });
    i++;
  }
  return blocks;
}

/** Index just past a hunk's body: counts old/new lines; `\ No newline at end of file` lines count for neither. */
function hunkEnd(lines: readonly string[], start: number, oldCount: number, newCount: number): number {
  let oldLeft = oldCount,
    newLeft = newCount;
  let j = start;
  while (j < lines.length) {
    const s = lines[j];
    const c = s.charCodeAt(0);
    if (c === 92 /* \ */) {
      j++;
      continue;
    }
    if (oldLeft <= 0 && newLeft <= 0) break;
    if (c === 32 /* space */ || (s === '' && j < lines.length - 1)) {
      // an empty line is a context line whose lone space an editor or tool stripped
      oldLeft--;
      newLeft--;
    } else if (c === 45 /* - */) oldLeft--;
    else if (c === 43 /* + */) newLeft--;
    else break;
    j++;
  }
  return j;
}

/** `diff --git a/x b/y` → `y` (the side after the last ` b/`); `diff --cc x` → `x`. */
function pathFromDiffLine(l: string): string {
  if (l.startsWith('diff --git ')) {
    const rest = l.slice('diff --git '.length);
    const b = rest.lastIndexOf(' b/');
    return unquote(b >= 0 ? rest.slice(b + 3) : (rest.split(' ').pop() ?? ''));
  }
  return unquote(l.replace(/^diff --(?:cc|combined) /, ''));
}

/** The path of a `---`/`+++` line: drops the timestamp diff -u appends after a tab and git's a/ b/ prefix. */
function pathFromMinusPlus(rest: string): string {
  const tab = rest.indexOf('\t');
  const p = unquote((tab >= 0 ? rest.slice(0, tab) : rest).trim());
  return p === '/dev/null' ? p : p.replace(/^[ab]\//, '');
}

function unquote(p: string): string {
  return p.length >= 2 && p.startsWith('"') && p.endsWith('"') ? p.slice(1, -1) : p;
}
