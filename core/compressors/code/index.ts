/** The tree-sitter code compressor: `initCodeCompressor` once (async), then `compressCode` synchronously. */
export { compressCode, MAX_CODE_CHARS } from './compress-code.js';
export {
  initCodeCompressor,
  disposeCodeCompressor,
  type CodeCompressorOptions,
  type CodeInitReport,
} from './grammars.js';
