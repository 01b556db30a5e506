import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRng } from '../lib/prng.js';
import { runCommand } from './run-command.js';
import type { RealContext, RealRun } from './types.js';

/**
 * A temp git repository built from real package sources in node_modules (express and its neighbours): one commit
 * adding each file, then ~170 seeded edit commits on those files, one of which fixes send's path check. Commits
 * are written with `git fast-import` (fixed authors and dates, so the hashes are the same every run). Then
 * `git log --stat -n 200` and, after editing three sources and the lock file in the working tree, `git diff`.
 */
const PACKAGES = [
  'body-parser',
  'content-disposition',
  'cookie',
  'debug',
  'express',
  'finalhandler',
  'mime-types',
  'on-finished',
  'qs',
  'router',
  'send',
  'serve-static',
];
const FIX_MESSAGE = 'Fix path traversal check in send for encoded dot segments';
const AUTHORS = [
  'Doug Wilson <doug@somethingdoug.com>',
  'Wes Todd <wes@wesleytodd.com>',
  'Ulises Gascón <ulisesgascondev@gmail.com>',
  'Chris de Almeida <ctcpip@users.noreply.github.com>',
  'Blake Embrey <hello@blakeembrey.com>',
];
const EDIT_MESSAGES = [
  'Refactor {f} error handling',
  'Tidy up {f}',
  'docs: clarify {f}',
  'Use strict equality in {f}',
  'lint: fix {f}',
  'Simplify option parsing in {f}',
  'perf: avoid extra allocation in {f}',
  'Handle undefined input in {f}',
];

function listFiles(dir: string, rel = ''): string[] {
  const out: string[] = [];
  for (const name of readdirSync(join(dir, rel)).sort()) {
    const p = rel ? `${rel}/${name}` : name;
    const st = statSync(join(dir, p));
    if (st.isDirectory()) out.push(...listFiles(dir, p));
    else if (/\.(js|json|md)$/.test(name) && st.size < 200_000) out.push(p);
  }
  return out;
}

/** Deterministic edit: insert, delete or change one line; returns the new text. */
function edit(text: string, seed: number): string {
  const rng = createRng(seed);
  const lines = text.split('\n');
  if (lines.length < 8) return text + `\n// revision ${seed}\n`;
  const at = rng.int(3, lines.length - 3);
  const op = rng.int(0, 2);
  if (op === 0) lines.splice(at, 0, `  // note: keep behaviour in sync with upstream (rev ${seed})`);
  else if (op === 1 && lines[at].trim() !== '') lines.splice(at, 1);
  else
    lines[at] =
      lines[at].replace(/ == /g, ' === ').replace(/\bvar /, 'let ') +
      (lines[at].includes('//') ? '' : ` // rev ${seed}`);
  return lines.join('\n');
}

class FastImport {
  private chunks: Buffer[] = [];
  private mark = 0;
  private time = 1_700_000_000;
  commit(author: string, message: string, files: Record<string, string>): void {
    this.mark++;
    this.time += 3571;
    const who = `${author} ${this.time} +0000`;
    let head =
      `commit refs/heads/main\nmark :${this.mark}\nauthor ${who}\ncommitter ${who}\n` +
      `data ${Buffer.byteLength(message)}\n${message}\n`;
    if (this.mark > 1) head += `from :${this.mark - 1}\n`;
    this.chunks.push(Buffer.from(head));
    for (const [path, content] of Object.entries(files))
      this.chunks.push(Buffer.from(`M 100644 inline ${path}\ndata ${Buffer.byteLength(content)}\n${content}\n`));
    this.chunks.push(Buffer.from('\n'));
  }
  stream(): Buffer {
    return Buffer.concat(this.chunks);
  }
}

function buildRepo(ctx: RealContext, dir: string): string | undefined {
  const files: Record<string, string> = {};
  for (const pkg of PACKAGES) {
    const base = join(ctx.root, 'node_modules', pkg);
    if (!existsSync(base)) continue;
    for (const f of listFiles(base)) files[`${pkg}/${f}`] = readFileSync(join(base, f), 'utf8');
  }
  const lock = join(ctx.root, 'package-lock.json');
  if (existsSync(lock)) files['package-lock.json'] = readFileSync(lock, 'utf8');
  const paths = Object.keys(files).sort();
  if (paths.length < 20) return 'too few package sources in node_modules';
  const fi = new FastImport();
  const rng = createRng(2024);
  const current: Record<string, string> = {};
  paths.forEach((p, i) => {
    current[p] = files[p];
    fi.commit(AUTHORS[i % AUTHORS.length], `Add ${p}`, { [p]: files[p] });
  });
  const sources = paths.filter((p) => p.endsWith('.js'));
  for (let i = 0; i < 170; i++) {
    if (i === 95 && current['send/index.js']) {
      current['send/index.js'] = current['send/index.js'].replace(
        /(var|const) UP_PATH_REGEXP = .*/,
        '$1 UP_PATH_REGEXP = /(?:^|[\\\\/])(?:\\.\\.|%2e%2e)(?:[\\\\/]|$)/i',
      );
      fi.commit(
        AUTHORS[1],
        `${FIX_MESSAGE}\n\nDecode %2e%2e before the up-path check so encoded dot segments cannot escape the root.`,
        {
          'send/index.js': current['send/index.js'],
          'send/HISTORY.md': (current['send/HISTORY.md'] ?? '') + '\n  * Fix: reject encoded dot segments in paths\n',
        },
      );
      continue;
    }
    const touched: Record<string, string> = {};
    const n = rng.weighted([
      [1, 6],
      [2, 3],
      [3, 1],
    ] as const);
    for (let k = 0; k < n; k++) {
      const p = rng.pick(sources);
      current[p] = edit(current[p], 1000 + i * 7 + k);
      touched[p] = current[p];
    }
    const first = Object.keys(touched)[0];
    fi.commit(AUTHORS[rng.int(0, AUTHORS.length - 1)], rng.pick(EDIT_MESSAGES).replace('{f}', first), touched);
  }
  mkdirSync(dir, { recursive: true });
  const git = (args: string[], input?: Buffer) =>
    runCommand('git', ['-c', 'core.hooksPath=/dev/null', '-c', 'commit.gpgsign=false', ...args], {
      cwd: dir,
      input,
      timeoutMs: 60_000,
    });
  const init = git(['init', '-q', '-b', 'main']);
  if (!init.ok || init.status !== 0) return init.note ?? `git init failed: ${init.stderr.trim()}`;
  const imp = git(['fast-import', '--quiet'], fi.stream());
  if (!imp.ok || imp.status !== 0) return imp.note ?? `git fast-import failed: ${imp.stderr.trim()}`;
  const reset = git(['reset', '-q', '--hard', 'main']);
  if (!reset.ok || reset.status !== 0) return reset.note ?? `git reset failed: ${reset.stderr.trim()}`;
  return undefined;
}

