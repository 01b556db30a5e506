/**
 * Produces Headroom's default prose model (models/headroom-prose-v1/): a word-importance token classifier in ONNX,
 * its tokenizer.json and its manifest. Reproducible: the only input is the word-frequency ranking of the pinned
 * devDependency popular-english-words 1.0.2 (225,555 words counted over English Wikipedia, ISC licence) and the
 * constants below; the output bytes (and so the sha256s in the manifest) are the same on every run.
 *
 *   node --import tsx scripts/make-default-prose-model.ts            writes the three files
 *   node --import tsx scripts/make-default-prose-model.ts --check    exits 1 if the committed files differ
 *
 * The model is not trained (there is no labelled data here); it is a small network with chosen weights, so the
 * runtime exercises the same path a real LLMLingua-2-style model takes: tokenizer.json → input_ids/attention_mask →
 * logits [batch, sequence, 2] (label 0 drop, 1 keep). Per token it looks up six features and adds one from context:
 *   rarity   ln(rank+2)/ln(225557) of the word in the Wikipedia ranking (0 ≈ "the", 1 = not in the vocabulary)
 *   function closed-class word (article, preposition, pronoun, auxiliary, conjunction): rarely carries a fact
 *   punct    a punctuation character
 *   unknown  [UNK]: outside the 50,000 most frequent words, so a name, a term of art or a typo, usually worth keeping
 *   special  [CLS]/[SEP]/[PAD]
 *   negation not/no/never/…: short and frequent, but dropping one inverts the sentence
 *   repeats  ln(1 + earlier occurrences of the same token in the window) — a content word's later mentions say less
 * keep logit = 7·rarity − 4·function − 3·punct + 3·unknown + 6·negation − 0.6 − 16·special
 *            − relu(repeats − 3·(function+punct+unknown+special+negation)).
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { DT, encodeModel, type OnnxGraph } from './make-default-prose-model.onnx-writer.js';

const MODEL_ID = 'headroom-prose-v1';
const VOCAB_WORDS = 50_000;
const MAX_TOKENS = 512;
const SPECIALS = ['[PAD]', '[UNK]', '[CLS]', '[SEP]'] as const;
/** BertPreTokenizer makes each of these a token of its own. */
const PUNCT = [
  ...'!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~',
  '—',
  '–',
  '…',
  '“',
  '”',
  '‘',
  '’',
  '•',
  '«',
  '»',
  '·',
  '§',
  '©',
  '®',
  '°',
];
const FUNCTION_WORDS = (
  'a an the this that these those some any each every either neither both all half ' +
  'i me my mine myself we us our ours ourselves you your yours yourself yourselves he him his himself she her hers ' +
  'herself it its itself they them their theirs themselves one ones who whom whose which what whatever whoever ' +
  'is am are was were be been being do does did doing done have has had having will would shall can could may might ' +
  'and or but nor so yet for if then else than as because since while whereas although though unless until whether ' +
  'of in on at to from by with into onto upon about above below under over through between among across along around ' +
  'against toward towards within without before after during via per off out up down there here thus hence also just ' +
  'very quite rather really too such same other another own s t d ll m re ve'
).split(/\s+/);
const NEGATIONS = (
  'not no never none nothing nobody nowhere cannot cant don doesn didn isn aren wasn weren won wouldn shouldn ' +
  'couldn mustn without'
).split(' ');
const FEATURES = ['rarity', 'function', 'punct', 'unknown', 'special', 'negation'] as const;

interface Built {
  files: Map<string, Uint8Array>;
}

