// Bundles the CLI (and, when present, the extension) with esbuild, and copies the wasm assets the bundle loads
// at run time next to it (see ../shared/PLATFORM.md: sql.js and web-tree-sitter locate their wasm beside the bundle).
import { build } from 'esbuild';
import { copyFileSync, existsSync, mkdirSync, chmodSync, cpSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { copyGrammars } from './copy-grammars.mjs';

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
  // jsonc-parser's default (UMD) entry requires its own files dynamically and breaks when bundled;
  // its ESM build is fine
  alias: {
    'jsonc-parser': require.resolve('jsonc-parser').replace(/umd[\\/]main\.js$/, 'esm/main.js'),
    // web-tree-sitter's ESM build locates its wasm through import.meta.url, which a CJS bundle does not have
    'web-tree-sitter': join(dirname(require.resolve('web-tree-sitter')), 'web-tree-sitter.cjs'),
  },
  logLevel: 'warning',
};

// The CLI entry holds only the usage text and the dispatch; each command is a bundle of its own (dist/cli-<name>.js),
// loaded when it runs, so `--help` or a small `compress` never parses express, the MCP SDK or the proxy.
const CLI_COMMANDS = ['compress', 'retrieve', 'stats', 'proxy', 'mcp', 'wrap', 'configure', 'learn', 'model'];
const commandsApart = {
  name: 'cli-commands-apart',
  setup(b) {
    b.onResolve({ filter: /^\.\/cli\/[a-z]+-command\.js$/ }, (args) => {
      const name = /\/([a-z]+)-command\.js$/.exec(args.path)[1];
      if (!args.importer.endsWith(join('core', 'cli.ts')) || !CLI_COMMANDS.includes(name)) return undefined;
      return { path: `./cli-${name}.js`, external: true };
    });
  },
};

const entries = [
  { in: 'core/cli.ts', out: 'cli.js', banner: '#!/usr/bin/env node', plugins: [commandsApart] },
  ...CLI_COMMANDS.map((name) => ({ in: `core/cli/${name}-command.ts`, out: `cli-${name}.js` })),
  { in: 'extension/extension.ts', out: 'extension.js' },
  // the prose model runs in a worker thread of its own; onnxruntime-node stays external (native, per platform)
  { in: 'core/prose-model/worker.ts', out: 'prose-worker.js' },
  // the proxy compresses new units and counts tokens in worker threads (core/compress-pool/pool.ts looks for this
  // file beside the bundle that starts them: cli-proxy.js, extension.js, lib.js)
  { in: 'core/compress-pool/worker.ts', out: 'compress-worker.js' },
  // the library (`require('headroom-vscode')`: compress, compressMessages, headroomFetch, …);
  // types from tsconfig.lib.json
  { in: 'core/index.ts', out: 'lib.js' },
];
for (const e of entries) {
  if (!existsSync(join(root, e.in))) continue;
  await build({
    ...common,
    entryPoints: [join(root, e.in)],
    outfile: join(dist, e.out),
    banner: e.banner ? { js: e.banner } : undefined,
    plugins: e.plugins ?? [],
  });
}
if (existsSync(join(dist, 'cli.js'))) chmodSync(join(dist, 'cli.js'), 0o755);

// The panel's browser code: one script and one stylesheet, loaded by the webview from dist/webview/ (its only
// localResourceRoot). No Node built-ins and no vscode in there (test/arch checks the imports).
if (existsSync(join(root, 'webview/main.ts'))) {
  await build({
    entryPoints: [
      { in: join(root, 'webview/main.ts'), out: 'panel' },
      { in: join(root, 'webview/panel.css'), out: 'panel' },
    ],
    outdir: join(dist, 'webview'),
    bundle: true,
    platform: 'browser',
    format: 'iife',
    target: ['chrome120'],
    sourcemap: true,
    logLevel: 'warning',
  });
}

copyFileSync(require.resolve('sql.js/dist/sql-wasm.wasm'), join(dist, 'sql-wasm.wasm'));
// model manifests and the small default prose model: callers pass `modelsDir: <dist>/models`
cpSync(join(root, 'models'), join(dist, 'models'), { recursive: true });

// tree-sitter runtime + grammars + queries: the code compressor gets `grammarsDir: <dist>/syntaxes` from its callers
copyGrammars();
cpSync(join(root, 'syntaxes'), join(dist, 'syntaxes'), {
  recursive: true,
  filter: (src) => !src.endsWith('.gitignore'),
});
copyFileSync(require.resolve('web-tree-sitter/web-tree-sitter.wasm'), join(dist, 'web-tree-sitter.wasm'));
