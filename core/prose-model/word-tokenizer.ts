import { Tokenizer } from '@huggingface/tokenizers';

/**
 * Turns one whitespace-delimited word at a time into model token ids, so every token belongs to exactly one word
 * and keep decisions can be made for whole words. Loads any Hugging Face `tokenizer.json` through
 * @huggingface/tokenizers (WordPiece, BPE, Unigram). BERT-style WordPiece — the default model's and LLMLingua-2's
 * BERT tokenizer — has a direct implementation here: the library costs ~45 µs per call, which dominates everything
 * else at one call per word. test/prose-model checks the two give the same ids on real documents.
 */
export interface WordTokenizer {
  /** Ids the model expects before and after every sequence ([CLS] … [SEP], <s> … </s>). */
  prefix: number[];
  suffix: number[];
  /** Token ids of one word (no whitespace inside). `afterSpace`: the word follows whitespace in the text. */
  encodeWord(word: string, afterSpace: boolean): readonly number[];
  readonly engine: 'wordpiece' | 'library';
}

interface TokenizerJson {
  normalizer?: {
    type?: string;
    clean_text?: boolean;
    handle_chinese_chars?: boolean;
    strip_accents?: boolean | null;
    lowercase?: boolean;
  } | null;
  pre_tokenizer?: { type?: string } | null;
  post_processor?: PostProcessor | null;
  added_tokens?: Array<{ id: number; content: string; special?: boolean }>;
  model?: {
    type?: string;
    vocab?: unknown;
    unk_token?: string;
    continuing_subword_prefix?: string;
    max_input_chars_per_word?: number;
    merges?: unknown;
  };
}
type TemplatePiece = { SpecialToken?: { id: string } } | { Sequence?: { id: string } };
interface PostProcessor {
  type?: string;
  single?: TemplatePiece[];
  special_tokens?: Record<string, { ids: number[] }>;
  cls?: [string, number];
  sep?: [string, number];
}

/**
 * The library's own declarations do not resolve under NodeNext (extension-less relative imports in an ESM package),
 * so its one method used here is declared narrowly.
 */
interface HfTokenizer {
  encode(text: string, options: { add_special_tokens: boolean }): { ids: number[] };
}

/** Past this many distinct words the per-tokenizer memo starts over (bounded memory in a long-lived worker). */
const MEMO_LIMIT = 200_000;

export function createWordTokenizer(json: unknown, config: Record<string, unknown> = {}): WordTokenizer {
  const tj = json as TokenizerJson;
  const fast = bertWordPiece(tj);
  if (fast) return fast;
  const lib = new Tokenizer(json as object, config) as unknown as HfTokenizer;
  const { prefix, suffix } = specialsByProbe(lib);
  const memo = new Map<string, readonly number[]>();
  return {
    prefix,
    suffix,
    engine: 'library',
    encodeWord(word, afterSpace) {
      const key = afterSpace ? ' ' + word : word;
      let ids = memo.get(key);
      if (!ids) {
        if (memo.size >= MEMO_LIMIT) memo.clear();
        ids = lib.encode(key, { add_special_tokens: false }).ids;
        memo.set(key, ids);
      }
      return ids;
    },
  };
}

/** Encodes a probe with and without special tokens; what surrounds the plain ids is the prefix and the suffix. */
function specialsByProbe(lib: HfTokenizer): { prefix: number[]; suffix: number[] } {
  const plain = lib.encode('a', { add_special_tokens: false }).ids;
  const full = lib.encode('a', { add_special_tokens: true }).ids;
  for (let at = 0; at + plain.length <= full.length; at++) {
    if (plain.every((id, k) => full[at + k] === id))
      return { prefix: full.slice(0, at), suffix: full.slice(at + plain.length) };
  }
  return { prefix: [], suffix: [] };
}

const PUNCT = '\\p{P}\\u0021-\\u002F\\u003A-\\u0040\\u005B-\\u0060\\u007B-\\u007E';
const PRE_TOKEN_RE = new RegExp(`[^\\s${PUNCT}]+|[${PUNCT}]`, 'gu');
const CONTROL_RE = /[\u0000\ufffd\p{Cc}\p{Cf}\p{Co}\p{Cs}]/u;
const CONTROL_ALL_RE = /[\u0000\ufffd\p{Cf}\p{Co}\p{Cs}]|(?![\t\n\r])\p{Cc}/gu;
const CJK_RE = new RegExp(
  String.raw`[\u4e00-\u9fff\u3400-\u4dbf\u{20000}-\u{2a6df}\u{2a700}-\u{2b73f}\u{2b740}-\u{2b81f}` +
    String.raw`\u{2b820}-\u{2ceaf}\uf900-\ufaff\u{2f800}-\u{2fa1f}]`,
  'gu',
);
const MARK_RE = /\p{Mn}/gu;

