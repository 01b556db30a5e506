/**
 * Captures real outputs of system, git, Python, JVM, Rust and C tools into bench/corpus/cases/.
 *
 *   node --import tsx bench/corpus/capture/system-tools.ts [--only <case-id prefix>,…]
 *
 * Everything runs in a scratch folder outside the repository (/work/corpus-scratch/system, wiped at start): a git
 * repository built from successive express releases (npm pack, one commit per release, authors and dates from the
 * release history), a small Python project with pytest/unittest suites, Java, Rust and C projects with real
 * compiler errors and test failures, and read-only looks at the machine (dpkg, apt, /usr trees). The machine's own
 * processes and mounts are never captured: ps/top/df run in private PID/mount namespaces with their own workload.
 * Facts are found in the captured text (regex) or written literally for fixed scenarios; every fact is checked to
 * occur in the text and the script fails loudly when one does not.
 *
 * Needs: git, tree, python3-pytest (Debian), openjdk-17, cargo, gcc/make, npm (for `npm pack express@…`), unshare.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { containsFact, factLabel } from '../../lib/facts.js';
import type { Fact } from '../../workloads/types.js';
import type { CorpusCase } from '../types.js';
import { runCommand } from '../../real/run-command.js';

const REPO = resolve(__dirname, '../../..');
const CASES = join(REPO, 'bench/corpus/cases');
const SCRATCH = '/work/corpus-scratch/system';

/** A small, fixed environment: no variables of the session leak into the captured outputs. */
const ENV: NodeJS.ProcessEnv = {
  PATH: '/root/.cargo/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin',
  HOME: '/root',
  LANG: 'C.UTF-8',
  LC_ALL: 'C.UTF-8',
  TZ: 'UTC',
  TERM: 'dumb',
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_CONFIG_GLOBAL: join(SCRATCH, 'gitconfig'),
  GIT_PAGER: 'cat',
  PAGER: 'cat',
  CARGO_TERM_COLOR: 'never',
  PYTHONDONTWRITEBYTECODE: '1',
};

const only = (() => {
  const i = process.argv.indexOf('--only');
  return i === -1 ? null : process.argv[i + 1].split(',');
})();
const wanted = (id: string) => !only || only.some((p) => id.startsWith(p));

function fail(msg: string): never {
  console.error(`system-tools: ${msg}`);
  process.exit(1);
}

/**
 * Runs a shell command line; stdout and stderr interleaved as a terminal would show them (unless `split`). `--norc`:
 * bash sources ~/.bashrc when its stdin is a socket (node's stdio pipes are socketpairs), which on this machine puts
 * pyenv's python3 ahead of Debian's on PATH.
 */
