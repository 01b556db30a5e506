// Packages the extension: one VSIX per platform onnxruntime-node has binaries for, plus one universal VSIX without
// native files (scripts/vsix/targets.ts), then opens each and checks what it holds (scripts/vsix/check-vsix.ts).
//   npm run package                              every target (after `npm run build`, which `npm run package` runs)
//   node --import tsx scripts/package-vsix.ts linux-x64 universal      only those
//   … --base-url https://raw.githubusercontent.com/<owner>/<repo>/<commit>/
//       the Marketplace README's images as absolute URLs (the listing page cannot load relative ones); the same
//       as HEADROOM_LISTING_BASE_URL. Without it they stay relative: right in VS Code's own extension page.
//   … --out-dir DIR                              where the VSIXes go (default dist/)
//
// Why a staging folder: package.json's `files` (the npm package of the CLI) and a .vscodeignore cannot be combined
// (vsce refuses), and only the target's onnxruntime binaries may go in (288 MB for all platforms, 25–90 MB for one).
// The stage holds exactly what the extension loads at run time: the bundles in dist/ (the extension, the proxy's
// compression worker), the tree-sitter grammars in dist/syntaxes/, the prose worker and default prose model
// (dist/prose-worker.js, dist/models/) and onnxruntime-node with that one platform's binaries under dist/node_modules/
// (Node resolves it from dist/extension.js) — those three only in platform VSIXes — the icon, the screenshots and
// walkthrough media, the Marketplace README (marketplace/README.md), CHANGELOG and LICENSE; vsce packs it with
// --no-dependencies (everything else is bundled).
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { spawnSync } from 'node:child_process';
import { formatReport, inspectVsix, type ReadmeLinkBase } from './vsix/check-vsix.js';
import { TARGETS, UNIVERSAL_SERVES, targetNamed, type PackageTarget } from './vsix/targets.js';

const root = join(__dirname, '..');
const args = process.argv.slice(2);
const bi = args.indexOf('--base-url');
const baseUrl = bi >= 0 ? args.splice(bi, 2)[1] : process.env.HEADROOM_LISTING_BASE_URL || undefined;
const oi = args.indexOf('--out-dir');
const outDir = oi >= 0 ? args.splice(oi, 2)[1] : join(root, 'dist');
if (baseUrl !== undefined && !/^https:\/\/.+\/$/.test(baseUrl))
  fail(`--base-url must be an https URL ending in "/" (got "${baseUrl}")`);
const targets = args.length
  ? args.map((n) => targetNamed(n) ?? fail(`unknown target "${n}"; one of ${TARGETS.map((t) => t.name).join(', ')}`))
  : TARGETS;

for (const f of [
  'dist/extension.js',
  'dist/compress-worker.js',
  'dist/prose-worker.js',
  'dist/models',
  'dist/sql-wasm.wasm',
  'dist/webview/panel.js',
  'dist/webview/panel.css',
  'dist/syntaxes/languages.json',
  'media/icon.png',
]) {
  if (!existsSync(join(root, f))) fail(`${f} is missing; run \`npm run build\` first`);
}
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as Record<string, unknown> & {
  name: string;
  version: string;
};
const readmeBase: ReadmeLinkBase | undefined = baseUrl ? { url: baseUrl, root } : undefined;

let failed = 0;
for (const t of targets) {
  const out = join(outDir, `${pkg.name}-${pkg.version}-${t.name}.vsix`);
  packageOne(t, out);
  const report = inspectVsix(readFileSync(out), t.name, readmeBase);
  console.log(formatReport(out.startsWith(root) ? relative(root, out) : out, report));
  if (report.problems.length) failed++;
}
if (targets.some((t) => !t.ortBin))
  console.log(
    `universal VSIX: also serves ${UNIVERSAL_SERVES.join(', ')} (no onnxruntime binaries for them; prose model ` +
      `unavailable there)`,
  );
if (!baseUrl)
  console.log(
    "README images are relative (VS Code's extension page loads them from the VSIX); for a Marketplace upload pass " +
      '--base-url',
  );
if (failed) fail(`${failed} VSIX(es) failed the check`);

