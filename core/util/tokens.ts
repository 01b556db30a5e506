import { setImmediate as nextTurn } from 'node:timers/promises';
import { codePointIndex, DEFAULT_LIMITS, textParts, type PartLimits, type TextPart } from './token-parts.js';

type CountFn = (text: string, options?: { disallowedSpecial?: Set<string> }) => number;

/**
 * Tool output is text, whatever it contains: `<|endoftext|>` in a tokenizer doc or a training script is counted as the
 * characters it is, never refused (gpt-tokenizer throws on special tokens by default).
 */
const AS_TEXT = { disallowedSpecial: new Set<string>() };

/**
 * The o200k_base counter, loaded on first use: requiring gpt-tokenizer builds its rank tables (~150–270 ms), which
 * the proxy and the extension should not pay at start-up — tokens are counted after a request is forwarded.
 */
let counter: CountFn | undefined;
function load(): CountFn {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a deliberate lazy load (esbuild keeps it lazy)
  const mod = require('gpt-tokenizer/encoding/o200k_base') as { countTokens: CountFn };
  return mod.countTokens;
}
const exact = (text: string) => (text.length === 0 ? 0 : (counter ??= load())(text, AS_TEXT));

/** A token count, and whether any of it was estimated rather than counted. */
export interface TokenCount {
  tokens: number;
  estimated: boolean;
}

/** A long run is estimated from up to this many chunks of `RUN_CHUNK_CHARS` (all of them when it has no more). */
const RUN_SAMPLES = 8;
const RUN_CHUNK_CHARS = 512;

/**
 * Tokens of one long run (see `long-runs.ts`): chunks of 512 characters tokenized separately and summed — a run of
 * up to 4,096 characters entirely, a longer one from 8 chunks spread evenly over it, scaled to its length. Cutting a
 * piece moves its count by about one token per cut, so a uniform run (`AAAA…`, `====`, base64 in one case) is
 * within ~2% of its exact count; a run that changes character along the way can be further off. Bounded: at most 8
 * tokenizer calls of 512 characters, whatever the run's length.
 */
function estimateRun(text: string, start: number, end: number): number {
  const length = end - start;
  const chunks = Math.ceil(length / RUN_CHUNK_CHARS);
  if (chunks <= RUN_SAMPLES) {
    let sum = 0;
    for (let from = start; from < end; ) {
      const to = Math.min(end, codePointIndex(text, from + RUN_CHUNK_CHARS));
      sum += exact(text.slice(from, to));
      from = to;
    }
    return sum;
  }
  let sum = 0;
  let sampled = 0;
  for (let k = 0; k < RUN_SAMPLES; k++) {
    const from = codePointIndex(text, start + Math.round((k * (length - RUN_CHUNK_CHARS)) / (RUN_SAMPLES - 1)));
    const to = codePointIndex(text, from + RUN_CHUNK_CHARS);
    sum += exact(text.slice(from, to));
    sampled += to - from;
  }
  return Math.round((sum * length) / sampled);
}

function countPart(text: string, p: TextPart): number {
  return p.run ? estimateRun(text, p.start, p.end) : exact(text.slice(p.start, p.end));
}

/**
 * Token count with o200k_base (the CLI contract's tokenizer), in time linear in the text's length. Exact (equal to
 * gpt-tokenizer's count of the whole text) for ordinary text of any size: it is counted in segments cut where the
 * tokenizer itself splits. Estimated (`estimated: true`) only for a text holding a run of more than 512 bytes
 * without a word boundary — one 200,000-character line of `A`, lowercase-only base64, a wall of `=` or of spaces —
 * which the tokenizer would take superlinear time on (see `estimateRun` for how close), or a stretch of 16,384
 * characters without any space, newline or word end (cut there, about one token off per cut).
 */
export function measureTokens(text: string, limits: PartLimits = DEFAULT_LIMITS): TokenCount {
  let tokens = 0;
  let estimated = false;
  for (const p of textParts(text, limits)) {
    tokens += countPart(text, p);
    estimated ||= p.run || !p.exactEnd;
  }
  return { tokens, estimated };
}

/**
 * `measureTokens`, giving the event loop a turn after every segment (16,384 characters or one long run), so counting
 * a large unit never holds up other requests for more than one segment's worth (~2 ms of ordinary text).
 */
export async function measureTokensAsync(text: string, limits: PartLimits = DEFAULT_LIMITS): Promise<TokenCount> {
  let tokens = 0;
  let estimated = false;
  let first = true;
  for (const p of textParts(text, limits)) {
    if (!first) await nextTurn();
    first = false;
    tokens += countPart(text, p);
    estimated ||= p.run || !p.exactEnd;
  }
  return { tokens, estimated };
}

/** Token count with o200k_base; exact for ordinary text, bounded time for any text (see `measureTokens`). */
export function countTokens(text: string): number {
  return measureTokens(text).tokens;
}

/**
 * Loads the counter now. The proxy calls this on the turn after it starts listening, so that the first request does
 * not pay it after forwarding (1.1–1.2 s of main thread on a loaded 2-core machine, ~0.2 s idle): the load still
 * holds the thread once, at start, before agents usually send anything.
 */
export function warmTokenizer(): void {
  counter ??= load();
}

/** Whether the counter is loaded (the first count will not pay the load). */
export function tokenizerLoaded(): boolean {
  return counter !== undefined;
}
