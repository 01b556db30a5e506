/** The tree-sitter code compressor: `initCodeCompressor` once (async), then `compressCode` synchronously. */
export { compressCode, MAX_CODE_CHARS } from './compress-code.js';
export {
  GrammarRegistry,
  defaultGrammars,
  initCodeCompressor,
  disposeCodeCompressor,
  type CodeCompressorOptions,
  type CodeInitReport,
  type GrammarSource,
} from './grammars.js';
