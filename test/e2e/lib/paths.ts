// Where things are, the same whether a file runs through tsx from test/e2e/ or compiled into test/e2e/out/.
import fs from 'node:fs';
import path from 'node:path';

/** The repository root: the first folder above this file that holds test/e2e/package.json. */
function findRepo(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'test', 'e2e', 'package.json'))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`no repository above ${from} (test/e2e/package.json not found)`);
  }
}

export const REPO = findRepo(__dirname);
export const E2E = path.join(REPO, 'test', 'e2e');
export const SHOTS = path.join(E2E, 'screenshots');
/** A fixture under test/fixtures/, as text. */
export const fixture = (p: string): string => fs.readFileSync(path.join(REPO, 'test', 'fixtures', p), 'utf8');
