import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Language, Parser, Query } from 'web-tree-sitter';
import { readManifest, readQuerySource, type LanguageManifest } from './manifest.js';

export interface CodeCompressorOptions {
  /** The syntaxes folder: `languages.json`, `grammars/*.wasm` (runtime + grammars), `queries/<lang>/*.scm`. */
  grammarsDir: string;
  /** Language ids to load (default: every language in the manifest). */
  languages?: readonly string[];
}

export interface CodeInitReport {
  /** Requested languages that are ready for synchronous parsing. */
  loaded: string[];
  failed: { language: string; error: string }[];
}

/**
 * A grammar ready for synchronous use: its parser and compiled queries live as long as the process (or until dispose).
 */
export interface LoadedGrammar {
  id: string;
  parser: Parser;
  /** definitions, comments and calls: every `.scm` of the language, concatenated. */
  query: Query;
  /** `(ERROR) @error`: how much of the input the grammar could not place. */
  errorQuery: Query;
  comment: string;
  fallback?: string;
}

// Process-wide on purpose: the compressor registry is synchronous and static, while loading wasm is async. Init fills
// this once; compressCode only reads it. Loading is memoized per language so concurrent or repeated inits are free.
const ready = new Map<string, LoadedGrammar>();
const loading = new Map<string, Promise<void>>();
let runtime: Promise<void> | undefined;

/**
 * Loads the tree-sitter runtime and the grammars once. After it resolves, `compressCode` parses synchronously; before,
 * or for a language whose grammar failed to load, it passes through. Never rejects: failures are in the report.
 */
export async function initCodeCompressor(options: CodeCompressorOptions): Promise<CodeInitReport> {
  const report: CodeInitReport = { loaded: [], failed: [] };
  const failAll = (error: string): CodeInitReport => {
    for (const language of options.languages ?? ['*']) report.failed.push({ language, error });
    return report;
  };
  let manifest: LanguageManifest;
  try {
    manifest = await readManifest(options.grammarsDir);
  } catch (err) {
    return failAll(message(err));
  }
  try {
    runtime ??= initRuntime(options.grammarsDir, manifest.runtime.file);
    await runtime;
  } catch (err) {
    runtime = undefined; // the runtime never came up: a later init (another grammarsDir) may succeed
    return failAll(message(err));
  }
  const ids = options.languages ?? Object.keys(manifest.languages).sort();
  await Promise.all(
    ids.map(async (id) => {
      const entry = manifest.languages[id];
      if (!entry) return void report.failed.push({ language: id, error: 'not in languages.json' });
      let pending = loading.get(id);
      if (!pending) {
        pending = loadGrammar(options.grammarsDir, id, manifest);
        loading.set(id, pending);
        pending.catch(() => loading.delete(id));
      }
      try {
        await pending;
        report.loaded.push(id);
      } catch (err) {
        report.failed.push({ language: id, error: message(err) });
      }
    }),
  );
  report.loaded.sort();
  report.failed.sort((a, b) => (a.language < b.language ? -1 : 1));
  return report;
}

/** The grammar for a language id when it is loaded; undefined otherwise (synchronous, never loads). */
export function loadedGrammar(id: string): LoadedGrammar | undefined {
  return ready.get(id);
}

/** Frees every parser and query (extension deactivation, tests). The runtime stays initialised. */
export function disposeCodeCompressor(): void {
  for (const g of ready.values()) {
    g.query.delete();
    g.errorQuery.delete();
    g.parser.delete();
  }
  ready.clear();
  loading.clear();
}

function initRuntime(grammarsDir: string, runtimeFile: string): Promise<void> {
  const ours = join(grammarsDir, 'grammars', runtimeFile);
  return Parser.init({
    // the runtime's own wasm ships in grammarsDir; fall back to the module's folder (node_modules during development)
    locateFile: (path: string, scriptDirectory: string) =>
      path === runtimeFile && existsSync(ours) ? ours : scriptDirectory + path,
  });
}

async function loadGrammar(grammarsDir: string, id: string, manifest: LanguageManifest): Promise<void> {
  const entry = manifest.languages[id];
  const [bytes, querySource] = await Promise.all([
    readFile(join(grammarsDir, 'grammars', entry.grammar)),
    readQuerySource(grammarsDir, id),
  ]);
  const language = await Language.load(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  const query = new Query(language, querySource);
  const errorQuery = new Query(language, '(ERROR) @error');
  const parser = new Parser();
  parser.setLanguage(language);
  ready.set(id, { id, parser, query, errorQuery, comment: entry.comment, fallback: entry.fallback });
}

function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
