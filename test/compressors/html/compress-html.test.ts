import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compressHtml } from '../../../core/compressors/html/index.js';
import { htmlToText } from '../../../core/compressors/html/extract.js';
import { countTokens } from '../../../core/util/tokens.js';
import { expandMarkers, fixture, MARKER_RE, recordingContext, type RecordingContext } from '../text/harness.js';

// Real pages shipped on this machine: Node's API docs (/usr/share/doc/nodejs/api/os.html), Debian's base-passwd
// "Users and Groups" (DocBook HTML) and libffi's texinfo manual page "The Basics".

/** The last line is the one markup marker, and its id returns the exact page. */
function assertMarkupMarker(html: string, out: string, ctx: RecordingContext): void {
  const lines = out.trimEnd().split('\n');
  const last = lines[lines.length - 1];
  const m = [...last.matchAll(MARKER_RE)];
  assert.equal(m.length, 1, `marker line: ${last}`);
  assert.equal(m[0][2], 'characters of markup');
  assert.equal(ctx.stashed.get(m[0][3]), html);
  assert.equal(out.match(/characters of markup omitted/g)?.length, 1);
}

test('Node API page: readable text, no chrome or scripts, the answer kept, the page retrievable', () => {
  const html = fixture('html', 'node-api-os.html');
  const ctx = recordingContext('What does os.availableParallelism() return?');
  const out = compressHtml(html, ctx)!;
  assert.ok(out !== null);
  for (const fact of [
    'OS | Node.js v20.20.2 Documentation',
    '### `os.availableParallelism()`',
    'Returns an estimate of the default amount of parallelism a program should use.',
    'Always returns a value greater than zero.',
    '## OS',
  ])
    assert.ok(out.includes(fact), fact);
  assert.doesNotMatch(out, /<(?:div|span|a|script|pre|code)\b/);
  assert.ok(!out.includes('localStorage'), 'inline script left out');
  assert.ok(!out.includes('Assertion testing'), 'sidebar navigation left out');
  assertMarkupMarker(html, out, ctx);
  // prose markers redeem to the extracted text they replaced
  const body = out.slice(0, out.lastIndexOf('\n\n['));
  assert.equal(expandMarkers(body, ctx.stashed), htmlToText(html));
  assert.ok(countTokens(out) < countTokens(html) * 0.2, `${countTokens(out)} of ${countTokens(html)}`);
});

