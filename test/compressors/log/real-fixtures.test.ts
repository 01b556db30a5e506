// The log compressor on REAL tool output recorded on this machine (test/fixtures/log/): npm install --loglevel silly,
// an npm 404, tsc (plain and pretty), node --test (spec and TAP), a Python traceback and a logging app, pytest, cargo
// build and test, make with a failing rule, git log --stat, a Node app log with a deep stack, and dpkg.log.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { compressLog } from '../../../core/compressors/log/index.js';
import { normalizeTerminalOutput, stripAnsi } from '../../../core/compressors/log/progress.js';
import { compress } from '../../../core/compress.js';
import { countTokens } from '../../../core/util/tokens.js';
import { FIXTURES, fixture, lines, makeCtx, redeem } from './helpers.js';

const ALL = readdirSync(FIXTURES)
  .filter((f) => f.endsWith('.txt'))
  .sort();

function run(name: string, query = ''): { text: string; out: string | null; ctx: ReturnType<typeof makeCtx> } {
  const text = fixture(name);
  const ctx = makeCtx(query);
  return { text, out: compressLog(text, ctx), ctx };
}

function assertKept(out: string, wanted: string[]): void {
  const outLines = new Set(lines(out));
  for (const w of wanted) assert.ok(outLines.has(w), `expected this line verbatim in the output: ${JSON.stringify(w)}`);
}

function saving(text: string, out: string): number {
  return 1 - countTokens(out) / countTokens(text);
}

test('every fixture: markers redeem to the cleaned log exactly, output is deterministic and passes the guard', () => {
  assert.ok(ALL.length >= 15, `fixtures present (${ALL.length})`);
  for (const name of ALL) {
    const { text, out, ctx } = run(name);
    const again = compressLog(text, makeCtx());
    assert.equal(again, out, `${name}: same input, same bytes`);
    if (out === null) continue;
    assert.ok(out.length < text.length, `${name}: shorter`);
    // git log's one-line-per-commit form is an overview: its one marker holds the whole log as printed
    const whole = /\[… \d+ lines omitted: the log as printed: .* · retrieve (hr_[0-9a-f]{16})\]$/.exec(out);
    if (whole)
      assert.equal(ctx.stashed.get(whole[1]), normalizeTerminalOutput(text), `${name}: exact log behind the marker`);
    else assert.equal(redeem(out, ctx.stashed), normalizeTerminalOutput(text), `${name}: exact reconstruction`);
    const piped = compress(text, { kind: 'log' });
    assert.equal(piped.compressed, true, `${name}: the pipeline keeps the compressed form (${piped.reason ?? ''})`);
    assert.equal(piped.output, out);
  }
});

test('short or all-important outputs are left alone', () => {
  for (const name of [
    'tsc-plain.txt',
    'py-traceback.txt',
    'cargo-build-error.txt',
    'cargo-test-fail.txt',
    'npm-err-404.txt',
  ]) {
    assert.equal(run(name).out, null, name);
  }
});

test('npm install --loglevel silly: keeps the summary and the exit, collapses the fetch chatter', () => {
  const { text, out } = run('npm-install-silly.txt');
  assert.ok(out);
  assertKept(out, [
    'npm verbose cli /usr/bin/node /usr/bin/npm',
    'added 72 packages in 2s',
    'npm verbose exit 0',
    'npm info ok',
  ]);
  // lines naming the http-errors package match the error pattern: the guard wants them, so they stay
  for (const l of lines(text)) if (/\berrors\b/.test(l) && l.length <= 400) assert.ok(out.includes(l), l);
  assert.match(out, /lines omitted: "npm silly packumentCache …" ×\d+/);
  assert.ok(saving(text, out) > 0.85, `saving ${saving(text, out)}`);
});

test('tsc --pretty: colours stripped, every diagnostic with its code frame kept', () => {
  const { text, out } = run('tsc-pretty.txt');
  assert.ok(out);
  assert.ok(!out.includes('\x1b'));
  const clean = stripAnsi(text);
  const diagnostics = lines(clean).filter((l) => / - error TS\d+:/.test(l));
  assert.equal(diagnostics.length, 37);
  assertKept(out, [
    ...diagnostics,
    "3   return 'hi ' + u.nam;",
    "    'name' is declared here.",
    'Found 37 errors in 3 files.',
  ]);
});

test('node --test (spec): every failure, its assertion and the totals are kept; repeated stacks shrink', () => {
  const { text, out } = run('node-test-spec.txt');
  assert.ok(out);
  const failures = lines(text).filter((l) => l.includes('✖'));
  assert.ok(failures.length >= 9);
  assertKept(out, [
    ...failures,
    'ℹ tests 15',
    'ℹ pass 6',
    'ℹ fail 8',
    '    8 !== 7',
    '    13 !== 12',
    '    +     3',
    '    -     4',
  ]);
  assert.match(out, /stack frames? repeating a trace shown above/);
  assert.ok(saving(text, out) > 0.3, `saving ${saving(text, out)}`);
});

test('node --test (TAP): not-ok lines and the closing counts are kept', () => {
  const { text, out } = run('node-test-tap.txt');
  assert.ok(out);
  const notOk = lines(text).filter((l) => /^\s*not ok \d/.test(l));
  assertKept(out, [...notOk, '# tests 15', '# pass 6', '# fail 8']);
});

test('pytest: the FAILURES section, the short summary and the totals are kept; PASSED lines collapse', () => {
  const { out } = run('pytest-fail.txt');
  assert.ok(out);
  assertKept(out, [
    'E   ZeroDivisionError: division by zero',
    "E       AssertionError: assert 'hello world' == 'hello wurld'",
    'FAILED test_calc.py::test_zero - ZeroDivisionError: division by zero',
    '========================= 3 failed, 40 passed in 0.70s =========================',
    'collecting ... collected 43 items',
  ]);
  assert.match(out, /"test_calc\.py::test_many\[<n>\] PASSED \[ <n>%\]" ×\d+/);
});

