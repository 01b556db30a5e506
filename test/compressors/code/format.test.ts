import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { compressCode } from '../../../core/compressors/code/index.js';
import { formatMarker } from '../../../core/ccr/marker.js';
import { contentId } from '../../../core/util/hash.js';
import { fixture, initAllLanguages, markerLines, restore, stashCtx } from './helpers.js';

before(initAllLanguages);

const lines = (...l: string[]): string => l.join('\n');
const marker = (count: number, what: string, where: string, exact: string): string =>
  formatMarker({ count, unit: 'lines', id: contentId(exact), note: `${what} (${where})` });

test('Python: the marker is a comment inside the body, after the docstring, at the body indentation', () => {
  const body = lines(
    '    total = 0',
    '    for x in xs:',
    '        total += x',
    '    if total < 0:',
    '        raise ValueError("negative")',
    '    return total',
  );
  const text = lines(
    'import os',
    '',
    '',
    'def small(a):',
    '    return a + 1',
    '',
    '',
    'def total(xs):',
    '    """Sum the items."""',
    body,
    '',
  );
  const { ctx } = stashCtx('', 'pkg/util.py');
  assert.equal(
    compressCode(text, ctx),
    lines(
      'import os',
      '',
      '',
      'def small(a):',
      '    return a + 1',
      '',
      '',
      'def total(xs):',
      '    """Sum the items."""',
      `    # ${marker(6, 'body of total', 'pkg/util.py L10–15', body)}`,
      '',
    ),
  );
});

test('braces: the braces stay on their lines and the marker is a // line between them; short bodies stay', () => {
  const body = lines(
    '  const parts = raw.split("\\r\\n");',
    '  const out = new Map<string, string>();',
    '  for (const p of parts) {',
    '    const i = p.indexOf(":");',
    '    out.set(p.slice(0, i).toLowerCase(), p.slice(i + 1).trim());',
    '  }',
    '  return out;',
  );
  const text = lines(
    'export function parseHeaders(raw: string): Map<string, string> {',
    body,
    '}',
    '',
    'export const twice = (n: number): number => {',
    '  return n * 2;',
    '};',
    '',
  );
  const { ctx } = stashCtx('');
  assert.equal(
    compressCode(text, ctx),
    lines(
      'export function parseHeaders(raw: string): Map<string, string> {',
      `  // ${marker(7, 'body of parseHeaders', 'L2–8', body)}`,
      '}',
      '',
      'export const twice = (n: number): number => {',
      '  return n * 2;',
      '};',
      '',
    ),
  );
});

test('a long comment keeps its first line of text and its closing line; the marker continues the comment', () => {
  const text = fixture('StringJoiner.java');
  const { ctx, stash } = stashCtx('', 'StringJoiner.java');
  const out = compressCode(text, ctx)!;
  const header = out.split('\n').slice(0, 4);
  assert.equal(header[0], '/*');
  assert.equal(header[1], ' * Copyright (c) 2013, 2021, Oracle and/or its affiliates. All rights reserved.');
  assert.match(
    header[2],
    /^ \* \[… 21 lines omitted: comment \(StringJoiner\.java L3–23\) · retrieve hr_[0-9a-f]{16}\]$/,
  );
  assert.equal(header[3], ' */');
  assert.equal(restore(out, stash), text);
});

