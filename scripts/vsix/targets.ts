/**
 * The VSIXes `npm run package` builds. onnxruntime-node (the prose model's runtime) ships its native binaries per
 * platform inside its npm package, under bin/napi-v6/<os>/<arch>/ (1.30: linux x64/arm64, darwin arm64, win32
 * x64/arm64; no musl build, no darwin x64). Each platform VSIX carries only its own folder; the universal one carries
 * none, so it installs anywhere the extension host runs Node (Alpine, Intel Macs, ARM32 Linux…) with the prose
 * model unavailable. The Marketplace serves a platform's own VSIX when there is one, else the universal one.
 */
export interface PackageTarget {
  /** vsce's --target, or 'universal' (no --target). */
  name: string;
  /** onnxruntime-node's binary folder under bin/napi-v6/, undefined for the universal VSIX. */
  ortBin?: string;
}

export const TARGETS: readonly PackageTarget[] = [
  { name: 'linux-x64', ortBin: 'linux/x64' },
  { name: 'linux-arm64', ortBin: 'linux/arm64' },
  { name: 'darwin-arm64', ortBin: 'darwin/arm64' },
  { name: 'win32-x64', ortBin: 'win32/x64' },
  { name: 'win32-arm64', ortBin: 'win32/arm64' },
  { name: 'universal' },
];

/** vsce targets with no binaries in onnxruntime-node 1.30: the universal VSIX serves them. */
export const UNIVERSAL_SERVES = ['alpine-x64', 'alpine-arm64', 'darwin-x64', 'linux-armhf'];

export function targetNamed(name: string): PackageTarget | undefined {
  return TARGETS.find((t) => t.name === name);
}

/** Where onnxruntime-node sits inside the VSIX (dist/extension.js resolves it from dist/node_modules). */
export const ORT_IN_VSIX = 'extension/dist/node_modules/onnxruntime-node';
export const ORT_COMMON_IN_VSIX = 'extension/dist/node_modules/onnxruntime-common';
