import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compressText, MIN_PROSE_CHARS } from '../../../core/compressors/text/index.js';
import { countTokens } from '../../../core/util/tokens.js';
import { expandMarkers, fixture, MARKER_RE, recordingContext } from './harness.js';

// Real documents: READMEs shipped in node_modules (express, sql.js, typescript) and Debian's /usr/share/doc
// (gcc's README.Bugs, gdb's README). Each case asks a question and names facts the answer needs.
interface Case {
  file: string;
  query: string;
  facts: string[];
}

const CASES: Case[] = [
  {
    file: 'express-readme.md',
    query: 'Which Node.js version is required?',
    facts: [
      'Node.js 18 or higher is required.',
      '**Fast, unopinionated, minimalist web framework for [Node.js](https://nodejs.org).**',
      '## Installation',
      '## Current project team members',
    ],
  },
  {
    file: 'express-readme.md',
    query: 'Who is the original author of Express?',
    facts: [
      'The original author of Express is [TJ Holowaychuk](https://github.com/tj)',
      '### TC (Technical Committee)',
    ],
  },
  {
    file: 'sqljs-readme.md',
    query: 'How do I create a database from a file chosen by the user?',
    facts: [
      '`SQL.Database` constructor takes an array of integer representing a database file as an optional parameter.',
      'db = new SQL.Database(Uints);',
      '*sql.js* is a javascript SQL database.',
      '#### Creating a database from a file chosen by the user',
    ],
  },
  {
    file: 'sqljs-readme.md',
    query: 'Which Node.js version do the Emscripten 6 builds require?',
    facts: [
      'The Emscripten 6 builds require **Node.js 18.3 or newer** when run in Node.js.',
      '# SQLite compiled to JavaScript',
    ],
  },
  {
    file: 'typescript-readme.md',
    query: 'How do I install the nightly build?',
    facts: ['npm install -D typescript@next', '# TypeScript'],
  },
  {
    file: 'gcc-readme-bugs.txt',
    query: 'Where should I report a bug in the packaging of GCC?',
    facts: [
      'Please report bugs found in the packaging of GCC to the Debian bug tracking\nsystem.',
      'See http://www.debian.org/Bugs/ for instructions',
      'make: *** [const] Error 1',
      'Where to report a bug\n---------------------',
    ],
  },
  {
    file: 'gdb-readme.txt',
    query: 'How do I build GDB in a separate empty build directory?',
    facts: [
      'You can build GDB in any empty build directory:',
      'mkdir build',
      'This is GDB, the GNU source-level debugger.',
    ],
  },
];

for (const c of CASES) {
  test(`${c.file}: "${c.query}" keeps the facts, shrinks, and every marker redeems to the exact text it \
replaced`, () => {
    const text = fixture('text', c.file);
    const ctx = recordingContext(c.query);
    const out = compressText(text, ctx);
    assert.ok(out !== null, 'compressed');
    for (const f of c.facts) assert.ok(out.includes(f), `kept: ${f}`);
    // putting each marker's stashed text back rebuilds the document byte for byte
    assert.equal(expandMarkers(out, ctx.stashed), text);
    const markers = [...out.matchAll(MARKER_RE)];
    assert.ok(markers.length > 0);
    // a run of record lines (link definitions, raw HTML) says "lines"; a run of prose says "sentences"
    for (const m of markers) assert.match(m[2], /^(?:sentences?|lines?)$/);
    const ratio = countTokens(out) / countTokens(text);
    // the query's sentences are all kept, so a question touching much of the text keeps more
    assert.ok(ratio < (text.length > 6000 ? 0.8 : 0.9), `token ratio ${ratio.toFixed(2)}`);
  });
}

test('long documents keep roughly half their characters when nothing forces more', () => {
  const text = fixture('text', 'express-readme.md');
  const out = compressText(text, recordingContext())!;
  assert.ok(out.length < text.length * 0.6, `${out.length} of ${text.length}`);
  assert.ok(out.length > text.length * 0.25, `${out.length} of ${text.length}`);
});

