import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = join(__dirname, '..', '..');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? files(p) : n.endsWith('.ts') ? [p] : [];
  });
}

/** Value imports (not `import type`) of a file, as written. */
function valueImports(src: string): string[] {
  return [
    ...src.matchAll(/^import\s+(?!type\b)[^'"]*?from\s*['"]([^'"]+)['"]/gm),
    ...src.matchAll(/import\(\s*['"]([^'"]+)['"]\s*\)/g),
  ].map((m) => m[1]);
}

const ours = files(join(root, 'extension')).filter((f) => !relative(root, f).startsWith('extension/agents/'));

test("only extension/proxy-host.ts touches core's proxy and store", () => {
  const offenders = ours.filter(
    (f) =>
      !f.endsWith('proxy-host.ts') &&
      valueImports(readFileSync(f, 'utf8')).some((s) => /core\/(proxy|ccr\/store)\b/.test(s)),
  );
  assert.deepEqual(
    offenders.map((f) => relative(root, f)),
    [],
  );
});

test('the pure modules (tested under Node) do not import vscode at run time', () => {
  const pure = [
    'config.ts',
    'protocol.ts',
    'status-text.ts',
    'proxy-service.ts',
    'proxy-host.ts',
    'port.ts',
    'panel/panel-data.ts',
    'panel/html.ts',
    'configure-agents/setting-change.ts',
  ];
  for (const p of pure)
    assert.ok(!valueImports(readFileSync(join(root, 'extension', p), 'utf8')).includes('vscode'), p);
});

test('the webview takes only types from the extension side, and only from protocol.ts', () => {
  for (const f of files(join(root, 'webview'))) {
    const src = readFileSync(f, 'utf8');
    const fromExtension = [...src.matchAll(/^import\s+(type\s+)?[^'"]*?from\s*['"]([^'"]*extension\/[^'"]+)['"]/gm)];
    for (const m of fromExtension) {
      assert.ok(m[1], `${relative(root, f)} imports values from ${m[2]}`);
      assert.match(m[2], /extension\/protocol\.js$/, relative(root, f));
    }
    assert.ok(
      !valueImports(src).some((s) => s.startsWith('../core') || s.includes('/core/')),
      `${relative(root, f)} imports core`,
    );
  }
});
