/**
 * Captures corpus cases from real JavaScript-ecosystem tools: npm / yarn / pnpm install logs, tsc, eslint, prettier,
 * five test runners, webpack / esbuild / rollup, npm diff / view / ls / outdated, application logs of a real express
 * server (pino, winston, bunyan), a Node crash with `cause` chains, and files shipped inside npm packages (CSV, HTML,
 * README, CHANGELOG, source read with `cat -n` / `sed -n`).
 *
 *   node --import tsx bench/corpus/capture/js-tools.ts [--only id,id-prefix…] [--keep]
 *
 * Everything is installed from the npm registry into /work/corpus-scratch/js (wiped at start unless --keep, which
 * reuses the installed tools for a quicker re-run while editing). Each case is written as `cases/<id>.txt` (the exact
 * bytes the tool printed) and `cases/<id>.json` (its CorpusCase record). Every fact is checked against the text with
 * the benchmark's own fact matcher: a fact that is not there stops the script.
 */
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { containsFact, factLabel } from '../../lib/facts.js';
import { runCommand, type CommandOutput } from '../../real/run-command.js';
import type { Fact } from '../../workloads/types.js';
import type { CorpusCase } from '../types.js';

const ROOT = resolve(__dirname, '../../..');
const CASES = join(ROOT, 'bench/corpus/cases');
const SCRATCH = '/work/corpus-scratch/js';
const TOOLS = join(SCRATCH, 'tools');
const WORK = join(SCRATCH, 'work');
const BIN = join(TOOLS, 'node_modules/.bin');
const NM = join(TOOLS, 'node_modules');

const args = process.argv.slice(2);
const KEEP = args.includes('--keep');
const onlyArg = args.indexOf('--only');
const ONLY = onlyArg >= 0 ? args[onlyArg + 1].split(',') : null;

/** Environment for every tool: no colour forcing from the parent, no CI switches, a fixed width for tools that wrap. */
const ENV: NodeJS.ProcessEnv = { ...process.env, COLUMNS: '120' };
delete ENV.FORCE_COLOR;
delete ENV.CI;
delete ENV.NO_COLOR;
delete ENV.npm_config_loglevel;

interface Captured extends CorpusCase {
  text: string;
}

// ---------------------------------------------------------------------------------------------------------------
// helpers

/** What the last tool printed: saved beside the scratch work when a capture fails, to see why. */
let lastOutput = '';

function run(cmd: string, argv: readonly string[], cwd: string, opts: { timeoutMs?: number; env?: NodeJS.ProcessEnv } = {}): CommandOutput {
  const r = runCommand(cmd, argv, { cwd, timeoutMs: opts.timeoutMs ?? 300_000, env: opts.env ?? ENV });
  lastOutput = r.stdout + r.stderr;
  if (!r.ok) throw new Error(`${cmd} ${argv.join(' ')}: ${r.note}\n${r.stderr.slice(0, 2000)}`);
  return r;
}

/** stdout then stderr, as a terminal would show a tool that prints its report on one and its log on the other. */
function both(r: CommandOutput): string {
  return r.stdout + r.stderr;
}

function write(path: string, text: string): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
}

function writeTree(dir: string, files: Record<string, string>): void {
  for (const [rel, text] of Object.entries(files)) write(join(dir, rel), text);
}

function freshDir(name: string): string {
  const dir = join(WORK, name);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  return dir;
}

function pkgJson(name: string, extra: Record<string, unknown> = {}): string {
  return JSON.stringify({ name, version: '1.0.0', private: true, ...extra }, null, 2) + '\n';
}

/** `npm install` into a project, quietly (setup, not a case). */
function npmSetup(dir: string, specs: readonly string[], extra: readonly string[] = []): void {
  const r = run('npm', ['install', '--no-audit', '--no-fund', '--loglevel', 'error', ...extra, ...specs], dir, { timeoutMs: 600_000 });
  if (r.status !== 0) throw new Error(`npm install ${specs.join(' ')} failed in ${dir}:\n${r.stderr}`);
}