function packageOne(t: PackageTarget, out: string): void {
  const stage = mkdtempSync(join(tmpdir(), `headroom-vsix-${t.name}-`));
  const copy = (from: string, to = from) => {
    const src = join(root, from);
    if (!existsSync(src)) return false;
    mkdirSync(dirname(join(stage, to)), { recursive: true });
    cpSync(src, join(stage, to), { recursive: true, dereference: true });
    return true;
  };
  try {
    writeFileSync(join(stage, 'package.json'), JSON.stringify(extensionManifest(pkg), null, 2) + '\n');
    for (const f of [
      'dist/extension.js',
      'dist/compress-worker.js',
      'dist/sql-wasm.wasm',
      'dist/webview/panel.js',
      'dist/webview/panel.css',
      'media/icon.png',
      'CHANGELOG.md',
    ])
      copy(f);
    copy('media/walkthrough');
    // the code compressor's tree-sitter runtime, grammars and queries (the extension passes grammarsDir: dist/syntaxes)
    copy('dist/syntaxes');
    for (const f of ['LICENSE', 'LICENSE.md', 'LICENSE.txt']) copy(f);
    // the listing's README at the root of the extension: its links to ../media/ (right beside it in the repository)
    // become media/, which the VSIX holds (and which --base-url makes absolute)
    writeFileSync(
      join(stage, 'README.md'),
      readFileSync(join(root, 'marketplace', 'README.md'), 'utf8').replaceAll('](../media/', '](media/'),
    );
    copy('media/screenshots');

    if (t.ortBin) {
      // the prose model's worker and the shipped default model (headroom.proseModel; bundledModelsDir: dist/models)
      copy('dist/prose-worker.js');
      copy('dist/models');
      const ort = 'node_modules/onnxruntime-node';
      copy(`${ort}/dist`, `dist/${ort}/dist`);
      for (const f of t.ortFiles ?? []) {
        const bin = `${ort}/bin/napi-v6/${t.ortBin}/${f}`;
        if (!copy(bin, `dist/${bin}`))
          fail(
            `${bin} is missing (onnxruntime-node ${pkgVersion(ort)}): the target table in scripts/vsix/targets.ts ` +
              `needs updating`,
          );
      }
      copy('node_modules/onnxruntime-common/dist/cjs', 'dist/node_modules/onnxruntime-common/dist/cjs');
      // their manifests name only what ships: no types, no ESM build, no install script
      writeRuntimeManifest(join(root, ort, 'package.json'), join(stage, 'dist', ort, 'package.json'));
      writeRuntimeManifest(
        join(root, 'node_modules/onnxruntime-common/package.json'),
        join(stage, 'dist/node_modules/onnxruntime-common/package.json'),
      );
    }
    // only what runs: no source maps, type declarations or notes for developers
    writeFileSync(join(stage, '.vscodeignore'), ['**/*.map', '**/*.d.ts', 'dist/syntaxes/**/*.md', ''].join('\n'));

    const vsce = join(root, 'node_modules', '.bin', 'vsce');
    const vsceArgs = ['package', '--no-dependencies', '--out', out, ...(t.ortBin ? ['--target', t.name] : [])];
    if (!['LICENSE', 'LICENSE.md', 'LICENSE.txt'].some((f) => existsSync(join(root, f))))
      vsceArgs.push('--skip-license');
    if (!pkg.repository) vsceArgs.push('--allow-missing-repository');
    // vsce rewrites relative links only when it knows where the files are served from
    if (baseUrl) vsceArgs.push('--baseContentUrl', baseUrl, '--baseImagesUrl', baseUrl);
    else if (!pkg.repository) vsceArgs.push('--no-rewrite-relative-links');
    const r = spawnSync(vsce, vsceArgs, { cwd: stage, stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8' });
    if (r.status !== 0) {
      process.stdout.write(r.stdout ?? '');
      fail(`vsce failed for ${t.name} (exit ${r.status})`);
    }
  } finally {
    rmSync(stage, { recursive: true, force: true });
  }
}

/** The extension's manifest: the npm-package-only fields dropped (the library's `types`/`exports`, the CLI's `bin`,
 * `files`, which vsce would read as its include list) and the dependencies, all bundled into dist/. */
function extensionManifest(p: Record<string, unknown>): Record<string, unknown> {
  const drop = new Set([
    'files',
    'bin',
    'types',
    'exports',
    'scripts',
    'dependencies',
    'devDependencies',
    'allowScripts',
  ]);
  return Object.fromEntries(Object.entries(p).filter(([k]) => !drop.has(k)));
}

/** A runtime dependency's package.json reduced to what Node reads to load it (CommonJS entry only). */
function writeRuntimeManifest(from: string, to: string): void {
  const p = JSON.parse(readFileSync(from, 'utf8')) as Record<string, unknown>;
  const main = p.main as string;
  const out = {
    name: p.name,
    version: p.version,
    license: p.license,
    ...(p.type ? { type: p.type } : {}),
    main,
    ...(p.exports ? { exports: { require: `./${main}` } } : {}),
  };
  writeFileSync(to, JSON.stringify(out, null, 2) + '\n');
}

function pkgVersion(dir: string): string {
  return (JSON.parse(readFileSync(join(root, dir, 'package.json'), 'utf8')) as { version: string }).version;
}

function fail(msg: string): never {
  console.error(`package-vsix: ${msg}`);
  process.exit(1);
}
