/** Public library surface of Headroom's core. */
export { compress, DEFAULT_MIN_CHARS, COMPRESSION_VERSION } from './compress.js';
export { compressMessages, memoKey } from './messages/compress-messages.js';
export { detect } from './router/detect.js';
export { formatMarker, markerIds, MARKER_ID_RE } from './ccr/marker.js';
export { recordOutcome, namedIds, type MemoWrite, type Outcome } from './ccr/record-outcome.js';
export {
  GrammarRegistry,
  defaultGrammars,
  initCodeCompressor,
  disposeCodeCompressor,
  type CodeCompressorOptions,
  type CodeInitReport,
} from './compressors/code/index.js';
export { countTokens } from './util/tokens.js';
export type * from './types.js';
export type * from './messages/types.js';
export type * from './ccr/store-types.js';
export { openStore } from './ccr/store.js';
export { createHeadroomMcpServer, type HeadroomMcpOptions } from './mcp/server.js';
export { headroomFetch, type HeadroomFetchOptions } from './integrations/fetch.js';
export { headroomExpress, type HeadroomExpressOptions, type HeadroomRequestInfo } from './integrations/express.js';
export {
  headroomMiddleware,
  type HeadroomMiddlewareOptions,
  type HeadroomLanguageModelMiddleware,
} from './integrations/ai-sdk.js';
export type { IntegrationOptions } from './integrations/shared.js';
export { sharedContext, type SharedContext } from './memory/shared-context.js';
export { resolveWorkspace, type Workspace } from './memory/workspace.js';
export {
  ProseModel,
  compressAsync,
  installModel,
  checkModelLoads,
  findModelManifests,
  DEFAULT_MODEL_ID,
  type AsyncCompressOptions,
  type AsyncCompressResult,
  type ProseModelOptions,
  type ProseStats,
  type ModelStatus,
} from './prose-model/index.js';
export { compressMessagesAsync, type AsyncMessagesOptions } from './messages/compress-messages-async.js';