/** Edits a developer might have in progress: [file, find, replace]. A missing anchor skips that edit. */
const EDITS: [string, string, string][] = [
  ['express/lib/response.js', 'if (code < 100 || code > 999) {', 'if (code < 100 || code > 599) {'],
  [
    'express/lib/response.js',
    'Status code must be greater than 99 and less than 1000.',
    'Status code must be greater than 99 and less than 600.',
  ],
  [
    'router/index.js',
    '  let idx = 0\n',
    '  let idx = 0\n  let sync = 0 // guards against deep synchronous recursion in next()\n',
  ],
  [
    'body-parser/lib/types/json.js',
    '  const strict = options?.strict !== false\n',
    '  const strict = options?.strict !== false\n  const maxDepth = options?.maxDepth ?? 32\n',
  ],
  ['body-parser/lib/types/json.js', '        return {}\n', '        return strict ? {} : undefined\n'],
];

function workingTreeEdits(dir: string): void {
  for (const [p, find, replace] of EDITS) {
    const f = join(dir, p);
    if (!existsSync(f)) continue;
    const text = readFileSync(f, 'utf8');
    if (text.includes(find)) writeFileSync(f, text.replace(find, replace));
  }
  // an `npm update` in progress: 60 patch bumps in the lock file
  const lockPath = join(dir, 'package-lock.json');
  if (!existsSync(lockPath)) return;
  let n = 0;
  const bumped = readFileSync(lockPath, 'utf8').replace(
    /("version": ")(\d+)\.(\d+)\.(\d+)(")/g,
    (m, a: string, x: string, y: string, z: string, b: string) =>
      n++ > 0 && n <= 61 ? `${a}${x}.${y}.${Number(z) + 1}${b}` : m,
  );
  writeFileSync(lockPath, bumped);
}

export function gitRuns(ctx: RealContext): RealRun[] {
  const logCmd = 'git log --stat -n 200';
  const diffCmd = 'git diff';
  const dir = join(ctx.scratch, 'git-repo');
  const failed = buildRepo(ctx, dir);
  if (failed)
    return [
      { skipped: failed, command: logCmd },
      { skipped: failed, command: diffCmd },
    ];
  const out: RealRun[] = [];

  const log = runCommand('git', ['log', '--stat', '-n', '200'], { cwd: dir });
  const block = log.stdout.split(/^(?=commit [0-9a-f]{40}$)/m).find((b) => b.includes(FIX_MESSAGE));
  if (!log.ok || !block) out.push({ skipped: log.note ?? 'git log did not show the fix commit', command: logCmd });
  else {
    const sha = /^commit ([0-9a-f]{40})/.exec(block)?.[1] ?? '';
    const date = /^Date:\s+(.+)$/m.exec(block)?.[1] ?? '';
    const stats = [...block.matchAll(/^ (\S+)\s+\|\s+\d+/gm)].map((m) => m[1]);
    out.push({
      workload: {
        id: 'git-log',
        title: 'git log --stat -n 200 (temp repo of real sources)',
        command: logCmd,
        question: 'Which commit fixed the path traversal check in send, when, and which files did it change?',
        source: 'real',
        units: [{ name: logCmd, text: log.stdout, facts: [sha, date, FIX_MESSAGE, ...stats] }],
      },
    });
  }

  workingTreeEdits(dir);
  const diff = runCommand('git', ['diff'], { cwd: dir });
  if (!diff.ok || diff.stdout.length === 0)
    out.push({ skipped: diff.note ?? 'git diff printed nothing', command: diffCmd });
  else {
    const facts: string[] = [];
    for (const fileDiff of diff.stdout.split(/^(?=diff --git )/m)) {
      const path = /^diff --git a\/(\S+)/.exec(fileDiff)?.[1];
      if (!path) continue;
      facts.push(path);
      if (path === 'package-lock.json') continue; // its 60 identical edits are summarised, not enumerated
      // changed lines worth checking: a bare `}` is found anywhere and proves nothing
      for (const m of fileDiff.matchAll(/^[+-](?![+-]{2} )(.*)$/gm))
        if (m[1].trim().length >= 8) facts.push(m[1].trim());
    }
    out.push({
      workload: {
        id: 'git-diff',
        title: 'git diff (3 source edits + lock file)',
        command: diffCmd,
        question: 'What changed in the working tree: which files, and which lines were edited in the source files?',
        source: 'real',
        units: [{ name: diffCmd, text: diff.stdout, facts: [...new Set(facts)] }],
      },
    });
  }
  return out;
}