function sh(command: string, cwd: string, opts: { timeoutMs?: number; split?: boolean; input?: string; expectFail?: boolean } = {}): string {
  const script = opts.split ? command : `{ ${command}\n} 2>&1`;
  const r = runCommand('bash', ['--norc', '--noprofile', '-c', script], { cwd, env: ENV, timeoutMs: opts.timeoutMs ?? 300_000, input: opts.input });
  if (!r.ok) fail(`${command}: ${r.note}\n${r.stderr}`);
  if (opts.expectFail === false && r.status !== 0) fail(`${command} exited ${r.status}\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
}

/** Runs a setup step that must succeed; returns its stdout trimmed. */
function setup(command: string, cwd: string, env: NodeJS.ProcessEnv = {}): string {
  const r = runCommand('bash', ['--norc', '--noprofile', '-c', command], { cwd, env: { ...ENV, ...env }, timeoutMs: 600_000 });
  if (!r.ok || r.status !== 0) fail(`setup failed: ${command}\n${r.note ?? ''}\n${r.stdout}\n${r.stderr}`);
  return r.stdout.trim();
}

function writeTree(root: string, files: Record<string, string>): void {
  for (const [p, text] of Object.entries(files)) {
    const full = join(root, p);
    mkdirSync(dirname(full), { recursive: true });
    writeFileSync(full, text);
  }
}

const written: { id: string; bytes: number }[] = [];

/** Checks and writes one case. */
function save(c: CorpusCase, text: string): void {
  if (!wanted(c.id)) return;
  if (!/^[a-z0-9][a-z0-9.-]*$/.test(c.id)) fail(`${c.id}: id is not file-name-safe`);
  if (written.some((w) => w.id === c.id)) fail(`${c.id}: duplicate id`);
  if (text.trim().length === 0) fail(`${c.id}: empty output`);
  if (c.facts.length < 2 || c.facts.length > 12) fail(`${c.id}: ${c.facts.length} facts (want 2–12)`);
  c = { ...c, facts: c.facts.filter((f, i) => c.facts.findIndex((g) => factLabel(g) === factLabel(f)) === i) };
  const missing = c.facts.filter((f) => !containsFact(text, f));
  if (missing.length) fail(`${c.id}: facts not in the output: ${missing.map(factLabel).join(' | ')}`);
  const bytes = Buffer.byteLength(text);
  if (bytes > 320_000) fail(`${c.id}: output is ${bytes} bytes (max ~300 KB)`);
  if (/AKIA[0-9A-Z]{16}|BEGIN [A-Z ]*PRIVATE KEY|ghp_[A-Za-z0-9]{20}|sk-[A-Za-z0-9]{20}/.test(text)) fail(`${c.id}: looks like it holds a secret`);
  mkdirSync(CASES, { recursive: true });
  writeFileSync(join(CASES, `${c.id}.txt`), text);
  const record: CorpusCase = { id: c.id, tool: c.tool, family: c.family, command: c.command, question: c.question, facts: c.facts };
  if (c.fileName) record.fileName = c.fileName;
  writeFileSync(join(CASES, `${c.id}.json`), JSON.stringify(record, null, 2) + '\n');
  written.push({ id: c.id, bytes });
  console.log(`${c.id.padEnd(34)} ${String(bytes).padStart(7)} B  ${c.facts.length} facts`);
}

/** The first match's group (or whole match); fails when the pattern does not match. */
function pick(text: string, re: RegExp, what: string, group = 1): string {
  const m = re.exec(text);
  if (!m) fail(`could not find ${what} (${re})`);
  return m[group] ?? m[0];
}

/** Whole line of the text holding `needle` (trimmed of its line break). */
function lineWith(text: string, needle: string | RegExp, what = String(needle)): string {
  const line = text.split('\n').find((l) => (typeof needle === 'string' ? l.includes(needle) : needle.test(l)));
  if (line === undefined) fail(`no line with ${what}`);
  return line;
}

// ─────────────────────────────────────────────────────────────────────────────────────────────────────────────────
// git: a repository of express releases
// ─────────────────────────────────────────────────────────────────────────────────────────────────────────────────

const DOUG = 'Doug Wilson <doug@somethingdoug.com>';
const WES = 'Wes Todd <wes@wesleytodd.com>';
const ULISES = 'Ulises Gascón <ulisesgascondev@gmail.com>';

/** Releases in the order they were made; `5` marks the 5.x line (branched from 4.17.1, merging 4.x as it went). */
const RELEASES: { v: string; who: string; line: 4 | 5 }[] = [
  { v: '4.16.0', who: DOUG, line: 4 },
  { v: '4.16.1', who: DOUG, line: 4 },
  { v: '4.16.2', who: DOUG, line: 4 },
  { v: '4.16.3', who: DOUG, line: 4 },
  { v: '4.16.4', who: DOUG, line: 4 },
  { v: '4.17.0', who: DOUG, line: 4 },
  { v: '4.17.1', who: DOUG, line: 4 },
  { v: '5.0.0-alpha.8', who: DOUG, line: 5 },
  { v: '4.17.2', who: DOUG, line: 4 },
  { v: '5.0.0-beta.1', who: DOUG, line: 5 },
  { v: '4.17.3', who: DOUG, line: 4 },
  { v: '4.18.0', who: DOUG, line: 4 },
  { v: '4.18.1', who: DOUG, line: 4 },
  { v: '4.18.2', who: DOUG, line: 4 },
  { v: '4.18.3', who: WES, line: 4 },
  { v: '4.19.0', who: WES, line: 4 },
  { v: '4.19.1', who: WES, line: 4 },
  { v: '5.0.0-beta.2', who: WES, line: 5 },
  { v: '4.19.2', who: WES, line: 4 },
  { v: '5.0.0-beta.3', who: WES, line: 5 },
  { v: '4.20.0', who: ULISES, line: 4 },
  { v: '5.0.0', who: WES, line: 5 },
  { v: '4.21.0', who: ULISES, line: 4 },
  { v: '4.21.1', who: ULISES, line: 4 },
  { v: '5.0.1', who: ULISES, line: 5 },
  { v: '4.21.2', who: ULISES, line: 4 },
  { v: '5.1.0', who: ULISES, line: 5 },
];

/** `version → {date, notes}` from History.md sections (`4.19.2 / 2024-03-25` then `====` then bullets). */
function historySections(md: string): Map<string, { date: string; notes: string }> {
  const out = new Map<string, { date: string; notes: string }>();
  const lines = md.split('\n');
  const head = /^(\d+\.\d+\.\d+(?:-[a-z]+\.\d+)?) \/ (\d{4}-\d{2}-\d{2})$/;
  for (let i = 0; i < lines.length; i++) {
    const m = head.exec(lines[i]);
    if (!m || !/^=+$/.test(lines[i + 1] ?? '')) continue;
    let j = i + 2;
    while (j < lines.length && !(head.test(lines[j]) && /^=+$/.test(lines[j + 1] ?? ''))) j++;
    out.set(m[1], { date: m[2], notes: lines.slice(i + 2, j).join('\n').replace(/^\n+|\s+$/g, '') });
  }
  return out;
}

interface GitRepo {
  dir: string;
  commits: Map<string, string>; // version → full hash
}

function buildExpressRepo(): GitRepo {
  const pkgs = join(SCRATCH, 'pkgs');
  mkdirSync(pkgs, { recursive: true });
  for (const r of RELEASES) {
    const dest = join(pkgs, `express-${r.v}`);
    if (existsSync(dest)) continue;
    setup(`npm pack express@${r.v} --silent --pack-destination ${pkgs} >/dev/null && mkdir -p ${dest} && tar xzf ${pkgs}/express-${r.v}.tgz -C ${dest} --strip-components=1`, pkgs, { npm_config_update_notifier: 'false' });
  }
  const history = new Map<string, { date: string; notes: string }>();
  for (const r of RELEASES) for (const [v, s] of historySections(readFileSync(join(pkgs, `express-${r.v}`, 'History.md'), 'utf8'))) if (!history.has(v)) history.set(v, s);

  const dir = join(SCRATCH, 'express');
  mkdirSync(dir, { recursive: true });
  setup('git init -q -b master . && git config core.autocrlf false', dir);
  const idx = join(SCRATCH, 'tmp-index');
  const commits = new Map<string, string>();
  let head4 = '';
  let head5 = '';
  let merged4 = '';
  let sameDay = 0;
  let lastDate = '';
  for (const r of RELEASES) {
    const h = history.get(r.v);
    if (!h) fail(`no History.md section for express ${r.v}`);
    sameDay = h.date === lastDate ? sameDay + 1 : 0;
    lastDate = h.date;
    const hh = String(14 + sameDay * 2).padStart(2, '0');
    const mm = String((r.v.length * 7 + sameDay * 13) % 60).padStart(2, '0');
    const date = `${h.date}T${hh}:${mm}:${String((r.v.length * 11) % 60).padStart(2, '0')}+00:00`;
    rmSync(idx, { force: true });
    const tree = setup(`GIT_INDEX_FILE=${idx} git --work-tree=${join(pkgs, `express-${r.v}`)} add -A . && GIT_INDEX_FILE=${idx} git write-tree`, dir);
    const parents: string[] = [];
    if (r.line === 4) {
      if (head4) parents.push(head4);
    } else {
      parents.push(head5 || commits.get('4.17.1')!);
      if (head5 && head4 !== merged4) parents.push(head4);
      merged4 = head4;
    }
    const [name, mail] = r.who.split(/ <|>/);
    writeFileSync(join(SCRATCH, 'msg.txt'), `${r.v}\n\n${h.notes}\n`);
    const commit = setup(`git commit-tree ${tree} ${parents.map((p) => `-p ${p}`).join(' ')} -F ${join(SCRATCH, 'msg.txt')}`, dir, {
      GIT_AUTHOR_NAME: name,
      GIT_AUTHOR_EMAIL: mail,
      GIT_AUTHOR_DATE: date,
      GIT_COMMITTER_NAME: name,
      GIT_COMMITTER_EMAIL: mail,
      GIT_COMMITTER_DATE: date,
    });
    setup(`git tag ${r.v} ${commit}`, dir);
    commits.set(r.v, commit);
    if (r.line === 4) head4 = commit;
    else head5 = commit;
  }
  setup(`git update-ref refs/heads/master ${head5} && git branch 4.x ${head4} && git checkout -q -f master`, dir);
  return { dir, commits };
}

/** Block of `git log` output for the commit whose text matches. */
function logBlock(log: string, re: RegExp): string {
  const blocks = log.split(/(?=^commit [0-9a-f]{40})/m);
  const b = blocks.find((x) => re.test(x));
  if (!b) fail(`no commit block matching ${re}`);
  return b;
}

function captureGit(): void {
  const { dir, commits } = buildExpressRepo();
  const short = (v: string) => commits.get(v)!.slice(0, 7);

  // git log (plain)
  {
    const command = 'git log';
    const text = sh(command, dir);
    const b = logBlock(text, /Improved fix for open redirect/);
    const b0 = logBlock(text, /Prevent open redirect allow list bypass/);
    save(
      {
        id: 'git-log-express',
        tool: 'git',
        family: 'vcs',
        command,
        question: 'Which releases fixed the open redirect allow-list bypass in res.location/res.redirect, who released them and when?',
        facts: [
          pick(b0, /^commit ([0-9a-f]{40})/m, 'hash'),
          'Prevent open redirect allow list bypass due to encodeurl',
          pick(b0, /^Date: +(.*)$/m, 'date'),
          pick(b, /^commit ([0-9a-f]{40})/m, 'hash'),
          'Improved fix for open redirect allow list bypass',
          pick(b, /^Date: +(.*)$/m, 'date'),
          'Wes Todd',
        ],
      },
      text,
    );
  }

  // git log -p on the 4.x line for response.js
  {
    const command = 'git log -p 4.18.3..4.x -- lib/response.js';
    const text = sh(command, dir);
    save(
      {
        id: 'git-log-p-response',
        tool: 'git',
        family: 'vcs',
        command,
        question: 'Which commit introduced schemaAndHostRegExp in res.location, who made it, and which later commit removed it again?',
        facts: [
          commits.get('4.19.2')!,
          'Wes Todd',
          'Improved fix for open redirect allow list bypass',
          "+var schemaAndHostRegExp = /^(?:[a-zA-Z][a-zA-Z0-9+.-]*:)?\\/\\/[^\\\\\\/\\?]+/;",
          'loc = loc.slice(0, pos) + encodeUrl(loc.slice(pos));',
          commits.get('4.20.0')!,
          "+  return this.set('Location', encodeUrl(loc));",
        ],
      },
      text,
    );
  }

  // git log --stat over the whole history
  {
    const command = 'git log --stat';
    const text = sh(command, dir);
    const b = logBlock(text, /^ lib\/router\/index\.js +\| +\d+ -+$/m);
    save(
      {
        id: 'git-log-stat-express',
        tool: 'git',
        family: 'vcs',
        command,
        question: 'Which commit deleted lib/router/ and lib/middleware/ from express, who made it, and how many lines did it remove?',
        facts: [
          pick(b, /^commit ([0-9a-f]{40})/m, 'hash'),
          pick(b, /^    (5\.0\.0-[a-z]+\.\d+)$/m, 'version'),
          'Doug Wilson',
          pick(b, /^( lib\/router\/index\.js +\| +\d+) -+$/m, 'router stat'),
          pick(b, /^( lib\/middleware\/query\.js +\| +\d+) -+$/m, 'query stat'),
          pick(b, /^ \d+ files? changed, .*$/m, 'summary', 0).trim(),
        ],
      },
      text,
    );
  }

  // git log --graph of both release lines
  {
    const command = "git log --graph --all --date=short --format='%h %ad %an%d %s'";
    const text = sh(command, dir);
    save(
      {
        id: 'git-log-graph-express',
        tool: 'git',
        family: 'vcs',
        command,
        question: 'Which 4.x release was last merged into the 5.x line before 5.0.0 shipped, and what are the tips of the two branches?',
        facts: [short('5.0.0'), short('4.20.0'), '4.20.0', 'HEAD -> master', short('5.1.0'), '4.x', short('4.21.2')],
      },
      text,
    );
  }

  // git show of one release
  {
    const command = 'git show 4.19.0';
    const text = sh(command, dir);
    save(
      {
        id: 'git-show-4.19.0',
        tool: 'git',
        family: 'vcs',
        command,
        question: 'What did the 4.19.0 release change in res.location, and which dependency did it bump?',
        facts: [
          commits.get('4.19.0')!,
          'Prevent open redirect allow list bypass due to encodeurl',
          lineWith(text, /^\+.*parsedUrl\.host !== parsedEncodedUrl\.host/, 'host check').slice(1).trim(),
          lineWith(text, /^\+.*var urlParse = require\('url'\)\.parse;/, 'urlParse require').slice(1).trim(),
          pick(text, /^\+\s+"cookie": "([^"]+)"/m, 'cookie dep'),
        ],
      },
      text,
    );
  }

  // git diff between the last 4.x and 5.0.0: deleted router and middleware files, rewritten modules
  {
    const command = 'git diff 4.21.2 5.0.0 -- lib package.json';
    const text = sh(command, dir);
    save(
      {
        id: 'git-diff-4.21.2-5.0.0',
        tool: 'git',
        family: 'diff',
        command,
        question: 'Between 4.21.2 and 5.0.0, what happened to lib/router and the query middleware, and what does application.js use for routing now?',
        facts: [
          'diff --git a/lib/router/index.js b/lib/router/index.js',
          'diff --git a/lib/middleware/query.js b/lib/middleware/query.js',
          'deleted file mode 100644',
          "-var Router = require('./router');",
          "+var Router = require('router');",
          "-var query = require('./middleware/query');",
          pick(text, /^\+\s+"router": "([^"]+)"/m, 'router dep', 0).slice(1).trim(),
          pick(text, /^\+\s+"node": "([^"]+)"/m, 'engines', 0).slice(1).trim(),
        ],
      },
      text,
    );
  }

  // git blame of response.js on master
  {
    const command = 'git blame lib/response.js';
    const text = sh(command, dir);
    const html = lineWith(text, "Redirecting to ' + u + '</p>'", 'redirect html line');
    const loc = lineWith(text, "return this.set('Location', encodeUrl(url));", 'location line');
    const blameFacts = (l: string) => {
      const m = /^\^?([0-9a-f]{7,}) \((.+?) +(\d{4}-\d{2}-\d{2}) [\d:]+ [+-]\d{4} +(\d+)\)/.exec(l);
      if (!m) fail(`blame line not parsed: ${l}`);
      return m;
    };
    const h = blameFacts(html);
    const lc = blameFacts(loc);
    save(
      {
        id: 'git-blame-response',
        tool: 'git',
        family: 'vcs',
        command,
        question: "Who last changed the line of res.redirect that builds the HTML body ('Redirecting to …'), and when? And the line that sets the Location header?",
        facts: [h[1], h[2].trim(), h[3], "body = '<p>' + statuses.message[status] + '. Redirecting to ' + u + '</p>'", lc[1], lc[2].trim(), lc[3]],
      },
      text,
    );
  }

  // git grep for deprecations in the 4.21.2 tree
  {
    const command = 'git grep -n deprecate 4.21.2 -- lib';
    const text = sh(command, dir);
    const del = lineWith(text, "app.del = deprecate.function");
    const back = lineWith(text, 'res.location("back")');
    save(
      {
        id: 'git-grep-deprecate',
        tool: 'git',
        family: 'search',
        command,
        question: 'Which APIs are deprecated in express 4.21.2 and where (file:line)? In particular app.del and the "back" magic string.',
        facts: [
          { path: '4.21.2:lib/application.js', line: Number(pick(del, /:(\d+):/, 'line')) },
          "app.del: Use app.delete instead",
          { path: '4.21.2:lib/response.js', line: Number(pick(back, /:(\d+):/, 'line')) },
          'res.location("back"): use res.location(req.get("Referrer") || "/")',
          lineWith(text, 'req.acceptsEncoding = deprecate.function').replace(/^[^:]+:[^:]+:\d+:/, ''),
        ],
      },
      text,
    );
  }

  // git status after a half-done port of the 4.x branch to express 5 (router 2.0.0 vendored into lib/router)
  {
    setup('git checkout -q 4.x', dir);
    const v5 = join(SCRATCH, 'pkgs', 'express-5.0.0');
    const router = join(SCRATCH, 'pkgs', 'router-2.0.0');
    if (!existsSync(router)) setup(`npm pack router@2.0.0 --silent --pack-destination ${SCRATCH}/pkgs >/dev/null && mkdir -p ${router} && tar xzf ${SCRATCH}/pkgs/router-2.0.0.tgz -C ${router} --strip-components=1`, SCRATCH, { npm_config_update_notifier: 'false' });
    setup(
      [
        `cp ${v5}/lib/application.js ${v5}/lib/request.js ${v5}/lib/express.js lib/`,
        `cp ${v5}/package.json package.json && git add package.json`,
        `sed -i 's/"version": "5.0.0"/"version": "5.0.0-dev"/' package.json`,
        'git rm -q lib/middleware/init.js lib/middleware/query.js',
        'git mv History.md HISTORY.md',
        `cp ${v5}/lib/response.js lib/response.js && git add lib/response.js`,
        `cp ${router}/index.js lib/router/index.js`,
        `cp ${router}/lib/layer.js lib/router/layer.js`,
        `cp ${router}/lib/route.js lib/router/route.js`,
        `cp ${router}/HISTORY.md lib/router/HISTORY.md`,
        "printf 'lts/iron\\n' > .nvmrc",
        'mkdir -p test/acceptance examples/route-map',
        "printf \"var express = require('../..');\\n\" > test/acceptance/route-map.js",
        "printf \"'use strict'\\n\" > examples/route-map/index.js",
        "printf 'node_modules\\ncoverage\\n' > .gitignore",
        "printf '# Migrating to Express 5\\n\\nlib/router is now router@2.0.0 (vendored); lib/middleware is gone.\\n' > MIGRATING.md",
        'git add MIGRATING.md examples/route-map/index.js',
      ].join(' && '),
      dir,
    );
    const command = 'git status';
    const text = sh(command, dir);
    save(
      {
        id: 'git-status-port',
        tool: 'git',
        family: 'vcs',
        command,
        question: 'Which changes are already staged, which modifications are not staged yet, and which new files are untracked?',
        facts: ['renamed:    History.md -> HISTORY.md', 'deleted:    lib/middleware/query.js', 'modified:   lib/response.js', 'new file:   MIGRATING.md', 'modified:   lib/router/index.js', 'modified:   lib/application.js', 'lib/router/HISTORY.md', '.nvmrc', 'test/'],
      },
      text,
    );

    setup('git add -A', dir);
    const command2 = 'git diff --cached';
    const diff = sh(command2, dir);
    save(
      {
        id: 'git-diff-cached-port',
        tool: 'git',
        family: 'diff',
        command: command2,
        question: 'What is staged for lib/router and lib/middleware: which files are new, deleted, renamed or rewritten, and which router release was vendored?',
        facts: [
          'diff --git a/lib/router/HISTORY.md b/lib/router/HISTORY.md',
          'new file mode 100644',
          '+2.0.0 / 2024-09-09',
          'rename from History.md',
          'rename to HISTORY.md',
          'diff --git a/lib/middleware/query.js b/lib/middleware/query.js',
          'deleted file mode 100644',
          "+const Layer = require('./lib/layer')",
          "-var Layer = require('./layer');",
        ],
      },
      diff,
    );
    setup('git reset -q --hard && git clean -qfd && git checkout -q master', dir);
  }
}

// ─────────────────────────────────────────────────────────────────────────────────────────────────────────────────
// Scratch projects (sources written verbatim into the scratch folder)
// ─────────────────────────────────────────────────────────────────────────────────────────────────────────────────

const LEDGER: Record<string, string> = {
  'checks/test_config_files.py': String.raw`"""Validates every tenant configuration shipped in configs/tenants/."""
from pathlib import Path

import pytest

from ledger.config import load_config

TENANTS = Path(__file__).resolve().parent.parent / "configs" / "tenants"
FILES = sorted(TENANTS.glob("*.toml"))


@pytest.mark.parametrize("path", FILES, ids=[f"configs/tenants/{p.name}" for p in FILES])
def test_tenant_config_is_valid(path):
    cfg = load_config(path)
    assert cfg["invoice_prefix"].isupper()
    assert cfg["tenant"] == path.stem
`,
  'configs/tenants/alpenmilch-ag.toml': String.raw`# Tenant configuration for alpenmilch-ag
tenant = "alpenmilch-ag"
region = "eu-central-1"
currency = "EUR"
invoice_prefix = "ALP"
payment_terms_days = 30

[mail]
from = "billing@alpenmilch-ag.example"
reply_to = "accounts@alpenmilch-ag.example"

[pdf]
locale = "de_DE"
paper = "A4"
`,
  'configs/tenants/brauhaus-kessler.toml': String.raw`# Tenant configuration for brauhaus-kessler
tenant = "brauhaus-kessler"
region = "eu-central-1"
currency = "EUR"
invoice_prefix = "KES"
payment_terms_days = 14

[mail]
from = "billing@brauhaus-kessler.example"
reply_to = "accounts@brauhaus-kessler.example"

[pdf]
locale = "de_DE"
paper = "A4"
`,
  'configs/tenants/cafe-lumiere.toml': String.raw`# Tenant configuration for cafe-lumiere
tenant = "cafe-lumiere"
region = "eu-west-1"
currency = "EUR"
invoice_prefix = "LUM"
payment_terms_days = 30

[mail]
from = "billing@cafe-lumiere.example"
reply_to = "accounts@cafe-lumiere.example"

[pdf]
locale = "en_GB"
paper = "A4"
`,
  'configs/tenants/dunmore-distillery.toml': String.raw`# Tenant configuration for dunmore-distillery
tenant = "dunmore-distillery"
region = "eu-west-1"
currency = "EUR"
invoice_prefix = "DUN"
payment_terms_days = 45

[mail]
from = "billing@dunmore-distillery.example"
reply_to = "accounts@dunmore-distillery.example"

[pdf]
locale = "en_GB"
paper = "A4"
`,
  'configs/tenants/elbe-logistik.toml': String.raw`# Tenant configuration for elbe-logistik
tenant = "elbe-logistik"
region = "eu-central-1"
currency = "EUR"
invoice_prefix = "ELB"
payment_terms_days = 30

[mail]
from = "billing@elbe-logistik.example"
reply_to = "accounts@elbe-logistik.example"

[pdf]
locale = "de_DE"
paper = "A4"
`,
  'configs/tenants/fjord-seafood.toml': String.raw`# Tenant configuration for fjord-seafood
tenant = "fjord-seafood"
region = "eu-north-3"
currency = "NOK"
invoice_prefix = "FJD"
payment_terms_days = 30

[mail]
from = "billing@fjord-seafood.example"
reply_to = "accounts@fjord-seafood.example"

[pdf]
locale = "en_GB"
paper = "A4"
`,
  'configs/tenants/garcia-vinos.toml': String.raw`# Tenant configuration for garcia-vinos
tenant = "garcia-vinos"
region = "eu-south-1"
currency = "EUR"
invoice_prefix = "GAR"
payment_terms_days = 60

[mail]
from = "billing@garcia-vinos.example"
reply_to = "accounts@garcia-vinos.example"

[pdf]
locale = "en_GB"
paper = "A4"
`,
  'configs/tenants/hansen-moebel.toml': String.raw`# Tenant configuration for hansen-moebel
tenant = "hansen-moebel"
region = "eu-central-1"
currency = "EUR"
invoice_prefix = "HAN"
payment_terms_days = 30 days

[mail]
from = "billing@hansen-moebel.example"
reply_to = "accounts@hansen-moebel.example"

[pdf]
locale = "de_DE"
paper = "A4"
`,
  'configs/tenants/iberia-textil.toml': String.raw`# Tenant configuration for iberia-textil
tenant = "iberia-textil"
region = "eu-south-1"
currency = "EUR"
invoice_prefix = "IBT"
payment_terms_days = 30

[mail]
from = "billing@iberia-textil.example"
reply_to = "accounts@iberia-textil.example"

[pdf]
locale = "en_GB"
paper = "A4"
`,
  'configs/tenants/juniper-labs.toml': String.raw`# Tenant configuration for juniper-labs
tenant = "juniper-labs"
region = "us-east-1"
currency = "USD"
invoice_prefix = "JUN"
payment_terms_days = 15

[mail]
from = "billing@juniper-labs.example"
reply_to = "accounts@juniper-labs.example"

[pdf]
locale = "en_GB"
paper = "A4"
`,
  'configs/tenants/koala-outdoor.toml': String.raw`# Tenant configuration for koala-outdoor
tenant = "koala-outdoor"
region = "ap-southeast-2"
currency = "AUD"
invoice_prefix = "KOA"
payment_terms_days = 30

[mail]
from = "billing@koala-outdoor.example"
reply_to = "accounts@koala-outdoor.example"

[pdf]
locale = "en_GB"
paper = "A4"
`,
  'configs/tenants/lindqvist-design.toml': String.raw`# Tenant configuration for lindqvist-design
tenant = "lindqvist-design"
region = "eu-west-1"
currency = "EUR"
invoice_prefix = "LIN"
payment_terms_days = 30

[mail]
from = "billing@lindqvist-design.example"
reply_to = "accounts@lindqvist-design.example"

[pdf]
locale = "en_GB"
paper = "A4"
`,
  'configs/tenants/molenaar-bakkerij.toml': String.raw`# Tenant configuration for molenaar-bakkerij
tenant = "molenaar-bakkerij"
region = "eu-west-1"
currency = "EUR"
invoice_prefix = "MOL"
payment_terms_days = 21

[mail]
from = "billing@molenaar-bakkerij.example"
reply_to = "accounts@molenaar-bakkerij.example"

[pdf]
locale = "en_GB"
paper = "A4"
`,
  'configs/tenants/nordsee-fisch.toml': String.raw`# Tenant configuration for nordsee-fisch
tenant = "nordsee-fisch"
region = "eu-central-1"
currency = "EUR"
invoice_prefix = "NSF"
payment_terms_days = 30

[mail]
from = "billing@nordsee-fisch.example"
reply_to = "accounts@nordsee-fisch.example"

[pdf]
locale = "de_DE"
paper = "A4"
`,
  'configs/tenants/olivetto-srl.toml': String.raw`# Tenant configuration for olivetto-srl
tenant = "olivetto-srl"
region = "eu-south-1"
currency = "EUR"
invoice_prefix = "OLI"
payment_terms_days = 60

[mail]
from = "billing@olivetto-srl.example"
reply_to = "accounts@olivetto-srl.example"

[pdf]
locale = "en_GB"
paper = "A4"
`,
  'configs/tenants/papillon-sarl.toml': String.raw`# Tenant configuration for papillon-sarl
tenant = "papillon-sarl"
region = "eu-west-1"
currency = "eur"
invoice_prefix = "PAP"
payment_terms_days = 30

[mail]
from = "billing@papillon-sarl.example"
reply_to = "accounts@papillon-sarl.example"

[pdf]
locale = "en_GB"
paper = "A4"
`,
  'configs/tenants/quinta-do-vale.toml': String.raw`# Tenant configuration for quinta-do-vale
tenant = "quinta-do-vale"
region = "eu-south-1"
currency = "EUR"
invoice_prefix = "QDV"
payment_terms_days = 30

[mail]
from = "billing@quinta-do-vale.example"
reply_to = "accounts@quinta-do-vale.example"

[pdf]
locale = "en_GB"
paper = "A4"
`,
  'configs/tenants/rheingold-wein.toml': String.raw`# Tenant configuration for rheingold-wein
tenant = "rheingold-wein"
region = "eu-central-1"
currency = "EUR"
invoice_prefix = "RHG"
payment_terms_days = 30

[mail]
from = "billing@rheingold-wein.example"
reply_to = "accounts@rheingold-wein.example"

[pdf]
locale = "de_DE"
paper = "A4"
`,
  'data/invoices-2024-03.csv': String.raw`invoice,customer,country,sku,description,qty,unit_price,reduced
INV-2024-0131,Brauhaus Kessler GmbH,DE,HOP-500,Hallertau hops 500g,6,45.00,
INV-2024-0131,Brauhaus Kessler GmbH,DE,MALT-25,Pilsner malt 25kg,12,"39,90",
INV-2024-0131,Brauhaus Kessler GmbH,DE,KEG-50,Stainless keg 50l,1,"1,299.00",
INV-2024-0131,Brauhaus Kessler GmbH,DE,CO2-10,CO2 cylinder 10kg,2,"€ 41.60",
`,
  'ledger/__init__.py': String.raw`"""Invoice ledger: money arithmetic, VAT, CSV import and batch processing."""

__version__ = "0.9.2"
`,
  'ledger/batch.py': String.raw`"""Import a batch of invoice files, collecting every failure."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .invoice import Invoice
from .parser import ParseError, load_invoice


@dataclass
class BatchReport:
    invoices: list[Invoice] = field(default_factory=list)
    errors: list[Exception] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


def process_all(paths: list[str | Path], *, strict: bool = True) -> BatchReport:
    report = BatchReport()
    for p in paths:
        try:
            report.invoices.append(load_invoice(p))
        except (ParseError, OSError) as exc:
            exc.add_note(f"while importing {p}")
            report.errors.append(exc)
    if report.errors and strict:
        raise ExceptionGroup(f"{len(report.errors)} of {len(paths)} invoice files failed to import", report.errors)
    return report
`,
  'ledger/cli.py': String.raw`"""Command line: python3 -m ledger.cli import FILE.csv --report out/errors/FILE.json"""
from __future__ import annotations

import argparse
import json
import logging
import sys

from .parser import ParseError, load_invoice

log = logging.getLogger("ledger.import")


def write_error_report(path: str, exc: ParseError) -> None:
    with open(path, "w", encoding="utf-8") as fh:
        json.dump({"source": exc.source, "line": exc.line_no, "error": str(exc)}, fh, indent=2)


def cmd_import(args: argparse.Namespace) -> int:
    log.info("importing %s", args.csv)
    try:
        invoice = load_invoice(args.csv)
    except ParseError as exc:
        log.error("import failed: %s", exc)
        write_error_report(args.report, exc)
        return 1
    log.info("invoice %s for %s: %d lines, total %s", invoice.number, invoice.customer, len(invoice.items), invoice.total())
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="ledger")
    sub = parser.add_subparsers(dest="command", required=True)
    p_import = sub.add_parser("import", help="import one invoice CSV")
    p_import.add_argument("csv")
    p_import.add_argument("--report", default="import-errors.json")
    p_import.set_defaults(func=cmd_import)
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
`,
  'ledger/config.py': String.raw`"""Tenant configuration files (TOML)."""
from __future__ import annotations

import tomllib
from pathlib import Path

from .money import Money

REQUIRED = ("tenant", "region", "currency", "invoice_prefix", "payment_terms_days")
REGIONS = {"eu-west-1", "eu-central-1", "eu-south-1", "us-east-1", "ap-southeast-2"}


class ConfigError(ValueError):
    pass


def validate(data: dict, source: str) -> None:
    missing = [k for k in REQUIRED if k not in data]
    if missing:
        raise ConfigError(f"{source}: missing required keys: {', '.join(missing)}")
    if data["region"] not in REGIONS:
        raise ConfigError(f"{source}: unknown region {data['region']!r} (expected one of {', '.join(sorted(REGIONS))})")
    terms = data["payment_terms_days"]
    if not isinstance(terms, int) or terms <= 0:
        raise ConfigError(f"{source}: payment_terms_days must be a positive integer, got {terms!r}")
    Money(0, data["currency"])


def load_config(path: str | Path) -> dict:
    path = Path(path)
    with path.open("rb") as fh:
        data = tomllib.load(fh)
    validate(data, str(path))
    return data
`,
  'ledger/invoice.py': String.raw`"""Invoices: line items, discount and VAT."""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from .money import Money, total
from .tax import rate_for


@dataclass
class LineItem:
    sku: str
    description: str
    quantity: int
    unit_price: Money
    reduced_rate: bool = False

    def __post_init__(self) -> None:
        if self.quantity <= 0:
            raise ValueError(f"{self.sku}: quantity must be positive, got {self.quantity}")

    @property
    def net(self) -> Money:
        return self.unit_price * self.quantity


@dataclass
class Invoice:
    number: str
    customer: str
    country: str
    items: list[LineItem] = field(default_factory=list)
    discount_pct: Decimal = Decimal("0")
    currency: str = "EUR"

    def add(self, item: LineItem) -> None:
        if item.unit_price.currency != self.currency:
            raise ValueError(f"{item.sku}: price in {item.unit_price.currency}, invoice in {self.currency}")
        self.items.append(item)

    def subtotal(self) -> Money:
        return total([i.net for i in self.items], self.currency)

    def discount(self) -> Money:
        return (self.subtotal() * (self.discount_pct / 100)).rounded()

    def _line_tax(self, item: LineItem) -> Money:
        rate = rate_for(self.country, reduced=item.reduced_rate)
        return (item.net * rate).rounded()

    def tax_total(self) -> Money:
        return total([self._line_tax(i) for i in self.items], self.currency)

    def total(self) -> Money:
        return self.subtotal() - self.discount() + self.tax_total()

    def summary(self) -> dict[str, object]:
        return {
            "number": self.number,
            "customer": self.customer,
            "lines": sum(i.quantity for i in self.items),
            "subtotal": str(self.subtotal()),
            "discount": str(self.discount()),
            "tax": str(self.tax_total()),
            "total": str(self.total()),
        }
`,
  'ledger/money.py': String.raw`"""Money values with a currency and exact decimal arithmetic."""
from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_EVEN, Decimal

CENT = Decimal("0.01")


class CurrencyMismatch(ValueError):
    """Raised when two amounts in different currencies are combined."""


@dataclass(frozen=True)
class Money:
    amount: Decimal
    currency: str = "EUR"

    def __post_init__(self) -> None:
        if not isinstance(self.amount, Decimal):
            object.__setattr__(self, "amount", Decimal(str(self.amount)))
        if len(self.currency) != 3 or not self.currency.isupper():
            raise ValueError(f"invalid currency code: {self.currency!r}")

    @classmethod
    def zero(cls, currency: str = "EUR") -> Money:
        return cls(Decimal("0.00"), currency)

    def _check(self, other: Money) -> None:
        if not isinstance(other, Money):
            raise TypeError(f"expected Money, got {type(other).__name__}")
        if self.currency != other.currency:
            raise CurrencyMismatch(f"cannot combine {self.currency} and {other.currency}")

    def __add__(self, other: Money) -> Money:
        self._check(other)
        return Money(self.amount + other.amount, self.currency)

    def __sub__(self, other: Money) -> Money:
        self._check(other)
        return Money(self.amount - other.amount, self.currency)

    def __mul__(self, factor: int | Decimal) -> Money:
        return Money(self.amount * Decimal(str(factor)), self.currency)

    __rmul__ = __mul__

    def __neg__(self) -> Money:
        return Money(-self.amount, self.currency)

    def __lt__(self, other: Money) -> bool:
        self._check(other)
        return self.amount < other.amount

    def is_zero(self) -> bool:
        return self.amount == 0

    def rounded(self) -> Money:
        return Money(self.amount.quantize(CENT, rounding=ROUND_HALF_EVEN), self.currency)

    def allocate(self, ratios: list[int]) -> list[Money]:
        """Split into shares proportional to ${'`'}ratios${'`'}; the cents left over go to the first shares."""
        if not ratios or any(r < 0 for r in ratios) or sum(ratios) == 0:
            raise ValueError(f"invalid ratios: {ratios}")
        total = sum(ratios)
        cents = int((self.amount / CENT).to_integral_value())
        shares = [cents * r // total for r in ratios]
        remainder = cents - sum(shares)
        for i in range(remainder):
            shares[-1 - i] += 1
        return [Money(Decimal(s) * CENT, self.currency) for s in shares]

    def __str__(self) -> str:
        return f"{self.amount:.2f} {self.currency}"


def total(amounts: list[Money], currency: str = "EUR") -> Money:
    result = Money.zero(currency)
    for amount in amounts:
        result = result + amount
    return result
`,
  'ledger/parser.py': String.raw`"""CSV import: one invoice per file, one line item per row."""
from __future__ import annotations

import csv
from decimal import Decimal, InvalidOperation
from pathlib import Path

from .invoice import Invoice, LineItem
from .money import Money

COLUMNS = ("invoice", "customer", "country", "sku", "description", "qty", "unit_price", "reduced")


class ParseError(Exception):
    def __init__(self, source: str, line_no: int, message: str) -> None:
        super().__init__(f"{source} line {line_no}: {message}")
        self.source = source
        self.line_no = line_no


def parse_amount(text: str) -> Decimal:
    """Parse '12.50', '12,50', '€ 7.00' or '1 000,00' into a Decimal."""
    cleaned = text.strip().replace("€", "").replace(" ", "").replace("\u00a0", "")
    if "," in cleaned and "." not in cleaned:
        cleaned = cleaned.replace(",", ".")
    return Decimal(cleaned)


def parse_row(row: dict[str, str], source: str, line_no: int) -> LineItem:
    try:
        price = parse_amount(row["unit_price"])
    except InvalidOperation as exc:
        raise ParseError(source, line_no, f"invalid unit_price {row['unit_price']!r}") from exc
    try:
        qty = int(row["qty"])
    except ValueError as exc:
        raise ParseError(source, line_no, f"invalid qty {row['qty']!r}") from exc
    return LineItem(
        sku=row["sku"],
        description=row["description"],
        quantity=qty,
        unit_price=Money(price),
        reduced_rate=row.get("reduced", "").strip().lower() in ("1", "yes", "true"),
    )


def _read_rows(path: Path):
    with path.open(newline="", encoding="utf-8") as fh:
        reader = csv.DictReader(fh)
        missing = [c for c in COLUMNS if c not in (reader.fieldnames or [])]
        if missing:
            raise ParseError(str(path), 1, f"missing columns: {', '.join(missing)}")
        for line_no, row in enumerate(reader, start=2):
            yield line_no, row


def load_invoice(path: str | Path) -> Invoice:
    path = Path(path)
    invoice: Invoice | None = None
    for line_no, row in _read_rows(path):
        if invoice is None:
            invoice = Invoice(number=row["invoice"], customer=row["customer"], country=row["country"])
        invoice.add(parse_row(row, str(path), line_no))
    if invoice is None:
        raise ParseError(str(path), 2, "no line items")
    return invoice
`,
  'ledger/tax.py': String.raw`"""VAT rates by country (standard and reduced), as of 2024."""
from __future__ import annotations

from decimal import Decimal

STANDARD = {
    "AT": Decimal("0.20"),
    "BE": Decimal("0.21"),
    "DE": Decimal("0.19"),
    "ES": Decimal("0.21"),
    "FR": Decimal("0.20"),
    "GR": Decimal("0.24"),
    "IE": Decimal("0.23"),
    "IT": Decimal("0.22"),
    "NL": Decimal("0.21"),
    "PT": Decimal("0.23"),
}

REDUCED = {
    "AT": Decimal("0.10"),
    "BE": Decimal("0.06"),
    "DE": Decimal("0.07"),
    "ES": Decimal("0.10"),
    "FR": Decimal("0.055"),
    "GR": Decimal("0.13"),
    "IE": Decimal("0.135"),
    "IT": Decimal("0.10"),
    "NL": Decimal("0.09"),
    "PT": Decimal("0.06"),
}

# VIES uses EL for Greece; invoices sometimes carry the ISO code, sometimes this one.
ALIASES = {"GR": "EL", "UK": "GB"}


def normalize_country(country: str) -> str:
    code = country.strip().upper()
    return ALIASES.get(code, code)


def rate_for(country: str, reduced: bool = False) -> Decimal:
    table = REDUCED if reduced else STANDARD
    return table[normalize_country(country)]


def is_eu(country: str) -> bool:
    return normalize_country(country) in STANDARD or normalize_country(country) == "EL"
`,
  'pyproject.toml': String.raw`[project]
name = "ledger"
version = "0.9.2"
requires-python = ">=3.11"

[tool.pytest.ini_options]
testpaths = ["tests"]
`,
  'tests/__init__.py': String.raw``,
  'tests/fixtures/invoices-2024-02.csv': String.raw`invoice,customer,country,sku,description,qty,unit_price,reduced
INV-2024-0088,Brauhaus Kessler GmbH,DE,HOP-500,Hallertau hops 500g,4,45.00,
INV-2024-0088,Brauhaus Kessler GmbH,DE,MALT-25,Pilsner malt 25kg,10,"39,90",
INV-2024-0088,Brauhaus Kessler GmbH,DE,YEAST-W34,Saflager W-34/70 500g,2,89.50,
INV-2024-0088,Brauhaus Kessler GmbH,DE,BOOK-7,Brewing Elements (book),1,24.00,yes
`,
  'tests/fixtures/invoices-2024-03.csv': String.raw`invoice,customer,country,sku,description,qty,unit_price,reduced
INV-2024-0131,Brauhaus Kessler GmbH,DE,HOP-500,Hallertau hops 500g,6,45.00,
INV-2024-0131,Brauhaus Kessler GmbH,DE,MALT-25,Pilsner malt 25kg,12,"39,90",
INV-2024-0131,Brauhaus Kessler GmbH,DE,KEG-50,Stainless keg 50l,1,"1,299.00",
INV-2024-0131,Brauhaus Kessler GmbH,DE,CO2-10,CO2 cylinder 10kg,2,"€ 41.60",
`,
  'tests/fixtures/invoices-2024-04.csv': String.raw`invoice,customer,country,sku,description,qty,unit_price,reduced
INV-2024-0164,Brauhaus Kessler GmbH,DE,HOP-500,Hallertau hops 500g,3,45.00,
INV-2024-0164,Brauhaus Kessler GmbH,DE,MALT-25,Pilsner malt 25kg,,"39,90",
`,
  'tests/test_batch.py': String.raw`from pathlib import Path

from ledger.batch import process_all

FIXTURES = Path(__file__).parent / "fixtures"


def test_single_good_file():
    report = process_all([FIXTURES / "invoices-2024-02.csv"])
    assert report.ok and len(report.invoices) == 1


def test_lenient_mode_collects_errors():
    report = process_all([FIXTURES / "invoices-2024-02.csv", FIXTURES / "missing.csv"], strict=False)
    assert len(report.errors) == 1


def test_empty_batch():
    assert process_all([]).ok


def test_batch_reports_every_failure():
    files = [FIXTURES / "invoices-2024-02.csv", FIXTURES / "invoices-2024-03.csv", FIXTURES / "invoices-2024-04.csv"]
    report = process_all(files)
    assert len(report.invoices) == 1
    assert len(report.errors) == 2
`,
  'tests/test_config.py': String.raw`import pytest

from ledger.config import ConfigError, load_config, validate

GOOD = {"tenant": "kessler", "region": "eu-central-1", "currency": "EUR", "invoice_prefix": "KES", "payment_terms_days": 30}


def test_valid_config():
    validate(dict(GOOD), "inline")


def test_missing_keys():
    with pytest.raises(ConfigError, match="missing required keys: currency"):
        validate({k: v for k, v in GOOD.items() if k != "currency"}, "inline")


def test_unknown_region():
    with pytest.raises(ConfigError, match="unknown region"):
        validate(dict(GOOD, region="mars-1"), "inline")


@pytest.mark.parametrize("terms", [0, -5, "30", 1.5])
def test_bad_payment_terms(terms):
    with pytest.raises(ConfigError, match="payment_terms_days"):
        validate(dict(GOOD, payment_terms_days=terms), "inline")


def test_load_from_file(tmp_path):
    f = tmp_path / "t.toml"
    f.write_text('tenant = "t"\nregion = "us-east-1"\ncurrency = "USD"\ninvoice_prefix = "T"\npayment_terms_days = 14\n')
    assert load_config(f)["currency"] == "USD"
`,
  'tests/test_invoice.py': String.raw`from decimal import Decimal

import pytest

from ledger.invoice import Invoice, LineItem
from ledger.money import Money


def make_invoice(country="DE", discount="0"):
    inv = Invoice(number="INV-2024-0117", customer="Brauhaus Kessler GmbH", country=country, discount_pct=Decimal(discount))
    inv.add(LineItem("HOP-500", "Hallertau hops 500g", 2, Money("45.00")))
    inv.add(LineItem("MALT-25", "Pilsner malt 25kg", 1, Money("9.99")))
    return inv


def test_subtotal():
    assert make_invoice().subtotal() == Money("99.99")


def test_no_discount():
    assert make_invoice().discount() == Money("0.00")


def test_discount_is_rounded():
    assert make_invoice(discount="10").discount() == Money("10.00")


def test_tax_germany():
    assert make_invoice().tax_total() == Money("19.00")


def test_reduced_rate_line():
    inv = Invoice(number="INV-2024-0118", customer="Buchladen Am Markt", country="DE")
    inv.add(LineItem("BOOK-1", "Cookbook", 1, Money("20.00"), reduced_rate=True))
    assert inv.tax_total() == Money("1.40")


def test_total_without_discount():
    assert make_invoice().total() == Money("118.99")


def test_total_with_discount():
    # VAT is due on the discounted amount: (99.99 - 10.00) * 1.19
    assert make_invoice(discount="10").total() == Money("107.09")


def test_quantity_must_be_positive():
    with pytest.raises(ValueError, match="quantity must be positive"):
        LineItem("X", "broken", 0, Money("1.00"))


def test_currency_must_match_invoice():
    inv = Invoice(number="INV-2024-0119", customer="Acme", country="DE")
    with pytest.raises(ValueError, match="price in USD"):
        inv.add(LineItem("X", "imported", 1, Money("1.00", "USD")))


def test_summary():
    assert make_invoice().summary() == {
        "number": "INV-2024-0117",
        "customer": "Brauhaus Kessler GmbH",
        "lines": 2,
        "subtotal": "99.99 EUR",
        "discount": "0.00 EUR",
        "tax": "19.00 EUR",
        "total": "118.99 EUR",
    }


def test_tax_for_greek_customer():
    inv = make_invoice(country="GR")
    assert inv.tax_total() == Money("24.00")


@pytest.mark.parametrize("country,expected", [("FR", "20.00"), ("NL", "21.00"), ("IE", "23.00"), ("AT", "20.00")])
def test_tax_by_country(country, expected):
    assert make_invoice(country=country).tax_total() == Money(expected)
`,
  'tests/test_money.py': String.raw`import unittest
from decimal import Decimal

from ledger.money import CurrencyMismatch, Money, total


class MoneyArithmeticTest(unittest.TestCase):
    def test_amount_from_string(self):
        self.assertEqual(Money("12.50").amount, Decimal("12.50"))

    def test_amount_from_int(self):
        self.assertEqual(Money(3).amount, Decimal("3"))

    def test_add_same_currency(self):
        self.assertEqual(Money("1.10") + Money("2.20"), Money("3.30"))

    def test_subtract(self):
        self.assertEqual(Money("5.00") - Money("1.25"), Money("3.75"))

    def test_multiply_by_quantity(self):
        self.assertEqual(Money("2.50") * 4, Money("10.00"))

    def test_right_multiply(self):
        self.assertEqual(3 * Money("1.10"), Money("3.30"))

    def test_negate(self):
        self.assertEqual(-Money("4.00"), Money("-4.00"))

    def test_currency_mismatch(self):
        with self.assertRaises(CurrencyMismatch):
            Money("1.00", "EUR") + Money("1.00", "USD")

    def test_invalid_currency_code(self):
        with self.assertRaisesRegex(ValueError, "invalid currency code"):
            Money("1.00", "euro")

    def test_add_non_money(self):
        with self.assertRaises(TypeError):
            Money("1.00") + 1


class MoneyRoundingTest(unittest.TestCase):
    def test_rounds_half_even_down(self):
        self.assertEqual(Money("0.125").rounded(), Money("0.12"))

    def test_rounds_half_even_up(self):
        self.assertEqual(Money("0.135").rounded(), Money("0.14"))

    def test_str_has_two_decimals(self):
        self.assertEqual(str(Money("7.5")), "7.50 EUR")

    def test_total_of_empty_list(self):
        self.assertEqual(total([]), Money.zero())


class MoneyAllocationTest(unittest.TestCase):
    def test_allocate_even(self):
        self.assertEqual(Money("10.00").allocate([1, 1]), [Money("5.00"), Money("5.00")])

    def test_allocate_by_ratio(self):
        self.assertEqual(Money("100.00").allocate([70, 30]), [Money("70.00"), Money("30.00")])

    def test_allocate_remainder(self):
        self.assertEqual(
            Money("100.00").allocate([1, 1, 1]),
            [Money("33.34"), Money("33.33"), Money("33.33")],
        )

    def test_allocate_rejects_zero_ratios(self):
        with self.assertRaises(ValueError):
            Money("1.00").allocate([0, 0])


if __name__ == "__main__":
    unittest.main()
`,
  'tests/test_parser.py': String.raw`from decimal import Decimal
from pathlib import Path

import pytest

from ledger.money import Money
from ledger.parser import ParseError, load_invoice, parse_amount, parse_row

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.mark.parametrize(
    "text,expected",
    [
        ("12.50", "12.50"),
        ("12,50", "12.50"),
        ("€ 7.00", "7.00"),
        ("1,234.50", "1234.50"),
        ("1 000,00", "1000.00"),
        ("0.99", "0.99"),
        ("-3.10", "-3.10"),
    ],
)
def test_parse_amount(text, expected):
    assert parse_amount(text) == Decimal(expected)


def test_parse_row():
    row = {"sku": "HOP-500", "description": "Hops", "qty": "2", "unit_price": "45.00", "reduced": ""}
    item = parse_row(row, "x.csv", 2)
    assert item.quantity == 2 and item.unit_price == Money("45.00")


def test_parse_row_reduced_flag():
    row = {"sku": "BOOK-1", "description": "Book", "qty": "1", "unit_price": "20,00", "reduced": "yes"}
    assert parse_row(row, "x.csv", 2).reduced_rate is True


def test_parse_row_bad_qty():
    row = {"sku": "HOP-500", "description": "Hops", "qty": "two", "unit_price": "45.00", "reduced": ""}
    with pytest.raises(ParseError, match="invalid qty 'two'"):
        parse_row(row, "x.csv", 7)


def test_load_invoice_february():
    inv = load_invoice(FIXTURES / "invoices-2024-02.csv")
    assert inv.number == "INV-2024-0088"
    assert len(inv.items) == 4


def test_load_invoice_march():
    inv = load_invoice(FIXTURES / "invoices-2024-03.csv")
    assert inv.subtotal() == Money("2131.00")


def test_missing_columns(tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("invoice,customer\nINV-1,Acme\n")
    with pytest.raises(ParseError, match="missing columns"):
        load_invoice(bad)
`,
  'tests/test_tax.py': String.raw`import unittest
from decimal import Decimal

from ledger.tax import is_eu, normalize_country, rate_for


class RateTest(unittest.TestCase):
    def test_germany_standard(self):
        self.assertEqual(rate_for("DE"), Decimal("0.19"))

    def test_germany_reduced(self):
        self.assertEqual(rate_for("DE", reduced=True), Decimal("0.07"))

    def test_france_reduced(self):
        self.assertEqual(rate_for("FR", reduced=True), Decimal("0.055"))

    def test_lowercase_and_spaces(self):
        self.assertEqual(rate_for(" nl "), Decimal("0.21"))

    def test_greece_standard(self):
        self.assertEqual(rate_for("GR"), Decimal("0.24"))

    def test_unknown_country(self):
        with self.assertRaises(KeyError):
            rate_for("XX")


class CountryTest(unittest.TestCase):
    def test_normalize_alias(self):
        self.assertEqual(normalize_country("uk"), "GB")

    def test_is_eu(self):
        self.assertTrue(is_eu("IE"))

    def test_greece_is_eu(self):
        self.assertTrue(is_eu("GR"))


if __name__ == "__main__":
    unittest.main()
`,
};

const LMDATA: Record<string, string> = {
  'prepare_corpus.py': String.raw`#!/usr/bin/env python3
"""Build a small pre-training corpus from the module docstrings of the Python standard library.

Each document is one module docstring, cleaned and deduplicated. Documents are joined with the
GPT-2 end-of-text marker so that a byte-level BPE tokenizer (r50k/p50k/cl100k) maps each boundary
to a single special token:

    doc_1 <|endoftext|> doc_2 <|endoftext|> ... doc_n <|endoftext|>

Shards are written as UTF-8 text, at most --shard-bytes each, never splitting a document.
"""
from __future__ import annotations

import argparse
import ast
import hashlib
import re
import sys
from pathlib import Path

EOT = "<|endoftext|>"
EOT_TOKEN_ID = 50256  # id of <|endoftext|> in r50k_base / p50k_base
MIN_CHARS = 200
MAX_CHARS = 20_000


def module_docstring(path: Path) -> str | None:
    try:
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    except (SyntaxError, UnicodeDecodeError) as exc:
        print(f"skip {path.name}: cannot parse ({exc.__class__.__name__})", file=sys.stderr)
        return None
    return ast.get_docstring(tree, clean=True)


def clean(text: str) -> str:
    text = text.replace(EOT, "")  # a marker inside a document would end it early
    text = re.sub(r"[ \t]+\n", "\n", text)
    text = re.sub(r"\n{3,}", "\n\n", text)
    return text.strip()


def collect(root: Path) -> list[tuple[str, str]]:
    docs: list[tuple[str, str]] = []
    seen: set[str] = set()
    for path in sorted(root.glob("*.py")):
        doc = module_docstring(path)
        name = path.stem
        if not doc:
            print(f"skip {name}: no module docstring")
            continue
        doc = clean(doc)
        if len(doc) < MIN_CHARS:
            print(f"skip {name}: too short ({len(doc)} chars < {MIN_CHARS})")
            continue
        if len(doc) > MAX_CHARS:
            print(f"skip {name}: too long ({len(doc)} chars > {MAX_CHARS})")
            continue
        digest = hashlib.sha1(doc.encode()).hexdigest()[:12]
        if digest in seen:
            print(f"skip {name}: duplicate of an earlier document ({digest})")
            continue
        seen.add(digest)
        docs.append((name, doc))
    return docs


def write_shards(docs: list[tuple[str, str]], out: Path, shard_bytes: int) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    shards: list[Path] = []
    buf: list[str] = []
    size = 0
    for _, doc in docs:
        piece = doc + EOT
        n = len(piece.encode())
        if buf and size + n > shard_bytes:
            shards.append(_flush(out, len(shards), buf))
            buf, size = [], 0
        buf.append(piece)
        size += n
    if buf:
        shards.append(_flush(out, len(shards), buf))
    return shards


def _flush(out: Path, index: int, pieces: list[str]) -> Path:
    path = out / f"stdlib-docs-{index:05d}.txt"
    path.write_text("".join(pieces), encoding="utf-8")
    return path


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--src", type=Path, default=Path(ast.__file__).parent)
    ap.add_argument("--out", type=Path, default=Path("data/shards"))
    ap.add_argument("--shard-bytes", type=int, default=64_000)
    ap.add_argument("--preview", type=int, default=0, help="print the first N documents of shard 0 as written")
    args = ap.parse_args()

    docs = collect(args.src)
    shards = write_shards(docs, args.out, args.shard_bytes)
    total = sum(p.stat().st_size for p in shards)
    print(f"\n{len(docs)} documents, {len(shards)} shards, {total} bytes, separator {EOT!r} (token id {EOT_TOKEN_ID})")
    for p in shards:
        text = p.read_text(encoding="utf-8")
        print(f"  {p}  {p.stat().st_size:>7} bytes  {text.count(EOT):>3} documents")
    if args.preview:
        print(f"\n--- preview: first {args.preview} documents of {shards[0].name} ---")
        first = shards[0].read_text(encoding="utf-8").split(EOT)[: args.preview]
        print(EOT.join(first) + EOT)
    return 0


if __name__ == "__main__":
    sys.exit(main())
`,
};

const ORDERS: Record<string, string> = {
  'src/com/acme/orders/ConnectionPool.java': String.raw`package com.acme.orders;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

/** A tiny stand-in for a JDBC pool whose database is unreachable. */
public final class ConnectionPool {
    private final String name;
    private final int size;
    private final long timeoutMs;

    public ConnectionPool(String name, int size, long timeoutMs) {
        this.name = name;
        this.size = size;
        this.timeoutMs = timeoutMs;
    }

    public Lease borrow() throws SQLException {
        return new Lease(this);
    }

    private Object connect() throws SQLException {
        throw new SQLTransientConnectionException(
            name + " - Connection is not available, request timed out after " + timeoutMs + "ms (total=" + size + ", active=" + size + ", idle=0, waiting=7)",
            "08001");
    }

    public final class Lease implements AutoCloseable {
        private final ConnectionPool owner;

        Lease(ConnectionPool owner) {
            this.owner = owner;
        }

        public int execute(String sql, Object... params) throws SQLException {
            owner.connect();
            return 0;
        }

        @Override
        public void close() throws SQLException {
            throw new SQLException(name + " - lease returned after pool shutdown", "08003");
        }
    }
}
`,
  'src/com/acme/orders/InventoryClient.java': String.raw`package com.acme.orders;

import java.sql.SQLException;

public final class InventoryClient {
    private final ConnectionPool pool;

    public InventoryClient(ConnectionPool pool) {
        this.pool = pool;
    }

    public void reserve(String orderId, String sku, int quantity) throws InventoryException {
        try (ConnectionPool.Lease lease = pool.borrow()) {
            lease.execute("UPDATE stock SET reserved = reserved + ? WHERE sku = ?", quantity, sku);
        } catch (SQLException e) {
            throw new InventoryException("reserve " + quantity + " x " + sku + " for " + orderId + " failed", e);
        }
    }
}
`,
  'src/com/acme/orders/InventoryException.java': String.raw`package com.acme.orders;

public class InventoryException extends Exception {
    public InventoryException(String message, Throwable cause) {
        super(message, cause);
    }
}
`,
  'src/com/acme/orders/OrderApp.java': String.raw`package com.acme.orders;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Runs the nightly order batch: each order is reserved against inventory on a worker thread. */
public final class OrderApp {
    public static void main(String[] args) throws Exception {
        LocalDate batchDate = LocalDate.parse(args.length > 0 ? args[0] : "2024-03-14");
        ConnectionPool pool = new ConnectionPool("inventory-db", 4, 30_000);
        InventoryClient inventory = new InventoryClient(pool);
        OrderService service = new OrderService(inventory);
        ExecutorService workers = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "order-worker-" + r.hashCode() % 100);
            t.setDaemon(true);
            return t;
        });
        List<Future<String>> results = new ArrayList<>();
        for (String orderId : new String[] {"ORD-88121", "ORD-88122", "ORD-88123"}) {
            results.add(workers.submit(() -> service.placeOrder(orderId, batchDate)));
        }
        try {
            for (Future<String> f : results) {
                System.out.println("placed " + f.get());
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException("Order batch " + batchDate + " failed", e);
        } finally {
            workers.shutdownNow();
        }
    }
}
`,
  'src/com/acme/orders/OrderProcessingException.java': String.raw`package com.acme.orders;

public class OrderProcessingException extends RuntimeException {
    public OrderProcessingException(String message, Throwable cause) {
        super(message, cause);
    }
}
`,
  'src/com/acme/orders/OrderService.java': String.raw`package com.acme.orders;

import java.time.LocalDate;

public final class OrderService {
    private final InventoryClient inventory;

    public OrderService(InventoryClient inventory) {
        this.inventory = inventory;
    }

    public String placeOrder(String orderId, LocalDate date) {
        try {
            inventory.reserve(orderId, "SKU-4411", 3);
            return orderId;
        } catch (InventoryException e) {
            throw new OrderProcessingException("Could not reserve stock for " + orderId + " on " + date, e);
        }
    }
}
`,
};

const IMPORTER: Record<string, string> = {
  'src/com/acme/importer/ImportJob.java': String.raw`package com.acme.importer;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Imports the nightly order export, one record at a time, logging every record. */
public final class ImportJob {
    private static final Logger LOG = Logger.getLogger(ImportJob.class.getName());
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd");

    record Order(String id, String customer, String shipDate, String quantity, String unitPrice) {}

    private final RecordParser parser = new RecordParser();
    private int imported;
    private int failed;
    private int retried;

    public static void main(String[] args) {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 640;
        new ImportJob().run(Export.generate(count));
    }

    void run(List<Order> orders) {
        LOG.info("Starting import of " + orders.size() + " orders from export nightly-2024-03-14.csv");
        BigDecimal total = BigDecimal.ZERO;
        for (Order o : orders) {
            try {
                BigDecimal amount = parser.amount(o);
                LocalDate ship = parser.shipDate(o);
                if (o.id().hashCode() % 53 == 0) {
                    retried++;
                    LOG.warning("Warehouse API slow for " + o.id() + " (2113 ms), retrying once");
                }
                total = total.add(amount);
                imported++;
                LOG.info("Imported " + o.id() + " customer=" + o.customer() + " ship=" + DAY.format(ship) + " amount=" + amount);
            } catch (RuntimeException e) {
                failed++;
                LOG.log(Level.SEVERE, "Failed to import " + o.id() + " for customer " + o.customer(), e);
            }
        }
        LOG.info("Import finished: " + imported + " imported, " + failed + " failed, " + retried + " retried, total EUR " + total);
    }

    static final class Export {
        static List<Order> generate(int count) {
            String[] customers = {"kessler", "lumiere", "dunmore", "garcia", "hansen", "molenaar", "olivetto", "rheingold"};
            Map<Integer, Order> broken = Map.of(
                137, new Order("ORD-10137", "hansen", "2024-03-15", "12x", "19.90"),
                402, new Order("ORD-10402", "garcia", null, "3", "240.00"),
                588, new Order("ORD-10588", "dunmore", "2024-02-30", "1", "1299.00"));
            List<Order> out = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                Order b = broken.get(i);
                if (b != null) {
                    out.add(b);
                    continue;
                }
                int qty = 1 + (i * 7) % 24;
                String price = (5 + (i * 37) % 400) + "." + String.format("%02d", (i * 13) % 100);
                String day = String.format("2024-03-%02d", 15 + i % 14);
                out.add(new Order(String.format("ORD-%05d", 10000 + i), customers[i % customers.length], day, Integer.toString(qty), price));
            }
            return out;
        }
    }
}
`,
  'src/com/acme/importer/RecordParser.java': String.raw`package com.acme.importer;

import java.math.BigDecimal;
import java.time.LocalDate;

final class RecordParser {
    BigDecimal amount(ImportJob.Order o) {
        int qty = Integer.parseInt(o.quantity());
        return new BigDecimal(o.unitPrice()).multiply(BigDecimal.valueOf(qty));
    }

    LocalDate shipDate(ImportJob.Order o) {
        String raw = o.shipDate().trim();
        return LocalDate.parse(raw);
    }
}
`,
};

const BILLING: Record<string, string> = {
  'src/com/acme/billing/Invoice.java': String.raw`package com.acme.billing;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

public class Invoice {
    private final String number;
    private final String country;
    private final List<LineItem> items = new ArrayList<>();
    private double discountPct;

    public Invoice(String number, String country) {
        this.number = number;
        this.country = country;
    }

    public void add(LineItem item) {
        items.add(item);
    }

    public BigDecimal subtotal() {
        BigDecimal sum = BigDecimal.ZERO;
        for (LineItem item : items) {
            sum = sum.add(item.net());
        }
        return sum;
    }

    public int lineCount() {
        int lines = 0;
        for (LineItem item : items) {
            lines += item.getQuantity();
        }
        return lines;
    }

    public BigDecimal discount() {
        BigDecimal pct = discountPct / 100;
        return subtotal().multiply(pct).setScale(2, RoundingMode.HALF_EVEN);
    }

    public BigDecimal taxTotal(TaxTable rates) {
        BigDecimal tax = BigDecimal.ZERO;
        for (LineItem item : items) {
            tax = tax.add(item.net().multiply(rates.rateFor(country, item.reducedRate())));
        }
        return tax.setScale(2, RoundingMode.HALF_EVEN);
    }

    public String status(int daysOverdue) {
        if (daysOverdue <= 0) {
            return "open";
        } else if (daysOverdue < 30) {
            return "overdue";
        }
    }
}
`,
  'src/com/acme/billing/InvoicePrinter.java': String.raw`package com.acme.billing;

import java.util.List;

public class InvoicePrinter {
    public String render(Invoice invoice, TaxTable rates) {
        StringBuilder out = new StringBuilder();
        out.append("Invoice ").append(invoice.number()).append('\n');
        out.append("Subtotal: ").append(invoice.subtotal()).append('\n');
        out.append("Tax:      ").append(invoice.taxTotal(rates)).append('\n');
        List<String> lines = List.of("a", "b");
        int first = lines.get(0);
        return out.toString();
    }
}
`,
  'src/com/acme/billing/LineItem.java': String.raw`package com.acme.billing;

import java.math.BigDecimal;

public record LineItem(String sku, int quantity, BigDecimal unitPrice, boolean reducedRate) {
    public BigDecimal net() {
        return unitPrice.multiply(BigDecimal.valueOf(quantity));
    }
}
`,
  'src/com/acme/billing/ReminderScheduler.java': String.raw`package com.acme.billing;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

public class ReminderScheduler {
    private final Map<String, LocalDate> dueDates;

    public ReminderScheduler(Map<String, LocalDate> dueDates) {
        this.dueDates = dueDates;
    }

    public List<String> overdue(LocalDate today) {
        List<String> result = new ArrayList<>();
        for (Map.Entry<String, LocalDate> e : dueDates.entrySet()) {
            if (e.getValue().isBefore(today.minusDays(graceDays))) {
                result.add(e.getKey());
            }
        }
        return result;
    }

    public static List<Invoice> reminders(List<String> numbers) {
        List<Invoice> out = new ArrayList<>();
        for (String n : numbers) {
            out.add(new Invoice(n));
        }
        return out;
    }

    public static int countOverdue() {
        return overdue(LocalDate.now()).size();
    }
}
`,
  'src/com/acme/billing/TaxTable.java': String.raw`package com.acme.billing;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

public class TaxTable {
    private final Map<String, BigDecimal> standard = new HashMap<>();
    private final Map<String, BigDecimal> reduced = new HashMap<>();

    public static TaxTable load(Path csv) {
        TaxTable table = new TaxTable();
        for (String line : Files.readAllLines(csv)) {
            String[] cols = line.split(",");
            table.standard.put(cols[0], new BigDecimal(cols[1]));
            table.reduced.put(cols[0], new BigDecimal(cols[2]));
        }
        return table;
    }

    public BigDecimal rateFor(String country, boolean reducedRate) {
        Map<String, BigDecimal> table = reducedRate ? reduced : standard;
        BigDecimal rate = table.get(country);
        if (rate == null) {
            throw new IllegalArgumentException("no VAT rate for " + country);
        }
        return rate;
    }

    public int size() {
        return standard.size();
    }
}
`,
};

const STOCKROOM: Record<string, string> = {
  'Cargo.toml': String.raw`[package]
name = "stockroom"
version = "0.3.0"
edition = "2021"

[dependencies]
`,
  'src/inventory.rs': String.raw`use std::collections::HashMap;

#[derive(Debug, Clone)]
pub struct Item {
    pub sku: String,
    pub name: String,
    pub quantity: u32,
    pub unit_cents: u64,
}

impl Item {
    pub fn new(sku: &str, name: &str, quantity: u32, unit_cents: u64) -> Self {
        Item { sku: sku.to_string(), name: name.to_string(), quantity, unit_cents }
    }

    pub fn value_cents(&self) -> u64 {
        self.quantity * self.unit_cents
    }
}

pub struct Inventory {
    pub location: String,
    pub items: Vec<Item>,
    by_sku: HashMap<String, usize>,
}

impl Inventory {
    pub fn new(location: &str) -> Self {
        Inventory { location: location.to_string(), items: Vec::new(), by_sku: HashMap::new() }
    }

    pub fn add(&mut self, item: Item) {
        let index = self.items.len();
        self.by_sku.insert(item.sku, index);
        self.items.push(item);
    }

    pub fn get(&self, sku: &str) -> Option<&Item> {
        self.by_sku.get(sku).map(|&i| &self.items[i])
    }

    pub fn below(&self, threshold: u32) -> Vec<&Item> {
        self.items.iter().filter(|i| i.quantity < threshold).collect()
    }

    pub fn value_cents(&self) -> u64 {
        self.items.iter().map(Item::value_cents).sum()
    }

    pub fn restock(&mut self, sku: &str, amount: u32) -> Result<u32, String> {
        let max_stock = 10_000;
        match self.by_sku.get(sku) {
            Some(&i) => {
                self.items[i].quantity += amount;
                Ok(self.items[i].quantity)
            }
            None => Err(format!("unknown sku {sku}")),
        }
    }
}
`,
  'src/main.rs': String.raw`mod inventory;
mod report;

use inventory::{Inventory, Item};

fn main() {
    let mut inv = Inventory::new("warehouse-north");
    inv.add(Item::new("SKU-4411", "Stainless keg 50l", 12, 129900));
    inv.add(Item::new("SKU-0907", "CO2 cylinder 10kg", 40, 4160));
    inv.add(Item::new("SKU-1200", "Pilsner malt 25kg", 310, 3990));

    let items = inv.items;
    let low = inv.below(20);
    println!("{} items, {} below threshold", items.len(), low.len());

    let total: u32 = inv.value_cents();
    println!("{}", report::render(&inv, total));
}
`,
  'src/report.rs': String.raw`use crate::inventory::Inventory;

pub fn render(inv: &Inventory, total_cents: u32) -> String {
    let mut out = String::new();
    out.push_str(&format!("Inventory at {}\n", inv.location));
    for item in &inv.items {
        out.push_str(&format!("{:<10} {:<24} {:>5}\n", item.sku, item.name, item.quantity));
    }
    out.push_str(&format!("Total value: {}\n", format_cents(total_cents)));
    out.push_str(&format!("Largest line: {}\n", largest(inv).name));
    out
}

fn format_cents(cents: u64) -> String {
    format!("{}.{:02} EUR", cents / 100, cents % 100)
}

fn largest(inv: &Inventory) -> &crate::inventory::Item {
    inv.items.iter().max_by_key(|i| i.value_cent()).unwrap()
}
`,
};

const RATELIMIT: Record<string, string> = {
  'Cargo.toml': String.raw`[package]
name = "ratelimit"
version = "0.4.1"
edition = "2021"

[dependencies]
`,
  'src/config.rs': String.raw`//! Parses limits like ${'`'}"100/min"${'`'}, ${'`'}"5/s"${'`'} or ${'`'}"2000/h"${'`'}.

#[derive(Debug, PartialEq, Eq)]
pub struct Limit {
    pub requests: u32,
    pub per_ms: u64,
}

#[derive(Debug, PartialEq, Eq)]
pub enum ParseLimitError {
    MissingSlash(String),
    BadCount(String),
    UnknownUnit(String),
}

pub fn parse_limit(text: &str) -> Result<Limit, ParseLimitError> {
    let (count, unit) = text.trim().split_once('/').ok_or_else(|| ParseLimitError::MissingSlash(text.to_string()))?;
    let requests: u32 = count.trim().parse().map_err(|_| ParseLimitError::BadCount(count.to_string()))?;
    let per_ms = match unit.trim() {
        "s" | "sec" => 1_000,
        "m" | "min" => 60_000,
        "h" | "hour" => 3_600_000,
        other => return Err(ParseLimitError::UnknownUnit(other.to_string())),
    };
    Ok(Limit { requests, per_ms })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn per_minute() {
        assert_eq!(parse_limit("100/min"), Ok(Limit { requests: 100, per_ms: 60_000 }));
    }

    #[test]
    fn per_second_with_spaces() {
        assert_eq!(parse_limit(" 5 / s "), Ok(Limit { requests: 5, per_ms: 1_000 }));
    }

    #[test]
    fn per_day() {
        let limit = parse_limit("10000/day").unwrap();
        assert_eq!(limit.per_ms, 86_400_000);
    }

    #[test]
    fn missing_slash() {
        assert!(matches!(parse_limit("100"), Err(ParseLimitError::MissingSlash(_))));
    }

    #[test]
    fn bad_count() {
        assert_eq!(parse_limit("ten/min"), Err(ParseLimitError::BadCount("ten".into())));
    }
}
`,
  'src/lib.rs': String.raw`//! Token-bucket and sliding-window rate limiters for API gateways.
//!
//! ${'`'}${'`'}${'`'}
//! use ratelimit::TokenBucket;
//! let mut bucket = TokenBucket::new(10, 5);
//! assert!(bucket.try_take(0, 3));
//! assert_eq!(bucket.available(0), 7);
//! ${'`'}${'`'}${'`'}

pub mod window;
pub mod config;

/// A bucket of ${'`'}capacity${'`'} tokens refilled at ${'`'}refill_per_sec${'`'} tokens per second.
#[derive(Debug, Clone)]
pub struct TokenBucket {
    capacity: u32,
    refill_per_sec: u32,
    tokens: u32,
    last_ms: u64,
}

impl TokenBucket {
    pub fn new(capacity: u32, refill_per_sec: u32) -> Self {
        TokenBucket { capacity, refill_per_sec, tokens: capacity, last_ms: 0 }
    }

    fn refill(&mut self, now_ms: u64) {
        let elapsed = now_ms.saturating_sub(self.last_ms);
        let new_tokens = (elapsed / 1000) as u32 * self.refill_per_sec;
        if new_tokens > 0 {
            self.tokens = (self.tokens + new_tokens).min(self.capacity);
            self.last_ms = now_ms;
        }
    }

    pub fn available(&mut self, now_ms: u64) -> u32 {
        self.refill(now_ms);
        self.tokens
    }

    pub fn try_take(&mut self, now_ms: u64, n: u32) -> bool {
        self.refill(now_ms);
        if self.tokens >= n {
            self.tokens -= n;
            true
        } else {
            false
        }
    }

    /// Milliseconds until ${'`'}n${'`'} tokens are available.
    pub fn wait_ms(&mut self, now_ms: u64, n: u32) -> u64 {
        self.refill(now_ms);
        if self.tokens >= n {
            return 0;
        }
        let missing = n - self.tokens;
        (missing / self.refill_per_sec) as u64 * 1000
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn starts_full() {
        let mut b = TokenBucket::new(10, 1);
        assert_eq!(b.available(0), 10);
    }

    #[test]
    fn take_reduces_tokens() {
        let mut b = TokenBucket::new(10, 1);
        assert!(b.try_take(0, 4));
        assert_eq!(b.available(0), 6);
    }

    #[test]
    fn cannot_take_more_than_available() {
        let mut b = TokenBucket::new(3, 1);
        assert!(!b.try_take(0, 4));
    }

    #[test]
    fn refills_over_time() {
        let mut b = TokenBucket::new(10, 2);
        assert!(b.try_take(0, 10));
        assert_eq!(b.available(3_000), 6);
    }

    #[test]
    fn refill_is_capped() {
        let mut b = TokenBucket::new(5, 100);
        assert_eq!(b.available(60_000), 5);
    }

    #[test]
    fn partial_seconds_accumulate() {
        let mut b = TokenBucket::new(10, 1);
        assert!(b.try_take(0, 10));
        assert_eq!(b.available(600), 0);
        assert_eq!(b.available(1_200), 1, "600 ms + 600 ms should have refilled one token");
    }

    #[test]
    fn wait_rounds_up() {
        let mut b = TokenBucket::new(10, 4);
        assert!(b.try_take(0, 10));
        assert_eq!(b.wait_ms(0, 5), 2_000);
    }
}
`,
  'src/window.rs': String.raw`//! Sliding-window counter: at most ${'`'}limit${'`'} requests in any ${'`'}window_ms${'`'}.

use std::collections::VecDeque;

pub struct SlidingWindow {
    limit: usize,
    window_ms: u64,
    hits: VecDeque<u64>,
}

impl SlidingWindow {
    pub fn new(limit: usize, window_ms: u64) -> Self {
        assert!(limit > 0, "limit must be positive");
        SlidingWindow { limit, window_ms, hits: VecDeque::with_capacity(limit) }
    }

    pub fn allow(&mut self, now_ms: u64) -> bool {
        while let Some(&first) = self.hits.front() {
            if now_ms - first > self.window_ms {
                self.hits.pop_front();
            } else {
                break;
            }
        }
        if self.hits.len() < self.limit {
            self.hits.push_back(now_ms);
            true
        } else {
            false
        }
    }

    pub fn remaining(&self) -> usize {
        self.limit - self.hits.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn allows_up_to_limit() {
        let mut w = SlidingWindow::new(3, 1_000);
        assert!(w.allow(0) && w.allow(10) && w.allow(20));
        assert!(!w.allow(30));
    }

    #[test]
    fn window_slides() {
        let mut w = SlidingWindow::new(2, 1_000);
        assert!(w.allow(0));
        assert!(w.allow(500));
        assert!(!w.allow(900));
        assert!(w.allow(1_000), "the hit at t=0 is outside the window at t=1000");
    }

    #[test]
    fn remaining_counts_down() {
        let mut w = SlidingWindow::new(5, 1_000);
        w.allow(0);
        w.allow(1);
        assert_eq!(w.remaining(), 3);
    }

    #[test]
    #[should_panic(expected = "limit must be positive")]
    fn zero_limit_panics() {
        SlidingWindow::new(0, 1_000);
    }

    #[test]
    fn clock_going_backwards() {
        let mut w = SlidingWindow::new(2, 1_000);
        assert!(w.allow(5_000));
        assert!(w.allow(4_000));
    }
}
`,
  'tests/gateway.rs': String.raw`use ratelimit::config::parse_limit;
use ratelimit::window::SlidingWindow;
use ratelimit::TokenBucket;

#[test]
fn burst_then_steady() {
    let mut bucket = TokenBucket::new(20, 10);
    let served = (0..25).filter(|_| bucket.try_take(0, 1)).count();
    assert_eq!(served, 20);
    assert!(bucket.try_take(1_000, 10));
}

#[test]
fn window_from_config() {
    let limit = parse_limit("3/s").unwrap();
    let mut w = SlidingWindow::new(limit.requests as usize, limit.per_ms);
    let allowed = [0, 100, 200, 300, 1_250].iter().filter(|&&t| w.allow(t)).count();
    assert_eq!(allowed, 4);
}
`,
};

const LOGSHIP: Record<string, string> = {
  'Makefile': String.raw`CC      ?= gcc
CFLAGS  ?= -std=c11 -O2 -g -Wall -Wextra -Wshadow -Wconversion -Iinclude
LDFLAGS ?=
OBJ     := build/buffer.o build/parse.o build/ship.o build/main.o

all: build/logship

build/%.o: src/%.c include/logship.h | build
	$(CC) $(CFLAGS) -c $< -o $@

build/logship: $(OBJ)
	$(CC) $(LDFLAGS) -o $@ $^

build:
	mkdir -p build

clean:
	rm -rf build

.PHONY: all clean
`,
  'include/logship.h': String.raw`#ifndef LOGSHIP_H
#define LOGSHIP_H

#include <stddef.h>
#include <stdint.h>

#define LS_MAX_LINE 4096

typedef struct {
    char *data;
    size_t len;
    size_t cap;
} ls_buffer;

typedef enum { LS_DEBUG, LS_INFO, LS_WARN, LS_ERROR } ls_level;

typedef struct {
    int64_t ts_ms;
    ls_level level;
    const char *service;
    const char *message;
} ls_record;

int ls_buffer_init(ls_buffer *b, size_t cap);
int ls_buffer_append(ls_buffer *b, const char *s, size_t n);
void ls_buffer_free(ls_buffer *b);

int ls_parse_line(const char *line, ls_record *out, char *scratch, size_t scratch_len);
const char *ls_level_name(ls_level level);

int ls_ship(const ls_buffer *batch, const char *endpoint, int timeout_ms);

#endif
`,
  'src/buffer.c': String.raw`#include <stdlib.h>
#include <string.h>

#include "logship.h"

int ls_buffer_init(ls_buffer *b, size_t cap)
{
    b->data = malloc(cap);
    if (!b->data)
        return -1;
    b->len = 0;
    b->cap = cap;
    return 0;
}

int ls_buffer_append(ls_buffer *b, const char *s, size_t n)
{
    if (b->len + n + 1 > b->cap) {
        size_t cap = b->cap * 2;
        while (cap < b->len + n + 1)
            cap *= 2;
        char *data = realloc(b->data, cap);
        if (!data)
            return -1;
        b->data = data;
        b->cap = cap;
    }
    memcpy(b->data + b->len, s, n);
    b->len += n;
    b->data[b->len] = '\0';
    return (int)b->len;
}

void ls_buffer_free(ls_buffer *b)
{
    free(b->data);
    b->data = NULL;
    b->len = b->cap = 0;
}
`,
  'src/main.c': String.raw`#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "logship.h"

#define BATCH_BYTES (64 * 1024)

static int ship_file(FILE *in, const char *endpoint)
{
    ls_buffer batch;
    char line[LS_MAX_LINE], scratch[LS_MAX_LINE];
    ls_record rec;
    size_t shipped = 0;

    if (ls_buffer_init(&batch, BATCH_BYTES) != 0)
        return -1;
    while (fgets(line, sizeof line, in)) {
        line[strcspn(line, "\n")] = '\0';
        if (ls_parse_line(line, &rec, scratch, sizeof scratch) < 0) {
            fprintf(stderr, "skipping malformed line: %s\n", line);
            continue;
        }
        char json[LS_MAX_LINE + 128];
        int n = snprintf(json, sizeof json, "{\"ts\":%lld,\"level\":\"%s\",\"service\":\"%s\",\"msg\":\"%s\"}\n",
                         (long long)rec.ts_ms, ls_level_name(rec.level), rec.service, rec.message);
        ls_buffer_append(&batch, json, n);
        if (batch.len >= BATCH_BYTES) {
            ls_ship(&batch, endpoint, 5000);
            shipped += batch.len;
            batch.len = 0;
        }
    }
    if (batch.len > 0) {
        ls_ship(&batch, endpoint);
        shipped += batch.len;
    }
    ls_buffer_free(&batch);
    printf("shipped %zu bytes\n", shipped)
    return 0;
}

int main(int argc, char **argv)
{
    const char *endpoint = argc > 1 ? argv[1] : "/v1/logs";
    int rc = ship_file(stdin, endpoint);
    return rc == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
`,
  'src/parse.c': String.raw`#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "logship.h"

static const char *LEVELS[] = { "DEBUG", "INFO", "WARN", "ERROR" };

const char *ls_level_name(ls_level level)
{
    return LEVELS[level];
}

static int parse_level(const char *s, ls_level *out)
{
    for (int i = 0; i < sizeof LEVELS / sizeof LEVELS[0]; i++) {
        if (strcmp(s, LEVELS[i]) == 0) {
            *out = i;
            return 0;
        }
    }
    return -1;
}

/* "1710412800123 WARN billing-api payment retry scheduled" */
int ls_parse_line(const char *line, ls_record *out, char *scratch, size_t scratch_len)
{
    size_t len = strlen(line);
    if (len >= scratch_len)
        return -1;
    memcpy(scratch, line, len + 1);

    char *save = NULL;
    char *ts = strtok_r(scratch, " ", &save);
    char *level = strtok_r(NULL, " ", &save);
    char *service = strtok_r(NULL, " ", &save);
    char *message = save;
    if (!ts || !level || !service || !message)
        return -1;

    char *end;
    long long ms = strtoll(ts, &end, 10);
    if (*end != '\0')
        return -1;
    out->ts_ms = ms;
    if (parse_level(level, &out->level) != 0)
        return -1;
    out->service = service;
    out->message = message;
    int mlen = (int)strlen(message);
    return mlen;
}
`,
  'src/ship.c': String.raw`#include <stdio.h>
#include <string.h>

#include "logship.h"

int ls_ship(const ls_buffer *batch, const char *endpoint, int timeout_ms)
{
    char request[256];
    int written = snprintf(request, sizeof request, "POST %s HTTP/1.1\r\nContent-Length: %zu\r\n\r\n", endpoint, batch->len);
    if (written < 0)
        return -1;
    unsigned short port = 8443 + timeout_ms;
    fprintf(stderr, "shipping %zu bytes to %s (port %u, timeout %d ms)\n", batch->len, endpoint, port, timeout_ms);
    return 0;
}
`,
};

// ─────────────────────────────────────────────────────────────────────────────────────────────────────────────────
// Python: pytest, unittest, a chained traceback, a corpus-preparation script
// ─────────────────────────────────────────────────────────────────────────────────────────────────────────────────

/** `E   SomeError: message` lines of a pytest report, without the `E` gutter. */
function errorLines(text: string): string[] {
  return [...text.matchAll(/^E +((?:[\w.]+(?:Error|Exception|Group|Invalid\w*)): .*)$/gm)].map((m) => m[1]);
}

function capturePython(): void {
  const dir = join(SCRATCH, 'ledger');
  writeTree(dir, LEDGER);

  {
    const command = 'python3 -m pytest -q';
    const text = sh(command, dir);
    save(
      {
        id: 'pytest-q-ledger',
        tool: 'pytest',
        family: 'test',
        command,
        question: 'Which tests fail and why?',
        facts: [
          pick(text, /^(\d+ failed, \d+ passed)/m, 'summary'),
          'test_total_with_discount',
          "amount: Decimal('108.99') != Decimal('107.09')",
          "{'lines': 3} != {'lines': 2}",
          "KeyError: 'EL'",
          'test_parse_amount[1,234.50-1234.50]',
          "decimal.InvalidOperation: [<class 'decimal.ConversionSyntax'>]",
          "invoices-2024-03.csv line 4: invalid unit_price '1,299.00'",
          'ExceptionGroup: 2 of 3 invoice files failed to import',
          "invoices-2024-04.csv line 3: invalid qty ''",
          'test_allocate_remainder',
        ],
      },
      text,
    );
  }

  {
    const command = 'python3 -m pytest -v';
    const text = sh(command, dir);
    save(
      {
        id: 'pytest-v-ledger',
        tool: 'pytest',
        family: 'test',
        command,
        question: 'Which tests failed, and what error does each one report?',
        facts: [
          'tests/test_batch.py::test_batch_reports_every_failure FAILED',
          'tests/test_invoice.py::test_summary FAILED',
          'tests/test_invoice.py::test_tax_for_greek_customer FAILED',
          'tests/test_money.py::MoneyAllocationTest::test_allocate_remainder FAILED',
          'tests/test_parser.py::test_parse_amount[1,234.50-1234.50] FAILED',
          'tests/test_tax.py::RateTest::test_greece_standard FAILED',
          "KeyError: 'EL'",
          "decimal.InvalidOperation: [<class 'decimal.ConversionSyntax'>]",
          'ExceptionGroup: 2 of 3 invoice files failed to import',
          pick(text, /^=+ (\d+ failed, \d+ passed) in/m, 'summary'),
        ],
      },
      text,
    );
  }

  {
    const command = 'python3 -m pytest --tb=long tests/test_invoice.py tests/test_parser.py';
    const text = sh(command, dir);
    save(
      {
        id: 'pytest-tb-long-invoice',
        tool: 'pytest',
        family: 'test',
        command,
        question: 'Why does test_tax_for_greek_customer fail? Follow the KeyError to the line that raises it.',
        facts: [
          'test_tax_for_greek_customer',
          "KeyError: 'EL'",
          'ledger/tax.py:43: KeyError',
          "country = 'GR', reduced = False",
          '>       return table[normalize_country(country)]',
          '>       rate = rate_for(self.country, reduced=item.reduced_rate)',
          'ledger/invoice.py:49: ',
        ],
      },
      text,
    );
  }

  {
    const command = 'python3 -m pytest -q checks/test_config_files.py';
    const text = sh(command, dir);
    const errs = errorLines(text);
    if (errs.length !== 3) fail(`config check: expected 3 exception lines, got ${errs.length}: ${errs.join(' | ')}`);
    save(
      {
        id: 'pytest-config-files',
        tool: 'pytest',
        family: 'test',
        command,
        question: 'Which tenant configuration files are invalid, and what is wrong with each?',
        facts: [
          'test_tenant_config_is_valid[configs/tenants/fjord-seafood.toml]',
          'test_tenant_config_is_valid[configs/tenants/hansen-moebel.toml]',
          'test_tenant_config_is_valid[configs/tenants/papillon-sarl.toml]',
          ...errs,
          pick(text, /^(\d+ failed, \d+ passed)/m, 'summary'),
        ],
      },
      text,
    );
  }

  {
    const command = 'python3 -m unittest -v tests.test_money tests.test_tax';
    const text = sh(command, dir);
    save(
      {
        id: 'unittest-v-money-tax',
        tool: 'unittest',
        family: 'test',
        command,
        question: 'Which unittest tests failed or errored, and with what error?',
        facts: [
          'ERROR: test_greece_standard (tests.test_tax.RateTest.test_greece_standard)',
          "KeyError: 'EL'",
          'FAIL: test_allocate_remainder (tests.test_money.MoneyAllocationTest.test_allocate_remainder)',
          'First differing element 0:',
          pick(text, /^(Ran \d+ tests)/m, 'ran'),
          'FAILED (failures=1, errors=1)',
        ],
      },
      text,
    );
  }

  {
    const command = 'python3 -m ledger.cli import data/invoices-2024-03.csv --report out/errors/invoices-2024-03.json';
    const text = sh(command, dir);
    save(
      {
        id: 'python-traceback-chained',
        tool: 'python3',
        family: 'trace',
        command,
        question: 'Why did the import crash? Give the root cause and the error that finally ended the program.',
        facts: [
          "decimal.InvalidOperation: [<class 'decimal.ConversionSyntax'>]",
          'The above exception was the direct cause of the following exception:',
          "ledger.parser.ParseError: data/invoices-2024-03.csv line 4: invalid unit_price '1,299.00'",
          'During handling of the above exception, another exception occurred:',
          "FileNotFoundError: [Errno 2] No such file or directory: 'out/errors/invoices-2024-03.json'",
          'line 15, in write_error_report',
        ],
      },
      text,
    );
  }

  {
    const command = 'cat -n ledger/invoice.py';
    const text = sh(command, dir);
    save(
      {
        id: 'cat-n-invoice-py',
        tool: 'cat',
        family: 'code',
        command,
        question: 'Where is VAT computed, and is it applied to the amount before or after the discount?',
        facts: [
          'def _line_tax(self, item: LineItem) -> Money:',
          'rate = rate_for(self.country, reduced=item.reduced_rate)',
          'return (item.net * rate).rounded()',
          'return self.subtotal() - self.discount() + self.tax_total()',
          'return (self.subtotal() * (self.discount_pct / 100)).rounded()',
        ],
        fileName: 'ledger/invoice.py',
      },
      text,
    );
  }

  {
    const command = "sed -n '1,70p' ledger/parser.py";
    const text = sh(command, dir);
    save(
      {
        id: 'sed-n-parser-py',
        tool: 'sed',
        family: 'code',
        command,
        question: "Why would parse_amount fail on '1,299.00', and where is that error turned into a ParseError?",
        facts: [
          'if "," in cleaned and "." not in cleaned:',
          'return Decimal(cleaned)',
          'except InvalidOperation as exc:',
          "raise ParseError(source, line_no, f\"invalid unit_price {row['unit_price']!r}\") from exc",
        ],
        fileName: 'ledger/parser.py',
      },
      text,
    );
  }

  // a corpus-preparation script whose documents are separated by <|endoftext|>
  const lm = join(SCRATCH, 'lmdata');
  writeTree(lm, LMDATA);
  {
    const command = 'python3 prepare_corpus.py --src /usr/lib/python3.11 --preview 6';
    const text = sh(command, lm);
    const shards = [...text.matchAll(/^ {2}(data\/shards\/\S+) +(\d+) bytes +(\d+) documents$/gm)];
    if (shards.length === 0) fail('prepare_corpus: no shard lines');
    save(
      {
        id: 'python-prepare-corpus-eot',
        tool: 'python3',
        family: 'log',
        command,
        question: 'How many documents went into each shard, what separates documents, and why were the decimal and csv modules left out?',
        facts: [
          pick(text, /^(\d+ documents, \d+ shards, \d+ bytes), separator/m, 'totals'),
          "separator '<|endoftext|>' (token id 50256)",
          ...shards.map((m) => m[1]),
          ...shards.map((m) => `${m[3]} documents`),
          lineWith(text, /^skip decimal: /),
          lineWith(text, /^skip csv: /),
        ],
      },
      text,
    );
  }
  {
    const command = 'cat -n prepare_corpus.py';
    const text = sh(command, lm);
    save(
      {
        id: 'cat-n-prepare-corpus-py',
        tool: 'cat',
        family: 'code',
        command,
        question: 'How does the script keep a stray <|endoftext|> inside a document from splitting it, and which token id does it assume for the separator?',
        facts: ['EOT = "<|endoftext|>"', 'EOT_TOKEN_ID = 50256', 'text = text.replace(EOT, "")', 'piece = doc + EOT', 'MIN_CHARS = 200'],
        fileName: 'prepare_corpus.py',
      },
      text,
    );
  }
}

// ─────────────────────────────────────────────────────────────────────────────────────────────────────────────────
// JVM: an exception with Caused by chains, a java.util.logging run, javac errors
// ─────────────────────────────────────────────────────────────────────────────────────────────────────────────────

const WAREHOUSE_SYNC = `package com.acme.orders;

/** Long-running sync daemon (used as a resident JVM in the process listing). */
public final class WarehouseSync {
    public static void main(String[] args) throws InterruptedException {
        byte[][] cache = new byte[64][];
        for (int i = 0; i < cache.length; i++) {
            cache[i] = new byte[2 * 1024 * 1024];
            java.util.Arrays.fill(cache[i], (byte) i);
        }
        while (true) {
            Thread.sleep(30_000);
        }
    }
}
`;

function captureJvm(): void {
  const orders = join(SCRATCH, 'orders');
  writeTree(orders, { ...ORDERS, 'src/com/acme/orders/WarehouseSync.java': WAREHOUSE_SYNC });
  setup("javac -d build $(find src -name '*.java')", orders);
  {
    const command = 'java -cp build com.acme.orders.OrderApp 2024-03-14';
    const text = sh(command, orders);
    save(
      {
        id: 'java-exception-caused-by',
        tool: 'java',
        family: 'trace',
        command,
        question: 'Why did the order batch fail? What is the root cause, and where in our code was it thrown?',
        facts: [
          'Exception in thread "main" java.lang.IllegalStateException: Order batch 2024-03-14 failed',
          'Caused by: com.acme.orders.OrderProcessingException: Could not reserve stock for ORD-88121 on 2024-03-14',
          'Caused by: com.acme.orders.InventoryException: reserve 3 x SKU-4411 for ORD-88121 failed',
          'Caused by: java.sql.SQLTransientConnectionException: inventory-db - Connection is not available, request timed out after 30000ms (total=4, active=4, idle=0, waiting=7)',
          'at com.acme.orders.ConnectionPool.connect(ConnectionPool.java:23)',
          'Suppressed: java.sql.SQLException: inventory-db - lease returned after pool shutdown',
          '... 6 more',
        ],
      },
      text,
    );
  }

  const importer = join(SCRATCH, 'importer');
  writeTree(importer, IMPORTER);
  setup("javac -g -d build $(find src -name '*.java')", importer);
  {
    const command = "java -Djava.util.logging.SimpleFormatter.format='%1$tF %1$tT.%1$tL %4$-7s [%3$s] %5$s%6$s%n' -cp build com.acme.importer.ImportJob 640";
    const text = sh(command, importer);
    const severe = [...text.matchAll(/^(\S+ \S+) SEVERE +\[[^\]]+\] (Failed to import (ORD-\d+) for customer \w+)\n(.+)$/gm)];
    if (severe.length !== 3) fail(`ImportJob: expected 3 SEVERE records, got ${severe.length}`);
    save(
      {
        id: 'java-util-logging-import',
        tool: 'java',
        family: 'log',
        command,
        question: 'Which orders failed to import, when, and what exception did each one hit?',
        facts: [
          ...severe.map((m) => m[2]),
          ...severe.map((m) => m[4].trim()),
          'Caused by: java.time.DateTimeException: Invalid date \'FEBRUARY 30\'',
          pick(text, /(Import finished: .*)$/m, 'summary'),
        ],
      },
      text,
    );
  }
  {
    const command = 'cat -n src/com/acme/importer/ImportJob.java';
    const text = sh(command, importer);
    save(
      {
        id: 'cat-n-importjob-java',
        tool: 'cat',
        family: 'code',
        command,
        question: 'Where does the import job count a record as failed, and what does it log when that happens?',
        facts: ['} catch (RuntimeException e) {', 'failed++;', 'LOG.log(Level.SEVERE, "Failed to import " + o.id() + " for customer " + o.customer(), e);', 'LocalDate ship = parser.shipDate(o);'],
        fileName: 'src/com/acme/importer/ImportJob.java',
      },
      text,
    );
  }

  const billing = join(SCRATCH, 'billing');
  writeTree(billing, BILLING);
  {
    const command = "javac -Xlint:all -d build $(find src -name '*.java' | sort)";
    const text = sh(command, billing);
    save(
      {
        id: 'javac-errors-billing',
        tool: 'javac',
        family: 'build',
        command,
        question: 'Why does the build fail? List each compile error with its file and line.',
        facts: [
          { path: 'src/com/acme/billing/Invoice.java', line: 34 },
          'symbol:   method getQuantity()',
          { path: 'src/com/acme/billing/Invoice.java', line: 40 },
          'incompatible types: double cannot be converted to BigDecimal',
          { path: 'src/com/acme/billing/InvoicePrinter.java', line: 8 },
          'symbol:   variable graceDays',
          'constructor Invoice in class Invoice cannot be applied to given types;',
          'non-static method overdue(LocalDate) cannot be referenced from a static context',
          pick(text, /^(\d+ errors)$/m, 'count'),
        ],
      },
      text,
    );
  }
}

// ─────────────────────────────────────────────────────────────────────────────────────────────────────────────────
// Rust and C
// ─────────────────────────────────────────────────────────────────────────────────────────────────────────────────

function captureRustC(): void {
  const stock = join(SCRATCH, 'stockroom');
  writeTree(stock, STOCKROOM);
  {
    const command = 'cargo build';
    const text = sh(command, stock);
    save(
      {
        id: 'cargo-build-errors',
        tool: 'cargo',
        family: 'build',
        command,
        question: 'Why does cargo build fail? List each error with its location.',
        facts: [
          'error[E0308]: mismatched types',
          'src/inventory.rs:17:25',
          'error[E0277]: cannot multiply `u32` by `u64`',
          'error[E0599]: no method named `value_cent` found for reference `&&Item` in the current scope',
          'src/report.rs:19:39',
          'error[E0382]: use of partially moved value: `item`',
          'src/inventory.rs:35:25',
          'src/main.rs:16:22',
          pick(text, /(could not compile `stockroom` \(bin "stockroom"\) due to \d+ previous errors)/, 'summary'),
        ],
      },
      text,
    );
  }

  const rl = join(SCRATCH, 'ratelimit');
  writeTree(rl, RATELIMIT);
  {
    const command = 'cargo test';
    const text = sh(command, rl);
    save(
      {
        id: 'cargo-test-failures',
        tool: 'cargo',
        family: 'test',
        command,
        question: 'Which tests fail and why?',
        facts: [
          'panicked at src/lib.rs:110:9:',
          '  left: 1000',
          ' right: 2000',
          'panicked at src/window.rs:19:16:',
          'attempt to subtract with overflow',
          'the hit at t=0 is outside the window at t=1000',
          'called `Result::unwrap()` on an `Err` value: UnknownUnit("day")',
          pick(text, /(test result: FAILED\. \d+ passed; \d+ failed)/, 'summary'),
        ],
      },
      text,
    );
  }
  {
    const command = "sed -n '1,80p' src/window.rs";
    const text = sh(command, rl);
    save(
      {
        id: 'sed-n-window-rs',
        tool: 'sed',
        family: 'code',
        command,
        question: 'How does SlidingWindow::allow evict old hits, and can the subtraction underflow if the clock goes backwards?',
        facts: ['pub fn allow(&mut self, now_ms: u64) -> bool {', 'if now_ms - first > self.window_ms {', 'self.hits.pop_front();', 'if self.hits.len() < self.limit {'],
        fileName: 'src/window.rs',
      },
      text,
    );
  }

  const ls = join(SCRATCH, 'logship');
  writeTree(ls, LOGSHIP);
  {
    const command = 'make';
    const text = sh(command, ls);
    save(
      {
        id: 'make-gcc-errors',
        tool: 'make',
        family: 'build',
        command,
        question: 'Why does the build fail, and which warnings point at real bugs?',
        facts: [
          'src/main.c:35:9: error: too few arguments to function ‘ls_ship’',
          'src/main.c:39:43: error: expected ‘;’ before ‘return’',
          'make: *** [Makefile:9: build/main.o] Error 1',
          'src/parse.c:34:16: warning: implicit declaration of function ‘strtok_r’',
          'src/ship.c:12:27: warning: conversion from ‘int’ to ‘short unsigned int’ may change value',
          'src/main.c:41:1: warning: control reaches end of non-void function',
        ],
      },
      text,
    );
  }
  {
    const command = 'cat -n src/parse.c';
    const text = sh(command, ls);
    save(
      {
        id: 'cat-n-parse-c',
        tool: 'cat',
        family: 'code',
        command,
        question: 'How does ls_parse_line split a log line into timestamp, level, service and message?',
        facts: ['char *ts = strtok_r(scratch, " ", &save);', 'char *message = save;', 'long long ms = strtoll(ts, &end, 10);', 'if (parse_level(level, &out->level) != 0)'],
        fileName: 'src/parse.c',
      },
      text,
    );
  }
}

// ─────────────────────────────────────────────────────────────────────────────────────────────────────────────────
// System: processes and mounts (in private namespaces, with their own workload), files, packages, logs
// ─────────────────────────────────────────────────────────────────────────────────────────────────────────────────

const WORKER_PY = String.raw`"""Queue worker: pulls jobs and keeps a warm cache of customer records."""
import argparse
import time

ap = argparse.ArgumentParser()
ap.add_argument("--queue", required=True)
ap.add_argument("--concurrency", type=int, default=1)
args = ap.parse_args()
cache = bytearray((640 if args.queue == "invoices" else 48) * 1024 * 1024)
for i in range(0, len(cache), 4096):
    cache[i] = 1
while True:
    time.sleep(5)
`;

const BURN_PY = String.raw`"""Rebuilds the search index: CPU-bound hashing of every document."""
import hashlib
import sys
import time

end = time.time() + 120
digest = b""
while time.time() < end:
    digest = hashlib.sha256(digest + b"document").digest()
sys.exit(0)
`;

/** PID-namespace init: starts a small service stack, then records ps and top. */
const STACK_SH = `#!/bin/bash
cd "$(dirname "$0")"
mkdir -p www && echo '<h1>status: ok</h1>' > www/index.html
python3 -m http.server 8088 --bind 127.0.0.1 --directory www >/dev/null 2>&1 &
for port in 8081 8082 8083 8084; do python3 -m http.server $port --bind 127.0.0.1 --directory www >/dev/null 2>&1 & done
python3 -W ignore -m smtpd -n -c DebuggingServer 127.0.0.1:2525 >/dev/null 2>&1 &
sleep 3600 &
sleep 86400 &
for i in $(seq 1 250); do /bin/true; done
python3 worker.py --queue invoices --concurrency 4 >/dev/null 2>&1 &
python3 worker.py --queue reminders --concurrency 1 >/dev/null 2>&1 &
java -Xms128m -Xmx512m -cp ../orders/build com.acme.orders.WarehouseSync --interval 30s >/dev/null 2>&1 &
for i in $(seq 1 400); do /bin/true; done
python3 burn.py --rebuild-index >/dev/null 2>&1 &
tail -f /dev/null &
sh -c 'while sleep 5; do :; done' &
sleep 6
ps aux > ps.out
top -b -n 1 > top.out
`;

/** Mount-namespace script: a few real ext4 volumes (loop images) at /srv/*, filled to different levels. */
const DISKS_SH = `#!/bin/bash
set -e
cd "$(dirname "$0")"
mount -t tmpfs -o size=16m tmpfs /srv
for spec in pgdata:384:300 backups:160:139 uploads:512:61 redis:96:40 logs:256:171 ci-cache:256:12; do
  IFS=: read -r name size fill <<< "$spec"
  truncate -s \${size}M $name.img
  mkfs.ext4 -q -L $name $name.img
  mkdir -p /srv/$name
  mount -o loop $name.img /srv/$name
  fallocate -l \${fill}M /srv/$name/data.bin
done
df -h / /srv/pgdata /srv/backups /srv/uploads /srv/redis /srv/logs /srv/ci-cache /dev/shm > df.out
`;

function captureSystem(): void {
  // ps aux and top in a private PID namespace
  const psDir = join(SCRATCH, 'ps');
  writeTree(psDir, { 'worker.py': WORKER_PY, 'burn.py': BURN_PY, 'stack.sh': STACK_SH });
  setup('unshare --pid --fork --mount-proc --kill-child bash stack.sh', psDir);
  {
    const text = readFileSync(join(psDir, 'ps.out'), 'utf8');
    const rows = text
      .split('\n')
      .slice(1)
      .filter(Boolean)
      .map((l) => {
        const f = l.trim().split(/\s+/);
        return { line: l, pid: f[1], cpu: Number(f[2]), mem: Number(f[3]), rss: Number(f[5]), cmd: f.slice(10).join(' ') };
      });
    const byRss = [...rows].sort((a, b) => b.rss - a.rss);
    const byCpu = [...rows].sort((a, b) => b.cpu - a.cpu);

    save(
      {
        id: 'ps-aux-services',
        tool: 'ps',
        family: 'system',
        command: 'ps aux',
        question: 'Which process uses the most memory and which one the most CPU? Give PIDs and commands.',
        facts: [byRss[0].pid, String(byRss[0].rss), byRss[0].cmd, byRss[1].pid, String(byRss[1].rss), byRss[1].cmd, byCpu[0].pid, String(byCpu[0].cpu), byCpu[0].cmd],
        fileName: 'ps.txt',
      },
      text,
    );
  }
  {
    const text = readFileSync(join(psDir, 'top.out'), 'utf8');
    const procs = text
      .split('\n')
      .filter((l) => /^\s*\d+ root/.test(l))
      .map((l) => ({ line: l, f: l.trim().split(/\s+/) }));
    const memOf = (f: string[]) => Number(f[5].replace(/g$/, 'e6').replace(/m$/, 'e3'));
    const top = [...procs].sort((a, b) => Number(b.f[8]) - Number(a.f[8]))[0];
    const mem = [...procs].sort((a, b) => memOf(b.f) - memOf(a.f))[0];
    save(
      {
        id: 'top-batch-services',
        tool: 'top',
        family: 'system',
        command: 'top -b -n 1',
        question: 'What is using the CPU right now, which process has the largest resident memory, and how much memory is free?',
        facts: [
          top.f[0],
          top.f[8],
          mem.f[0],
          mem.f[5],
          pick(text, /^MiB Mem : +[\d.]+ total, +([\d.]+) free/m, 'free memory'),
        ],
      },
      text,
    );
  }

  // df -h over loop-mounted volumes in a private mount namespace
  const disks = join(SCRATCH, 'disks');
  writeTree(disks, { 'disks.sh': DISKS_SH });
  setup('unshare --mount --propagation private bash disks.sh', disks);
  {
    const text = readFileSync(join(disks, 'df.out'), 'utf8');
    const backups = lineWith(text, '/srv/backups');
    const pg = lineWith(text, '/srv/pgdata');
    save(
      {
        id: 'df-h-volumes',
        tool: 'df',
        family: 'system',
        command: 'df -h / /srv/pgdata /srv/backups /srv/uploads /srv/redis /srv/logs /srv/ci-cache /dev/shm',
        question: 'Which volume is almost full, how much space is left on it, and which device backs it?',
        facts: [...backups.trim().split(/\s+/).filter((f) => f !== '0'), pick(pg, /\s(\d+%)\s/, 'pgdata use%'), '/srv/pgdata'],
      },
      text,
    );
  }

  // du -ah over a package tree
  {
    const command = 'du -ah /usr/lib/python3/dist-packages/_pytest';
    const text = sh(command, '/');
    const toBytes = (s: string) => Number(s.replace(/[KMG]$/, '')) * ({ K: 1e3, M: 1e6, G: 1e9 }[s.slice(-1)] ?? 1);
    const rows = text
      .split('\n')
      .filter(Boolean)
      .map((l) => ({ size: l.split('\t')[0], path: l.split('\t')[1] }))
      .filter((r) => r.path.endsWith('.py'));
    rows.sort((a, b) => toBytes(b.size) - toBytes(a.size));
    save(
      {
        id: 'du-ah-pytest',
        tool: 'du',
        family: 'system',
        command,
        question: 'Which Python source files in _pytest are the largest, and how big is the whole package?',
        facts: [...rows.slice(0, 3).flatMap((r) => [r.path, r.size]), lineWith(text, /\t\/usr\/lib\/python3\/dist-packages\/_pytest$/).split('\t')[0]],
      },
      text,
    );
  }

  // ls -laR of the JDK (symlinks into /etc)
  {
    const command = 'ls -laR /usr/lib/jvm/java-17-openjdk-amd64';
    const text = sh(command, '/');
    save(
      {
        id: 'ls-lar-jdk',
        tool: 'ls',
        family: 'system',
        command,
        question: 'Where do the JDK security config files (java.security, cacerts) really live, and how large is libjvm.so?',
        facts: [
          pick(text, /(java\.security -> \S+)/, 'java.security link'),
          pick(text, /(cacerts -> \S+)/, 'cacerts link'),
          pick(text, /(\d+ \w{3} +\d+ +[\d:]+ libjvm\.so)$/m, 'libjvm size'),
          '/usr/lib/jvm/java-17-openjdk-amd64/lib/server:',
        ],
      },
      text,
    );
  }

  // find -printf and plain find
  {
    const command = "find /usr/lib/python3/dist-packages -name '*.py' -size +60k -printf '%s\\t%TY-%Tm-%Td\\t%p\\n'";
    const text = sh(command, '/');
    const rows = text
      .split('\n')
      .filter(Boolean)
      .map((l) => l.split('\t'));
    rows.sort((a, b) => Number(b[0]) - Number(a[0]));
    save(
      {
        id: 'find-printf-large-py',
        tool: 'find',
        family: 'search',
        command,
        question: 'Which are the three largest Python files under dist-packages, and how big are they?',
        facts: rows.slice(0, 3).flatMap((r) => [r[2], r[0]]),
      },
      text,
    );
  }
  {
    const command = "find /usr/lib/python3/dist-packages/_pytest -name '*.py'";
    const text = sh(command, '/');
    save(
      {
        id: 'find-pytest-py',
        tool: 'find',
        family: 'search',
        command,
        question: 'Which files implement assertion rewriting and the fixture machinery in pytest?',
        facts: ['/usr/lib/python3/dist-packages/_pytest/assertion/rewrite.py', '/usr/lib/python3/dist-packages/_pytest/fixtures.py', '/usr/lib/python3/dist-packages/_pytest/assertion/util.py'],
      },
      text,
    );
  }

  // tree of the JDK
  {
    const command = 'tree -L 3 /usr/lib/jvm/java-17-openjdk-amd64';
    const text = sh(command, '/');
    save(
      {
        id: 'tree-jdk',
        tool: 'tree',
        family: 'system',
        command,
        question: 'Where are libjvm.so and the jmods, and where does conf/security point to?',
        facts: ['libjvm.so', pick(text, /(java\.security -> \S+)/, 'java.security link'), 'jmods', pick(text, /^(\d+ directories, \d+ files)$/m, 'summary')],
      },
      text,
    );
  }

  // dpkg -l and apt-cache
  {
    const command = 'dpkg -l';
    const text = sh(command, '/');
    const row = (pkg: string) => {
      const l = lineWith(text, new RegExp(`^ii  ${pkg.replace(/[.+]/g, '\\$&')}(:amd64)? `), pkg);
      const [, name, version] = /^ii {2}(\S+) +(\S+)/.exec(l)!;
      return [name, version];
    };
    save(
      {
        id: 'dpkg-l',
        tool: 'dpkg',
        family: 'table',
        command,
        question: 'Which versions of the OpenJDK 17 JDK, gcc-12, git and python3-pytest are installed?',
        facts: [...row('openjdk-17-jdk-headless'), ...row('gcc-12'), ...row('git'), ...row('python3-pytest')],
      },
      text,
    );
  }
  {
    const command = 'apt-cache show python3-pytest';
    const text = sh(command, '/');
    save(
      {
        id: 'apt-cache-show-pytest',
        tool: 'apt-cache',
        family: 'system',
        command,
        question: 'Which version of python3-pytest is this, and which packages does it depend on?',
        facts: [pick(text, /^(Version: .*)$/m, 'version'), pick(text, /^(Depends: .*)$/m, 'depends'), pick(text, /^(Installed-Size: .*)$/m, 'size')],
      },
      text,
    );
  }
  {
    const command = 'apt-cache policy git gcc-12 openjdk-17-jdk-headless python3-pytest tree cargo';
    const text = sh(command, '/');
    const installed = [...text.matchAll(/^(\S+):\n +Installed: (.*)\n +Candidate: (.*)$/gm)];
    const none = installed.find((m) => m[2] === '(none)');
    save(
      {
        id: 'apt-cache-policy',
        tool: 'apt-cache',
        family: 'system',
        command,
        question: 'Which of these packages are installed, at which version, and which is not installed at all?',
        facts: [
          ...installed.filter((m) => m[2] !== '(none)').slice(0, 4).map((m) => `Installed: ${m[2]}`),
          ...(none ? [`${none[1]}:`] : []),
          'openjdk-17-jdk-headless:',
        ],
      },
      text,
    );
  }
  {
    const command = 'apt-cache depends python3-pytest openjdk-17-jdk-headless git';
    const text = sh(command, '/');
    save(
      {
        id: 'apt-cache-depends',
        tool: 'apt-cache',
        family: 'system',
        command,
        question: 'What do python3-pytest, the OpenJDK 17 JDK and git depend on?',
        facts: ['Depends: python3-pluggy', pick(text, /(Depends: openjdk-17-jre-headless)/, 'jre'), pick(text, /(Depends: perl)/, 'perl'), 'Depends: python3-iniconfig'],
      },
      text,
    );
  }
  {
    const command = 'tail -n 300 /var/log/dpkg.log';
    const text = sh(command, '/');
    const inst = (pkg: string) => lineWith(text, new RegExp(` install ${pkg}:`), pkg);
    const stat = (pkg: string) => lineWith(text, new RegExp(` status installed ${pkg}:`), pkg);
    save(
      {
        id: 'dpkg-log-tail',
        tool: 'tail',
        family: 'log',
        command,
        question: 'When were tree and python3-pytest installed, and at which versions?',
        facts: [inst('tree'), stat('tree'), inst('python3-pytest'), stat('python3-pytest')],
        fileName: '/var/log/dpkg.log',
      },
      text,
    );
  }

  // grep -rn, saved by an agent and piped
  {
    const command = "grep -rn --include='*.py' deprecated _pytest";
    const text = sh(command, '/usr/lib/python3/dist-packages');
    const at = (needle: string) => {
      const l = lineWith(text, needle);
      const m = /^([^:]+):(\d+):/.exec(l)!;
      return { path: m[1], line: Number(m[2]) };
    };
    const facts: Fact[] = [
      at('The --strict option is deprecated, use --strict-markers instead.'),
      'The --strict option is deprecated, use --strict-markers instead.',
      at('_pytest.deprecated.STRICT_OPTION'),
      at('Support for nose tests is deprecated'),
      '@pytest.yield_fixture is deprecated.',
      at('@pytest.yield_fixture is deprecated.'),
    ];
    const question = 'Where is the --strict option deprecated and where is that warning issued? Which other features does pytest deprecate?';
    save({ id: 'grep-rn-pytest-deprecated-file', tool: 'grep', family: 'search', command, question, facts, fileName: 'grep.txt' }, text);
    save({ id: 'grep-rn-pytest-deprecated', tool: 'grep', family: 'search', command, question, facts }, text);
  }
}

// ─────────────────────────────────────────────────────────────────────────────────────────────────────────────────
// A file from an npm package that contains <|endoftext|>
// ─────────────────────────────────────────────────────────────────────────────────────────────────────────────────

function captureNodeModulesRead(): void {
  const rel = 'node_modules/openai/src/resources/completions.ts';
  if (!existsSync(join(REPO, rel))) {
    console.log(`skip cat-n-openai-completions: ${rel} is not installed`);
    return;
  }
  const command = `cat -n ${rel}`;
  const text = sh(command, REPO);
  save(
    {
      id: 'cat-n-openai-completions',
      tool: 'cat',
      family: 'code',
      command,
      question: 'What does the completions API say about <|endoftext|>, and how do I stop the model from generating it?',
      facts: [
        lineWith(text, 'Note that <|endoftext|> is the document separator').replace(/^\s*\d+\t\s*\* /, ''),
        lineWith(text, 'prevent the <|endoftext|> token').replace(/^\s*\d+\t\s*\* /, ''),
        'logit_bias?: { [key: string]: number } | null;',
      ],
      fileName: rel,
    },
    text,
  );
}

// ─────────────────────────────────────────────────────────────────────────────────────────────────────────────────

function main(): void {
  if (!SCRATCH.startsWith('/work/corpus-scratch/')) fail('scratch folder must be outside the repository');
  rmSync(SCRATCH, { recursive: true, force: true });
  mkdirSync(SCRATCH, { recursive: true });
  writeFileSync(join(SCRATCH, 'gitconfig'), '[user]\n\tname = Corpus Capture\n\temail = capture@example.invalid\n[init]\n\tdefaultBranch = master\n[advice]\n\tdetachedHead = false\n');
  captureGit();
  capturePython();
  captureJvm();
  captureRustC();
  captureSystem();
  captureNodeModulesRead();
  const total = written.reduce((s, w) => s + w.bytes, 0);
  console.log(`\n${written.length} cases, ${total} bytes`);
}

main();
