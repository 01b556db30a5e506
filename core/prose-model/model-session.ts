import { readFile } from 'node:fs/promises';
import * as ort from 'onnxruntime-node';
import type { ResolvedManifest } from './manifest.js';
import { ModelFileError, verifyFile } from './verify-file.js';
import { createWordTokenizer, type WordTokenizer } from './word-tokenizer.js';

/** A verified, loaded model: tokenizer plus an ONNX session that maps token ids to keep probabilities. */
export interface LoadedModel {
  id: string;
  tokenizer: WordTokenizer;
  maxTokens: number;
  /** Keep probability of every position of `ids` (specials included). */
  run(ids: readonly number[]): Promise<Float32Array>;
  release(): Promise<void>;
}

/** Thrown when the model file loads but does not have the inputs, outputs or shapes the manifest promises. */
export class ModelShapeError extends Error {
  override name = 'ModelShapeError';
}

/**
 * Verifies the files (size, sha256), loads the tokenizer and the session, then checks tensor names and types
 * against the manifest and runs one probe to check the output's shape. Every failure names the file and what is wrong.
 */
export async function loadProseModel(m: ResolvedManifest, threads = 1): Promise<LoadedModel> {
  await verifyFile(m.modelPath, { sha256: m.sha256, size: m.size }, 'model file');
  await verifyFile(m.tokenizerPath, { sha256: m.tokenizer.sha256, size: m.tokenizer.size }, 'tokenizer file');
  const tokenizer = createWordTokenizer(
    await readJson(m.tokenizerPath),
    m.tokenizerConfigPath ? await readJson(m.tokenizerConfigPath) : {},
  );

  let session: ort.InferenceSession;
  try {
    // one intra-op thread: the proxy shares two cores with the agent, and results do not depend on thread count
    session = await ort.InferenceSession.create(m.modelPath, {
      intraOpNumThreads: threads,
      interOpNumThreads: 1,
      executionProviders: ['cpu'],
    });
  } catch (err) {
    throw new ModelFileError(
      `model file ${m.modelPath} is not a model onnxruntime can load (not ONNX, damaged, or too new): ` +
        firstLine(err),
    );
  }
  try {
    const types = checkSignature(session, m);
    const model: LoadedModel = {
      id: m.id,
      tokenizer,
      maxTokens: m.maxTokens,
      run: (ids) => runKeep(session, m, types, ids),
      release: () => session.release(),
    };
    const probe = [...tokenizer.prefix, ...tokenizer.encodeWord('probe', false), ...tokenizer.suffix];
    const feeds = makeFeeds(m, types, probe);
    const out = (await session.run(feeds))[m.output.name];
    const dims = out?.dims ?? [];
    if (dims.length !== 3 || dims[0] !== 1 || dims[1] !== probe.length || dims[2] !== m.output.labels.length) {
      throw new ModelShapeError(
        `model ${m.id}: output "${m.output.name}" has shape [${dims.join(', ')}] for ${probe.length} tokens; ` +
          `expected [1, ${probe.length}, ${m.output.labels.length}] ` +
          `(one logit per label: ${m.output.labels.join(', ')})`,
      );
    }
    return model;
  } catch (err) {
    await session.release().catch(() => undefined);
    throw err;
  }
}

type IdType = 'int64' | 'int32';
interface Signature {
  ids: IdType;
  mask: IdType;
  typeIds: IdType;
}