test(`cat -n / Read-tool input: number prefixes stay on kept lines, markers get a blank prefix and the real line \
numbers`, () => {
  const source = fixture('textwrap.py').split('\n').slice(99, 360); // lines 100–360, as a Read with offset shows them
  for (const sep of ['\t', '→']) {
    const text = source.map((l, i) => `${String(i + 100).padStart(6)}${sep}${l}`).join('\n');
    const { ctx, stash } = stashCtx('', '/home/u/cpython/Lib/textwrap.py');
    const out = compressCode(text, ctx);
    assert.ok(out, `compressed (${JSON.stringify(sep)})`);
    assert.equal(restore(out, stash), text);
    const inputLines = new Set(text.split('\n'));
    const markers = markerLines(out);
    assert.ok(markers.length >= 4);
    for (const line of out.split('\n')) {
      if (markers.some((m) => out.split('\n')[m.index] === line)) continue;
      assert.ok(inputLines.has(line), `kept line is an input line: ${line}`);
    }
    for (const m of markers) {
      assert.match(
        m.lead,
        new RegExp(`^ {6}${sep}[ ]*(?:# )?$`),
        'marker line: a blank number column, then the code indentation',
      );
      assert.ok(m.from >= 100 && m.to <= 360);
      const stashed = stash.get(m.id)!.split('\n');
      assert.equal(stashed.length, m.count);
      assert.ok(
        stashed[0].startsWith(`${String(m.from).padStart(6)}${sep}`),
        'stash holds the prefixed lines, numbered from the marker start',
      );
    }
    // the read starts inside `class TextWrapper:`, so the methods are not qualified, but still found
    const wrap = markers.find((m) => m.what === 'body of _wrap_chunks');
    assert.ok(wrap, '_wrap_chunks elided');
    assert.equal(
      markers.find((m) => m.what === 'body of _handle_long_word')?.lead,
      `      ${sep}        # `,
      'at the body indentation, not a docstring continuation',
    );
    assert.deepEqual([wrap.from, wrap.to], [240, 339], 'the range is the file line numbers from the prefixes');
  }
});

test('CRLF files round-trip exactly; the marker line keeps the \\r', () => {
  const text = fixture('persistent-https-proxy.go').replace(/\n/g, '\r\n');
  const { ctx, stash } = stashCtx('', 'proxy.go');
  const out = compressCode(text, ctx)!;
  assert.ok(out);
  assert.equal(restore(out, stash), text);
  for (const m of markerLines(out)) assert.ok(out.split('\n')[m.index].endsWith(']\r'));
});

test('non-ASCII before and inside bodies: offsets stay aligned with lines', () => {
  const body = lines(
    '    s = "héllo wörld 😀 ✓"',
    '    t = s.upper()',
    '    u = t.lower()',
    '    v = u.strip()',
    '    return v + "…"',
  );
  const text = lines(
    '# Grüße, 🌍 — ünïcödé',
    'NAME = "Zoë 😀"',
    '',
    'def f():',
    body,
    '',
    'def g():',
    '    return "😀"',
    '',
  );
  const { ctx, stash } = stashCtx('');
  const out = compressCode(text, ctx)!;
  assert.equal(
    out,
    lines(
      '# Grüße, 🌍 — ünïcödé',
      'NAME = "Zoë 😀"',
      '',
      'def f():',
      `    # ${marker(5, 'body of f', 'L5–9', body)}`,
      '',
      'def g():',
      '    return "😀"',
      '',
    ),
  );
  assert.equal(restore(out, stash), text);
});

test('same input and question → same bytes (and the same ids)', () => {
  const text = fixture('express-application.js');
  const a = compressCode(text, stashCtx('How does app.render find the view?', 'lib/application.js').ctx);
  const b = compressCode(text, stashCtx('How does app.render find the view?', 'lib/application.js').ctx);
  assert.ok(a);
  assert.equal(a, b);
});

test('decorators and annotations stay above their elided bodies', () => {
  const pyBody = lines(
    '    user = db.get(user_id)',
    '    if user is None:',
    '        abort(404)',
    '    audit("read", user)',
    '    return jsonify(user)',
  );
  const py = lines('@app.route("/users/<int:user_id>")', '@login_required', 'def get_user(user_id):', pyBody, '');
  const javaBody = lines(
    '        if (id == null) {',
    '            throw new IllegalArgumentException("id");',
    '        }',
    '        User u = repo.find(id);',
    '        return u;',
  );
  const java = lines(
    'class Users {',
    '    @Override',
    '    @Transactional(readOnly = true)',
    '    public User find(String id) {',
    javaBody,
    '    }',
    '}',
    '',
  );
  assert.equal(
    compressCode(py, stashCtx('', 'app.py').ctx),
    lines(
      '@app.route("/users/<int:user_id>")',
      '@login_required',
      'def get_user(user_id):',
      `    # ${marker(5, 'body of get_user', 'app.py L4–8', pyBody)}`,
      '',
    ),
  );
  assert.equal(
    compressCode(java, stashCtx('', 'Users.java').ctx),
    lines(
      'class Users {',
      '    @Override',
      '    @Transactional(readOnly = true)',
      '    public User find(String id) {',
      `        // ${marker(5, 'body of Users.find', 'Users.java L5–9', javaBody)}`,
      '    }',
      '}',
      '',
    ),
  );
});
