/**
 * Whether this build of the extension can run the prose model. Platform VSIXes carry onnxruntime-node with their
 * platform's binaries under dist/node_modules/ (scripts/package-vsix.ts); the universal VSIX (Alpine, Intel Macs, any
 * platform without onnxruntime binaries) carries none, and there the prose model is unavailable: prose is compressed
 * extractively, and the places that offer the model say so instead of failing.
 * onnxruntime-node 1.30 loads bin/napi-v6/<platform>/<arch>/onnxruntime_binding.node (its dist/binding.js).
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** Why the prose model cannot run from `distDir` on this platform, or undefined when it can. */
export function proseRuntimeUnavailable(
  distDir: string,
  platform: string = process.platform,
  arch: string = process.arch,
): string | undefined {
  let pkgDir: string;
  try {
    pkgDir = dirname(createRequire(join(distDir, 'extension.js')).resolve('onnxruntime-node/package.json'));
  } catch {
    return (
      `this build of Headroom has no onnxruntime (the universal VSIX, for platforms it has no binaries for), ` +
      `so the prose model is unavailable and prose is compressed extractively. Install the VSIX ` +
      `for ${platform}-${arch} if there is one.`
    );
  }
  if (!existsSync(join(pkgDir, 'bin', 'napi-v6', platform, arch, 'onnxruntime_binding.node'))) {
    return (
      `onnxruntime has no binaries for ${platform}-${arch} in this build of Headroom, so the prose model is ` +
      `unavailable and prose is compressed extractively.`
    );
  }
  return undefined;
}
