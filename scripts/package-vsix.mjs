// Packages the extension as a platform-specific VSIX: `node scripts/package-vsix.mjs linux-x64` (after `npm run build`).
//
// Why a staging folder: package.json's `files` (the npm package of the CLI) and a .vscodeignore cannot be combined
// (vsce refuses), and only the target's onnxruntime binaries may go in (288 MB for all platforms, ~45 MB for one).
// The stage holds exactly what the extension loads at run time: the bundles in dist/, the tree-sitter grammars in
// dist/syntaxes/, the prose worker and default prose model (dist/prose-worker.js, dist/models/), onnxruntime-node with that one
// platform's binaries under dist/node_modules/ (Node resolves it from dist/extension.js), the icon, README,
// CHANGELOG and LICENSE; vsce packs it with --no-dependencies (everything else is bundled).
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { spawnSync } from 'node:child_process';

const root = dirname(dirname(new URL(import.meta.url).pathname));
/** vsce target → onnxruntime-node's bin folder (1.30 ships these five). */
const TARGETS = {
  'linux-x64': 'linux/x64',
  'linux-arm64': 'linux/arm64',
  'darwin-arm64': 'darwin/arm64',
  'win32-x64': 'win32/x64',
  'win32-arm64': 'win32/arm64',
};

const target = process.argv[2] ?? 'linux-x64';
if (!TARGETS[target]) {
  console.error(`package-vsix: unknown target "${target}"; one of ${Object.keys(TARGETS).join(', ')}`);
  process.exit(2);
}
for (const f of ['dist/extension.js', 'dist/prose-worker.js', 'dist/models', 'dist/sql-wasm.wasm', 'dist/webview/panel.js', 'dist/webview/panel.css', 'dist/syntaxes/languages.json', 'media/icon.png']) {
  if (!existsSync(join(root, f))) {
    console.error(`package-vsix: ${f} is missing; run \`npm run build\` first`);
    process.exit(1);
  }
}

const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const stage = mkdtempSync(join(tmpdir(), `headroom-vsix-${target}-`));
const copy = (from, to = from) => {
  const src = join(root, from);
  if (!existsSync(src)) return false;
  mkdirSync(dirname(join(stage, to)), { recursive: true });
  cpSync(src, join(stage, to), { recursive: true, dereference: true });
  return true;
};

try {
  // the extension's manifest: the npm-only fields dropped (vsce reads `files` as its include list)
  const { files: _files, bin: _bin, devDependencies: _dev, ...manifest } = pkg;
  delete manifest.scripts;
  writeFileSync(join(stage, 'package.json'), JSON.stringify(manifest, null, 2) + '\n');
  for (const f of ['dist/extension.js', 'dist/sql-wasm.wasm', 'dist/webview/panel.js', 'dist/webview/panel.css', 'media/icon.png', 'README.md', 'CHANGELOG.md']) copy(f);
  // the code compressor's tree-sitter runtime, grammars and queries (the extension passes grammarsDir: dist/syntaxes)
  copy('dist/syntaxes');
  // the prose model's worker and the shipped default model (headroom.proseModel; bundledModelsDir: dist/models)
  copy('dist/prose-worker.js');
  copy('dist/models');
  for (const f of ['LICENSE', 'LICENSE.md', 'LICENSE.txt']) copy(f);
  // images the README shows by relative path (e.g. the e2e screenshots): VS Code's extension page loads them from
  // the installed extension
  const readme = existsSync(join(root, 'README.md')) ? readFileSync(join(root, 'README.md'), 'utf8') : '';
  for (const m of readme.matchAll(/!\[[^\]]*\]\(([^)\s]+)[^)]*\)|<img[^>]+src="([^"]+)"/g)) {
    const ref = m[1] ?? m[2];
    if (!/^[a-z]+:|^\/|^#|\.\./i.test(ref)) copy(ref.split('#')[0]);
  }

  const ort = 'node_modules/onnxruntime-node';
  const to = `dist/${ort}`;
  copy(`${ort}/package.json`, `${to}/package.json`);
  copy(`${ort}/dist`, `${to}/dist`);
  copy(`${ort}/bin/napi-v6/${TARGETS[target]}`, `${to}/bin/napi-v6/${TARGETS[target]}`);
  copy('node_modules/onnxruntime-common/package.json', 'dist/node_modules/onnxruntime-common/package.json');
  copy('node_modules/onnxruntime-common/dist', 'dist/node_modules/onnxruntime-common/dist');
  // only what runs: no source maps, type declarations or other module formats of onnxruntime-common
  writeFileSync(join(stage, '.vscodeignore'), ['**/*.map', '**/*.d.ts', 'dist/node_modules/onnxruntime-common/dist/esm/**', ''].join('\n'));

  const out = join(root, 'dist', `${pkg.name}-${pkg.version}-${target}.vsix`);
  const vsce = join(root, 'node_modules', '.bin', 'vsce');
  const args = ['package', '--target', target, '--no-dependencies', '--out', out];
  if (!['LICENSE', 'LICENSE.md', 'LICENSE.txt'].some((f) => existsSync(join(root, f)))) args.push('--skip-license');
  // without a repository vsce cannot make the README's relative links absolute (for the Marketplace page); keep
  // them relative rather than fail — they work in VS Code's own extension page
  if (!pkg.repository) args.push('--allow-missing-repository', '--no-rewrite-relative-links');
  const r = spawnSync(vsce, args, { cwd: stage, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
  console.log(`${out} (${(statSync(out).size / 1024 / 1024).toFixed(1)} MB)`);
} finally {
  rmSync(stage, { recursive: true, force: true });
}
