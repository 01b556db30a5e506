import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');

test('the package entry (`require("headroom-vscode")`) is the built library with its type declarations', () => {
  assert.ok(existsSync(join(root, 'dist', 'lib.js')), 'npm run build made dist/lib.js');
  assert.ok(existsSync(join(root, 'dist', 'types', 'core', 'index.d.ts')), 'npm run build made the declarations');
  // a separate plain-node process resolves the package by name through package.json "exports", as a user's app would
  const script =
    `
    const lib = require('headroom-vscode');
    const rows = Array.from({ length: 300 }, (_, i) =>` +
    ` JSON.stringify({ id: i, status: i === 77 ? 'failed' : 'ok', ms: 10 + (i % 7) })).join('\\n');
    const r = lib.compress(rows, { query: 'which failed' });
    process.stdout.write(JSON.stringify({` +
    ` fns: ['compress', 'compressMessages', 'headroomFetch', 'headroomExpress'].map((k) => typeof lib[k]),` +
    ` kind: r.kind, shorter: r.output.length < rows.length, kept: r.output.includes('failed') }));`;
  const r = spawnSync(process.execPath, ['-e', script], { cwd: root, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  assert.deepEqual(JSON.parse(r.stdout), {
    fns: ['function', 'function', 'function', 'function'],
    kind: 'json',
    shorter: true,
    kept: true,
  });
});
