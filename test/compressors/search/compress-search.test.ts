import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compressSearch } from '../../../core/compressors/search/index.js';
import { MATCH_BUDGET, MAX_FILES, PER_FILE } from '../../../core/compressors/search/select.js';
import { redeemed, stashCtx } from '../../helpers/recording-context.js';

// Fixtures are real output: grep -rn / grep -r / rg -n / rg -C2 / rg --heading / rg --json over node_modules,
// git grep -n
const fixture = (name: string): string => readFileSync(join(__dirname, '..', '..', 'fixtures', 'search', name), 'utf8');

const nonBlank = (text: string): string[] => text.split('\n').filter((l) => l !== '' && l !== '--');
/** Shown text drops a CRLF source line's trailing \r (the stash keeps it): compare modulo that. */
const noCr = (lines: string[]): string[] => lines.map((l) => l.replace(/\r$/, '')).sort();

interface Section {
  path: string;
  lines: string[];
  markers: string[];
}

/** Splits the compact output into its file sections (a path line, then `12: text` / `12- text` lines, then markers). */
function sections(output: string): Section[] {
  const out: Section[] = [];
  const blocks = output.split('\n\n').slice(1);
  for (const b of blocks) {
    const [path, ...rest] = b.split('\n');
    if (path.startsWith('[… ')) continue; // the dropped-files marker
    out.push({
      path,
      lines: rest.filter((l) => !l.startsWith('[… ')),
      markers: rest.filter((l) => l.startsWith('[… ')),
    });
  }
  return out;
}

/** Rebuilds the original `path:12:text` / `path-12-text` lines the output shows whole (trimmed lines are in the
 * stash). */
function keptFlatLines(output: string): string[] {
  const kept: string[] = [];
  for (const s of sections(output)) {
    for (const l of s.lines) {
      const m = /^(\d+)([:-]) (.*)$/.exec(l);
      assert.ok(m, `unexpected line in section ${s.path}: ${l}`);
      if (m[3].startsWith('…') || m[3].endsWith('…')) continue;
      kept.push(`${s.path}${m[2]}${m[1]}${m[2]}${m[3]}`);
    }
  }
  return kept;
}

const stashedLines = (output: string, stash: Map<string, string>): string[] =>
  redeemed(output, stash)
    .flatMap((c) => c.split('\n'))
    .filter((l) => l !== '');

test('rg -n over node_modules: totals line, per-file and file caps, best files first', () => {
  const text = fixture('rg-setPrototypeOf.txt');
  const { ctx } = stashCtx();
  const out = compressSearch(text, ctx);
  assert.ok(out);
  const lines = nonBlank(text);
  const files = new Set(lines.map((l) => l.slice(0, l.search(/:\d+:/))));
  const shownMatches = out.split('\n').filter((l) => /^\d+: /.test(l)).length;
  assert.equal(out.split('\n')[0], `${lines.length} matches in ${files.size} files; showing ${shownMatches}`);
  const secs = sections(out);
  assert.ok(secs.length <= MAX_FILES && secs.length > 0);
  assert.ok(shownMatches <= MATCH_BUDGET + PER_FILE * 2, `${shownMatches} shown`);
  for (const s of secs) {
    const inFile = lines.filter((l) => l.startsWith(s.path + ':')).length;
    // more than the cap only when the rest was too small to be worth a marker (then the whole file is shown)
    if (s.lines.length > PER_FILE) assert.equal(s.lines.length, inFile, s.path);
    if (s.lines.length < inFile) assert.equal(s.markers.length, 1, `${s.path} has a marker for its dropped lines`);
  }
  // the files left out are named with their match counts
  const dropped = /\[… \d+ matches omitted: in (\d+) more files: (.*) · retrieve hr_[0-9a-f]{16}\]$/.exec(out);
  assert.ok(dropped, 'dropped-files marker');
  assert.match(dropped[2], /^\S+ \(\d+\)(?:, \S+ \(\d+\))*(?: \(\+\d+ more\))?$/);
  assert.ok(out.length < text.length / 4);
});

test('exact round trip: lines shown whole plus stashed lines are exactly the original lines', () => {
  for (const name of [
    'rg-setPrototypeOf.txt',
    'rg-context-deprecate.txt',
    'grep-createServer.txt',
    'git-grep-next.txt',
    'rg-isArray-large.txt',
  ]) {
    for (const query of ['', 'where is deprecate.property defined', 'createServer in http2']) {
      const text = fixture(name);
      const { ctx, stash } = stashCtx(query);
      const out = compressSearch(text, ctx);
      assert.ok(out, name);
      const stashed = stashedLines(out, stash);
      assert.deepEqual(noCr([...keptFlatLines(out), ...stashed]), noCr(nonBlank(text)), `${name} / ${query}`);
      for (const l of stashed) assert.ok(text.includes(l + '\n'), 'stashed lines are exact original lines');
    }
  }
});

test('heading mode (rg --heading): sections per file, exact round trip including the dropped files', () => {
  const text = fixture('rg-heading-normalize.txt');
  const { ctx, stash } = stashCtx('normalize');
  const out = compressSearch(text, ctx);
  assert.ok(out);
  const kept: string[] = [];
  for (const s of sections(out)) {
    kept.push(s.path);
    for (const l of s.lines) {
      const m = /^(\d+)([:-]) (.*)$/.exec(l)!;
      if (!m[3].startsWith('…') && !m[3].endsWith('…')) kept.push(`${m[1]}${m[2]}${m[3]}`);
    }
  }
  const stashed = stashedLines(out, stash);
  assert.deepEqual(noCr([...kept, ...stashed]), noCr(nonBlank(text)));
  assert.ok(
    stashed.some((l) => l.endsWith('\r')),
    'CRLF source lines are stashed with their \r',
  );
  for (const l of stashed) assert.ok(text.includes(l + '\n'));
  const bodies = nonBlank(text).filter((l) => /^\d+:/.test(l)).length;
  assert.match(out.split('\n')[0], new RegExp(`^${bodies} matches in \\d+ files; showing \\d+$`));
});

