/**
 * Prose benchmark: the default prose model (through compressAsync, in its worker) against the extractive compressor
 * (compress() with kind text), on real documents. The model engine's default runs coarse to fine (the extractive
 * selection at 1.6× its budget, then the model keeps 30% of the prunable words' tokens); "words only" gives the
 * model the whole text at 50%. Prints a markdown table and writes bench/prose/results.json.
 *
 *   node --import tsx bench/prose/run.ts [--runs 7]
 *
 * Tokens are o200k (countTokens). "ms/512 tok" is the median wall time of a warm call divided by the input's
 * o200k tokens / 512; "model ms/512" is the worker's own time (tokenising, ONNX, protected spans, selection,
 * rendering) per 512 model tokens. "ONNX ms/512" times the bare session on full 512-token windows of real text.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadavg } from 'node:os';
import { compress } from '../../core/compress.js';
import { compressAsync } from '../../core/prose-model/compress-async.js';
import { ProseModel } from '../../core/prose-model/service.js';
import { loadManifest } from '../../core/prose-model/manifest.js';
import { loadProseModel } from '../../core/prose-model/model-session.js';
import { countTokens } from '../../core/util/tokens.js';
import { DOCS, HELD_OUT, type BenchDoc } from './docs.js';

const ROOT = join(__dirname, '..', '..');
const runsArg = process.argv.indexOf('--runs');
const RUNS = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 7;
/** The model engine's default (coarse selection, then words) and the whole text pruned word by word. */
const ENGINES: Array<{ name: string; coarseScale?: number; ratio?: number }> = [
  { name: 'model (default)' },
  { name: 'model, words only @0.5', coarseScale: 0, ratio: 0.5 },
];
/** Outputs for reading side by side (not committed). */
const OUT = join(__dirname, 'out');

interface Row {
  engine: string;
  tokens: number;
  facts: number;
  factsOf: number;
  answer: boolean;
  ms: number;
  msPer512: number;
  modelMsPer512?: number;
  missing: string[];
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1];
}

function grade(doc: BenchDoc, output: string): Pick<Row, 'facts' | 'factsOf' | 'answer' | 'missing'> {
  const all = [...doc.answer, ...doc.facts];
  const missing = all.filter((f) => !output.includes(f));
  return {
    facts: all.length - missing.length,
    factsOf: all.length,
    answer: doc.answer.every((f) => output.includes(f)),
    missing,
  };
}

/** Median milliseconds of one ONNX run over a full 512-token window cut from the documents' own tokens. */
async function onnxPer512(texts: string[]): Promise<{ ms: number; tokenizeMsPer512: number }> {
  const m = await loadProseModel(loadManifest(join(ROOT, 'models/headroom-prose-v1/manifest.json')));
  const words = texts.join('\n').match(/\S+/g) ?? [];
  let t0 = performance.now();
  const ids: number[] = [];
  for (const w of words) ids.push(...m.tokenizer.encodeWord(w, true));
  const tokenizeMsPer512 = (performance.now() - t0) / (ids.length / 512);
  const cap = m.maxTokens - m.tokenizer.prefix.length - m.tokenizer.suffix.length;
  const times: number[] = [];
  for (let k = 0; k < 60; k++) {
    const at = (k * cap) % Math.max(1, ids.length - cap);
    const window = [...m.tokenizer.prefix, ...ids.slice(at, at + cap), ...m.tokenizer.suffix];
    t0 = performance.now();
    await m.run(window);
    if (k >= 10) times.push(performance.now() - t0);
  }
  await m.release();
  return { ms: median(times), tokenizeMsPer512 };
}

/** A real API model whose `documentation` fields are long HTML prose (test/fixtures/json/SOURCES.md). */
const JSON_DOC = {
  file: 'test/fixtures/json/aws-logs-operations.json',
  source: "botocore's CloudWatch Logs operations (google-cloud-cli 528.0.0)",
  query: 'What limits apply to a PutLogEvents batch?',
  facts: [
    '1,048,576 bytes',
    '10,000',
    '256 KB',
    '24 hours',
    '14 days',
    'PutLogEvents',
    'InvalidSequenceTokenException',
  ],
};