async function build(): Promise<Built> {
  // a variable specifier: the package ships no type declarations, and its one export is a plain string array
  const specifier = 'popular-english-words/words.js';
  const { words } = (await import(specifier)) as { words: string[] };
  const rankLog = Math.log(words.length + 2);
  const vocab: string[] = [...SPECIALS, ...PUNCT];
  const seen = new Set(vocab);
  const rarity = new Map<string, number>();
  for (let rank = 0; rank < words.length && vocab.length < SPECIALS.length + PUNCT.length + VOCAB_WORDS; rank++) {
    const w = words[rank];
    // BertPreTokenizer splits on punctuation, so only letter/digit words can ever be looked up whole
    if (!/^[a-z0-9]+$/.test(w) || seen.has(w)) continue;
    seen.add(w);
    vocab.push(w);
    rarity.set(w, Math.log(rank + 2) / rankLog);
  }
  // contraction pieces ("doesn't" → doesn ' t) and short function words the Wikipedia ranking lacks: without them
  // they would be [UNK], which the model keeps
  for (const w of [...FUNCTION_WORDS, ...NEGATIONS]) {
    if (seen.has(w)) continue;
    seen.add(w);
    vocab.push(w);
  }
  const fn = new Set(FUNCTION_WORDS);
  const neg = new Set(NEGATIONS);
  const F = FEATURES.length;
  const table = new Float32Array(vocab.length * F);
  vocab.forEach((tok, id) => {
    const row = id * F;
    const special = (SPECIALS as readonly string[]).includes(tok);
    table[row + 0] = tok === '[UNK]' ? 1 : (rarity.get(tok) ?? 0);
    table[row + 1] = fn.has(tok) && !neg.has(tok) ? 1 : 0;
    table[row + 2] = PUNCT.includes(tok) ? 1 : 0;
    table[row + 3] = tok === '[UNK]' ? 1 : 0;
    table[row + 4] = special && tok !== '[UNK]' ? 1 : 0;
    table[row + 5] = neg.has(tok) ? 1 : 0;
  });

  const model = encodeModel(graph(table, vocab.length));
  const tokenizer = new TextEncoder().encode(JSON.stringify(tokenizerJson(vocab)) + '\n');
  const manifest = {
    schema: 1,
    id: MODEL_ID,
    task: 'token-classification',
    description:
      'Default word-importance model: Wikipedia word rarity, function words, punctuation, negations and repetition ' +
      'in the window decide which words of prose to keep. Small (~2 MB) and fast; a stand-in until a trained model ' +
      'is installed.',
    file: 'model.onnx',
    sha256: sha256(model),
    size: model.length,
    tokenizer: { type: 'tokenizer.json', file: 'tokenizer.json', sha256: sha256(tokenizer), size: tokenizer.length },
    maxTokens: MAX_TOKENS,
    inputs: { ids: 'input_ids', mask: 'attention_mask' },
    output: { name: 'logits', labels: ['drop', 'keep'], keep: 1 },
    license: 'MIT (model and script); vocabulary and ranks from popular-english-words 1.0.2, ISC',
    source: 'scripts/make-default-prose-model.ts (popular-english-words@1.0.2, Wikipedia word frequencies)',
  };
  const files = new Map<string, Uint8Array>([
    ['model.onnx', model],
    ['tokenizer.json', tokenizer],
    ['manifest.json', new TextEncoder().encode(JSON.stringify(manifest, null, 2) + '\n')],
  ]);
  return { files };
}

/** Gather(features) ‖ ln(1+earlier repeats) → MatMul+Relu (2 units) → MatMul → logits [batch, sequence, 2]. */
function graph(table: Float32Array, vocabSize: number): OnnxGraph {
  const F = FEATURES.length;
  // hidden unit 0: the linear keep score, shifted by +16 so Relu only clips the special tokens (score ≤ −16)
  // hidden unit 1: repetition of a content word (other kinds of token push it below zero)
  const w1 = new Float32Array([
    7,
    0, // rarity
    -4,
    -3, // function
    -3,
    -3, // punct
    3,
    -3, // unknown: every unknown word shares the [UNK] id, so its repeats say nothing
    -16,
    -3, // special
    6,
    -3, // negation
    0,
    1, // repeats
  ]);
  const b1 = new Float32Array([16 - 0.6, 0]);
  const w2 = new Float32Array([0, 1, 0, -1]); // [drop, keep] per hidden unit
  const b2 = new Float32Array([0, -16]);
  const i64 = (name: string, values: number[]) => ({
    name,
    dims: [values.length],
    type: DT.INT64,
    data: BigInt64Array.from(values.map(BigInt)),
  });
  return {
    name: 'headroom_prose_v1',
    producer: 'headroom/scripts/make-default-prose-model.ts',
    producerVersion: '1',
    docString:
      'Word-importance token classifier; see scripts/make-default-prose-model.ts for the features and weights.',
    metadata: [['labels', 'drop,keep']],
    initializers: [
      { name: 'features', dims: [vocabSize, F], type: DT.FLOAT, data: table },
      { name: 'w1', dims: [F + 1, 2], type: DT.FLOAT, data: w1 },
      { name: 'b1', dims: [2], type: DT.FLOAT, data: b1 },
      { name: 'w2', dims: [2, 2], type: DT.FLOAT, data: w2 },
      { name: 'b2', dims: [2], type: DT.FLOAT, data: b2 },
      i64('axis_1', [1]),
      i64('axis_2', [2]),
      { name: 'minus_one', dims: [], type: DT.INT64, data: BigInt64Array.from([-1n]) },
      { name: 'one', dims: [], type: DT.FLOAT, data: new Float32Array([1]) },
    ],
    inputs: [
      { name: 'input_ids', type: DT.INT64, shape: ['batch', 'sequence'] },
      { name: 'attention_mask', type: DT.INT64, shape: ['batch', 'sequence'] },
    ],
    outputs: [{ name: 'logits', type: DT.FLOAT, shape: ['batch', 'sequence', 2] }],
    nodes: [
      { op: 'Gather', inputs: ['features', 'input_ids'], outputs: ['token_features'], attrs: { axis: 0 } },
      // repeats: for each position, how many earlier (unpadded) positions hold the same id
      { op: 'Unsqueeze', inputs: ['input_ids', 'axis_2'], outputs: ['ids_col'] },
      { op: 'Unsqueeze', inputs: ['input_ids', 'axis_1'], outputs: ['ids_row'] },
      { op: 'Equal', inputs: ['ids_col', 'ids_row'], outputs: ['same_bool'] },
      { op: 'Cast', inputs: ['same_bool'], outputs: ['same'], attrs: { to: DT.FLOAT } },
      { op: 'Trilu', inputs: ['same', 'minus_one'], outputs: ['same_earlier'], attrs: { upper: 0 } },
      { op: 'Cast', inputs: ['attention_mask'], outputs: ['mask_f'], attrs: { to: DT.FLOAT } },
      { op: 'Unsqueeze', inputs: ['mask_f', 'axis_1'], outputs: ['mask_row'] },
      { op: 'Mul', inputs: ['same_earlier', 'mask_row'], outputs: ['same_earlier_real'] },
      { op: 'ReduceSum', inputs: ['same_earlier_real', 'axis_2'], outputs: ['repeat_count'], attrs: { keepdims: 1 } },
      { op: 'Add', inputs: ['repeat_count', 'one'], outputs: ['repeat_plus_one'] },
      { op: 'Log', inputs: ['repeat_plus_one'], outputs: ['repeats'] },
      { op: 'Concat', inputs: ['token_features', 'repeats'], outputs: ['x'], attrs: { axis: 2 } },
      { op: 'MatMul', inputs: ['x', 'w1'], outputs: ['h_lin'] },
      { op: 'Add', inputs: ['h_lin', 'b1'], outputs: ['h_pre'] },
      { op: 'Relu', inputs: ['h_pre'], outputs: ['h'] },
      { op: 'MatMul', inputs: ['h', 'w2'], outputs: ['out_lin'] },
      { op: 'Add', inputs: ['out_lin', 'b2'], outputs: ['logits'] },
    ],
  };
}

