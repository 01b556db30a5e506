import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * What `models/<id>/manifest.json` says about a token-classification model. The runtime trusts nothing else: the
 * file's sha256 and size are checked before the model is loaded, the tensor names and the output's shape before it
 * is used.
 */
export interface ProseModelManifest {
  schema: 1;
  id: string;
  task: 'token-classification';
  description?: string;
  /** Model file name, relative to the manifest's folder. */
  file: string;
  sha256: string;
  size: number;
  tokenizer: TokenizerSpec;
  /** Longest input the model takes, special tokens included (512 for BERT-family models). */
  maxTokens: number;
  /** Input tensor names by role. `mask` and `typeIds` are fed when named (all ones / all zeros). */
  inputs: { ids: string; mask?: string; typeIds?: string };
  /** The logits tensor [batch, sequence, labels.length] and which label means "keep this token". */
  output: { name: string; labels: string[]; keep: number };
  license: string;
  source: string;
}

export interface TokenizerSpec {
  /** Only Hugging Face `tokenizer.json` files are supported (WordPiece, BPE, Unigram). */
  type: 'tokenizer.json';
  file: string;
  sha256?: string;
  size?: number;
  /** Optional `tokenizer_config.json` beside it (special-token names some tokenizers need). */
  config?: string;
}

/** A validated manifest with its files' absolute paths. */
export interface ResolvedManifest extends ProseModelManifest {
  manifestPath: string;
  modelPath: string;
  tokenizerPath: string;
  tokenizerConfigPath?: string;
}

export class ManifestError extends Error {
  override name = 'ManifestError';
}

const ID_RE = /^[a-z0-9][a-z0-9._-]{0,63}$/;
const SHA_RE = /^[0-9a-f]{64}$/;
/** A plain file name beside the manifest: no folders, so an installed manifest cannot point outside its own folder. */
const FILE_RE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;
const TENSOR_RE = /^[^\u0000-\u001f]{1,128}$/;

/** Reads and validates a manifest file; throws ManifestError naming the file and the field on any problem. */
export function loadManifest(manifestPath: string): ResolvedManifest {
  let raw: string;
  try {
    raw = readFileSync(manifestPath, 'utf8');
  } catch (err) {
    throw new ManifestError(
      `${manifestPath}: cannot read the manifest (${(err as NodeJS.ErrnoException).code ?? String(err)})`,
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch (err) {
    throw new ManifestError(`${manifestPath}: not valid JSON (${(err as Error).message})`);
  }
  return resolveManifest(validateManifest(json, manifestPath), manifestPath);
}

export function resolveManifest(m: ProseModelManifest, manifestPath: string): ResolvedManifest {
  const dir = dirname(manifestPath);
  return {
    ...m,
    manifestPath,
    modelPath: join(dir, m.file),
    tokenizerPath: join(dir, m.tokenizer.file),
    tokenizerConfigPath: m.tokenizer.config ? join(dir, m.tokenizer.config) : undefined,
  };
}

/** Checks every field the runtime relies on. `where` prefixes the messages (a path or a URL). */
export function validateManifest(json: unknown, where: string): ProseModelManifest {
  const fail = (msg: string): never => {
    throw new ManifestError(`${where}: ${msg}`);
  };
  const obj = (v: unknown, name: string): Record<string, unknown> =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? (v as Record<string, unknown>)
      : fail(`"${name}" must be an object`);
  const str = (o: Record<string, unknown>, k: string, re: RegExp, what: string, prefix = ''): string => {
    const v = o[k];
    return typeof v === 'string' && re.test(v)
      ? v
      : fail(`"${prefix}${k}" must be ${what}, got ${JSON.stringify(v) ?? 'nothing'}`);
  };
  const int = (o: Record<string, unknown>, k: string, min: number, prefix = ''): number => {
    const v = o[k];
    return Number.isSafeInteger(v) && (v as number) >= min
      ? (v as number)
      : fail(`"${prefix}${k}" must be an integer ≥ ${min}, got ${JSON.stringify(v) ?? 'nothing'}`);
  };
  const m = obj(json, 'manifest');
  if (m.schema !== 1) fail(`unsupported "schema" ${JSON.stringify(m.schema)} (this version reads schema 1)`);
  if (m.task !== 'token-classification') fail(`"task" must be "token-classification", got ${JSON.stringify(m.task)}`);
  const id = str(m, 'id', ID_RE, 'lower-case letters, digits, ".", "_" or "-"');
  const file = str(m, 'file', FILE_RE, 'a file name beside the manifest');
  const sha256 = str(m, 'sha256', SHA_RE, '64 lower-case hex digits');
  const size = int(m, 'size', 1);
  const maxTokens = int(m, 'maxTokens', 8);
  const license = str(m, 'license', /\S/, 'a licence statement');
  const source = str(m, 'source', /\S/, 'where the model comes from');

  const t = obj(m.tokenizer, 'tokenizer');
  if (t.type !== 'tokenizer.json') fail(`"tokenizer.type" must be "tokenizer.json", got ${JSON.stringify(t.type)}`);
  const tokenizer: TokenizerSpec = {
    type: 'tokenizer.json',
    file: str(t, 'file', FILE_RE, 'a file name beside the manifest', 'tokenizer.'),
  };
  if (t.sha256 !== undefined) tokenizer.sha256 = str(t, 'sha256', SHA_RE, '64 lower-case hex digits', 'tokenizer.');
  if (t.size !== undefined) tokenizer.size = int(t, 'size', 1, 'tokenizer.');
  if (t.config !== undefined)
    tokenizer.config = str(t, 'config', FILE_RE, 'a file name beside the manifest', 'tokenizer.');

  const i = obj(m.inputs, 'inputs');
  const inputs: ProseModelManifest['inputs'] = { ids: str(i, 'ids', TENSOR_RE, 'a tensor name', 'inputs.') };
  if (i.mask !== undefined) inputs.mask = str(i, 'mask', TENSOR_RE, 'a tensor name', 'inputs.');
  if (i.typeIds !== undefined) inputs.typeIds = str(i, 'typeIds', TENSOR_RE, 'a tensor name', 'inputs.');
  const names = [inputs.ids, inputs.mask, inputs.typeIds].filter((n): n is string => n !== undefined);
  if (new Set(names).size !== names.length) fail('"inputs" names the same tensor twice');

  const o = obj(m.output, 'output');
  const outName = str(o, 'name', TENSOR_RE, 'a tensor name', 'output.');
  const labels = o.labels;
  if (!Array.isArray(labels) || labels.length < 2 || !labels.every((l) => typeof l === 'string' && l.length > 0)) {
    fail('"output.labels" must list at least two label names (what each logit means)');
  }
  const keep = int(o, 'keep', 0, 'output.');
  if (keep >= (labels as string[]).length)
    fail(`"output.keep" is ${keep}, but there are only ${(labels as string[]).length} labels`);

  const out: ProseModelManifest = {
    schema: 1,
    id,
    task: 'token-classification',
    file,
    sha256,
    size,
    tokenizer,
    maxTokens,
    inputs,
    output: { name: outName, labels: [...(labels as string[])], keep },
    license,
    source,
  };
  if (typeof m.description === 'string') out.description = m.description;
  return out;
}
