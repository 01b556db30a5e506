// Compiles the e2e suite to out/ (git-ignored) with esbuild: one CommonJS bundle per entry point, so the extension
// host's mocha loads plain JS files by path, and the UI scripts and the test host run on plain node.
// `vscode` (the host provides it), mocha and playwright-core (test/e2e/node_modules) stay outside the bundles.
// Usage: node --import tsx test/e2e/build.ts
import { chmodSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';

const here = __dirname;
const out = path.join(here, 'out');
const inDir = (dir: string, re: RegExp) =>
  readdirSync(path.join(here, dir))
    .filter((f) => re.test(f))
    .map((f) => path.join(here, dir, f));

async function main(): Promise<void> {
  rmSync(out, { recursive: true, force: true });
  await build({
    entryPoints: [path.join(here, 'code-server-test-host.ts'), ...inDir('suite', /\.ts$/), ...inDir('ui', /\.ui\.ts$/)],
    outbase: here,
    outdir: out,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    sourcemap: 'inline',
    external: ['vscode', 'mocha', 'playwright-core'],
    logLevel: 'warning',
  });
  // @vscode/test-cli spawns the host as an executable (its hashbang line is kept)
  chmodSync(path.join(out, 'code-server-test-host.js'), 0o755);
  console.log(`e2e: compiled to ${path.relative(process.cwd(), out) || '.'}`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
