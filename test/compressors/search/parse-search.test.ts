import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseTextSearch } from '../../../core/compressors/search/parse-text.js';
import { parseRgJson } from '../../../core/compressors/search/parse-rg-json.js';
import { definitionTest, inferPattern } from '../../../core/compressors/search/definition.js';
import { trimAround, MAX_TEXT } from '../../../core/compressors/search/trim.js';
import { matchCount } from '../../../core/compressors/search/types.js';

const fixture = (name: string): string => readFileSync(join(__dirname, '..', '..', 'fixtures', 'search', name), 'utf8');

test('rg -C2: matches and context lines, each under its own file', () => {
  const text = fixture('rg-context-deprecate.txt');
  const p = parseTextSearch(text.split('\n'))!;
  assert.equal(p.format, 'flat');
  assert.deepEqual(p.other, []);
  const raw = text.split('\n').filter((l) => l && l !== '--');
  // these paths contain no ':' so the first `:N:` of a match line ends its path
  const matchLines = raw.filter((l) => /^[^:]+:\d+:/.test(l));
  assert.equal(matchCount(p.files), matchLines.length);
  assert.deepEqual(
    p.files.map((f) => f.path),
    [...new Set(matchLines.map((l) => l.slice(0, l.search(/:\d+:/))))],
  );
  const contextLines = p.files.reduce((n, f) => n + f.lines.filter((l) => !l.isMatch).length, 0);
  assert.equal(contextLines, raw.length - matchLines.length);
  for (const f of p.files)
    for (const l of f.lines)
      assert.ok(l.raw.startsWith(`${f.path}${l.isMatch ? ':' : '-'}${l.line}${l.isMatch ? ':' : '-'}`));
});

test('dashed paths are not cut at `-1-`, and a context line whose text holds `:12:` stays a context line', () => {
  const lines = [
    'src/a-1-b.ts-9-  const t = "10:30:45";',
    'src/a-1-b.ts:10:  parse(t)',
    'src/a-1-b.ts-11-  // 12:00:00',
    '--',
    'lib/x.py:3:parse()',
  ];
  const p = parseTextSearch(lines)!;
  assert.deepEqual(
    p.files.map((f) => f.path),
    ['src/a-1-b.ts', 'lib/x.py'],
  );
  assert.deepEqual(
    p.files[0].lines.map((l) => [l.line, l.isMatch, l.text]),
    [
      [9, false, '  const t = "10:30:45";'],
      [10, true, '  parse(t)'],
      [11, false, '  // 12:00:00'],
    ],
  );
});

test('heading mode (rg --heading, git grep --heading --break) and grep -n on a single file', () => {
  const p = parseTextSearch(fixture('git-grep-heading-encodeUrl.txt').split('\n'))!;
  assert.equal(p.format, 'heading');
  assert.deepEqual(
    p.files.map((f) => [f.path, f.lines.length]),
    [
      ['express/lib/response.js', 2],
      ['finalhandler/index.js', 2],
      ['send/index.js', 2],
      ['serve-static/index.js', 2],
    ],
  );
  const single = parseTextSearch(['12:const a = parse(x)', '40:parse(y)', '41-  more'])!;
  assert.deepEqual(
    single.files.map((f) => [f.path, f.lines.length]),
    [['', 3]],
  );
});

test('grep -r without -n, Windows paths, and non-result lines kept aside', () => {
  const p = parseTextSearch(fixture('grep-no-n-isArray.txt').split('\n'))!;
  assert.equal(p.files[0].path, 'node_modules/express/lib/response.js');
  assert.ok(p.files.every((f) => f.lines.every((l) => l.line === undefined && l.isMatch)));
  const win = parseTextSearch([
    'C:\\src\\app.ts:12:foo()',
    'C:\\src\\app.ts:14:foo(1)',
    'grep: C:\\tmp: Permission denied',
  ])!;
  assert.deepEqual(
    win.files.map((f) => f.path),
    ['C:\\src\\app.ts'],
  );
  assert.deepEqual(win.other, ['grep: C:\\tmp: Permission denied']);
});

test('rg --json: records, line numbers, submatch offsets (UTF-8 bytes to string indexes)', () => {
  const text = fixture('rg-json-deprecate.ndjson');
  const p = parseRgJson(text.split('\n'))!;
  assert.equal(matchCount(p.files), text.split('\n').filter((l) => l.includes('"type":"match"')).length);
  for (const f of p.files) for (const l of f.lines) assert.equal(l.text.slice(l.matchStart, l.matchEnd), 'deprecate');
  const utf8 = JSON.stringify({
    type: 'match',
    data: {
      path: { text: 'a.md' },
      lines: { text: 'héllo wörld foo\n' },
      line_number: 1,
      submatches: [{ match: { text: 'foo' }, start: 14, end: 17 }],
    },
  });
  const q = parseRgJson([utf8, utf8.replace('"line_number":1', '"line_number":2')])!;
  const l = q.files[0].lines[0];
  assert.equal(l.text.slice(l.matchStart, l.matchEnd), 'foo');
  assert.equal(parseRgJson(['{"a":1}', 'not json', 'nope']), undefined);
});

test('definitions across languages, and uses that are not definitions', () => {
  const isDef = definitionTest('parseArgs');
  for (const d of [
    'function parseArgs(argv) {',
    'export async function parseArgs(a: string[]): Promise<Args> {',
    'def parse_args(self):'.replace('parse_args', 'parseArgs'),
    'func parseArgs(args []string) error {',
    'func (p *Parser) parseArgs(args []string) error {',
    'pub fn parseArgs(args: &[String]) -> Args {',
    'const parseArgs = (argv) => {',
    'export const parseArgs = async (argv: string[]): Promise<void> => {',
    '  parseArgs(argv) {',
    '  private static parseArgs(argv: string[]): Args {',
    'public static Args parseArgs(String[] argv) {',
    'exports.parseArgs = parseArgs',
    'Parser.prototype.parseArgs = function (argv) {',
    'class parseArgs extends Base {',
    'interface parseArgs {',
    'type parseArgs = { a: 1 }',
  ])
    assert.ok(isDef(d), d);
  for (const u of [
    'const args = parseArgs(process.argv)',
    'if (parseArgs(argv)) {',
    'return parseArgs(argv);',
    "const parseArgs = require('./parse-args')",
    "const { parseArgs } = await import('node:util')",
    '// call parseArgs() here',
  ])
    assert.ok(!isDef(u), u);
});

test('the searched-for identifier is inferred from the match lines', () => {
  const p = parseTextSearch(fixture('rg-isArray-large.txt').split('\n'))!;
  assert.equal(inferPattern(p.files), 'isArray');
  const q = parseTextSearch(fixture('rg-setPrototypeOf.txt').split('\n'))!;
  assert.equal(inferPattern(q.files), 'setPrototypeOf');
});

test('long lines are cut to a window around the match without splitting surrogate pairs', () => {
  const line = 'x'.repeat(5000) + 'NEEDLE' + '😀'.repeat(3000);
  const t = trimAround(line, 5000)!;
  assert.ok(t.includes('NEEDLE'));
  assert.ok(t.startsWith('…') && t.endsWith('…'));
  assert.ok(t.length <= MAX_TEXT + 2);
  assert.ok(
    !/[\ud800-\udbff](?![\udc00-\udfff])/.test(t) && !/(?<![\ud800-\udbff])[\udc00-\udfff]/.test(t),
    'no lone surrogates',
  );
  assert.equal(trimAround('short', 0), undefined);
});
