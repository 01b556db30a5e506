/**
 * Model-based prose compression, off the hot path: a token-classification model (ONNX, described by a manifest)
 * runs in a worker thread and decides which words of prose to keep; whatever it cannot do within the budget the
 * extractive compressor does instead.
 */
export {
  ProseModel,
  DEFAULT_BUDGET_MS,
  type ProseModelOptions,
  type ModelStatus,
  type ModelState,
  type PruneOutcome,
} from './service.js';
export { compressAsync, type AsyncCompressOptions, type AsyncCompressResult } from './compress-async.js';
export {
  compressProse,
  pruneWithModel,
  DEFAULT_RATIO,
  type ProseOptions,
  type ProseResult,
  type ProseStats,
  type PruneResult,
} from './compress-prose.js';
export {
  loadManifest,
  validateManifest,
  ManifestError,
  type ProseModelManifest,
  type ResolvedManifest,
} from './manifest.js';
export { verifyFile, sha256File, ModelFileError } from './verify-file.js';
export {
  installModel,
  ModelExistsError,
  type InstallOptions,
  type InstallProgress,
  type InstallResult,
} from './install.js';
export {
  findModelManifests,
  defaultManifestPath,
  manifestPathFor,
  installedModelsDir,
  DEFAULT_MODEL_ID,
  type FoundModel,
} from './locate.js';
export { checkModelLoads } from './check-model.js';
