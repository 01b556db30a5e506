import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
// @ts-expect-error: a plain .mjs script without declarations (it runs before anything is built)
import { checkImports } from '../../scripts/check-imports.mjs';

type Check = (root: string) => { files: number; problems: string[] };
const check = checkImports as Check;

function tree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'hr-imports-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

test('a clean tree has no findings: downward, same-layer and type-only protocol imports are fine', () => {
  const root = tree({
    'core/util/hash.ts': 'export const h = 1;\n',
    'core/compress.ts': "import { h } from './util/hash.js';\nexport const c = h;\n",
    'core/messages/m.ts': "import { c } from '../compress.js';\nexport const m = c;\n",
    'extension/protocol.ts': 'export type Msg = { kind: string };\n',
    'webview/main.ts': "import type { Msg } from '../extension/protocol.js';\nexport const x: Msg = { kind: 'a' };\n",
  });
  try {
    assert.deepEqual(check(root), { files: 5, problems: [] });
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('a cycle held only by a type import is found, with both links named', () => {
  const root = tree({
    'core/proxy/a.ts': "import type { B } from './b.js';\nexport type A = { b?: B };\n",
    'core/proxy/b.ts': "import type { A } from './a.js';\nexport type B = { a?: A };\n",
  });
  try {
    const { problems } = check(root);
    assert.equal(problems.length, 1);
    assert.match(
      problems[0],
      /^import cycle among 2 files: core\/proxy\/a\.ts → core\/proxy\/b\.ts, core\/proxy\/b\.ts → core\/proxy\/a\.ts/,
    );
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('an upward import inside core/ names the file, the line and both areas', () => {
  const root = tree({
    'core/cli/read.ts': 'export const read = 1;\n',
    'core/mcp/tool.ts': "// the tool\nimport { read } from '../cli/read.js';\nexport const t = read;\n",
  });
  try {
    assert.deepEqual(check(root).problems, [
      'upward import: core/mcp/tool.ts:2 imports core/cli/read.ts (core/cli sits above core/mcp); ' +
        'move the shared piece down, or have the caller pass it in',
    ]);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('a re-export and a dynamic import count as imports too', () => {
  const root = tree({
    'core/messages/m.ts': 'export const m = 1;\n',
    'core/prose-model/index.ts':
      "export { m } from '../messages/m.js';\nexport const load = () => import('../messages/m.js');\n",
  });
  try {
    const { problems } = check(root);
    assert.equal(problems.length, 2);
    assert.ok(problems.every((p) => p.startsWith('upward import: core/prose-model/index.ts:')));
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('webview/ may take only types from extension/protocol.ts', () => {
  const root = tree({
    'extension/protocol.ts': 'export type Msg = { kind: string };\nexport const isMsg = (v: unknown) => !!v;\n',
    'extension/config.ts': 'export const k = 1;\n',
    'webview/a.ts': "import { isMsg } from '../extension/protocol.js';\nexport const a = isMsg;\n",
    'webview/b.ts': "import { k } from '../extension/config.js';\nexport const b = k;\n",
    'webview/c.ts': "import { type Msg } from '../extension/protocol.js';\nexport type C = Msg;\n",
  });
  try {
    const { problems } = check(root);
    assert.deepEqual(problems.map((p) => p.split(';')[0]).sort(), [
      'webview import: webview/a.ts:1 imports extension/protocol.ts',
      'webview import: webview/b.ts:1 imports extension/config.ts',
    ]);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('a new folder under core/ without a layer is reported rather than let through', () => {
  const root = tree({
    'core/util/hash.ts': 'export const h = 1;\n',
    'core/shiny/x.ts': "import { h } from '../util/hash.js';\nexport const x = h;\n",
  });
  try {
    const { problems } = check(root);
    assert.equal(problems.length, 1);
    assert.match(problems[0], /^core\/shiny has no layer: add it to LAYERS in scripts\/check-imports\.mjs/);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
