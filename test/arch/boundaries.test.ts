import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { builtinModules } from 'node:module';

const root = join(__dirname, '..', '..');

function sources(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...sources(p));
    else if (/\.(ts|tsx|js|mjs)$/.test(name)) out.push(p);
  }
  return out;
}

function importsOf(file: string): string[] {
  const src = readFileSync(file, 'utf8');
  const specs: string[] = [];
  for (const m of src.matchAll(
    new RegExp(
      /(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]/.source +
        '|' +
        /import\(\s*['"]([^'"]+)['"]\s*\)/.source +
        '|' +
        /require\(\s*['"]([^'"]+)['"]\s*\)/.source,
      'g',
    ),
  ))
    specs.push(m[1] ?? m[2] ?? m[3]);
  return specs;
}

test('core/ never imports vscode', () => {
  const files = sources(join(root, 'core'));
  assert.ok(files.length > 10, 'core/ sources found');
  const offenders = files.filter((f) => importsOf(f).includes('vscode'));
  assert.deepEqual(offenders, []);
});

test('core/ never imports from extension/ or webview/', () => {
  const offenders = sources(join(root, 'core')).filter((f) =>
    importsOf(f).some((s) => /(^|\/)(extension|webview)\//.test(s)),
  );
  assert.deepEqual(offenders, []);
});

test('webview/ imports neither vscode nor Node built-ins', () => {
  const builtins = new Set([...builtinModules, ...builtinModules.map((m) => 'node:' + m)]);
  const offenders = sources(join(root, 'webview')).filter((f) =>
    importsOf(f).some((s) => s === 'vscode' || builtins.has(s)),
  );
  assert.deepEqual(offenders, []);
});

test('the scanner itself sees an import of vscode (guards against a test that cannot fail)', () => {
  const fake = join(root, 'test', 'fixtures', 'arch', 'imports-vscode.ts.txt');
  assert.deepEqual(importsOf(fake), ['vscode', 'node:fs']);
});
