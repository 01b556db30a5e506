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
  /** The files of that folder the CPU runtime loads: the binding and the library it links. */
  ortFiles?: readonly string[];
}

// What the binding loads, read from the binaries of onnxruntime-node 1.30 (the prose model asks for the CPU execution
// provider only, core/prose-model/model-session.ts):
// - darwin: onnxruntime_binding.node links @rpath/libonnxruntime.1.dylib; libonnxruntime.1.30.0.dylib is a
//   byte-identical copy (a symlink in the build) that nothing names: 42.5 MB left out.
// - win32 (x64 and arm64): the binding imports onnxruntime.dll only; onnxruntime.dll delay-loads DirectML.dll (with
//   d3d12/dxgi) for the DirectML execution provider, and dxcompiler.dll/dxil.dll are loaded by DirectML, not imported
//   at all — none of them is loaded on the CPU path: 36–41 MB left out. (PE import and delay-import tables; should a
//   Windows machine prove this wrong, the prose model reports a load failure and prose is compressed extractively.)
export const TARGETS: readonly PackageTarget[] = [
  { name: 'linux-x64', ortBin: 'linux/x64', ortFiles: ['onnxruntime_binding.node', 'libonnxruntime.so.1'] },
  { name: 'linux-arm64', ortBin: 'linux/arm64', ortFiles: ['onnxruntime_binding.node', 'libonnxruntime.so.1'] },
  { name: 'darwin-arm64', ortBin: 'darwin/arm64', ortFiles: ['onnxruntime_binding.node', 'libonnxruntime.1.dylib'] },
  { name: 'win32-x64', ortBin: 'win32/x64', ortFiles: ['onnxruntime_binding.node', 'onnxruntime.dll'] },
  { name: 'win32-arm64', ortBin: 'win32/arm64', ortFiles: ['onnxruntime_binding.node', 'onnxruntime.dll'] },
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
