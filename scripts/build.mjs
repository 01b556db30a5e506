// Bundles the CLI (and, when present, the extension) with esbuild, and copies the wasm assets the bundle loads
// at run time next to it (see ../shared/PLATFORM.md: sql.js and web-tree-sitter locate their wasm beside the bundle).
import { build } from 'esbuild';
import { copyFileSync, existsSync, mkdirSync, chmodSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const root = dirname(dirname(new URL(import.meta.url).pathname));
const dist = join(root, 'dist');
mkdirSync(dist, { recursive: true });

const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: true,
  external: ['vscode', 'onnxruntime-node'],
  // jsonc-parser's default (UMD) entry requires its own files dynamically and breaks when bundled; its ESM build is fine
  alias: { 'jsonc-parser': require.resolve('jsonc-parser').replace(/umd[\\/]main\.js$/, 'esm/main.js') },
  logLevel: 'warning',
};

const entries = [
  { in: 'core/cli.ts', out: 'cli.js', banner: '#!/usr/bin/env node' },
  { in: 'extension/extension.ts', out: 'extension.js' },
];
for (const e of entries) {
  if (!existsSync(join(root, e.in))) continue;
  await build({
    ...common,
    entryPoints: [join(root, e.in)],
    outfile: join(dist, e.out),
    banner: e.banner ? { js: e.banner } : undefined,
  });
}
if (existsSync(join(dist, 'cli.js'))) chmodSync(join(dist, 'cli.js'), 0o755);

copyFileSync(require.resolve('sql.js/dist/sql-wasm.wasm'), join(dist, 'sql-wasm.wasm'));