test('python logging app: the warning, the error and its whole traceback stay; the job chatter becomes counts', () => {
  const { text, out } = run('py-applog.txt');
  assert.ok(out);
  const tb = lines(text);
  const start = tb.findIndex((l) => l.startsWith('Traceback'));
  const end = tb.findIndex((l) => l.startsWith('KeyError:'));
  assertKept(out, tb.slice(start - 2, end + 1));
  assert.ok(lines(out).some((l) => l.endsWith('shutdown complete: 500 jobs, 1 failed')));
  // the `[worker]` logger column is on every line: the note leaves it out and names what differs
  assert.match(
    out,
    /"INFO processed job <n> in <n> ms \(queue=<n>\)" ×39\d, 04:37:57,141–04:37:57,146, job <n> 1002–139\d/,
  );
  assert.ok(saving(text, out) > 0.9, `saving ${saving(text, out)}`);
});

test('node app log with a 35-frame stack: head and tail frames kept, the recursion behind one marker', () => {
  const { text, out, ctx } = run('js-applog.txt');
  assert.ok(out);
  const all = lines(text);
  const at = all.findIndex((l) => l.startsWith('TypeError'));
  const frames: string[] = [];
  for (let i = at + 1; all[i]?.startsWith('    at '); i++) frames.push(all[i]);
  assert.equal(frames.length, 35);
  // the middle frames repeat the application frame at the head (a recursion) until its caller, which is new
  assertKept(out, [all[at - 1], all[at], ...frames.slice(0, 6), frames[31], ...frames.slice(-3)]);
  const marker = /\[… 25 lines omitted: middle stack frames · retrieve (hr_[0-9a-f]{16})\]/.exec(out);
  assert.ok(marker);
  assert.equal(ctx.stashed.get(marker[1]), frames.slice(6, 31).join('\n'));
  assert.ok(saving(text, out) > 0.85, `saving ${saving(text, out)}`);
});

test('make: compiler errors, warnings and the make failure are kept; the generated-file chatter collapses', () => {
  const { text, out } = run('make-fail.txt');
  assert.ok(out);
  assertKept(out, [
    'bad.c:4:20: error: ‘missing_symbol’ undeclared (first use in this function)',
    '    4 |     printf("%d\\n", missing_symbol);',
    'bad.c:3:9: warning: unused variable ‘unused’ [-Wunused-variable]',
    'make: *** [Makefile:8: build] Error 1',
  ]);
  assert.match(out, /"generating out\/part<n>\.c" ×\d+/);
  assert.ok(out.length < text.length);
});

test(`git log --stat: one line per commit with its hash, date, author, subject and files; the log as printed behind a \
marker`, () => {
  const { text, out, ctx } = run('git-log-stat.txt');
  assert.ok(out);
  const all = lines(text);
  const hashes = all.filter((l) => /^commit [0-9a-f]{40}$/.test(l)).map((l) => l.slice(7));
  assert.equal(hashes.length, 60);
  const outLines = lines(out);
  for (const h of hashes) {
    const line = outLines.find((l) => l.startsWith(h.slice(0, 12) + ' '));
    assert.ok(line, `a line for ${h}`);
    assert.match(line, /^[0-9a-f]{12} \d{4}-\d\d-\d\d \d\d:\d\d Dev One: vendor \S+/);
  }
  assert.ok(
    outLines.some((l) => l.includes('[vendor/emoji-regex/README.md, vendor/emoji-regex/package.json +123 -0]')),
  );
  const marker = /\[… \d+ lines omitted: the log as printed: .* · retrieve (hr_[0-9a-f]{16})\]$/.exec(out);
  assert.ok(marker);
  assert.equal(ctx.stashed.get(marker[1]), text, 'the exact log');
  assert.ok(saving(text, out) > 0.5, `saving ${saving(text, out)}`);
});

test('git log: the commits the query picks out are shown whole, as printed', () => {
  const { text, out } = run('git-log-stat.txt', 'when was emoji-regex vendored?');
  assert.ok(out);
  const all = lines(text);
  const at = all.findIndex((l) => l.includes('vendor emoji-regex:'));
  const start = all.lastIndexOf(
    all
      .slice(0, at)
      .reverse()
      .find((l) => l.startsWith('commit '))!,
  );
  assertKept(
    out,
    all.slice(start, at + 5).filter((l) => l !== ''),
  );
});

test('dpkg.log: 1,500 lines become a few with counts; query terms bring their lines back', () => {
  const plain = run('dpkg.log.txt');
  assert.ok(plain.out);
  assert.ok(saving(plain.text, plain.out) > 0.95, `saving ${saving(plain.text, plain.out)}`);
  assert.match(plain.out, /"status unpacked …" ×\d+/);
  const asked = run('dpkg.log.txt', 'what happened to libudev1?');
  assert.ok(asked.out);
  const hits = lines(asked.text).filter((l) => l.includes('libudev1'));
  assert.equal(hits.length, 9);
  assertKept(asked.out, hits);
});

test('a query term in a field value keeps its line even when another term matches every line of its template', () => {
  const { text, out } = run('py-applog.txt', 'what happened to job 1450?');
  assert.ok(out);
  const target = lines(text).find((l) => l.includes('processed job 1450 '))!;
  assert.ok(lines(out).includes(target));
  // "job" alone matches every chatter line: those keep only a few per template
  assert.ok(lines(out).filter((l) => l.includes('processed job')).length < 40);
});
