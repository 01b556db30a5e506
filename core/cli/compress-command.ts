import { parseArgs } from 'node:util';
import { compress } from '../compress.js';
import { CONTENT_KINDS, type ContentKind } from '../types.js';
import { countTokens } from '../util/tokens.js';
import { readInput } from './read-input.js';
import { withStore, type CliIo } from './io.js';
import { initCodeForCli } from './assets.js';
import type { CompressOptions, CompressResult } from '../types.js';
import type { ProseStats } from '../prose-model/index.js';
import { openProseModel } from './prose-model-flag.js';

const KINDS = ['auto', ...CONTENT_KINDS.filter((k) => k !== 'table')].concat('table');

/** `headroom compress [FILE|-] [--query TEXT] [--kind auto|json|code|log|search|diff|html|text] [--json]` */
export async function compressCommand(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      query: { type: 'string', short: 'q' },
      kind: { type: 'string', default: 'auto' },
      json: { type: 'boolean', default: false },
      // prose through the token-classification model (installed under HEADROOM_HOME/models, else the bundled one)
      'prose-model': { type: 'string' },
    },
  });
  const kind = values.kind as string;
  if (!KINDS.includes(kind)) {
    io.err(`headroom compress: unknown --kind "${kind}"; use one of ${KINDS.join(', ')}`);
    return 2;
  }
  if (positionals.length > 1) {
    io.err('headroom compress: give at most one FILE (or - for stdin)');
    return 2;
  }
  const input = await readInput(positionals[0]);
  if (!input.ok) {
    if (input.bytes && !values.json) {
      // not text: hand it back untouched, so `headroom compress` is always safe inside a pipe
      io.out(input.bytes);
      io.err(`headroom compress: ${input.message}; passed through unchanged`);
      return 0;
    }
    io.err(`headroom compress: ${input.message}`);
    return 1;
  }
  const fileName = positionals[0] && positionals[0] !== '-' ? positionals[0] : undefined;
  if (kind === 'auto' || kind === 'code') await initCodeForCli(input.text, fileName);
  const options = { query: values.query, kind: kind as ContentKind | 'auto', minChars: 0, fileName };
  const modelId = values['prose-model'];
  const result: CompressResult & { prose?: ProseStats } =
    modelId === undefined ? compress(input.text, options) : await compressWithModel(input.text, options, modelId, io);
  if (result.prose) io.debug(`prose engine: ${result.prose.engine}${result.prose.fallbackReason ? ` (${result.prose.fallbackReason})` : ''}`);
  if (result.compressed) await withStore(io, async (store) => store.put(result.records));
  else if (result.reason) io.debug(`passed through: ${result.reason}`);
  if (values.json) {
    const obj = {
      kind: result.kind,
      originalTokens: countTokens(input.text),
      compressedTokens: result.compressed ? countTokens(result.output) : undefined,
      output: result.output,
      originalId: result.originalId,
      ccr: result.ccr,
      ...(result.reason ? { reason: result.reason } : {}),
      ...(result.prose ? { prose: result.prose } : {}),
    };
    obj.compressedTokens ??= obj.originalTokens;
    io.out(JSON.stringify(obj) + '\n');
  } else {
    io.out(result.output);
  }
  return 0;
}

/** Loads the prose model only when asked: onnxruntime and the worker stay out of plain `compress` runs. */
async function compressWithModel(text: string, options: CompressOptions, id: string, io: CliIo): Promise<CompressResult & { prose?: ProseStats }> {
  const opened = await openProseModel(id, io);
  if (!opened.ok) {
    io.err(`headroom compress: ${opened.message}; using the extractive compressor`);
    return compress(text, options);
  }
  const { compressAsync } = await import('../prose-model/compress-async.js');
  try {
    // a one-shot run pays the model load (~1 s) inside its budget; the proxy warms the model up at start instead
    return await compressAsync(text, { ...options, prose: opened.model, budgetMs: 15_000 });
  } finally {
    await opened.model.close();
  }
}
