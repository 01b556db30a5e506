import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileFromCommand } from '../../core/providers/shared/shell-file.js';
import { findUnits } from '../../core/messages/units.js';
import { compress } from '../../core/compress.js';

test('the file a shell read prints: cat, sed -n range, head -n, nl, inside bash -lc and after cd', () => {
  const cases: Array<[unknown, string | undefined]> = [
    ['cat src/textwrap.py', 'src/textwrap.py'],
    ["sed -n '1,200p' lib/parser.rb", 'lib/parser.rb'],
    ['head -n 80 crates/json/src/lib.rs', 'crates/json/src/lib.rs'],
    ['tail -c 4000 app.log', 'app.log'],
    ['nl -ba main.go', 'main.go'],
    ['cat "dir with space/Decoder.php"', 'dir with space/Decoder.php'],
    ['cd /repo && cat Makefile', 'Makefile'],
    ['cat x.py 2>&1', 'x.py'],
    [['bash', '-lc', "sed -n '40,120p' src/compress.ts"], 'src/compress.ts'],
    [['cat', 'README.md'], 'README.md'],
    // not one file printed as is
    ['cat a.py b.py', undefined],
    ['cat x.py | grep def', undefined],
    ['grep -n def x.py', undefined],
    ['cat x.py > y.py', undefined],
    ['cat $(ls *.py)', undefined],
    ['cat notes', undefined],
    [42, undefined],
  ];
  for (const [cmd, want] of cases) assert.equal(fileFromCommand(cmd), want, JSON.stringify(cmd));
});

test("a Python file read through Codex's shell is routed as code, not prose", () => {
  const py = readFileSync(join(__dirname, '..', 'fixtures', 'code', 'textwrap.py'), 'utf8');
  const body = {
    model: 'gpt-5-codex',
    input: [
      { type: 'message', role: 'user', content: [{ type: 'input_text', text: 'How does shorten() truncate?' }] },
      {
        type: 'function_call',
        call_id: 'c1',
        name: 'shell',
        arguments: JSON.stringify({ command: ['bash', '-lc', "sed -n '1,500p' Lib/textwrap.py"] }),
      },
      { type: 'function_call_output', call_id: 'c1', output: py },
    ],
  };
  const [unit] = findUnits(body, 'openai-responses');
  assert.equal(unit.fileName, 'Lib/textwrap.py');
  assert.equal(compress(py, { fileName: unit.fileName, query: 'How does shorten() truncate?' }).kind, 'code');
});
