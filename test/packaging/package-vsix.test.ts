import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { listZip, readZipEntry } from '../../scripts/vsix/read-zip.js';

const root = join(__dirname, '..', '..');
const built = existsSync(join(root, 'dist', 'extension.js'));

// Runs the real packaging (vsce on a staged folder) for the universal VSIX, the one every platform without its own
// can install. npm test builds dist/ first; run on its own, it needs `npm run build`.
test('npm run package: the universal VSIX holds the bundle, the Marketplace README and no native files', {
  skip: !built && 'dist/ is not built (npm run build)',
}, () => {
  const out = mkdtempSync(join(tmpdir(), 'headroom-package-'));
  try {
    const r = spawnSync(
      process.execPath,
      ['--import', 'tsx', 'scripts/package-vsix.ts', 'universal', '--out-dir', out],
      { cwd: root, encoding: 'utf8' },
    );
    assert.equal(r.status, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /headroom-vscode-[\d.]+-universal\.vsix {2}universal {2}[\d.]+ MB {2}\d+ files/);
    assert.match(r.stdout, /native files: none/);
    assert.doesNotMatch(r.stdout, /PROBLEM/);
    const buf = readFileSync(
      join(
        out,
        `headroom-vscode-${JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version}-universal.vsix`,
      ),
    );
    const entries = listZip(buf);
    const names = new Set(entries.map((e) => e.name));
    for (const f of [
      'extension/dist/extension.js',
      'extension/dist/sql-wasm.wasm',
      'extension/dist/syntaxes/languages.json',
      'extension/readme.md',
      'extension/media/screenshots/panel-side-by-side.png',
    ])
      assert.ok(names.has(f), f);
    assert.ok(![...names].some((n) => n.includes('onnxruntime') || n.endsWith('.map')));
    const readme = readZipEntry(buf, entries.find((e) => e.name === 'extension/readme.md')!).toString('utf8');
    // the Marketplace README, its links to ../media/ (beside it in the repository) made relative to the VSIX root
    assert.equal(
      readme,
      readFileSync(join(root, 'marketplace', 'README.md'), 'utf8').replaceAll('](../media/', '](media/'),
    );
    const images = [...readme.matchAll(/!\[[^\]]*\]\(([^)\s]+)/g)].map((m) => m[1]);
    assert.ok(images.length >= 2);
    for (const i of images) assert.ok(names.has(`extension/${i}`), i);
    const manifest = JSON.parse(
      readZipEntry(buf, entries.find((e) => e.name === 'extension/package.json')!).toString('utf8'),
    );
    for (const k of ['types', 'exports', 'bin', 'files', 'scripts', 'dependencies', 'devDependencies'])
      assert.equal(manifest[k], undefined, k);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});

test('npm run package --base-url: the packaged README links its images absolutely, to files the repository has', {
  skip: !built && 'dist/ is not built (npm run build)',
}, () => {
  const out = mkdtempSync(join(tmpdir(), 'headroom-package-'));
  const base = 'https://raw.example.test/headroom/0123abc/';
  try {
    const r = spawnSync(
      process.execPath,
      ['--import', 'tsx', 'scripts/package-vsix.ts', 'universal', '--out-dir', out, '--base-url', base],
      { cwd: root, encoding: 'utf8' },
    );
    assert.equal(r.status, 0, r.stdout + r.stderr);
    const buf = readFileSync(
      join(
        out,
        `headroom-vscode-${JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version}-universal.vsix`,
      ),
    );
    const entries = listZip(buf);
    const readme = readZipEntry(buf, entries.find((e) => e.name === 'extension/readme.md')!).toString('utf8');
    const images = [...readme.matchAll(/!\[[^\]]*\]\(([^)\s]+)/g)].map((m) => m[1]);
    assert.ok(images.length >= 2);
    for (const i of images) {
      assert.ok(i.startsWith(base), i);
      assert.ok(existsSync(join(root, i.slice(base.length))), i);
    }
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});
