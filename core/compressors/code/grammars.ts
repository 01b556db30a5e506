import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Language, Parser, Query } from 'web-tree-sitter';
import { readManifest, readQuerySource, type LanguageManifest } from './manifest.js';
import type { GrammarSource, LoadedGrammar } from '../../types.js';

export type { GrammarSource, LoadedGrammar } from '../../types.js';

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

// The tree-sitter runtime (web-tree-sitter's Parser.init) is process-wide by its own design: started once.
let runtime: Promise<void> | undefined;

/**
 * The grammars one engine compresses code with. The compressors are synchronous while loading wasm is async: whoever
 * starts the engine (the extension, the CLI, the proxy) loads grammars into a registry and hands it to `compress()`
 * (`CompressOptions.grammars`); compressCode only reads it. Loading is memoized per language, so concurrent or
 * repeated inits are free.
 */
export class GrammarRegistry implements GrammarSource {
  private readonly ready = new Map<string, LoadedGrammar>();
  private readonly loading = new Map<string, Promise<void>>();

  /**
   * Loads the tree-sitter runtime and the grammars once. After it resolves, compressCode parses synchronously with
   * them; before, or for a language whose grammar failed to load, it passes through. Never rejects: failures are in
   * the report.
   */
  async init(options: CodeCompressorOptions): Promise<CodeInitReport> {
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
        let pending = this.loading.get(id);
        if (!pending) {
          pending = loadGrammar(options.grammarsDir, id, manifest).then((g) => void this.ready.set(id, g));
          this.loading.set(id, pending);
          pending.catch(() => this.loading.delete(id));
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
  get(id: string): LoadedGrammar | undefined {
    return this.ready.get(id);
  }

  /** Frees every parser and query (extension deactivation, tests). The runtime stays initialised. */
  dispose(): void {
    for (const g of this.ready.values()) {
      g.query.delete();
      g.errorQuery.delete();
      g.parser.delete();
    }
    this.ready.clear();
    this.loading.clear();
  }
}

/**
 * The registry compress() uses when it is handed none: callers that have not moved to passing their own yet
 * (initCodeCompressor and friends below fill it).
 */
export const defaultGrammars = new GrammarRegistry();

/** `defaultGrammars.init(options)`. */
export function initCodeCompressor(options: CodeCompressorOptions): Promise<CodeInitReport> {
  return defaultGrammars.init(options);
}

/** `defaultGrammars.get(id)`. */
export function loadedGrammar(id: string): LoadedGrammar | undefined {
  return defaultGrammars.get(id);
}

/** `defaultGrammars.dispose()`. */
export function disposeCodeCompressor(): void {
  defaultGrammars.dispose();
}

function initRuntime(grammarsDir: string, runtimeFile: string): Promise<void> {
  const ours = join(grammarsDir, 'grammars', runtimeFile);
  return Parser.init({
    // the runtime's own wasm ships in grammarsDir; fall back to the module's folder (node_modules during development)
    locateFile: (path: string, scriptDirectory: string) =>
      path === runtimeFile && existsSync(ours) ? ours : scriptDirectory + path,
  });
}

async function loadGrammar(grammarsDir: string, id: string, manifest: LanguageManifest): Promise<LoadedGrammar> {
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
  return { id, parser, query, errorQuery, comment: entry.comment, fallback: entry.fallback };
}

function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