test('definitions of the queried symbol are kept and shown before its uses', () => {
  const text = fixture('grep-createServer.txt');
  const { ctx } = stashCtx('where is createServer defined');
  const out = compressSearch(text, ctx)!;
  const defs = nonBlank(text).filter((l) => /function createServer\b/.test(l));
  assert.ok(defs.length >= 10);
  for (const d of defs) {
    const m = /^(.*?):(\d+):(.*)$/.exec(d)!;
    const sec = sections(out).find((s) => s.path === m[1]);
    assert.ok(sec, `section for ${m[1]}`);
    const at = sec.lines.indexOf(`${m[2]}: ${m[3]}`);
    assert.ok(at !== -1, `definition kept: ${d}`);
    const firstUse = sec.lines.findIndex((l) => !/function createServer\b/.test(l));
    assert.ok(firstUse === -1 || at < firstUse, `definition before uses in ${m[1]}`);
  }
  // files holding a definition come before files that only use it
  const secs = sections(out);
  const lastDefFile = secs.map((s) => s.lines.some((l) => /function createServer\b/.test(l))).lastIndexOf(true);
  assert.ok(secs.slice(0, lastDefFile + 1).every((s) => s.lines.some((l) => /function createServer\b/.test(l))));
});

test('rg --json: compact rendering, definitions first, every result shown or stashed as its exact record', () => {
  const text = fixture('rg-json-deprecate.ndjson');
  const { ctx, stash } = stashCtx('where is deprecate defined');
  const out = compressSearch(text, ctx)!;
  assert.ok(out.length < text.length / 4);
  assert.ok(!out.includes('"type":"match"'), 'records are rendered, not copied');
  const summary = JSON.parse(nonBlank(text).at(-1)!) as { data: { stats: { matched_lines: number } } };
  assert.match(
    out.split('\n')[0],
    new RegExp(`^${summary.data.stats.matched_lines} matches in 13 files; showing \\d+$`),
  );
  const stashed = new Set(stashedLines(out, stash));
  const secs = sections(out);
  for (const raw of nonBlank(text)) {
    const rec = JSON.parse(raw) as {
      type: string;
      data: { path: { text: string }; line_number: number; lines: { text: string } };
    };
    if (rec.type !== 'match') continue;
    const sec = secs.find((s) => s.path === rec.data.path.text);
    const shown = sec?.lines.some((l) => l.startsWith(`${rec.data.line_number}: `));
    assert.ok(shown || stashed.has(raw), `record for ${rec.data.path.text}:${rec.data.line_number} kept`);
    if (/function deprecate\b/.test(rec.data.lines.text)) {
      assert.ok(shown, 'definition shown');
      assert.match(sec!.lines[0], /function deprecate\b/);
    }
  }
  for (const s of stashed) assert.ok(text.includes(s + '\n'), 'stashed lines are original records');
});

test('a symbol the query names keeps every line naming it, past the caps', () => {
  const text = fixture('rg-context-deprecate.txt');
  const { ctx } = stashCtx('what does deprecate.property do');
  const out = compressSearch(text, ctx)!;
  const naming = nonBlank(text).filter((l) => /:\d+:.*deprecate\.property/.test(l));
  assert.ok(naming.length >= 5);
  for (const l of naming) {
    const m = /^(.*?):(\d+):(.*)$/.exec(l)!;
    assert.ok(out.includes(`${m[1]}\n`) && out.includes(`\n${m[2]}: ${m[3]}`), `kept: ${l}`);
  }
});

test('a file the query names is shown whole', () => {
  const text = fixture('grep-no-n-isArray.txt');
  const { ctx } = stashCtx('how does node_modules/qs/lib/stringify.js use isArray');
  const out = compressSearch(text, ctx)!;
  const inFile = nonBlank(text).filter((l) => l.startsWith('node_modules/qs/lib/stringify.js:'));
  assert.ok(inFile.length > PER_FILE);
  const sec = sections(out).find((s) => s.path === 'node_modules/qs/lib/stringify.js')!;
  assert.equal(sec.lines.length, inFile.length);
  assert.equal(sec.markers.length, 0);
  assert.equal(sections(out)[0].path, 'node_modules/qs/lib/stringify.js');
});

test('grep without -n: path once, lines indented, long minified lines trimmed around the match', () => {
  const text = fixture('grep-no-n-isArray.txt');
  const { ctx, stash } = stashCtx();
  const out = compressSearch(text, ctx)!;
  const long = nonBlank(text).filter((l) => l.length > 1000);
  assert.ok(long.length > 0);
  for (const s of sections(out))
    for (const l of s.lines) {
      assert.ok(l.startsWith('  '), l);
      assert.ok(l.length <= 2 + 202, `trimmed: ${l.length}`);
      assert.match(l, /isArray/, 'the matched part survives trimming');
    }
  const stashed = new Set(stashedLines(out, stash));
  for (const l of long) assert.ok(stashed.has(l), 'full long line retrievable');
});
