// Reports with a shape of their own inside the log compressor: eslint and tsc grouped by rule (lint-report.ts),
// git log -p by commit (git-log.ts), pytest's failure sections, and warning floods (diagnostics.ts).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compressLog } from '../../../core/compressors/log/index.js';
import { missingAnswerBearing } from '../../../core/guard.js';
import { MARKER_ID_RE } from '../../../core/ccr/marker.js';
import { loadCorpus } from '../../../bench/corpus/load.js';
import { normalizeTerminalOutput } from '../../../core/compressors/log/progress.js';
import { makeCtx } from './helpers.js';

const corpusCase = (id: string): string => loadCorpus().find((c) => c.id === id)!.text;

/** An eslint stylish report: three files, `no-var` everywhere, `eqeqeq` twice, `no-unused-vars` once per file. */
function eslintReport(): string {
  const out: string[] = [''];
  let problems = 0;
  for (const file of ['lib/a.js', 'lib/b.js', 'lib/c.js']) {
    out.push(`/repo/${file}`);
    for (let line = 1; line <= 20; line++) {
      out.push(`  ${String(line).padStart(3)}:1   error    Unexpected var, use let or const instead  no-var`);
      problems++;
      if (line === 7 && file !== 'lib/b.js') {
        out.push(`  ${String(line).padStart(3)}:12  error    Expected '===' and instead saw '=='       eqeqeq`);
        problems++;
      }
    }
    out.push(`   30:9   warning  'tmp' is defined but never used            no-unused-vars`);
    problems++;
    out.push('');
  }
  out.push(`✖ ${problems} problems (${problems - 3} errors, 3 warnings)`, '');
  return out.join('\n');
}

test(`eslint: every location of the rule the question names stays under its file; other rules become one line \
each`, () => {
  const text = eslintReport();
  const ctx = makeCtx('Which lines does eslint flag for eqeqeq?');
  const out = compressLog(text, ctx)!;
  assert.ok(out && out.length < text.length / 2, 'much shorter');
  // the asked rule, verbatim, each line under its file heading
  assert.match(out, /\/repo\/lib\/a\.js\n {4}7:12 {2}error {4}Expected '===' and instead saw '==' {7}eqeqeq/);
  assert.match(out, /\/repo\/lib\/c\.js\n {4}7:12 {2}error {4}Expected '===' and instead saw '==' {7}eqeqeq/);
  assert.ok(!out.includes('/repo/lib/b.js\n'), 'a file showing no asked diagnostic has no heading');
  // the folded rule: count, severity, example message, first places; then its marker with exactly its lines
  const group = out.split('\n').find((l) => l.startsWith('no-var ×60 (error)'));
  assert.ok(group, out);
  assert.match(group, /in 3 files: \/repo\/lib\/a\.js:1:1, \/repo\/lib\/a\.js:2:1, \/repo\/lib\/a\.js:3:1, \+57 more$/);
  const ids = [...out.matchAll(MARKER_ID_RE)].map((m) => m[0]);
  const noVar = ctx.stashed.get(ids[0])!;
  assert.equal(noVar.split('\n').filter((l) => l.endsWith('no-var')).length, 60);
  assert.ok(noVar.startsWith('/repo/lib/a.js\n'), 'the stash keeps each file heading over its lines');
  // few diagnostics of a rule are shown as printed, and the summary stays
  assert.ok(out.includes("'tmp' is defined but never used"));
  const summary = text.split('\n').find((l) => l.startsWith('✖ '))!;
  assert.ok(out.endsWith(summary), 'the summary line closes the output');
  assert.equal(missingAnswerBearing(text, out, 'log'), undefined);
});

test('eslint without a question: no rule is picked, nothing is grouped', () => {
  const out = compressLog(eslintReport(), makeCtx(''));
  assert.ok(out === null || !/ ×\d+ \(error\)/.test(out));
});

test('tsc: codes the question names keep every diagnostic; a folded code is accepted by the guard', () => {
  const text = corpusCase('tsc-checkjs-express');
  const ctx = makeCtx('Which real type mismatches (TS2322, TS2345) does tsc report, and where?');
  const out = compressLog(text, ctx)!;
  for (const l of text.split('\n')) if (/error TS(?:2322|2345):/.test(l)) assert.ok(out.includes(l), l);
  assert.match(out, /^TS7006 ×\d+ \(error\) "/m);
  assert.equal(missingAnswerBearing(text, out, 'log'), undefined);
  assert.ok(out.length < text.length * 0.5);
});

test(`git log -p: the commit the question names keeps its header and matching hunks; its diff is one marker \
away`, () => {
  const text = corpusCase('git-log-p-response');
  const ctx = makeCtx('Which commit introduced schemaAndHostRegExp in res.location, and who made it?');
  const out = compressLog(text, ctx)!;
  assert.ok(out.includes('commit 832dda02935c9cbf6f4a76d6735ec9b82cbc9838'));
  assert.ok(out.includes('Author: Wes Todd'));
  assert.ok(out.split('\n').some((l) => l.startsWith('+') && l.includes('schemaAndHostRegExp')));
  // the other commits are one line each, by 12-character hash
  assert.match(out, /^88751f3f98bc \d{4}-\d\d-\d\d \d\d:\d\d Wes Todd: 4\.19\.1/m);
  // the whole log is behind the last marker, exactly
  const last = [...out.matchAll(MARKER_ID_RE)].pop()![0];
  assert.equal(ctx.stashed.get(last), normalizeTerminalOutput(text));
});

test('pytest: each failure keeps its header, the failing statement, E lines and locations; test source goes', () => {
  const text = corpusCase('pytest-config-files');
  const out = compressLog(text, makeCtx('Which tenant configuration files are invalid, and what is wrong with each?'))!;
  for (const l of text.split('\n')) {
    if (/^E {2,}\S/.test(l) || /^FAILED /.test(l) || /^_{3,} test_/.test(l) || /^\S+\.py:\d+: \w+Error$/.test(l))
      assert.ok(out.includes(l), l);
  }
  const shown = new Set(out.split('\n'));
  const left = text.split('\n').filter((l) => /^ {4,}\S/.test(l) && !shown.has(l));
  assert.ok(left.length >= 30, `source lines pytest reprints are left out (${left.length})`);
  assert.equal(missingAnswerBearing(text, out, 'log'), undefined);
});

test(`a flood of one warning tag folds (prettier --check): the first few, the ones the question names, the \
count`, () => {
  const files = Array.from({ length: 200 }, (_, i) => `lib/f${String(i).padStart(3, '0')}.js`);
  const text = [
    'Checking formatting...',
    ...files.map((f) => `[warn] ${f}`),
    '[warn] Code style issues found in 200 files. Run Prettier with --write to fix.',
    '',
  ].join('\n');
  const out = compressLog(text, makeCtx('Is lib/f123.js among the files prettier flags?'))!;
  assert.ok(out.length < text.length * 0.2);
  assert.ok(out.includes('[warn] lib/f123.js'));
  assert.ok(out.includes('[warn] lib/f000.js'));
  assert.ok(out.includes('Code style issues found in 200 files'));
});