/** The same JSON with its prose strings whole, condensed extractively, and through the model. */
async function proseInJson(
  model: ProseModel,
): Promise<Array<{ engine: string; before: number; after: number; facts: number; of: number }>> {
  const text = readFileSync(join(ROOT, JSON_DOC.file), 'utf8');
  const before = countTokens(text);
  const row = (engine: string, out: string) => ({
    engine,
    before,
    after: countTokens(out),
    facts: JSON_DOC.facts.filter((f) => out.includes(f)).length,
    of: JSON_DOC.facts.length,
  });
  const r = await compressAsync(text, { query: JSON_DOC.query, prose: model });
  if (r.prose?.engine !== 'model') throw new Error(`JSON: model not used: ${r.prose?.fallbackReason}`);
  return [
    row(
      'JSON compressor, strings whole',
      compress(text, { query: JSON_DOC.query, proseCompressor: () => null }).output,
    ),
    row('+ extractive prose', compress(text, { query: JSON_DOC.query }).output),
    row(`+ prose model (${r.prose.modelPieces}/${r.prose.pieces} strings)`, r.output),
  ];
}

async function main(): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  const model = new ProseModel({
    manifestPath: join(ROOT, 'models/headroom-prose-v1/manifest.json'),
    budgetMs: 60_000,
  });
  const results: Array<{
    file: string;
    source: string;
    set: 'tuned' | 'held out';
    tokens: number;
    cold?: number;
    rows: Row[];
  }> = [];
  let cold: number | undefined;
  const all = [
    ...DOCS.map((d) => ({ ...d, set: 'tuned' as const })),
    ...HELD_OUT.map((d) => ({ ...d, set: 'held out' as const })),
  ];
  for (const doc of all) {
    const text = readFileSync(join(ROOT, 'test/fixtures/prose', doc.file), 'utf8');
    const tokens = countTokens(text);
    const rows: Row[] = [];

    const ext: number[] = [];
    let extOut = text;
    for (let i = 0; i < RUNS + 1; i++) {
      const t0 = performance.now();
      extOut = compress(text, { kind: 'text', query: doc.query, minChars: 0 }).output;
      if (i > 0) ext.push(performance.now() - t0);
    }
    const extMs = median(ext);
    rows.push({
      engine: 'extractive',
      tokens: countTokens(extOut),
      ...grade(doc, extOut),
      ms: extMs,
      msPer512: extMs / (tokens / 512),
    });

    for (const engine of ENGINES) {
      const times: number[] = [];
      const modelTimes: number[] = [];
      let out = text;
      let modelTokens = 0;
      for (let i = 0; i < RUNS + 1; i++) {
        const t0 = performance.now();
        const r = await compressAsync(text, {
          kind: 'text',
          query: doc.query,
          prose: model,
          coarseScale: engine.coarseScale,
          ratio: engine.ratio,
        });
        const ms = performance.now() - t0;
        if (r.prose?.engine !== 'model') throw new Error(`${doc.file}: model not used: ${r.prose?.fallbackReason}`);
        if (cold === undefined) cold = ms;
        else if (i > 0) {
          times.push(ms);
          modelTimes.push(r.prose.modelMs!);
        }
        out = r.output;
        modelTokens = r.prose.modelTokens!;
      }
      const ms = median(times);
      rows.push({
        engine: engine.name,
        tokens: countTokens(out),
        ...grade(doc, out),
        ms,
        msPer512: ms / (tokens / 512),
        modelMsPer512: median(modelTimes) / (modelTokens / 512),
      });
      if (engine === ENGINES[0]) writeFileSync(join(OUT, `${doc.file}.model.txt`), out);
    }
    writeFileSync(join(OUT, `${doc.file}.extractive.txt`), extOut);
    results.push({ file: doc.file, source: doc.source, set: doc.set, tokens, rows });
  }
  const jsonRows = await proseInJson(model);
  await model.close();
  const onnx = await onnxPer512(all.map((d) => readFileSync(join(ROOT, 'test/fixtures/prose', d.file), 'utf8')));

  const lines = [
    `| document | tokens | engine | tokens after | kept | facts kept | answer | ms/512 tok | model ms/512 |`,
    `|---|---:|---|---:|---:|---:|:---:|---:|---:|`,
  ];
  type Total = {
    docs: number;
    before: number;
    after: number;
    facts: number;
    of: number;
    answers: number;
    per512: number[];
  };
  const totals = new Map<string, Total>();
  for (const r of results) {
    for (const row of r.rows) {
      lines.push(
        `| ${r.file}${r.set === 'held out' ? ' (held out)' : ''} | ${r.tokens} | ${row.engine} | ${row.tokens} | ` +
          `${((row.tokens / r.tokens) * 100).toFixed(0)}% | ${row.facts}/${row.factsOf} | ` +
          `${row.answer ? 'yes' : 'no'} | ${row.msPer512.toFixed(2)} | ${row.modelMsPer512?.toFixed(2) ?? ''} |`,
      );
      for (const key of [`${r.set}|${row.engine}`, `all|${row.engine}`]) {
        const t = totals.get(key) ?? { docs: 0, before: 0, after: 0, facts: 0, of: 0, answers: 0, per512: [] };
        t.docs++;
        t.before += r.tokens;
        t.after += row.tokens;
        t.facts += row.facts;
        t.of += row.factsOf;
        t.answers += row.answer ? 1 : 0;
        t.per512.push(row.msPer512);
        totals.set(key, t);
      }
    }
  }
  const SETS = ['tuned', 'held out', 'all'];
  const order = (k: string) => SETS.indexOf(k.split('|')[0]);
  for (const [key, t] of [...totals].sort((a, b) => order(a[0]) - order(b[0]))) {
    const [set, engine] = key.split('|');
    lines.push(
      `| **${set === 'all' ? 'all' : set}: ${t.docs} docs** | ${t.before} | ${engine} | ${t.after} | ` +
        `${((t.after / t.before) * 100).toFixed(0)}% | ${t.facts}/${t.of} | ${t.answers}/${t.docs} | ` +
        `${median(t.per512).toFixed(2)} (median) | |`,
    );
  }
  const missing = results.flatMap((r) =>
    r.rows
      .filter((x) => x.missing.length)
      .map((x) => `- ${r.file} / ${x.engine}: ${x.missing.map((m) => JSON.stringify(m)).join(', ')}`),
  );
  const report = [
    ...lines,
    '',
    `Prose inside JSON: ${JSON_DOC.source}; question: "${JSON_DOC.query}"`,
    '',
    '| engine | tokens before | tokens after | kept | facts kept |',
    '|---|---:|---:|---:|---:|',
    ...jsonRows.map(
      (r) =>
        `| ${r.engine} | ${r.before} | ${r.after} | ${((r.after / r.before) * 100).toFixed(0)}% | ${r.facts}/${r.of} |`,
    ),
    '',
    `Default model alone: ONNX ${onnx.ms.toFixed(2)} ms per 512-token window (median of 50), WordPiece tokenising ` +
      `${onnx.tokenizeMsPer512.toFixed(2)} ms per 512 tokens (cold memo).`,
    `First (cold) call: ${cold?.toFixed(0)} ms — worker start, sha256 check, tokenizer and ONNX session load. Load ` +
      `average during the run: ${loadavg()
        .map((x) => x.toFixed(1))
        .join(' ')} (2 cores).`,
    '',
    'Facts missing:',
    ...missing,
  ].join('\n');
  process.stdout.write(report + '\n');
  writeFileSync(
    join(__dirname, 'results.json'),
    JSON.stringify(
      {
        runs: RUNS,
        coldMs: cold,
        onnxMsPer512: onnx.ms,
        tokenizeMsPer512: onnx.tokenizeMsPer512,
        loadavg: loadavg(),
        results,
        proseInJson: jsonRows,
      },
      null,
      2,
    ) + '\n',
  );
}

void main();