/**
 * A Hugging Face tokenizer.json: BERT-style lower-casing and punctuation splitting over a whole-word WordPiece
 * vocabulary.
 */
function tokenizerJson(vocab: readonly string[]): unknown {
  const special = (content: string, id: number) => ({
    id,
    content,
    single_word: false,
    lstrip: false,
    rstrip: false,
    normalized: false,
    special: true,
  });
  const ids: Record<string, number> = {};
  vocab.forEach((w, i) => (ids[w] = i));
  return {
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: SPECIALS.map((s, i) => special(s, i)),
    normalizer: {
      type: 'BertNormalizer',
      clean_text: true,
      handle_chinese_chars: true,
      strip_accents: true,
      lowercase: true,
    },
    pre_tokenizer: { type: 'BertPreTokenizer' },
    post_processor: {
      type: 'TemplateProcessing',
      single: [
        { SpecialToken: { id: '[CLS]', type_id: 0 } },
        { Sequence: { id: 'A', type_id: 0 } },
        { SpecialToken: { id: '[SEP]', type_id: 0 } },
      ],
      pair: [
        { SpecialToken: { id: '[CLS]', type_id: 0 } },
        { Sequence: { id: 'A', type_id: 0 } },
        { SpecialToken: { id: '[SEP]', type_id: 0 } },
        { Sequence: { id: 'B', type_id: 1 } },
        { SpecialToken: { id: '[SEP]', type_id: 1 } },
      ],
      special_tokens: {
        '[CLS]': { id: '[CLS]', ids: [2], tokens: ['[CLS]'] },
        '[SEP]': { id: '[SEP]', ids: [3], tokens: ['[SEP]'] },
      },
    },
    decoder: { type: 'WordPiece', prefix: '##', cleanup: true },
    // no "##" pieces in the vocabulary: a word outside it becomes one [UNK], which is exactly the signal wanted
    model: {
      type: 'WordPiece',
      unk_token: '[UNK]',
      continuing_subword_prefix: '##',
      max_input_chars_per_word: 100,
      vocab: ids,
    },
  };
}

function sha256(b: Uint8Array): string {
  return createHash('sha256').update(b).digest('hex');
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const check = args.includes('--check');
  const outIdx = args.indexOf('--out');
  const out = outIdx >= 0 ? args[outIdx + 1] : join(__dirname, '..', 'models', MODEL_ID);
  const { files } = await build();
  if (check) {
    const stale = [...files].filter(
      ([name, bytes]) => !existsSync(join(out, name)) || sha256(readFileSync(join(out, name))) !== sha256(bytes),
    );
    for (const [name] of stale) process.stderr.write(`${join(out, name)} differs from what the script produces\n`);
    process.exitCode = stale.length ? 1 : 0;
    return;
  }
  mkdirSync(out, { recursive: true });
  for (const [name, bytes] of files) writeFileSync(join(out, name), bytes);
  process.stdout.write(`wrote ${[...files].map(([n, b]) => `${n} (${b.length} bytes)`).join(', ')} to ${out}\n`);
}

if (require.main === module) void main();

export { build as buildDefaultProseModel };
