// Fails when a source line is longer than 120 characters (code points, not bytes: `…` and `→` count as one).
// biome's formatter wraps code at 120 but cannot break strings, regexes or comments; this catches those.
// Usage: node scripts/check-line-length.mjs [--max N]   (run by `npm run lint`)
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

const i = process.argv.indexOf('--max');
const MAX = i > 0 ? Number(process.argv[i + 1]) : 120;
const ROOTS = ['core/', 'extension/', 'webview/', 'test/', 'bench/', 'scripts/'];
const SKIP = [/\/fixtures\//, /^bench\/corpus\//, /\/node_modules\//];

const files = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', ...ROOTS], {
  encoding: 'utf8',
})
  .split('\n')
  .filter((f) => /\.(ts|mts|mjs|js|css)$/.test(f) && !SKIP.some((re) => re.test(f)));

const long = [];
for (const file of files) {
  let text;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    continue; // deleted in the work tree
  }
  text.split('\n').forEach((line, n) => {
    const chars = [...line].length;
    if (chars > MAX) long.push(`${file}:${n + 1}: ${chars} characters (max ${MAX})`);
  });
}
for (const l of long) console.log(l);
console.log(
  long.length
    ? `check-line-length: ${long.length} line(s) over ${MAX} characters: re-wrap the comment or split the string`
    : `check-line-length: ${files.length} files, no line over ${MAX} characters`,
);
process.exit(long.length ? 1 : 0);
