import { parseArgs } from 'node:util';
import { compress } from '../compress.js';
import { CONTENT_KINDS, type ContentKind } from '../types.js';
import { countTokens } from '../util/tokens.js';
import { readInput } from './read-input.js';
import { withStore, type CliIo } from './io.js';

const KINDS = ['auto', ...CONTENT_KINDS.filter((k) => k !== 'table')].concat('table');

/** `headroom compress [FILE|-] [--query TEXT] [--kind auto|json|code|log|search|diff|html|text] [--json]` */
export async function compressCommand(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { query: { type: 'string', short: 'q' }, kind: { type: 'string', default: 'auto' }, json: { type: 'boolean', default: false } },
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
  const result = compress(input.text, { query: values.query, kind: kind as ContentKind | 'auto', minChars: 0 });
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
    };
    obj.compressedTokens ??= obj.originalTokens;
    io.out(JSON.stringify(obj) + '\n');
  } else {
    io.out(result.output);
  }
  return 0;
}
