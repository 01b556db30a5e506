type CountFn = (text: string, options?: { disallowedSpecial?: Set<string> }) => number;

/**
 * Tool output is text, whatever it contains: `<|endoftext|>` in a tokenizer doc or a training script is counted as the
 * characters it is, never refused (gpt-tokenizer throws on special tokens by default).
 */
const AS_TEXT = { disallowedSpecial: new Set<string>() };

/**
 * The o200k_base counter, loaded on first use: requiring gpt-tokenizer builds its rank tables (~150–270 ms), which the
 * proxy and the extension should not pay at start-up — tokens are counted after a request is forwarded.
 */
let counter: CountFn | undefined;
function load(): CountFn {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a deliberate lazy load (esbuild keeps it lazy)
  const mod = require('gpt-tokenizer/encoding/o200k_base') as { countTokens: CountFn };
  return mod.countTokens;
}

/** Token count with o200k_base (the CLI contract's tokenizer). Not for the hot path: ~12 MB/s. */
export function countTokens(text: string): number {
  if (text.length === 0) return 0;
  counter ??= load();
  return counter(text, AS_TEXT);
}