test('Node API page extraction: <pre> verbatim in fences, headings, links once, anchors and permalinks dropped', () => {
  const text = htmlToText(fixture('html', 'node-api-os.html'));
  assert.ok(
    text.includes("```\n[\n  {\n    model: 'Intel(R) Core(TM) i7 CPU         860  @ 2.80GHz',\n    speed: 2926,"),
  );
  assert.ok(text.includes('\n### `os.cpus()`\n'));
  assert.ok(
    !/#\n/.test(
      text
        .split('\n')
        .filter((l) => l.startsWith('#'))
        .join('\n'),
    ),
    'no "#" permalink after headings',
  );
  assert.equal(text.match(/\(process\.html#processarch\)/g)?.length, 1, 'a URL is printed once');
  assert.ok(!text.includes('(#'), 'in-page anchors are not printed');
});

test('Debian DocBook page: definition terms stay with their meaning; entities decode', () => {
  const html = fixture('html', 'debian-users-and-groups.html');
  const ctx = recordingContext('Which group owns the serial ports?');
  const out = compressHtml(html, ctx)!;
  assert.ok(out.includes('dialout\n\nFull and direct access to serial ports.'));
  assert.ok(out.includes('Copyright © 2001, 2002 Joey Hess'));
  assert.ok(out.includes('# Users and Groups in the Debian System'));
  assertMarkupMarker(html, out, ctx);
  assert.ok(countTokens(out) < countTokens(html) * 0.4);
});

test('libffi texinfo page: the answer survives, ¶ marks and &nbsp; go', () => {
  const html = fixture('html', 'libffi-the-basics.html');
  const ctx = recordingContext('What does ffi_prep_cif return?');
  const out = compressHtml(html, ctx)!;
  assert.ok(out.includes('`ffi_prep_cif` returns a `libffi` status code, of type `ffi_status`.'));
  assert.ok(out.includes('### 2.1 The Basics\n'));
  assert.ok(!out.includes('¶') && !out.includes('&nbsp;') && !out.includes('\u00a0'));
  assertMarkupMarker(html, out, ctx);
});

test('extraction rules on a small page', () => {
  const html = `<!DOCTYPE html><html><head><title>Guide &amp; Notes</title><style>p{color:red}</style>
<script>var secret = "<p>not text</p>";</script></head><body>
<nav><a href="/">Home</a> <a href="/docs">Docs</a></nav>
<main><h1>Install</h1><!-- a comment --><p>Run   the\n installer,
then <a href="https://example.com/dl">download it</a> or <a href="https://example.com/dl">again</a>.
<a href="javascript:void(0)">Click</a> <a href="#top">top</a> &lt;ok&gt; &#39;q&#39; &#x1F600; caf&eacute;&nbsp;bar</p>
<ul><li>one<ul><li>nested</li></ul></li><li>two</ul>
<table><tr><th>Name</th><th>Size</th></tr><tr><td>a.txt</td><td>12 KB</td></tr></table>
<pre>  indented
    more  spaces &amp; all</pre>
<p>Use <code>npm  ci</code> here.</p><svg><text>drawn</text></svg><noscript>enable js</noscript>
<h3>Next</h3><p hidden>invisible</p></main>
<footer>© footer text</footer></body></html>`;
  const text = htmlToText(html);
  assert.equal(
    text,
    [
      'Guide & Notes',
      '',
      '# Install',
      '',
      "Run the installer, then download it (https://example.com/dl) or again. Click top <ok> 'q' 😀 café bar",
      '',
      '- one',
      '  - nested',
      '- two',
      '',
      'Name | Size',
      'a.txt | 12 KB',
      '',
      '```',
      '  indented',
      '    more  spaces & all',
      '```',
      '',
      'Use `npm ci` here.',
      '',
      '### Next',
    ].join('\n'),
  );
});

test('without a main region, nav and footer text is kept (it may be all the page has)', () => {
  const text = htmlToText('<body><nav>Section A</nav><p>Body</p><footer>Contact: ops@example.com</footer></body>');
  assert.ok(text.includes('Section A') && text.includes('Contact: ops@example.com'));
});

test('deterministic, and short or tag-free input is not worth a marker', () => {
  const html = fixture('html', 'libffi-the-basics.html');
  assert.equal(compressHtml(html, recordingContext('ffi_call')), compressHtml(html, recordingContext('ffi_call')));
  assert.equal(compressHtml('just text, no tags at all', recordingContext()), null);
  assert.equal(compressHtml('', recordingContext()), null);
});

test('garbage never throws and stays linear', () => {
  const big = 5 * 1024 * 1024;
  const mid = 1024 * 1024;
  const odd = [
    '<<<<'.repeat(2000),
    '<div><p>unclosed <b>tags <i>everywhere',
    '<a href="unclosed quote>text</a>'.repeat(2000),
    '<!-- never closed ' + 'x'.repeat(100000),
    '<script>' + 'for(;;){}'.repeat(10000),
    '<a'.repeat(big / 2),
    '<a href="x'.repeat(mid / 10),
    '<'.repeat(big),
    '&'.repeat(mid),
    '&#x'.repeat(mid / 3),
    '<p>' + 'word '.repeat(big / 5) + '</p>',
    '</div>'.repeat(mid / 6),
    '<div>'.repeat(200000) + '</span>'.repeat(200000),
    '<ul>' + '<li>item'.repeat(100000),
    '<table>' + '<tr><td>a<td>b'.repeat(50000),
    '<pre>' + '\n'.repeat(100000),
    '<svg/><p>after</p>',
  ];
  for (const html of odd) {
    const ctx = recordingContext('word');
    const out = compressHtml(html, ctx);
    if (out !== null) assert.ok(out.length < html.length);
  }
});