function checkSignature(s: ort.InferenceSession, m: ResolvedManifest): Signature {
  const named = [m.inputs.ids, m.inputs.mask, m.inputs.typeIds].filter((n): n is string => n !== undefined);
  const fail = (msg: string): never => {
    throw new ModelShapeError(`model ${m.id} (${m.modelPath}): ${msg}`);
  };
  for (const n of named)
    if (!s.inputNames.includes(n))
      fail(`has no input "${n}" (its inputs are ${list(s.inputNames)}); fix "inputs" in ${m.manifestPath}`);
  for (const n of s.inputNames)
    if (!named.includes(n)) fail(`needs input "${n}", which the manifest's "inputs" does not name`);
  if (!s.outputNames.includes(m.output.name))
    fail(
      `has no output "${m.output.name}" (its outputs are ${list(s.outputNames)}); ` +
        `fix "output.name" in ${m.manifestPath}`,
    );
  const meta = (name: string) => s.inputMetadata.find((x) => x.name === name);
  const idType = (name: string | undefined): IdType => {
    const md = name ? meta(name) : undefined;
    if (!md || !md.isTensor) return 'int64';
    if (md.type !== 'int64' && md.type !== 'int32')
      fail(`input "${name}" is ${md.type}; token ids must be int64 or int32`);
    if (md.shape.length !== 2) fail(`input "${name}" has ${md.shape.length} dimensions; expected [batch, sequence]`);
    return md.type as IdType;
  };
  const out = s.outputMetadata.find((x) => x.name === m.output.name);
  if (out?.isTensor) {
    if (out.type !== 'float32') fail(`output "${m.output.name}" is ${out.type}; expected float32 logits`);
    const last = out.shape[out.shape.length - 1];
    if (out.shape.length !== 3)
      fail(`output "${m.output.name}" has ${out.shape.length} dimensions; expected [batch, sequence, labels]`);
    if (typeof last === 'number' && last !== m.output.labels.length)
      fail(`output "${m.output.name}" has ${last} labels; the manifest lists ${m.output.labels.length}`);
  }
  return { ids: idType(m.inputs.ids), mask: idType(m.inputs.mask), typeIds: idType(m.inputs.typeIds) };
}

function makeFeeds(m: ResolvedManifest, t: Signature, ids: readonly number[]): Record<string, ort.Tensor> {
  const n = ids.length;
  const tensor = (type: IdType, fill: (i: number) => number) =>
    type === 'int64'
      ? new ort.Tensor(
          'int64',
          BigInt64Array.from({ length: n }, (_, i) => BigInt(fill(i))),
          [1, n],
        )
      : new ort.Tensor(
          'int32',
          Int32Array.from({ length: n }, (_, i) => fill(i)),
          [1, n],
        );
  const feeds: Record<string, ort.Tensor> = { [m.inputs.ids]: tensor(t.ids, (i) => ids[i]) };
  if (m.inputs.mask) feeds[m.inputs.mask] = tensor(t.mask, () => 1);
  if (m.inputs.typeIds) feeds[m.inputs.typeIds] = tensor(t.typeIds, () => 0);
  return feeds;
}

async function runKeep(
  s: ort.InferenceSession,
  m: ResolvedManifest,
  t: Signature,
  ids: readonly number[],
): Promise<Float32Array> {
  const out = (await s.run(makeFeeds(m, t, ids)))[m.output.name];
  const logits = out.data as Float32Array;
  const L = m.output.labels.length;
  const keep = m.output.keep;
  const probs = new Float32Array(ids.length);
  for (let i = 0; i < ids.length; i++) {
    // softmax probability of the keep label, computed stably relative to its own logit
    const base = i * L;
    const lk = logits[base + keep];
    let sum = 0;
    for (let j = 0; j < L; j++) sum += Math.exp(logits[base + j] - lk);
    probs[i] = 1 / sum;
  }
  out.dispose();
  return probs;
}

async function readJson(path: string): Promise<Record<string, unknown>> {
  try {
    return JSON.parse(await readFile(path, 'utf8')) as Record<string, unknown>;
  } catch (err) {
    throw new ModelFileError(`${path} is not a readable JSON file: ${firstLine(err)}`);
  }
}

function list(names: readonly string[]): string {
  return names.map((n) => `"${n}"`).join(', ') || 'none';
}

function firstLine(err: unknown): string {
  return String((err as Error)?.message ?? err).split('\n')[0];
}
