import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream, existsSync, statSync } from 'node:fs';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { once } from 'node:events';
import {
  validateManifest,
  resolveManifest,
  loadManifest,
  type ProseModelManifest,
  type ResolvedManifest,
} from './manifest.js';
import { ModelFileError } from './verify-file.js';

export interface InstallProgress {
  file: string;
  bytes: number;
  total?: number;
}

export interface InstallOptions {
  /** HEADROOM_HOME/models: the model lands in `<modelsDir>/<id>/`. */
  modelsDir: string;
  /** Replace an installed model of the same id with different files. */
  force?: boolean;
  onProgress?(p: InstallProgress): void;
  /** Runs on the downloaded copy before it replaces anything (the CLI loads it to check tensor names and shapes). */
  check?(m: ResolvedManifest): Promise<void>;
}

export interface InstallResult {
  id: string;
  dir: string;
  manifestPath: string;
  alreadyInstalled: boolean;
  files: Array<{ name: string; bytes: number; sha256: string }>;
}

const MAX_MANIFEST_BYTES = 1 << 20;

/** Another model with the same id (different files) is installed; installing again with `force` replaces it. */
export class ModelExistsError extends ModelFileError {
  override name = 'ModelExistsError';
  constructor(
    readonly id: string,
    readonly dir: string,
  ) {
    super(`a different model "${id}" is already installed in ${dir}; add --force to replace it`);
  }
}

/**
 * Installs a model from a manifest: a local `manifest.json` (or a folder holding one) or an http(s) URL of one. The
 * files it names are fetched from beside it, hashed while they stream, checked against the manifest's size and
 * sha256, checked by `check`, and only then moved into place, so a failed install never leaves a half model behind.
 */
export async function installModel(source: string, opts: InstallOptions): Promise<InstallResult> {
  const remote = /^https?:\/\//i.test(source);
  const manifestLoc = remote
    ? source
    : existsSync(source) && statSync(source).isDirectory()
      ? join(source, 'manifest.json')
      : resolve(source);
  const manifestText = remote ? await fetchText(manifestLoc) : await readLocalManifest(manifestLoc);
  let json: unknown;
  try {
    json = JSON.parse(manifestText);
  } catch (err) {
    throw new ModelFileError(`${manifestLoc}: not valid JSON (${(err as Error).message})`);
  }
  const m = validateManifest(json, manifestLoc);
  const dir = join(opts.modelsDir, m.id);
  const installed = join(dir, 'manifest.json');
  if (existsSync(installed) && !opts.force) {
    const same = sameModel(installed, m);
    if (same) return { id: m.id, dir, manifestPath: installed, alreadyInstalled: true, files: [] };
    throw new ModelExistsError(m.id, dir);
  }

  const partial = join(opts.modelsDir, `.${m.id}.partial-${process.pid}`);
  await rm(partial, { recursive: true, force: true });
  await mkdir(partial, { recursive: true });
  try {
    const files: InstallResult['files'] = [];
    const wanted: Array<{ name: string; size?: number; sha256?: string; what: string }> = [
      { name: m.file, size: m.size, sha256: m.sha256, what: 'model file' },
      { name: m.tokenizer.file, size: m.tokenizer.size, sha256: m.tokenizer.sha256, what: 'tokenizer file' },
    ];
    if (m.tokenizer.config) wanted.push({ name: m.tokenizer.config, what: 'tokenizer config' });
    for (const f of wanted) {
      const from = remote ? new URL(f.name, manifestLoc).href : join(dirname(manifestLoc), f.name);
      const got = await copyHashed(from, join(partial, f.name), f.size, (bytes) =>
        opts.onProgress?.({ file: f.name, bytes, total: f.size }),
      );
      if (f.size !== undefined && got.bytes !== f.size) {
        throw new ModelFileError(
          `${f.what} ${from} is ${got.bytes} bytes but the manifest says ${f.size} (truncated or a different file)`,
        );
      }
      if (f.sha256 !== undefined && got.sha256 !== f.sha256) {
        throw new ModelFileError(`${f.what} ${from} has sha256 ${got.sha256} but the manifest says ${f.sha256}`);
      }
      files.push({ name: f.name, ...got });
    }
    await writeFile(join(partial, 'manifest.json'), manifestText);
    await opts.check?.(resolveManifest(m, join(partial, 'manifest.json')));
    const old = `${dir}.old-${process.pid}`;
    if (existsSync(dir)) await rename(dir, old);
    await rename(partial, dir);
    await rm(old, { recursive: true, force: true });
    return { id: m.id, dir, manifestPath: installed, alreadyInstalled: false, files };
  } catch (err) {
    await rm(partial, { recursive: true, force: true });
    throw err;
  }
}

/** An installed manifest naming the same model file (same sha256) whose file is still there at its full size. */
function sameModel(installedManifest: string, m: ProseModelManifest): boolean {
  try {
    const cur = loadManifest(installedManifest);
    return cur.sha256 === m.sha256 && existsSync(cur.modelPath) && statSync(cur.modelPath).size === cur.size;
  } catch {
    return false;
  }
}

async function readLocalManifest(path: string): Promise<string> {
  try {
    if (statSync(path).size > MAX_MANIFEST_BYTES) throw new ModelFileError(`${path} is too large to be a manifest`);
    return await readFile(path, 'utf8');
  } catch (err) {
    if (err instanceof ModelFileError) throw err;
    throw new ModelFileError(`cannot read manifest ${path} (${(err as NodeJS.ErrnoException).code ?? String(err)})`);
  }
}

async function fetchText(url: string): Promise<string> {
  const res = await fetch(url, { redirect: 'follow' });
  if (!res.ok) throw new ModelFileError(`${url}: HTTP ${res.status} ${res.statusText}`);
  const text = await res.text();
  if (text.length > MAX_MANIFEST_BYTES) throw new ModelFileError(`${url} is too large to be a manifest`);
  return text;
}

/** Streams a local file or a URL to `to`, hashing on the way; reports bytes so far. */
async function copyHashed(
  from: string,
  to: string,
  expected: number | undefined,
  progress: (bytes: number) => void,
): Promise<{ bytes: number; sha256: string }> {
  const hash = createHash('sha256');
  const out = createWriteStream(to);
  let bytes = 0;
  const write = async (chunk: Uint8Array) => {
    bytes += chunk.length;
    // a server sending more than the manifest's size is sending something else: stop before filling the disk
    if (expected !== undefined && bytes > expected)
      throw new ModelFileError(`${from} is larger than the manifest's ${expected} bytes`);
    hash.update(chunk);
    if (!out.write(chunk)) await once(out, 'drain');
    progress(bytes);
  };
  try {
    if (/^https?:\/\//i.test(from)) {
      const res = await fetch(from, { redirect: 'follow' });
      if (!res.ok || !res.body) throw new ModelFileError(`${from}: HTTP ${res.status} ${res.statusText}`);
      for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) await write(chunk);
    } else {
      if (!existsSync(from)) throw new ModelFileError(`${from} is missing`);
      for await (const chunk of createReadStream(from) as AsyncIterable<Buffer>) await write(chunk);
    }
  } finally {
    out.end();
    await once(out, 'close');
  }
  return { bytes, sha256: hash.digest('hex') };
}