const stripAnsi = (s: string): string => s.replace(/\x1b\[[0-9;]*m/g, '');
const uniq = <T>(xs: readonly T[]): T[] => [...new Set(xs)];
const lineOf = (source: string, marker: string): number => {
  const i = source.split('\n').findIndex((l) => l.includes(marker));
  if (i < 0) throw new Error(`marker not found: ${marker}`);
  return i + 1;
};
function must<T>(x: T | undefined | null, what: string): T {
  if (x === undefined || x === null) throw new Error(`not found in output: ${what}`);
  return x;
}
function match1(text: string, re: RegExp, what: string): string {
  const m = re.exec(text);
  return must(m?.[1] ?? m?.[0], what);
}

// ---------------------------------------------------------------------------------------------------------------
// setup: the tools

const TOOL_SPECS = [
  'eslint@9', '@eslint/js@9', 'globals@15', 'prettier@3', 'typescript@5.9', '@types/node@20',
  'jest@29', 'vitest@3', 'mocha@11', 'tape@5',
  'webpack@5', 'webpack-cli@6', 'rollup@4', 'esbuild@0.25',
  'yarn@1', 'pnpm@10',
  'express@4.21.2', 'pino@9', 'pino-http@10', 'winston@3', 'bunyan@1',
  'world-countries@5', 'axios@1.7', 'rxjs@7.8', 'lodash@4', 'lodash-es@4',
];

function setupTools(): void {
  if (KEEP && existsSync(join(BIN, 'eslint'))) return;
  rmSync(SCRATCH, { recursive: true, force: true });
  mkdirSync(TOOLS, { recursive: true });
  write(join(TOOLS, 'package.json'), pkgJson('corpus-js-tools'));
  console.error('installing tools…');
  npmSetup(TOOLS, TOOL_SPECS);
  // codemirror 5.0.0 is the last line that shipped its HTML manual inside the package
  const docs = join(SCRATCH, 'docs');
  mkdirSync(docs, { recursive: true });
  write(join(docs, 'package.json'), pkgJson('corpus-js-docs'));
  npmSetup(docs, ['codemirror@5.0.0']);
}

// ---------------------------------------------------------------------------------------------------------------
// npm / yarn / pnpm install logs

function npmInstallSilly(): Captured {
  const dir = freshDir('npm-silly');
  write(join(dir, 'package.json'), pkgJson('orders-api'));
  const argv = ['install', '--loglevel', 'silly', '--cache', join(dir, '.npm-cache'), 'express@4.18.2', 'jsonwebtoken@8.5.1', 'mongoose@5.13.20'];
  const text = both(run('npm', argv, dir, { timeoutMs: 600_000 }));
  // the nested placements: where npm had to keep a second copy of a package below its parent
  const nested = [...text.matchAll(/placeDep (node_modules\/\S+ \S+@\S+ OK for: \S+)/g)].map((m) => `placeDep ${m[1]}`);
  if (nested.length < 2) throw new Error('npm silly: expected nested placements');
  const facts: Fact[] = [...uniq(nested).slice(0, 9), match1(text, /(added \d+ packages)/, 'added count')];
  return {
    id: 'npm-install-silly', tool: 'npm', family: 'log', command: `npm ${argv.join(' ')}`,
    question: 'Which packages did npm have to nest below a parent (a second copy) instead of placing at the root, for whom, and how many packages were added?',
    facts, text, fileName: 'npm-install.log',
  };
}

function npmInstallVerbose(): Captured {
  const dir = freshDir('npm-verbose');
  write(join(dir, 'package.json'), pkgJson('legacy-worker'));
  const argv = ['install', '--loglevel', 'verbose', '--cache', join(dir, '.npm-cache'), 'request@2.88.2', 'uuid@3.4.0', 'core-js@3.37.1', 'esbuild@0.19.12'];
  const r = run('npm', argv, dir, { timeoutMs: 600_000 });
  const text = both(r);
  const facts: Fact[] = [
    ...uniq([...text.matchAll(/(npm info run \S+ (?:install|postinstall) \{ code: \d+[^}]*\})/g)].map((m) => m[1])).slice(0, 4),
    ...[...text.matchAll(/npm warn install-scripts {3}(\S+@\S+ \((?:post)?install:)/g)].map((m) => m[1]).slice(0, 4),
    match1(text, /(added \d+ packages)/, 'added'),
  ];
  return {
    id: 'npm-install-verbose', tool: 'npm', family: 'log', command: `npm ${argv.join(' ')}`,
    question: 'Which lifecycle scripts ran during this install and with what result, and which packages have install scripts not covered by allowScripts?',
    facts: uniq(facts), text,
  };
}

function npmInstallDefault(): Captured {
  const dir = freshDir('npm-default');
  write(join(dir, 'package.json'), pkgJson('scraper', {
    dependencies: { 'express': '4.18.2', 'undici': '^8.0.0', 'execa': '^10.0.0', 'got': '^15.0.0', 'ora': '^9.0.0', 'jsdom': '^27.0.0', 'core-js': '3.37.1', 'sharp': '0.33.5' },
    engines: { node: '>=20' },
  }));
  const argv = ['install'];
  const text = both(run('npm', argv, dir, { timeoutMs: 600_000 }));
  const bad = uniq([...text.matchAll(/npm warn EBADENGINE {3}package: '(\S+)',/g)].map((m) => `package: '${m[1]}'`));
  if (bad.length < 2) throw new Error('npm default: expected EBADENGINE warnings');
  const facts: Fact[] = [...bad.slice(0, 6), match1(text, /(required: \{ node: '[^']+' \})/, 'required'), match1(text, /(current: \{ node: 'v[\d.]+')/, 'current'), match1(text, /(added \d+ packages)/, 'added')];
  return {
    id: 'npm-install-default', tool: 'npm', family: 'log', command: 'npm install',
    question: 'Which installed packages do not support the Node version on this machine, and what do they require?',
    facts, text,
  };
}

function npmInstallEresolve(): Captured {
  const dir = freshDir('npm-eresolve');
  write(join(dir, 'package.json'), pkgJson('dashboard', { dependencies: { 'react': '17.0.2', 'react-dom': '^18.2.0', '@testing-library/react': '^14.0.0' } }));
  const argv = ['install', '--loglevel', 'verbose', '--cache', join(dir, '.npm-cache')];
  const r = run('npm', argv, dir);
  if (r.status === 0) throw new Error('expected ERESOLVE');
  const text = both(r);
  const facts: Fact[] = ['ERESOLVE', 'Found: react@17.0.2', match1(text, /(peer react@"[^"]+" from react-dom@[\d.]+)/, 'peer line'), match1(text, /(Could not resolve dependency:)/, 'could not'), '--legacy-peer-deps'];
  return {
    id: 'npm-install-eresolve', tool: 'npm', family: 'log', command: `npm ${argv.join(' ')}`,
    question: 'Why does npm install fail, and which package requires which react version?',
    facts, text,
  };
}

function npmInstallE404(): Captured {
  const dir = freshDir('npm-e404');
  write(join(dir, 'package.json'), pkgJson('auth-service', { dependencies: { 'express': '4.18.2', 'jsonwebtoken': '9.0.2', 'express-sesion-redis-store': '^2.1.0', 'dotenv': '16.4.5' } }));
  const argv = ['install', '--loglevel', 'verbose', '--cache', join(dir, '.npm-cache')];
  const r = run('npm', argv, dir);
  if (r.status === 0) throw new Error('expected E404');
  const text = both(r);
  const facts: Fact[] = ['E404', match1(text, /(404 Not Found - GET https:\/\/registry\.npmjs\.org\/express-sesion-redis-store[^\n]*)/, '404 line'), "The requested resource 'express-sesion-redis-store@^2.1.0' could not be found"];
  return {
    id: 'npm-install-e404', tool: 'npm', family: 'log', command: `npm ${argv.join(' ')}`,
    question: 'Why does npm install fail?',
    facts, text,
  };
}

function yarnInstall(): Captured {
  const dir = freshDir('yarn-classic');
  write(join(dir, 'package.json'), pkgJson('storefront', {
    dependencies: { 'react-dom': '18.2.0', 'react-router-dom': '6.22.0', 'styled-components': '5.3.11', 'axios': '0.27.2', 'request': '2.88.2' },
    devDependencies: { 'eslint-plugin-react': '7.33.2', '@babel/preset-react': '7.23.3' },
  }));
  // yarn's --verbose prints every file it copies (megabytes): an agent runs it plain
  const argv = ['install', '--non-interactive', '--cache-folder', join(dir, '.yarn-cache')];
  const text = both(run(join(BIN, 'yarn'), argv, dir, { timeoutMs: 600_000 }));
  const unmet = uniq([...text.matchAll(/warning "([^"]+)" has unmet peer dependency "([^"]+)"/g)].map((m) => `"${m[1]}" has unmet peer dependency "${m[2]}"`));
  const facts: Fact[] = [...unmet.filter((u) => /"react@|"eslint@/.test(u)).slice(0, 6), match1(text, /(Done in [\d.]+s\.)/, 'done')];
  if (facts.length < 3) throw new Error('yarn: expected unmet peer warnings');
  return {
    id: 'yarn-install-peers', tool: 'yarn', family: 'log', command: `yarn ${argv.join(' ')}`,
    question: 'Which packages have an unmet peer dependency on react or eslint, and did the install finish?',
    facts, text,
  };
}

function pnpmInstall(): Captured {
  const dir = freshDir('pnpm');
  writeTree(dir, {
    'package.json': pkgJson('shop-monorepo', { devDependencies: { 'typescript': '5.4.2', 'eslint-plugin-react-hooks': '4.6.0' } }),
    'pnpm-workspace.yaml': 'packages:\n  - "packages/*"\n',
    'packages/web/package.json': pkgJson('@shop/web', { dependencies: { 'react': '17.0.2', 'react-dom': '17.0.2', '@tanstack/react-query': '5.28.0', 'react-hook-form': '7.51.0', '@shop/shared': 'workspace:*' } }),
    'packages/api/package.json': pkgJson('@shop/api', { dependencies: { 'express': '4.18.2', 'pino': '8.19.0', 'jsonwebtoken': '9.0.2', '@shop/shared': 'workspace:*' } }),
    'packages/shared/package.json': pkgJson('@shop/shared', { dependencies: { 'zod': '3.22.4', 'lodash': '4.17.21' } }),
    'packages/e2e/package.json': pkgJson('@shop/e2e', { devDependencies: { '@testing-library/react': '14.2.1', '@testing-library/jest-dom': '6.4.2', 'react': '17.0.2' } }),
  });
  const argv = ['install', '--reporter=append-only', '--store-dir', join(dir, '.pnpm-store')];
  const r = run(join(BIN, 'pnpm'), argv, dir, { timeoutMs: 600_000 });
  const text = both(r);
  const facts: Fact[] = [];
  for (const m of text.matchAll(/✕ (unmet peer \S+: found \S+)/g)) facts.push(m[1]);
  if (facts.length < 1) throw new Error('pnpm: expected peer warnings');
  facts.push(match1(text, /(Scope: all \d+ workspace projects)/, 'scope'), match1(text, /(Packages: \+\d+)/, 'count'));
  return {
    id: 'pnpm-install-workspace', tool: 'pnpm', family: 'log', command: `pnpm ${argv.join(' ')}`,
    question: 'Which workspace packages have unmet peer dependencies, and what versions were found instead?',
    facts: uniq(facts).slice(0, 10), text,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// tsc

function tscExpress(): Captured {
  const dir = freshDir('tsc-express');
  cpSync(join(NM, 'express/lib'), join(dir, 'lib'), { recursive: true });
  write(join(dir, 'tsconfig.json'), JSON.stringify({
    compilerOptions: { allowJs: true, checkJs: true, strict: true, noEmit: true, target: 'es2022', module: 'commonjs', typeRoots: [join(NM, '@types')], types: ['node'], noUnusedLocals: true, noImplicitReturns: true },
    include: ['lib'],
  }, null, 2));
  const argv = ['-p', '.', '--pretty', 'false'];
  const text = both(run(join(BIN, 'tsc'), argv, dir));
  // the errors that are real mismatches, not implicit-any noise
  const real = [...text.matchAll(/^(lib\/\S+\(\d+,\d+\)): error (TS2322|TS2345|TS2769|TS18048|TS2366): ([^\n]*)$/gm)];
  if (real.length < 3) throw new Error('tsc express: expected TS2322/TS2345 errors');
  const facts: Fact[] = real.slice(0, 10).map((m) => `${m[1]}: error ${m[2]}`);
  return {
    id: 'tsc-checkjs-express', tool: 'tsc', family: 'build', command: `tsc ${argv.join(' ')}`,
    question: 'Besides the implicit-any noise, which real type mismatches (TS2322, TS2345, TS2769, TS18048, TS2366) does tsc report in the express sources, and where?',
    facts, text, fileName: 'tsc-output.txt',
  };
}

function tscRxjsPretty(): Captured {
  const dir = freshDir('tsc-rxjs');
  cpSync(join(NM, 'rxjs/src'), join(dir, 'src'), { recursive: true });
  write(join(dir, 'tsconfig.json'), JSON.stringify({
    compilerOptions: {
      target: 'es2022', module: 'esnext', moduleResolution: 'bundler', lib: ['es2022', 'dom'], strict: true, noEmit: true,
      noUncheckedIndexedAccess: true, exactOptionalPropertyTypes: true, noPropertyAccessFromIndexSignature: true, noImplicitOverride: true,
      noUnusedLocals: true, noUnusedParameters: true, typeRoots: [join(NM, '@types')], types: ['node'],
    },
    include: ['src/**/*.ts'], exclude: ['src/internal/umd.ts'],
  }, null, 2));
  const argv = ['-p', '.', '--pretty'];
  const text = both(run(join(BIN, 'tsc'), argv, dir, { timeoutMs: 600_000 }));
  const plain = stripAnsi(text);
  const hits = [...plain.matchAll(/^(src\/\S+?):(\d+):(\d+) - error (TS2375|TS2412): ([^\n]*)$/gm)];
  if (hits.length < 2) throw new Error('tsc rxjs: expected TS2375 errors');
  const facts: Fact[] = [];
  for (const h of hits.slice(0, 5)) facts.push(h[1]);
  // the message of the first of each code, up to the first colon-free clause (tsc wraps nothing in pretty mode)
  for (const code of ['TS2375', 'TS2412']) {
    const h = hits.find((x) => x[4] === code);
    if (h) facts.push(h[5].split(' with ')[0]);
  }
  facts.push(match1(plain, /(Found \d+ errors in \d+ files\.)/, 'summary'));
  const kept = uniq(facts).filter((f) => containsFact(text, f));
  return {
    id: 'tsc-pretty-rxjs', tool: 'tsc', family: 'build', command: `tsc ${argv.join(' ')}`,
    question: 'Which files fail under exactOptionalPropertyTypes (TS2375 / TS2412), and how many errors are there in total?',
    facts: kept, text,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// eslint / prettier

const ESLINT_CONFIG = `import js from '@eslint/js';
import globals from 'globals';

export default [
  js.configs.recommended,
  {
    files: ['**/*.js'],
    languageOptions: { ecmaVersion: 2022, sourceType: 'commonjs', globals: { ...globals.node } },
    rules: {
      'eqeqeq': 'error',
      'no-var': 'error',
      'prefer-const': 'error',
      'curly': ['error', 'all'],
      'no-param-reassign': 'warn',
      'prefer-arrow-callback': 'warn',
      'no-shadow': 'error',
      'no-use-before-define': ['error', { functions: false }],
      'camelcase': 'warn',
      'complexity': ['warn', 10],
      'max-depth': ['warn', 3],
      'no-plusplus': 'warn',
      'no-nested-ternary': 'error',
      'no-else-return': 'warn',
      'prefer-template': 'warn',
      'object-shorthand': 'warn',
      'no-underscore-dangle': 'warn',
      'dot-notation': 'error',
      'no-implicit-coercion': 'error',
      'prefer-rest-params': 'error',
      'no-prototype-builtins': 'error',
      'func-names': 'off',
      'max-params': ['warn', 3],
    },
  },
];
`;

function eslintProject(name: string, pkgDir: string, sub: string): string {
  const dir = freshDir(name);
  cpSync(join(NM, pkgDir, sub), join(dir, sub), { recursive: true });
  write(join(dir, 'eslint.config.mjs'), ESLINT_CONFIG);
  // the config imports @eslint/js and globals: resolve them from the tools folder
  cpSync(join(NM, '@eslint'), join(dir, 'node_modules/@eslint'), { recursive: true });
  cpSync(join(NM, 'globals'), join(dir, 'node_modules/globals'), { recursive: true });
  return dir;
}

function eslintStylish(): Captured {
  const dir = eslintProject('eslint-express', 'express', 'lib');
  const argv = ['lib'];
  const text = both(run(join(BIN, 'eslint'), argv, dir));
  // every place eqeqeq fires, as stylish prints it: a file heading, then `line:col  error  message  rule`
  const facts: Fact[] = [];
  let file = '';
  for (const line of text.split('\n')) {
    if (line.startsWith('/')) file = line;
    const m = /^\s+(\d+):(\d+)\s+error\s+.*\s(eqeqeq)$/.exec(line);
    if (m) facts.push({ path: file, line: Number(m[1]) });
  }
  if (facts.length < 2 || facts.length > 12) throw new Error(`eslint stylish: eqeqeq fired ${facts.length} times`);
  facts.push(match1(text, /(✖ \d+ problems \(\d+ errors, \d+ warnings\))/, 'summary'));
  return {
    id: 'eslint-stylish-express', tool: 'eslint', family: 'lint', command: `eslint ${argv.join(' ')}`,
    question: 'Which lines does eslint flag for eqeqeq, and how many problems are there overall?',
    facts, text, fileName: 'eslint-report.txt',
  };
}

function eslintJson(): Captured {
  const dir = eslintProject('eslint-winston', 'winston', 'lib');
  const argv = ['lib', '--format', 'json'];
  const text = both(run(join(BIN, 'eslint'), argv, dir));
  const results = JSON.parse(text) as { filePath: string; messages: { ruleId: string | null; line: number; column: number; message: string }[] }[];
  const RULE = 'no-shadow';
  const hits = results.flatMap((r) => r.messages.filter((m) => m.ruleId === RULE).map((m) => ({ file: r.filePath, ...m })));
  if (hits.length < 2) throw new Error(`eslint json: ${RULE} fired ${hits.length} times`);
  const facts: Fact[] = [];
  for (const h of hits.slice(0, 6)) facts.push(h.file.slice(dir.length + 1), h.message);
  return {
    id: 'eslint-json-winston', tool: 'eslint', family: 'json', command: `eslint ${argv.join(' ')}`,
    question: `Where does ${RULE} fire in the winston sources, and which variables shadow which?`,
    facts: uniq(facts).slice(0, 12), text,
  };
}

function prettierCheck(): Captured {
  const dir = freshDir('prettier-lodash');
  cpSync(join(NM, 'lodash-es'), join(dir, 'lodash-es'), { recursive: true });
  const argv = ['--check', 'lodash-es'];
  const r = run(join(BIN, 'prettier'), argv, dir, { timeoutMs: 600_000 });
  const text = both(r);
  const flagged = [...text.matchAll(/^\[warn\] (lodash-es\/\S+)$/gm)].map((m) => m[1]);
  const facts: Fact[] = [match1(text, /(Code style issues found in \d+ files\.[^\n]*)/, 'summary')];
  for (const f of ['lodash-es/debounce.js', 'lodash-es/template.js', 'lodash-es/_baseClone.js']) if (flagged.includes(f)) facts.push(`[warn] ${f}`);
  if (facts.length < 2) throw new Error('prettier: expected flagged files');
  return {
    id: 'prettier-check-lodash-es', tool: 'prettier', family: 'lint', command: `prettier ${argv.join(' ')}`,
    question: 'How many files does prettier flag, and are debounce.js, template.js and _baseClone.js among them?',
    facts, text,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// test runners: one small library with five bugs, a suite per runner with ~40 passing tests around them

const SHOP_LIB = `'use strict';

/** URL slug of a title. */
function slugify(title) {
  return title.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-/, '');
}

/** '1h30m' -> seconds. */
function parseDuration(text) {
  const units = { h: 3600, m: 60, s: 1, ms: 0.001 };
  let total = 0;
  for (const m of text.matchAll(/(\\d+)(h|m|s|ms)/g)) total += Number(m[1]) * units[m[2]];
  return total;
}

function formatPrice(cents, currency = 'EUR') {
  const sign = cents < 0 ? '-' : '';
  return \`\${sign}\${(Math.abs(cents) / 100).toFixed(2)} \${currency}\`;
}

function applyDiscount(cents, percent) {
  if (percent < 0 || percent > 100) throw new RangeError(\`discount out of range: \${percent}\`);
  return Math.round(cents * (1 - percent / 100));
}

function cartTotal(items, { taxRate = 0 } = {}) {
  const net = items.reduce((sum, it) => sum + it.price * it.qty, 0);
  return Math.floor(net * (1 + taxRate));
}

function mergeConfig(base, override) {
  const out = { ...base };
  for (const [k, v] of Object.entries(override)) {
    if (Array.isArray(v) && Array.isArray(base[k])) out[k] = [...base[k], ...v];
    else if (v && typeof v === 'object' && !Array.isArray(v)) out[k] = mergeConfig(base[k] || {}, v);
    else out[k] = v;
  }
  return out;
}

/** Page \`page\` (1-based) of \`size\` items. */
function paginate(items, page, size) {
  const start = page * size;
  return { items: items.slice(start, start + size), page, pages: Math.ceil(items.length / size) };
}

function isValidEmail(s) {
  return /^[^@\\s]+@[^@\\s]+\\.[a-z]{2,}$/i.test(s);
}

module.exports = { slugify, parseDuration, formatPrice, applyDiscount, cartTotal, mergeConfig, paginate, isValidEmail };
`;

const PASSING = {
  slug: [['Hello World', 'hello-world'], ['  Many   spaces ', '-many-spaces-'.replace(/^-/, '')], ['Node.js 20 release', 'node-js-20-release'], ['already-slugged', 'already-slugged'], ['CAPS', 'caps']],
  dur: [['1h', 3600], ['30m', 1800], ['45s', 45], ['1h30m', 5400], ['2h5m10s', 7510]],
  price: [[0, '0.00 EUR'], [5, '0.05 EUR'], [1999, '19.99 EUR'], [-250, '-2.50 EUR'], [100000, '1000.00 EUR']],
  disc: [[1000, 10, 900], [999, 50, 500], [1234, 0, 1234], [1234, 100, 0], [2000, 15, 1700]],
  email: [['ada@example.com', true], ['first.last@sub.example.org', true], ['no-at-sign.example.com', false], ['two@@example.com', false], ['x@y.z', false], ['space in@example.com', false]],
};
// the passing slug case above is computed from the buggy implementation only where it agrees with the intent
PASSING.slug[1] = ['Many spaces here', 'many-spaces-here'];

/** One suite in a runner's dialect: `it` / `test` names, how to assert equal / deep-equal. */
interface Dialect {
  header: string;
  describe: (name: string, body: string) => string;
  test: (name: string, body: string) => string;
  eq: (actual: string, expected: string) => string;
  deep: (actual: string, expected: string) => string;
  footer?: string;
}

function suite(d: Dialect): string {
  const parts: string[] = [d.header];
  const t = (name: string, body: string): string => d.test(name, body);
  parts.push(d.describe('slugify', [
    ...PASSING.slug.map(([i, o]) => t(`slugifies ${JSON.stringify(i)}`, d.eq(`slugify(${JSON.stringify(i)})`, JSON.stringify(o)))),
    t('strips punctuation at both ends', d.eq(`slugify('Hello, World!')`, `'hello-world'`)),
  ].join('\n')));
  parts.push(d.describe('parseDuration', [
    ...PASSING.dur.map(([i, o]) => t(`parses ${i}`, d.eq(`parseDuration(${JSON.stringify(i)})`, String(o)))),
    t('parses milliseconds', d.eq(`parseDuration('250ms')`, '0.25')),
  ].join('\n')));
  parts.push(d.describe('formatPrice', PASSING.price.map(([i, o]) => t(`formats ${i} cents`, d.eq(`formatPrice(${i})`, JSON.stringify(o)))).join('\n')));
  parts.push(d.describe('applyDiscount', PASSING.disc.map(([c, p, o]) => t(`${p}% off ${c}`, d.eq(`applyDiscount(${c}, ${p})`, String(o)))).join('\n')));
  parts.push(d.describe('cartTotal', [
    t('sums price times quantity', d.eq(`cartTotal([{ price: 250, qty: 2 }, { price: 100, qty: 3 }])`, '800')),
    t('is 0 for an empty cart', d.eq('cartTotal([])', '0')),
    t('adds VAT at 19%', d.eq(`cartTotal([{ price: 999, qty: 1 }], { taxRate: 0.19 })`, '1189')),
  ].join('\n')));
  parts.push(d.describe('mergeConfig', [
    t('overrides scalars', d.deep(`mergeConfig({ port: 80, host: 'a' }, { port: 8080 })`, `{ port: 8080, host: 'a' }`)),
    t('merges nested objects', d.deep(`mergeConfig({ db: { host: 'h', pool: 5 } }, { db: { pool: 10 } })`, `{ db: { host: 'h', pool: 10 } }`)),
    t('replaces arrays instead of concatenating', d.deep(`mergeConfig({ plugins: ['cors', 'helmet'], port: 80 }, { plugins: ['compression'] })`, `{ plugins: ['compression'], port: 80 }`)),
  ].join('\n')));
  parts.push(d.describe('paginate', [
    t('counts pages', d.eq('paginate(Array.from({ length: 23 }, (_, i) => i + 1), 1, 5).pages', '5')),
    t('returns the first page for page 1', d.deep('paginate([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12], 1, 5).items', '[1, 2, 3, 4, 5]')),
  ].join('\n')));
  parts.push(d.describe('isValidEmail', PASSING.email.map(([i, o]) => t(`${o ? 'accepts' : 'rejects'} ${i}`, d.eq(`isValidEmail(${JSON.stringify(i)})`, String(o)))).join('\n')));
  if (d.footer) parts.push(d.footer);
  return parts.join('\n\n') + '\n';
}

const indent = (s: string, n = 2): string => s.split('\n').map((l) => (l ? ' '.repeat(n) + l : l)).join('\n');
const bddDialect = (header: string, fn: 'it' | 'test', eq: Dialect['eq'], deep: Dialect['deep']): Dialect => ({
  header,
  describe: (name, body) => `describe('${name}', () => {\n${indent(body)}\n});`,
  test: (name, body) => `${fn}(${JSON.stringify(name)}, () => {\n  ${body}\n});`,
  eq, deep,
});

const FAILS = {
  slug: 'strips punctuation at both ends',
  ms: 'parses milliseconds',
  vat: 'adds VAT at 19%',
  merge: 'replaces arrays instead of concatenating',
  page: 'returns the first page for page 1',
};

function testProject(name: string, testFile: string, source: string, extra: Record<string, string> = {}): { dir: string; lines: Record<string, number> } {
  const dir = freshDir(name);
  writeTree(dir, { 'src/shop.js': SHOP_LIB, [testFile]: source, 'package.json': pkgJson(name), ...extra });
  // the line of each failing assertion, found by its unique call
  const lines = { slug: lineOf(source, "slugify('Hello, World!')"), ms: lineOf(source, "parseDuration('250ms')"), vat: lineOf(source, 'taxRate: 0.19'), merge: lineOf(source, "{ plugins: ['compression'] }"), page: lineOf(source, 'paginate([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12], 1, 5)') };
  // link the runners' packages from the tools folder, as an installed project would have them
  mkdirSync(join(dir, 'node_modules'), { recursive: true });
  for (const p of ['tape', 'vitest']) symlinkSync(join(NM, p), join(dir, 'node_modules', p));
  return { dir, lines };
}

function jestCase(): Captured {
  const src = suite(bddDialect(`const { slugify, parseDuration, formatPrice, applyDiscount, cartTotal, mergeConfig, paginate, isValidEmail } = require('../src/shop');`, 'test',
    (a, e) => `expect(${a}).toBe(${e});`, (a, e) => `expect(${a}).toEqual(${e});`));
  const { dir, lines } = testProject('jest-shop', 'test/shop.test.js', src);
  const argv = ['--rootDir', dir, '--ci=false'];
  const text = both(run(join(BIN, 'jest'), argv, dir));
  const facts: Fact[] = [`slugify › ${FAILS.slug}`, `parseDuration › ${FAILS.ms}`, `cartTotal › ${FAILS.vat}`, `mergeConfig › ${FAILS.merge}`, `paginate › ${FAILS.page}`,
    'Received: "hello-world-"', 'Received: 15000', 'Received: 1188', `shop.test.js:${lines.merge}`, `shop.test.js:${lines.page}`, match1(text, /(Tests:\s+5 failed, \d+ passed, \d+ total)/, 'summary')];
  return { id: 'jest-failures', tool: 'jest', family: 'test', command: `jest ${argv.join(' ')}`, question: 'Which tests fail and why (expected vs received, and where)?', facts, text, fileName: 'test-output.txt' };
}

function vitestCase(): Captured {
  const src = suite(bddDialect(`import { describe, test, expect } from 'vitest';\nimport shop from '../src/shop.js';\nconst { slugify, parseDuration, formatPrice, applyDiscount, cartTotal, mergeConfig, paginate, isValidEmail } = shop;`, 'test',
    (a, e) => `expect(${a}).toBe(${e});`, (a, e) => `expect(${a}).toStrictEqual(${e});`));
  const { dir, lines } = testProject('vitest-shop', 'test/shop.test.mjs', src);
  const argv = ['run', '--root', dir];
  const text = both(run(join(BIN, 'vitest'), argv, dir, { env: { ...ENV, NO_COLOR: '1' } }));
  const facts: Fact[] = [FAILS.slug, FAILS.ms, FAILS.vat, FAILS.merge, FAILS.page,
    "expected 'hello-world-' to be 'hello-world'", 'expected 15000 to be 0.25', 'expected 1188 to be 1189', `shop.test.mjs:${lines.vat}`, `shop.test.mjs:${lines.merge}`, match1(text, /(Tests\s+5 failed \| \d+ passed \(\d+\))/, 'summary')];
  return { id: 'vitest-failures', tool: 'vitest', family: 'test', command: `vitest ${argv.join(' ')}`, question: 'Which tests fail and why?', facts, text };
}

function mochaCase(): Captured {
  const src = suite(bddDialect(`const assert = require('node:assert/strict');\nconst { slugify, parseDuration, formatPrice, applyDiscount, cartTotal, mergeConfig, paginate, isValidEmail } = require('../src/shop');`, 'it',
    (a, e) => `assert.equal(${a}, ${e});`, (a, e) => `assert.deepEqual(${a}, ${e});`));
  const { dir, lines } = testProject('mocha-shop', 'test/shop.spec.js', src);
  const argv = ['test/shop.spec.js'];
  const text = both(run(join(BIN, 'mocha'), argv, dir));
  const facts: Fact[] = [FAILS.slug, FAILS.ms, FAILS.vat, FAILS.merge, FAILS.page, "+ 'hello-world-'", '15000 !== 0.25', '1188 !== 1189', `shop.spec.js:${lines.slug}`, `shop.spec.js:${lines.page}`, '5 failing'];
  return { id: 'mocha-failures', tool: 'mocha', family: 'test', command: `mocha ${argv.join(' ')}`, question: 'Which specs fail, with what expected and actual values, and on which lines?', facts, text };
}

function tapeCase(): Captured {
  const d: Dialect = {
    header: `const test = require('tape');\nconst { slugify, parseDuration, formatPrice, applyDiscount, cartTotal, mergeConfig, paginate, isValidEmail } = require('../src/shop');`,
    describe: (name, body) => body.replace(/test\("/g, `test("${name}: `),
    test: (name, body) => `test(${JSON.stringify(name)}, (t) => {\n  ${body}\n  t.end();\n});`,
    eq: (a, e) => `t.equal(${a}, ${e});`,
    deep: (a, e) => `t.deepEqual(${a}, ${e});`,
  };
  const src = suite(d);
  const { dir, lines } = testProject('tape-shop', 'test/shop.test.js', src);
  const argv = ['test/shop.test.js'];
  const text = both(run(join(BIN, 'tape'), argv, dir));
  const facts: Fact[] = [`slugify: ${FAILS.slug}`, `parseDuration: ${FAILS.ms}`, `cartTotal: ${FAILS.vat}`, `mergeConfig: ${FAILS.merge}`, `paginate: ${FAILS.page}`,
    "'hello-world-'", 'actual:   15000', 'actual:   1188', `shop.test.js:${lines.ms}`, `shop.test.js:${lines.vat}`, match1(text, /(# fail\s+\d+)/, 'fail count')];
  return { id: 'tape-failures', tool: 'tape', family: 'test', command: `tape ${argv.join(' ')}`, question: 'Which assertions fail (actual vs expected, file:line)?', facts, text };
}

function nodeTestCase(): Captured {
  const src = suite(bddDialect(`const { describe, it } = require('node:test');\nconst assert = require('node:assert/strict');\nconst { slugify, parseDuration, formatPrice, applyDiscount, cartTotal, mergeConfig, paginate, isValidEmail } = require('../src/shop');`, 'it',
    (a, e) => `assert.equal(${a}, ${e});`, (a, e) => `assert.deepEqual(${a}, ${e});`));
  const { dir, lines } = testProject('node-test-shop', 'test/shop.test.js', src);
  const argv = ['--test', '--test-reporter=spec', 'test/'];
  const text = both(run('node', argv, dir));
  const facts: Fact[] = [FAILS.slug, FAILS.ms, FAILS.vat, FAILS.merge, FAILS.page, "actual: 'hello-world-'", '1188 !== 1189', `shop.test.js:${lines.slug}`, `shop.test.js:${lines.merge}`, match1(text, /(ℹ fail \d+)/, 'fail count')];
  return { id: 'node-test-failures', tool: 'node --test', family: 'test', command: `node ${argv.join(' ')}`, question: 'Which tests fail and what were the expected and actual values?', facts, text };
}

function nodeTestTapCase(): Captured {
  const src = suite(bddDialect(`const { describe, it } = require('node:test');\nconst assert = require('node:assert/strict');\nconst { slugify, parseDuration, formatPrice, applyDiscount, cartTotal, mergeConfig, paginate, isValidEmail } = require('../src/shop');`, 'it',
    (a, e) => `assert.equal(${a}, ${e});`, (a, e) => `assert.deepEqual(${a}, ${e});`));
  const { dir, lines } = testProject('node-test-tap-shop', 'test/shop.test.js', src);
  const argv = ['--test', '--test-reporter=tap', 'test/'];
  const text = both(run('node', argv, dir));
  const facts: Fact[] = [`not ok 6 - ${FAILS.slug}`, FAILS.ms, FAILS.vat, FAILS.merge, FAILS.page, "actual: 'hello-world-'", '15000 !== 0.25', `shop.test.js:${lines.ms}`, `shop.test.js:${lines.page}`, match1(text, /(# fail \d+)/, 'fail count')];
  return { id: 'node-test-tap-failures', tool: 'node --test', family: 'test', command: `node ${argv.join(' ')}`, question: 'Which tests fail, and at which lines of the test file?', facts, text };
}

// ---------------------------------------------------------------------------------------------------------------
// bundlers

const APP_SRC: Record<string, string> = {
  'src/index.js': `import { debounce, groupBy, sortBy } from 'lodash-es';
import { fromEvent, map, filter } from 'rxjs';
import axios from 'axios';
import { renderTable } from './ui/table.js';
import { formatMoney } from './util/money.js';

const api = axios.create({ baseURL: '/api' });

export async function loadOrders() {
  const { data } = await api.get('/orders');
  const byStatus = groupBy(data, 'status');
  return sortBy(Object.entries(byStatus), ([s]) => s).map(([s, list]) => ({ status: s, total: formatMoney(list.reduce((n, o) => n + o.total, 0)) }));
}

const search = document.querySelector('#search');
fromEvent(search, 'input').pipe(map((e) => e.target.value), filter((v) => v.length > 2)).subscribe(debounce((q) => api.get('/search', { params: { q } }).then(({ data }) => renderTable(data)), 200));
`,
  'src/ui/table.js': `import { escape } from 'lodash-es';
import { formatMoney } from '../util/money.js';

export function renderTable(rows) {
  const body = rows.map((r) => \`<tr><td>\${escape(r.name)}</td><td>\${formatMoney(r.total)}</td></tr>\`).join('');
  document.querySelector('#results').innerHTML = \`<table>\${body}</table>\`;
}
`,
  'src/util/money.js': `export function formatMoney(cents, currency = 'EUR') {
  return new Intl.NumberFormat('de-DE', { style: 'currency', currency }).format(cents / 100);
}
`,
};

function bundlerProject(name: string, files: Record<string, string> = APP_SRC): string {
  const dir = freshDir(name);
  writeTree(dir, { 'package.json': pkgJson(name), ...files });
  // the app's dependencies, from the tools install (a symlink would make webpack print real paths; a copy is plain)
  for (const p of ['lodash-es', 'rxjs', 'axios', 'tslib', 'form-data', 'proxy-from-env', 'follow-redirects']) {
    if (existsSync(join(NM, p))) cpSync(join(NM, p), join(dir, 'node_modules', p), { recursive: true });
  }
  return dir;
}

function webpackStats(): Captured {
  const dir = bundlerProject('webpack-app');
  write(join(dir, 'webpack.config.js'), `module.exports = {\n  mode: 'development',\n  devtool: 'source-map',\n  entry: './src/index.js',\n  output: { filename: 'app.[contenthash:8].js', path: __dirname + '/dist' },\n  performance: { hints: 'warning' },\n};\n`);
  const argv = ['--stats', 'detailed'];
  const text = both(run(join(BIN, 'webpack'), argv, dir, { timeoutMs: 600_000 }));
  const facts: Fact[] = [
    match1(text, /(asset app\.[0-9a-f]{8}\.js [\d.]+ KiB)/, 'asset line'),
    'WARNING in asset size limit',
    match1(text, /(exceed the recommended size limit \([\d.]+ KiB\))/, 'limit'),
    match1(text, /(Largest modules: [^\n]*)/, 'largest'),
    match1(text, /(webpack [\d.]+ compiled with \d+ warnings?)/, 'compiled line'),
  ];
  return { id: 'webpack-stats-detailed', tool: 'webpack', family: 'build', command: `webpack ${argv.join(' ')}`, question: 'Why does webpack warn about the bundle, how big is it, and which modules are the largest?', facts, text, fileName: 'build.log' };
}

function webpackError(): Captured {
  const files = { ...APP_SRC };
  files['src/index.js'] = files['src/index.js'].replace(`import { formatMoney } from './util/money.js';`, `import { formatMoney } from './util/currency.js';\nimport { track } from '@acme/analytics';`);
  files['src/ui/table.js'] = files['src/ui/table.js'].replace('export function renderTable(rows) {', 'export function renderTable(rows) {\n  const total = rows.reduce((n, r) => n + r.total, 0)\n  const el = <span>{total}</span>;');
  const dir = bundlerProject('webpack-broken', files);
  write(join(dir, 'webpack.config.js'), `module.exports = { entry: './src/index.js', output: { path: __dirname + '/dist' } };\n`);
  const argv = ['--mode', 'development'];
  const r = run(join(BIN, 'webpack'), argv, dir, { timeoutMs: 600_000 });
  if (r.status === 0) throw new Error('webpack: expected failure');
  const text = both(r);
  const facts: Fact[] = ["Module not found: Error: Can't resolve './util/currency.js'", "Can't resolve '@acme/analytics'", 'Module parse failed: Unexpected token', match1(text, /(\.\/src\/ui\/table\.js \d+:\d+)/, 'table loc'), match1(text, /(webpack [\d.]+ compiled with \d+ errors?)/, 'compiled')];
  return { id: 'webpack-build-errors', tool: 'webpack', family: 'build', command: `webpack ${argv.join(' ')}`, question: 'Why does the webpack build fail?', facts, text, fileName: 'build.log' };
}

function esbuildAnalyze(): Captured[] {
  const dir = bundlerProject('esbuild-app');
  const argv = ['src/index.js', '--bundle', '--minify', '--outfile=dist/app.js', '--metafile=dist/meta.json', '--analyze=verbose', '--log-level=info'];
  const text = both(run(join(BIN, 'esbuild'), argv, dir));
  const rows = [...text.matchAll(/^ {3}├ (node_modules\/axios\/lib\/\S+) ─+ ([\d.]+kb) ─+ ([\d.]+%)$/gm)];
  const facts: Fact[] = [match1(text, /dist\/app\.js ─+ ([\d.]+kb)/, 'out size')];
  for (const m of rows.slice(0, 3)) facts.push(m[1], m[2]);
  const analyze: Captured = { id: 'esbuild-analyze', tool: 'esbuild', family: 'build', command: `esbuild ${argv.join(' ')}`, question: 'What is the size of dist/app.js and which axios modules take the most space?', facts: uniq(facts), text };
  // the metafile of the same app with rxjs and lodash-es left external (with them it is ~650 KB)
  const metaArgv = ['src/index.js', '--bundle', '--format=esm', '--external:rxjs', '--external:lodash-es', '--outfile=dist/app.esm.js', '--metafile=dist/meta.json'];
  run(join(BIN, 'esbuild'), metaArgv, dir);
  const meta = readFileSync(join(dir, 'dist/meta.json'), 'utf8');
  const parsed = JSON.parse(meta) as { inputs: Record<string, { bytes: number; imports: { path: string }[] }> };
  const importers = Object.entries(parsed.inputs).filter(([, v]) => v.imports.some((i) => i.path === 'src/util/money.js')).map(([k]) => k);
  const metaCase: Captured = {
    id: 'esbuild-metafile-json', tool: 'esbuild', family: 'json', command: `esbuild ${metaArgv.join(' ')} && cat dist/meta.json`,
    question: 'Which source files import src/util/money.js, and how many bytes is src/index.js?',
    facts: [...importers, String(parsed.inputs['src/index.js'].bytes)], text: meta, fileName: 'meta.json',
  };
  return [analyze, metaCase];
}

function esbuildErrors(): Captured {
  const files = { ...APP_SRC };
  files['src/index.js'] = files['src/index.js'].replace(`import { formatMoney } from './util/money.js';`, `import { formatMoney } from './util/currency.js';\nimport { track } from '@acme/analytics';`);
  files['src/ui/table.js'] = files['src/ui/table.js'].replace('export function renderTable(rows) {', 'export function renderTable(rows) {\n  const total = rows.reduce((n, r) => n + r.total, 0\n');
  const dir = bundlerProject('esbuild-broken', files);
  const argv = ['src/index.js', '--bundle', '--outfile=dist/app.js'];
  const r = run(join(BIN, 'esbuild'), argv, dir);
  if (r.status === 0) throw new Error('esbuild: expected failure');
  const text = both(r);
  const facts: Fact[] = ['Could not resolve "@acme/analytics"', 'Could not resolve "./util/currency.js"', match1(text, /(Expected "\)" but found "[^"]+")/, 'syntax error'), match1(text, /(src\/ui\/table\.js:\d+:\d+:)/, 'syntax loc'), match1(text, /(src\/index\.js:\d+:\d+:)/, 'index loc'), match1(text, /^(\d+ errors?)$/m, 'count')];
  return { id: 'esbuild-errors', tool: 'esbuild', family: 'build', command: `esbuild ${argv.join(' ')}`, question: 'Why does esbuild fail, and where are the errors?', facts, text };
}

const ROLLUP_SRC: Record<string, string> = {
  'src/main.js': `import { createStore } from './store/index.js';\nimport { debounce } from 'lodash-es';\nimport { format } from 'date-fns';\n\nconst store = createStore();\nexport const save = debounce(() => store.flush(format(new Date(), 'yyyy-MM-dd')), 100);\nexport default store;\n`,
  'src/store/index.js': `import { Entity } from './entity.js';\nimport { registry } from './registry.js';\n\nexport function createStore() {\n  return { items: [], add: (x) => registry.register(new Entity(x)), flush: (d) => d };\n}\n`,
  'src/store/entity.js': `import { registry } from './registry.js';\n\nexport class Entity {\n  constructor(data) { this.data = data; this.id = registry.nextId(); }\n}\n`,
  'src/store/registry.js': `import { Entity } from './entity.js';\n\nlet next = 1;\nexport const registry = {\n  nextId: () => next++,\n  register(e) { if (!(e instanceof Entity)) throw new TypeError('not an entity'); return e; },\n  load(code) { return eval(code); },\n};\nexport const unused = this;\n`,
};

function rollupWarnings(): Captured {
  const dir = bundlerProject('rollup-app', ROLLUP_SRC);
  const argv = ['src/main.js', '--file', 'dist/bundle.js', '--format', 'es'];
  const r = run(join(BIN, 'rollup'), argv, dir);
  if (r.status !== 0) throw new Error('rollup: expected a build with warnings');
  const text = both(r);
  const plain = stripAnsi(text);
  const facts: Fact[] = [];
  facts.push(match1(plain, /(src\/store\/\S+ -> src\/store\/\S+ -> src\/store\/\S+)/, 'cycle'));
  // rollup colours its report (TERM is set): the package names sit inside escape codes, so the facts are the plain runs
  facts.push('(!) Unresolved dependencies', '(imported by "src/main.js")', '(!) Circular dependency', '(!) Use of eval is strongly discouraged', '"this" has been rewritten to "undefined"');
  return { id: 'rollup-warnings', tool: 'rollup', family: 'build', command: `rollup ${argv.join(' ')}`, question: 'What does rollup warn about (circular dependency chain, unresolved imports, eval), and did the bundle get written?', facts: uniq(facts).filter((f) => containsFact(text, f)), text };
}

function rollupJsonError(): Captured {
  const files: Record<string, string> = { ...ROLLUP_SRC, 'src/config.json': `{ "apiBase": "/api", "retries": 3 }\n` };
  files['src/main.js'] = `import config from './config.json';\n` + files['src/main.js'] + `export { config };\n`;
  const dir = bundlerProject('rollup-json', files);
  const argv = ['src/main.js', '--file', 'dist/bundle.js', '--format', 'es'];
  const r = run(join(BIN, 'rollup'), argv, dir);
  if (r.status === 0) throw new Error('rollup: expected failure');
  const text = both(r);
  const facts: Fact[] = ['RollupError', 'src/config.json (1:11)', 'Note that you need @rollup/plugin-json to import JSON files', "Expected ';', '}' or <eof>"];
  return { id: 'rollup-json-error', tool: 'rollup', family: 'build', command: `rollup ${argv.join(' ')}`, question: 'Why does the rollup build fail and how do I fix it?', facts, text };
}

// ---------------------------------------------------------------------------------------------------------------
// npm diff / view / ls / outdated

function npmDiffExpress(): Captured {
  const dir = freshDir('npm-diff');
  write(join(dir, 'package.json'), pkgJson('diffs'));
  const argv = ['diff', '--diff=express@4.18.2', '--diff=express@4.19.2'];
  const text = both(run('npm', argv, dir));
  const facts: Fact[] = ['diff --git a/lib/response.js b/lib/response.js', '+var schemaAndHostRegExp', 'loc = loc.slice(0, pos) + encodeUrl(loc.slice(pos));', "-  return this.set('Location', encodeUrl(loc));", 'Prevent open redirect allow list bypass due to encodeurl', 'Improved fix for open redirect allow list bypass', "typeof req.method === 'string'", '4.19.2 / 2024-03-25', '"body-parser": "1.20.2"'];
  return { id: 'npm-diff-express', tool: 'npm', family: 'diff', command: `npm ${argv.join(' ')}`, question: 'What changed in the request/response handling between express 4.18.2 and 4.19.2 (res.location / redirects)?', facts: uniq(facts).slice(0, 8), text };
}

function npmDiffChalk(): Captured {
  const dir = freshDir('npm-diff-chalk');
  write(join(dir, 'package.json'), pkgJson('diffs'));
  const argv = ['diff', '--diff=chalk@4.1.2', '--diff=chalk@5.0.0'];
  const text = both(run('npm', argv, dir));
  const facts: Fact[] = [];
  const added = [...text.matchAll(/^diff --git a\/(\S+) b\/\S+\nnew file mode/gm)].map((m) => `diff --git a/${m[1]}`);
  const deleted = [...text.matchAll(/^diff --git a\/(\S+) b\/\S+\ndeleted file mode/gm)].map((m) => `diff --git a/${m[1]}`);
  if (added.length < 2 || deleted.length < 2) throw new Error('chalk diff: expected new and deleted files');
  facts.push(...added.slice(0, 5), ...deleted.slice(0, 3));
  facts.push('"type": "module"', match1(text, /^(\+\s+"node": "[^"]+")/m, 'engines'));
  return { id: 'npm-diff-chalk', tool: 'npm', family: 'diff', command: `npm ${argv.join(' ')}`, question: 'Which files were added or removed between chalk 4.1.2 and 5.0.0, and what changed in package.json (module type, engines)?', facts: uniq(facts).slice(0, 12), text };
}

function npmView(): Captured[] {
  const dir = freshDir('npm-view');
  const a1 = ['view', 'express@4.21.2'];
  const t1 = both(run('npm', a1, dir));
  const text: Captured = {
    id: 'npm-view-express', tool: 'npm', family: 'system', command: `npm ${a1.join(' ')}`,
    question: 'Which versions of body-parser, qs and path-to-regexp does express 4.21.2 pin, and what is the latest express?',
    facts: [match1(t1, /(body-parser: [^,\s]+)/, 'body-parser'), match1(t1, /(qs: [^,\s]+)/, 'qs'), match1(t1, /(path-to-regexp: [^,\s]+)/, 'ptr'), match1(t1, /(latest: \S+)/, 'latest'), match1(t1, /(\.shasum: [0-9a-f]+)/, 'shasum')], text: t1,
  };
  const a2 = ['view', 'express', '--json'];
  const t2 = both(run('npm', a2, dir));
  const meta = JSON.parse(t2) as { 'dist-tags': Record<string, string>; time: Record<string, string>; engines: { node: string }; dependencies: Record<string, string> };
  const json: Captured = {
    id: 'npm-view-express-json', tool: 'npm', family: 'json', command: `npm ${a2.join(' ')}`,
    question: 'What is the latest express, which Node versions and router version does it require, and when were 4.19.2 and 5.0.0 published?',
    // values, not JSON spellings: a compressor may print the object in another layout
    facts: [meta['dist-tags'].latest, meta.engines.node, meta.dependencies.router, meta.time['4.19.2'], meta.time['5.0.0']], text: t2,
  };
  return [text, json];
}

function legacyProject(): string {
  const dir = join(WORK, 'legacy-app');
  if (existsSync(join(dir, 'package.json.orig'))) {
    // a re-run with --keep: undo the edit that the npm ls case makes below
    cpSync(join(dir, 'package.json.orig'), join(dir, 'package.json'));
    return dir;
  }
  freshDir('legacy-app');
  write(join(dir, 'package.json'), pkgJson('legacy-app'));
  npmSetup(dir, ['express@4.17.1', 'lodash@4.17.15', 'moment@2.24.0', 'chalk@2.4.2', 'axios@0.21.1', 'uuid@3.4.0', 'debug@2.6.9', 'commander@2.20.0', 'dotenv@8.2.0', 'jsonwebtoken@8.5.1', 'mongoose@5.13.20']);
  npmSetup(dir, ['mocha@8.4.0', 'nodemon@2.0.7', 'eslint@7.32.0'], ['--save-dev']);
  cpSync(join(dir, 'package.json'), join(dir, 'package.json.orig'));
  return dir;
}

function npmLsOutdated(): Captured[] {
  const dir = legacyProject();
  const out: Captured[] = [];
  // npm outdated
  const t1 = both(run('npm', ['outdated'], dir));
  const row = (name: string): string => match1(t1, new RegExp(`^(${name}\\s+[\\d.]+\\s+[\\d.]+\\s+[\\d.]+)`, 'm'), `${name} row`);
  out.push({ id: 'npm-outdated', tool: 'npm', family: 'table', command: 'npm outdated', question: 'Which dependencies are behind their latest major version (express, mongoose, chalk, uuid), and what are current, wanted and latest?', facts: ['express', 'mongoose', 'chalk', 'uuid'].map(row), text: t1 });
  const t2 = both(run('npm', ['outdated', '--json'], dir));
  const o = JSON.parse(t2) as Record<string, { current: string; wanted: string; latest: string }>;
  out.push({ id: 'npm-outdated-json', tool: 'npm', family: 'json', command: 'npm outdated --json', question: 'What versions of lodash and moment are installed, and which versions are wanted / latest?', facts: uniq([o.lodash.current, o.lodash.wanted, o.moment.current, o.moment.latest]), text: t2 });
  // npm ls --all --json
  const t3 = both(run('npm', ['ls', '--all', '--json'], dir));
  const tree = JSON.parse(t3) as NpmNode;
  const parents: string[] = [];
  const walk = (name: string, node: NpmNode, depth: number): void => {
    for (const [child, sub] of Object.entries(node.dependencies ?? {})) {
      if (child === 'ms' && depth > 0) parents.push(`${name}`);
      if (depth < 40) walk(child, sub, depth + 1);
    }
  };
  walk('(root)', tree, 0);
  out.push({ id: 'npm-ls-all-json', tool: 'npm', family: 'json', command: 'npm ls --all --json', question: 'Which installed packages depend on ms, and which version of mongodb does mongoose pull in?', facts: uniq(parents).slice(0, 8).concat([tree.dependencies!.mongoose.dependencies!.mongodb.version!]), text: t3 });
  // npm ls --all after package.json moved on without a reinstall: invalid and missing entries
  const pj = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
  pj.dependencies.moment = '^2.29.4';
  pj.dependencies['express-rate-limit'] = '^7.1.0';
  write(join(dir, 'package.json'), JSON.stringify(pj, null, 2) + '\n');
  const t4 = both(run('npm', ['ls', '--all'], dir));
  out.push({ id: 'npm-ls-tree-invalid', tool: 'npm', family: 'system', command: 'npm ls --all', question: 'Why does npm ls exit with an error, and which dependencies are invalid or missing?', facts: ['ELSPROBLEMS', match1(t4, /(invalid: "\^2\.29\.4" from the root project)/, 'invalid'), match1(t4, /(missing: express-rate-limit@\^7\.1\.0, required by legacy-app@1\.0\.0)/, 'missing'), 'moment@2.24.0'], text: t4 });
  return out;
}

interface NpmNode {
  version?: string;
  dependencies?: Record<string, NpmNode>;
}

// ---------------------------------------------------------------------------------------------------------------
// application logs from a real express server on 127.0.0.1

const APP_JS = `'use strict';
const express = require('express');
const http = require('node:http');
const LOGGER = process.env.LOGGER;

let seq = 0;
const nextId = () => 'req-' + String(++seq).padStart(5, '0');

// ---- logger setup
let log, httpLogger;
if (LOGGER === 'pino') {
  const pino = require('pino');
  log = pino({ base: { service: 'orders-api' } });
  httpLogger = require('pino-http')({ logger: log, genReqId: (req) => req.headers['x-request-id'] || nextId() });
} else if (LOGGER === 'bunyan') {
  const bunyan = require('bunyan');
  log = bunyan.createLogger({ name: 'orders-api', serializers: bunyan.stdSerializers });
  httpLogger = (req, res, next) => {
    req.id = req.headers['x-request-id'] || nextId();
    req.log = log.child({ req_id: req.id });
    const t0 = process.hrtime.bigint();
    res.on('finish', () => req.log[res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info']({ req, res, err: res.err, duration_ms: Number(process.hrtime.bigint() - t0) / 1e6 }, 'request completed'));
    next();
  };
} else {
  const winston = require('winston');
  const { combine, timestamp, errors, printf, json } = winston.format;
  const text = printf(({ timestamp, level, message, stack, reqId }) => \`\${timestamp} [\${level.toUpperCase()}]\${reqId ? ' ' + reqId : ''} \${message}\${stack ? '\\n' + stack : ''}\`);
  const wlog = winston.createLogger({ level: 'debug', format: combine(errors({ stack: true }), timestamp(), LOGGER === 'winston-json' ? json() : text), defaultMeta: LOGGER === 'winston-json' ? { service: 'orders-api' } : undefined, transports: [new winston.transports.Console()] });
  log = wlog;
  httpLogger = (req, res, next) => {
    req.id = req.headers['x-request-id'] || nextId();
    req.log = wlog.child({ reqId: req.id });
    const t0 = Date.now();
    res.on('finish', () => req.log.log(res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info', \`\${req.method} \${req.originalUrl} \${res.statusCode} \${Date.now() - t0}ms\`));
    next();
  };
}

// ---- the application
const products = new Map(Array.from({ length: 60 }, (_, i) => [i + 1, { id: i + 1, name: 'product-' + (i + 1), price: 500 + i * 37 }]));

function loadOrder(id) {
  if (id % 97 === 13) {
    throw new Error(\`order \${id} references missing customer c-\${id * 7}\`);
  }
  return { id, customer: 'c-' + id * 7, lines: [{ product: (id % 60) + 1, qty: 1 + (id % 3) }] };
}

function computeTotal(body) {
  return body.cart.items.reduce((sum, it) => sum + products.get(it.product).price * it.qty, 0);
}

const app = express();
app.use(express.json());
app.use(httpLogger);
app.get('/health', (req, res) => res.json({ ok: true }));
app.get('/api/products/:id', (req, res) => {
  const p = products.get(Number(req.params.id));
  if (!p) return res.status(404).json({ error: 'not found' });
  res.json(p);
});
app.get('/api/orders/:id', (req, res) => res.json(loadOrder(Number(req.params.id))));
app.post('/api/checkout', (req, res) => {
  const total = computeTotal(req.body);
  if (LOGGER.startsWith('winston')) req.log.info(\`checkout priced total=\${total}\`, { total });
  else req.log.info({ total }, 'checkout priced');
  res.status(201).json({ total });
});
app.use((err, req, res, next) => {
  res.err = err;
  if (LOGGER !== 'pino' && LOGGER !== 'bunyan') req.log.error(err);
  res.status(500).json({ error: 'internal error', requestId: req.id });
});

// ---- drive it: a fixed, seeded sequence of requests
let seed = 20240611;
const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
const server = app.listen(0, '127.0.0.1', async () => {
  const port = server.address().port;
  const agent = new http.Agent({ keepAlive: true, maxSockets: 4 });
  const call = (method, path, body) => new Promise((resolve, reject) => {
    const data = body === undefined ? undefined : JSON.stringify(body);
    const req = http.request({ host: '127.0.0.1', port, method, path, agent, headers: data ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(data) } : {} }, (res) => { res.resume(); res.on('end', () => resolve(res.statusCode)); });
    req.on('error', reject);
    if (data) req.write(data);
    req.end();
  });
  const N = Number(process.env.REQUESTS || 300);
  for (let i = 0; i < N; i++) {
    const r = rnd();
    if (r < 0.1) await call('GET', '/health');
    else if (r < 0.5) await call('GET', '/api/products/' + (1 + Math.floor(rnd() * 64)));
    else if (r < 0.8) await call('GET', '/api/orders/' + (1 + Math.floor(rnd() * 400)));
    else {
      const broken = rnd() < 0.06;
      await call('POST', '/api/checkout', broken ? { items: [{ product: 3, qty: 1 }] } : { cart: { items: [{ product: 1 + Math.floor(rnd() * 60), qty: 2 }] } });
    }
  }
  agent.destroy();
  server.close();
});
`;

function appProject(): string {
  const dir = freshDir('orders-api');
  write(join(dir, 'app.js'), APP_JS);
  // express and the loggers resolve from the tools install (NODE_PATH)
  write(join(dir, 'package.json'), pkgJson('orders-api'));
  return dir;
}

function appLogs(): Captured[] {
  const dir = appProject();
  const env = (logger: string): NodeJS.ProcessEnv => ({ ...ENV, LOGGER: logger, NODE_PATH: NM });
  const out: Captured[] = [];
  const throwLine = lineOf(APP_JS, 'references missing customer');
  const reduceLine = lineOf(APP_JS, 'body.cart.items.reduce');
  const frameOrder = `app.js:${throwLine}:`;
  const frameTotal = `app.js:${reduceLine}:`;
  const failures = (text: string, re: RegExp): string[] => uniq([...text.matchAll(re)].map((m) => m[1])).slice(0, 5);
  const orderMsgs = (text: string): string[] => uniq([...text.matchAll(/(order \d+ references missing customer c-\d+)/g)].map((m) => m[1])).slice(0, 2);

  const pino = both(run('node', ['app.js'], dir, { env: env('pino') }));
  const pinoFail = failures(pino, /"req":\{"id":"(req-\d+)"[^\n]*"statusCode":500/g);
  out.push({ id: 'express-pino-log', tool: 'pino', family: 'log', command: 'LOGGER=pino node app.js  # express + pino-http, 300 requests', question: 'Which requests failed with a 500, and what errors were thrown where?', facts: [...pinoFail, ...orderMsgs(pino), "Cannot read properties of undefined (reading 'items')", frameOrder, frameTotal], text: pino, fileName: 'orders-api.log' });

  const wt = both(run('node', ['app.js'], dir, { env: env('winston-text') }));
  const wtFail = failures(wt, /\[ERROR\] (req-\d+) (?:GET|POST) \S+ 500/g);
  out.push({ id: 'express-winston-text-log', tool: 'winston', family: 'log', command: 'LOGGER=winston-text node app.js  # express + winston printf format', question: 'Which requests returned 500 and what were the exceptions (message and throw site)?', facts: [...wtFail, ...orderMsgs(wt), "TypeError: Cannot read properties of undefined (reading 'items')", frameOrder, frameTotal], text: wt });

  const wj = both(run('node', ['app.js'], dir, { env: env('winston-json') }));
  const wjFail = failures(wj, /"level":"error","message":"(?:GET|POST) \S+ 500 \d+ms","reqId":"(req-\d+)"/g);
  out.push({ id: 'express-winston-json-log', tool: 'winston', family: 'log', command: 'LOGGER=winston-json node app.js  # express + winston json format', question: 'Which request ids got a 500, and which errors caused them?', facts: [...wjFail, ...orderMsgs(wj), "Cannot read properties of undefined (reading 'items')", frameTotal], text: wj });

  const bu = both(run('node', ['app.js'], dir, { env: env('bunyan') }));
  const buFail = failures(bu, /"req_id":"(req-\d+)","level":50/g);
  out.push({ id: 'express-bunyan-log', tool: 'bunyan', family: 'log', command: 'LOGGER=bunyan node app.js  # express + bunyan', question: 'Which requests failed with status 500 and what was the error and stack frame of each?', facts: [...buFail, ...orderMsgs(bu), "Cannot read properties of undefined (reading 'items')", frameOrder], text: bu });
  for (const c of out) if (c.facts.length < 5) throw new Error(`${c.id}: too few failures found (${c.facts.length})`);
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// a Node crash with cause chains and an AggregateError

const CRASH_JS = `'use strict';
const net = require('node:net');

function connect(host, port) {
  return new Promise((resolve, reject) => {
    const s = net.connect({ host, port });
    s.once('connect', () => resolve(s));
    s.once('error', reject);
  });
}

class ConfigLoadError extends Error {
  constructor(tenant, options) {
    super(\`could not load configuration for tenant "\${tenant}"\`, options);
    this.name = 'ConfigLoadError';
    this.tenant = tenant;
  }
}

async function connectAnyReplica(replicas) {
  try {
    return await Promise.any(replicas.map(([h, p]) => connect(h, p)));
  } catch (err) {
    throw new Error(\`no config replica reachable (\${replicas.length} tried)\`, { cause: err });
  }
}

async function loadTenantConfig(tenant) {
  try {
    const sock = await connectAnyReplica([['127.0.0.1', 1], ['127.0.0.1', 9], ['127.0.0.1', 19]]);
    sock.end();
  } catch (err) {
    throw new ConfigLoadError(tenant, { cause: err });
  }
}

async function main() {
  await loadTenantConfig('acme-eu');
}

main().then(() => console.log('started'));
`;

function nodeCrash(): Captured {
  const dir = freshDir('crash');
  write(join(dir, 'server.js'), CRASH_JS);
  const r = run('node', ['server.js'], dir);
  const text = both(r);
  const facts: Fact[] = ['ConfigLoadError: could not load configuration for tenant "acme-eu"', 'no config replica reachable (3 tried)', 'AggregateError', 'connect ECONNREFUSED 127.0.0.1:1', 'connect ECONNREFUSED 127.0.0.1:19', `server.js:${lineOf(CRASH_JS, 'throw new ConfigLoadError')}`, `server.js:${lineOf(CRASH_JS, 'no config replica reachable')}`];
  return { id: 'node-uncaught-cause-chain', tool: 'node', family: 'trace', command: 'node server.js', question: 'Why did the server crash at startup: what is the root cause behind the error chain?', facts, text };
}

// ---------------------------------------------------------------------------------------------------------------
// files shipped in npm packages

function shippedFiles(): Captured[] {
  const out: Captured[] = [];
  const tools = TOOLS;
  // CSV: world-countries, the first 120 lines as an agent would page it
  const csvArgv = ['-n', '120', 'node_modules/world-countries/dist/countries.csv'];
  const csv = both(run('head', csvArgv, tools));
  const row = must(csv.split('\n').find((l) => l.startsWith('"Botswana"')), 'Botswana row');
  const capital = must(/"Gaborone"/.exec(row)?.[0], 'capital');
  out.push({ id: 'csv-world-countries', tool: 'head', family: 'table', command: `head ${csvArgv.join(' ')}`, question: 'What are the capital, ISO codes (cca2, cca3), currency and calling code of Botswana?', facts: ['"Republic of Botswana"', capital, '"BW"', '"BWA"', '"BWP"', '"+2","67"'].filter((f) => row.includes(f)), text: csv });

  // HTML: codemirror 5.0.0's manual
  const html = readFileSync(join(SCRATCH, 'docs/node_modules/codemirror/doc/manual.html'), 'utf8');
  out.push({ id: 'html-codemirror-manual', tool: 'cat', family: 'html', command: 'cat node_modules/codemirror/doc/manual.html', question: 'How does doc.markText work in CodeMirror 5 and which options does it accept?', facts: ['doc.markText', 'from: {line, ch}, to: {line, ch}, ?options: object', 'inclusiveLeft', 'clearOnEnter', 'replacedWith', 'TextMarker'], text: html, fileName: 'manual.html' });

  // README: axios
  const readme = readFileSync(join(NM, 'axios/README.md'), 'utf8');
  out.push({ id: 'readme-axios', tool: 'cat', family: 'prose', command: 'cat node_modules/axios/README.md', question: 'How do I cancel an axios request with AbortController, and is CancelToken still recommended?', facts: ['const controller = new AbortController();', 'signal: controller.signal', 'controller.abort()', 'This API is deprecated since v0.22.0'], text: readme, fileName: 'README.md' });

  // CHANGELOG: rxjs
  const log = readFileSync(join(NM, 'rxjs/CHANGELOG.md'), 'utf8');
  const lines = log.split('\n');
  const at = lines.findIndex((l) => l.includes('toPromise return type now returns'));
  const heading = must([...lines.slice(0, at)].reverse().find((l) => /^#+ \[/.test(l)), 'heading');
  const version = must(/\[([^\]]+)\]/.exec(heading)?.[1], 'version');
  out.push({ id: 'changelog-rxjs', tool: 'cat', family: 'prose', command: 'cat node_modules/rxjs/CHANGELOG.md', question: 'In which rxjs release did toPromise start returning `T | undefined`, and what other breaking changes came with it?', facts: [`[${version}]`, '**toPromise:** toPromise return type now returns `T | undefined` in TypeScript, which is correct, but may break builds.'], text: log, fileName: 'CHANGELOG.md' });

  // source: cat -n express/lib/response.js
  const catArgv = ['-n', 'node_modules/express/lib/response.js'];
  const cat = both(run('cat', catArgv, tools));
  const redirectLine = must(cat.split('\n').find((l) => /\tres\.redirect = function redirect/.test(l)), 'redirect line');
  const locLine = must(cat.split('\n').find((l) => /\tres\.location = function location/.test(l)), 'location line');
  out.push({ id: 'cat-n-express-response', tool: 'cat', family: 'code', command: `cat ${catArgv.join(' ')}`, question: 'Where are res.redirect and res.location defined, and how does redirect set the status and Location header?', facts: [redirectLine.trim(), locLine.trim(), "address = this.location(address).get('Location');", 'this.statusCode = status;', "deprecate('res.redirect(url, status): Use res.redirect(status, url) instead');"], text: cat, fileName: 'response.js' });

  // source: sed -n over a TypeScript file
  const sedArgv = ['-n', '190,330p', 'node_modules/rxjs/src/internal/Observable.ts'];
  const sed = both(run('sed', sedArgv, tools));
  const facts: Fact[] = ['const subscriber = isSubscriber(observerOrNext) ? observerOrNext : new SafeSubscriber(observerOrNext, error, complete);', 'errorContext(() => {', 'operator.call(subscriber, source)', 'this._trySubscribe(subscriber)', 'sink.error(err);'];
  out.push({ id: 'sed-rxjs-observable', tool: 'sed', family: 'code', command: `sed ${sedArgv.join(' ')}`, question: 'What does Observable.subscribe do with its arguments before calling _subscribe?', facts, text: sed, fileName: 'Observable.ts' });
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// main

const CAPTURES: [string, () => Captured | Captured[]][] = [
  ['npm-install-silly', npmInstallSilly],
  ['npm-install-verbose', npmInstallVerbose],
  ['npm-install-default', npmInstallDefault],
  ['npm-install-eresolve', npmInstallEresolve],
  ['npm-install-e404', npmInstallE404],
  ['yarn-install-peers', yarnInstall],
  ['pnpm-install-workspace', pnpmInstall],
  ['tsc-checkjs-express', tscExpress],
  ['tsc-pretty-rxjs', tscRxjsPretty],
  ['eslint-stylish-express', eslintStylish],
  ['eslint-json-winston', eslintJson],
  ['prettier-check-lodash-es', prettierCheck],
  ['jest-failures', jestCase],
  ['vitest-failures', vitestCase],
  ['mocha-failures', mochaCase],
  ['tape-failures', tapeCase],
  ['node-test-failures', nodeTestCase],
  ['node-test-tap-failures', nodeTestTapCase],
  ['webpack-stats-detailed', webpackStats],
  ['webpack-build-errors', webpackError],
  ['esbuild-analyze', esbuildAnalyze],
  ['esbuild-errors', esbuildErrors],
  ['rollup-warnings', rollupWarnings],
  ['rollup-json-error', rollupJsonError],
  ['npm-diff-express', npmDiffExpress],
  ['npm-diff-chalk', npmDiffChalk],
  ['npm-view', npmView],
  ['npm-outdated', npmLsOutdated],
  ['express-logs', appLogs],
  ['node-uncaught-cause-chain', nodeCrash],
  ['shipped-files', shippedFiles],
];

function emit(c: Captured, seen: Set<string>): void {
  if (seen.has(c.id)) throw new Error(`duplicate id ${c.id}`);
  seen.add(c.id);
  if (!/^[a-z0-9][a-z0-9-]*$/.test(c.id)) throw new Error(`bad id ${c.id}`);
  if (c.facts.length < 2 || c.facts.length > 12) throw new Error(`${c.id}: ${c.facts.length} facts (want 2–12): ${c.facts.map(factLabel).join(' | ')}`);
  const missing = c.facts.filter((f) => !containsFact(c.text, f));
  if (missing.length) throw new Error(`${c.id}: facts not in the captured text: ${missing.map(factLabel).join(' | ')}`);
  if (c.text.length < 500) throw new Error(`${c.id}: output suspiciously short (${c.text.length} chars)`);
  const { text, ...record } = c;
  const json: CorpusCase = { id: record.id, tool: record.tool, family: record.family, command: record.command, question: record.question, facts: record.facts };
  if (record.fileName) json.fileName = record.fileName;
  write(join(CASES, `${c.id}.txt`), text);
  write(join(CASES, `${c.id}.json`), JSON.stringify(json, null, 2) + '\n');
  console.error(`  ${c.id}: ${(Buffer.byteLength(text) / 1024).toFixed(1)} KB, ${c.facts.length} facts`);
}

function main(): void {
  setupTools();
  mkdirSync(WORK, { recursive: true });
  const seen = new Set<string>();
  const failed: string[] = [];
  for (const [name, capture] of CAPTURES) {
    if (ONLY && !ONLY.some((o) => name.startsWith(o))) continue;
    console.error(`capturing ${name}…`);
    lastOutput = '';
    try {
      const got = capture();
      for (const c of Array.isArray(got) ? got : [got]) emit(c, seen);
    } catch (err) {
      failed.push(name);
      write(join(SCRATCH, `failed-${name}.txt`), lastOutput);
      console.error(`  FAILED ${name}: ${(err as Error).stack ?? err}`);
    }
  }
  if (failed.length) {
    console.error(`\n${failed.length} capture(s) failed: ${failed.join(', ')}`);
    process.exit(1);
  }
  console.error(`done: ${seen.size} cases in ${CASES}`);
}

main();
