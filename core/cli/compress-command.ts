import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { compress, MAX_UNIT_CHARS } from '../compress.js';
import { CONTENT_KINDS, type ContentKind } from '../types.js';
import { countTokens } from '../util/tokens.js';
import { headroomHome } from '../config/home.js';
import { readCliInput } from './sized-input.js';
import { passLargeThrough } from './large-pass-through.js';
import { storeCompressRun, type CompressRun } from './compress-run-record.js';
import { ensureHome, homeWritable } from './store-home.js';
import type { CliIo } from './io.js';
import { initCodeForCli } from './assets.js';
import { usageLine } from './usage.js';
import type { CompressOptions, CompressResult } from '../types.js';
import type { ProseStats } from '../prose-model/index.js';
import { openProseModel } from './prose-model-flag.js';

const KINDS = ['auto', ...CONTENT_KINDS.filter((k) => k !== 'table')].concat('table');

type Result = CompressResult & { prose?: ProseStats };

/**
 * `headroom compress [FILE|-] [--query TEXT] [--kind …] [--json] [--prose-model ID]`. Exit 0 when the output is
 * the input compressed or passed through unchanged; 1 when the input is not UTF-8 text or cannot be read (plain mode
 * still copies binary bytes to stdout, so a pipe loses nothing); 2 on a usage error.
 */
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
    io.err(`headroom compress: give at most one FILE (or - for stdin)\n${usageLine('compress')}`);
    return 2;
  }
  // the size is known before the input becomes a string: a file is stat'ed, stdin counted as it arrives. Bytes
  // bound characters from above, so under the byte limit the unit limit holds too.
  const input = await readCliInput(positionals[0], MAX_UNIT_CHARS);
  if (input.kind === 'error') {
    io.err(`headroom compress: ${input.message}`);
    return 1;
  }
  if (input.kind === 'large') {
    const size = input.source.size;
    const reason =
      size === undefined
        ? `input is over the ${MAX_UNIT_CHARS} bytes a unit can be`
        : `input is ${size} bytes, over the ${MAX_UNIT_CHARS} a unit can be`;
    return passLargeThrough(input.source, values.json, reason, io);
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(input.bytes);
  } catch {
    // not text: copied untouched in plain mode, so `headroom compress` is safe inside a pipe; one exit code either way
    if (!values.json) io.out(input.bytes);
    io.err('headroom compress: input is not valid UTF-8 text (binary data?); not compressed');
    return 1;
  }

  const fileName = positionals[0] && positionals[0] !== '-' ? positionals[0] : undefined;
  const grammars = kind === 'auto' || kind === 'code' ? await initCodeForCli(text, fileName) : undefined;
  const options = { query: values.query, kind: kind as ContentKind | 'auto', minChars: 0, fileName, grammars };
  const modelId = values['prose-model'];
  const t0 = performance.now();
  let result: Result =
    modelId === undefined ? compress(text, options) : await compressWithModel(text, options, modelId, io);
  const compressMs = performance.now() - t0;
  if (result.prose)
    io.debug(
      `prose engine: ${result.prose.engine}${result.prose.fallbackReason ? ` (${result.prose.fallbackReason})` : ''}`,
    );

  const originalTokens = values.json || result.compressed ? countTokens(text) : 0;
  let compressedTokens = result.compressed ? countTokens(result.output) : originalTokens;
  if (result.compressed) {
    // markers must never point at nothing: without a place for the originals the input goes out unchanged
    const stored = await storeOriginals(result, { originalTokens, compressedTokens, compressMs, fileName }, io);
    if (!stored.ok) {
      io.err(`headroom compress: ${stored.message}; passed through unchanged`);
      result = {
        kind: result.kind,
        output: text,
        compressed: false,
        ccr: [],
        records: [],
        reason: `originals cannot be stored: ${stored.message}`,
      };
      compressedTokens = originalTokens;
    }
  } else if (result.reason) io.debug(`passed through: ${result.reason}`);

  if (values.json) {
    const obj = {
      kind: result.kind,
      originalTokens,
      compressedTokens,
      output: result.output,
      originalId: result.originalId,
      ccr: result.ccr,
      ...(result.reason ? { reason: result.reason } : {}),
      ...(result.prose ? { prose: result.prose } : {}),
    };
    io.out(JSON.stringify(obj) + '\n');
  } else {
    io.out(result.output);
  }
  return 0;
}

async function storeOriginals(
  result: Result,
  run: CompressRun,
  io: CliIo,
): Promise<{ ok: true } | { ok: false; message: string }> {
  const dir = headroomHome(io.env);
  const home = ensureHome(dir);
  if (!home.ok) return home;
  const writable = homeWritable(dir);
  if (!writable.ok) return writable;
  try {
    await storeCompressRun(io, result, run);
    return { ok: true };
  } catch (e) {
    return { ok: false, message: `could not save the originals in ${dir} (${(e as Error).message})` };
  }
}

/** Loads the prose model only when asked: onnxruntime and the worker stay out of plain `compress` runs. */
async function compressWithModel(text: string, options: CompressOptions, id: string, io: CliIo): Promise<Result> {
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
