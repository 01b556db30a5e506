import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSync } from 'esbuild';
import type { compress as compressFn } from '../../core/compress.js';
import type { initCodeCompressor as initFn } from '../../core/compressors/code/index.js';

/** The engine as it ships: what the speed benchmarks time. */
export interface BundledEngine {
  compress: typeof compressFn;
  initCodeCompressor: typeof initFn;
}

const BENCH_NODE_MODULES = join(__dirname, '..', '..', 'node_modules');

/**
 * Bundles `<srcRoot>/core`'s engine with the build's settings (scripts/build.mjs: cjs, node20, no keepNames) into
 * `outfile` and loads it. Under tsx every closure a hot loop creates also runs esbuild's `__name` helper, which the
 * bundle does not: timing the sources overstates some kinds by ~25%. `srcRoot` may be another checkout (bench/speed
 * /ab.ts); its imports resolve against this repository's node_modules.
 */
export function bundleEngine(srcRoot: string, outfile: string): BundledEngine {
  const entry = join(srcRoot, `.bench-engine-entry-${process.pid}.ts`);
  writeFileSync(
    entry,
    "export { compress } from './core/compress.js';\n" +
      "export { initCodeCompressor } from './core/compressors/code/index.js';\n",
  );
  try {
    buildSync({
      entryPoints: [entry],
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      outfile,
      external: ['web-tree-sitter', 'onnxruntime-node'],
      nodePaths: [BENCH_NODE_MODULES],
      logLevel: 'warning',
    });
  } finally {
    rmSync(entry, { force: true });
  }
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(outfile) as BundledEngine;
}
