import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';

/** One language of `<grammarsDir>/languages.json`: which grammar file to load and how to write a marker comment. */
export interface LanguageEntry {
  /** Grammar wasm file name inside `<grammarsDir>/grammars/`. */
  grammar: string;
  /** Line-comment token the marker line starts with (`//`, `#`). */
  comment: string;
  /** Another language id to try when this one parses with errors (C headers that hold C++). */
  fallback?: string;
}

export interface LanguageManifest {
  runtime: { file: string };
  languages: Record<string, LanguageEntry>;
}

/** Reads and checks the manifest; throws with a clear message when it is missing or malformed. */
export async function readManifest(grammarsDir: string): Promise<LanguageManifest> {
  const raw: unknown = JSON.parse(await readFile(join(grammarsDir, 'languages.json'), 'utf8'));
  const m = raw as Partial<LanguageManifest>;
  if (!m || typeof m !== 'object' || !m.languages || typeof m.languages !== 'object' || !m.runtime?.file)
    throw new Error(
      `${join(grammarsDir, 'languages.json')}: expected { runtime: { file }, languages: { id: { grammar, comment } } }`,
    );
  for (const [id, e] of Object.entries(m.languages)) {
    if (typeof e?.grammar !== 'string' || typeof e?.comment !== 'string')
      throw new Error(`languages.json: entry ${id} needs grammar and comment`);
  }
  return m as LanguageManifest;
}

/** The language's query source: every `*.scm` file of `<grammarsDir>/queries/<id>/`, in name order, concatenated. */
export async function readQuerySource(grammarsDir: string, id: string): Promise<string> {
  const dir = join(grammarsDir, 'queries', id);
  const files = (await readdir(dir)).filter((f) => f.endsWith('.scm')).sort();
  if (files.length === 0) throw new Error(`no .scm queries in ${dir}`);
  const parts = await Promise.all(files.map((f) => readFile(join(dir, f), 'utf8')));
  return parts.join('\n');
}