/** BertNormalizer + BertPreTokenizer + WordPiece, as tokenizers' reference implementation defines them. */
function bertWordPiece(tj: TokenizerJson): WordTokenizer | undefined {
  const model = tj.model;
  const norm = tj.normalizer ?? null;
  if (
    !model ||
    model.type !== 'WordPiece' ||
    !model.vocab ||
    typeof model.vocab !== 'object' ||
    Array.isArray(model.vocab)
  )
    return undefined;
  if (norm && norm.type !== 'BertNormalizer') return undefined;
  if (tj.pre_tokenizer?.type !== 'BertPreTokenizer') return undefined;
  // non-special added tokens are matched in the raw text before anything else: leave those tokenizers to the library
  if ((tj.added_tokens ?? []).some((t) => !t.special)) return undefined;
  const specials = templateSpecials(tj.post_processor ?? null);
  if (!specials) return undefined;

  const vocab = new Map<string, number>(Object.entries(model.vocab as Record<string, number>));
  const unk = vocab.get(model.unk_token ?? '[UNK]');
  if (unk === undefined) return undefined;
  const prefix = model.continuing_subword_prefix ?? '##';
  const maxChars = model.max_input_chars_per_word ?? 100;
  const lowercase = norm?.lowercase ?? false;
  const stripAccents = norm ? (norm.strip_accents ?? lowercase) : false;
  const memo = new Map<string, readonly number[]>();

  const piece = (token: string, out: number[]): void => {
    const chars = /^[\x00-\x7f]*$/.test(token) ? null : [...token];
    const n = chars ? chars.length : token.length;
    if (n > maxChars) return void out.push(unk);
    const sub = (a: number, b: number) => (chars ? chars.slice(a, b).join('') : token.slice(a, b));
    const start0 = out.length;
    let start = 0;
    while (start < n) {
      let end = n;
      let id: number | undefined;
      while (start < end) {
        id = vocab.get(start > 0 ? prefix + sub(start, end) : sub(start, end));
        if (id !== undefined) break;
        end--;
      }
      if (id === undefined) {
        out.length = start0;
        return void out.push(unk);
      }
      out.push(id);
      start = end;
    }
  };

  return {
    prefix: specials.prefix,
    suffix: specials.suffix,
    engine: 'wordpiece',
    encodeWord(word) {
      const ids = memo.get(word);
      if (ids) return ids;
      let text = word;
      if (norm?.clean_text !== false && norm && CONTROL_RE.test(text)) text = text.replace(CONTROL_ALL_RE, '');
      if (norm?.handle_chinese_chars !== false && norm) text = text.replace(CJK_RE, ' $& ');
      if (lowercase) text = text.toLowerCase();
      if (stripAccents && /[^\x00-\x7f]/.test(text)) text = text.normalize('NFD').replace(MARK_RE, '');
      const out: number[] = [];
      for (const m of text.matchAll(PRE_TOKEN_RE)) piece(m[0], out);
      if (memo.size >= MEMO_LIMIT) memo.clear();
      memo.set(word, out);
      return out;
    },
  };
}

function templateSpecials(pp: PostProcessor | null): { prefix: number[]; suffix: number[] } | undefined {
  if (pp === null) return { prefix: [], suffix: [] };
  if (pp.type === 'BertProcessing' && pp.cls && pp.sep) return { prefix: [pp.cls[1]], suffix: [pp.sep[1]] };
  if (pp.type !== 'TemplateProcessing' || !pp.single) return undefined;
  const prefix: number[] = [];
  const suffix: number[] = [];
  let seenSequence = false;
  for (const p of pp.single) {
    if ('Sequence' in p && p.Sequence) seenSequence = true;
    else if ('SpecialToken' in p && p.SpecialToken) {
      const ids = pp.special_tokens?.[p.SpecialToken.id]?.ids;
      if (!ids) return undefined;
      (seenSequence ? suffix : prefix).push(...ids);
    }
  }
  return { prefix, suffix };
}
