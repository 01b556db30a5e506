// Runs every test/**/*.test.ts under node's built-in runner (TypeScript through tsx), one process per file.
// Node 20's --test does not expand globs itself, so the files are listed here. --test-force-exit: a file whose tests
// all finished must not hang CI on a stray handle (leaks that matter are asserted by the tests themselves).
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { spawnSync } from 'node:child_process';

const root = new URL('..', import.meta.url).pathname;
const only = process.argv.slice(2);
function walk(dir, out) {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (name === 'node_modules' || name === 'fixtures' || name === 'e2e') continue;
    if (statSync(p).isDirectory()) walk(p, out);
    else if (name.endsWith('.test.ts')) out.push(p);
  }
  return out;
}
let files = walk(join(root, 'test'), []).sort();
if (only.length) files = files.filter((f) => only.some((o) => f.includes(o)));
const r = spawnSync(
  process.execPath,
  [
    '--import',
    'tsx',
    '--test',
    '--test-reporter=spec',
    '--test-force-exit',
    '--test-timeout=300000',
    ...files.map((f) => relative(root, f)),
  ],
  {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, HEADROOM_LOG_LEVEL: process.env.HEADROOM_LOG_LEVEL ?? 'error' },
  },
);
process.exit(r.status ?? 1);