test('every heading survives (markdown, setext and plain-text headings)', () => {
  for (const file of ['express-readme.md', 'sqljs-readme.md', 'gcc-readme-bugs.txt']) {
    const text = fixture('text', file);
    const out = compressText(text, recordingContext())!;
    // in plain text a run of `# ` lines is a quoted block, not headings
    const atx = file.endsWith('.md') ? text.split('\n').filter((l) => /^#{1,6} \S/.test(l)) : [];
    assert.ok(atx.length > 0 || file.endsWith('.txt'));
    for (const h of atx) assert.ok(out.includes(h), `${file}: ${h}`);
    const setext = [...text.matchAll(/^([^\n]+)\n(?:=+|-+)$/gm)].map((m) => m[0]);
    for (const h of setext) assert.ok(out.includes(h), `${file}: ${h}`);
  }
});

test('output is deterministic', () => {
  const text = fixture('text', 'gdb-readme.txt');
  const a = compressText(text, recordingContext('configure prefix'));
  const b = compressText(text, recordingContext('configure prefix'));
  assert.equal(a, b);
});

test('short prose is left alone', () => {
  const text = 'A short note. '.repeat(Math.floor((MIN_PROSE_CHARS - 1) / 14));
  assert.ok(text.length < MIN_PROSE_CHARS);
  assert.equal(compressText(text, recordingContext()), null);
});

test('sentences with errors or warnings are never dropped, and whole error lines stay intact', () => {
  const filler = (i: number): string =>
    `Paragraph ${i} describes the configuration of the build in general terms and talks about defaults.\n` +
    `It repeats that the defaults are sensible for most projects and rarely need changing at all.\n\n`;
  let text = '';
  for (let i = 0; i < 30; i++) text += filler(i);
  const warn = 'The legacy cache directory option is deprecated and will be removed.';
  const err = "Error: ENOENT: no such file or directory, open 'dist/out.js' is what a second build prints.";
  text = text
    .replace('Paragraph 7 describes', `${warn} Paragraph 7 describes`)
    .replace('Paragraph 19 describes', `${err} Paragraph 19 describes`);
  const ctx = recordingContext();
  const out = compressText(text, ctx)!;
  assert.ok(out.length < text.length * 0.7);
  assert.ok(out.includes(warn));
  // the error's whole line, including the sentence sharing it, stays (core/guard.ts checks lines)
  const errLine = text.split('\n').find((l) => l.includes('ENOENT'))!;
  assert.ok(out.includes(errLine));
  assert.equal(expandMarkers(out, ctx.stashed), text);
});

test("sentences with the query's distinctive terms are kept; near-duplicates are not kept twice", () => {
  const parts: string[] = ['# Release notes', ''];
  for (let i = 0; i < 40; i++)
    parts.push(`Version 2.${i}.0 fixed a number of small issues in the scheduler and improved stability overall.`, '');
  parts.splice(41, 0, 'The retry budget for webhook deliveries was raised from 3 to 8 attempts in this release.', '');
  const text = parts.join('\n');
  const ctx = recordingContext('What is the webhook retry budget?');
  const out = compressText(text, ctx)!;
  assert.ok(out.includes('The retry budget for webhook deliveries was raised from 3 to 8 attempts'));
  const kept = out.split('\n').filter((l) => l.startsWith('Version 2.')).length;
  assert.ok(kept < 10, `kept ${kept} near-identical release lines`);
  assert.equal(expandMarkers(out, ctx.stashed), text);
});

test('code blocks and list items are kept or dropped whole', () => {
  const text = fixture('text', 'sqljs-readme.md');
  const ctx = recordingContext();
  const out = compressText(text, ctx)!;
  const fences = (s: string): number => (s.match(/^```/gm) ?? []).length;
  assert.equal(fences(out) % 2, 0, 'fences stay balanced');
  for (const content of ctx.stashed.values())
    assert.equal(fences(content) % 2, 0, 'a stashed run holds whole code blocks');
});

test('odd input never throws and stays linear', () => {
  const odd = [
    '',
    ' \n\n \t',
    '<<<<'.repeat(1000),
    '```\nunclosed fence\n'.repeat(200),
    '# '.repeat(5000),
    '| a | b |\n'.repeat(500),
    '. '.repeat(5000),
    'x'.repeat(5 * 1024 * 1024),
    ('word '.repeat(50) + '\n').repeat(2000),
  ];
  for (const text of odd) {
    const ctx = recordingContext('word');
    const out = compressText(text, ctx);
    if (out !== null) {
      assert.ok(out.length < text.length);
      assert.equal(expandMarkers(out, ctx.stashed), text);
    }
  }
});

test('a 1 MB document compresses and redeems exactly (its speed is in npm run bench: limits)', () => {
  let text = '';
  const docs = ['express-readme.md', 'sqljs-readme.md', 'gcc-readme-bugs.txt', 'gdb-readme.txt'].map((f) =>
    fixture('text', f),
  );
  for (let i = 0; text.length < 1024 * 1024; i++) text += docs[i % docs.length].replace(/\d+/g, String(i)) + '\n\n';
  const ctx = recordingContext('build directory');
  const out = compressText(text, ctx)!;
  assert.ok(out.length < text.length);
  assert.equal(expandMarkers(out, ctx.stashed), text);
});

test('a multi-megabyte unit is compressed piece by piece with a bounded number of markers', () => {
  const lines: string[] = [];
  for (let i = 0, size = 0; size < 3.2 * 1024 * 1024; i++) {
    lines.push(
      `Request ${i} from client ${i % 97} was served from region ${['eu', 'us', 'ap'][i % 3]} in ${20 + (i % 50)} ms.`,
    );
    size += lines[i].length + 1;
  }
  const fatal = 'The upstream gateway returned an error for request 31337 and the retry was aborted.';
  lines[31337] = fatal;
  const text = lines.join('\n');
  const ctx = recordingContext();
  const out = compressText(text, ctx)!;
  assert.ok(out.includes(fatal));
  assert.equal(expandMarkers(out, ctx.stashed), text);
  const markers = [...out.matchAll(MARKER_RE)].length;
  assert.ok(markers <= 120 * Math.ceil(text.length / (1024 * 1024)), `${markers} markers`);
  assert.ok(out.length < text.length * 0.3, `${out.length} of ${text.length}`);
});
