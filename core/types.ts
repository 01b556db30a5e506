import type { Parser, Query } from 'web-tree-sitter';

/**
 * The kinds of content the router tells apart. `code` goes to the code compressor; `table` covers CSV/TSV/aligned
 * tables.
 */
export type ContentKind = 'json' | 'code' | 'log' | 'search' | 'diff' | 'html' | 'table' | 'text';

export const CONTENT_KINDS: readonly ContentKind[] = ['json', 'code', 'log', 'search', 'diff', 'html', 'table', 'text'];

/** A piece of the original that a lossy step left out, kept exactly so it can be retrieved by id. */
export interface CcrRecord {
  id: string;
  content: string;
}

/**
 * What every compressor receives besides the text. Compressors are pure: they never touch the store; they hand
 * what they drop to `stash`, which returns the id to put in the marker. The caller persists the stashed records.
 */
/**
 * A grammar ready for synchronous use (core/compressors/code/grammars.ts loads it): its parser and compiled queries
 * live as long as the registry holding it (until dispose).
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

/** The grammars the code compressor may parse with: those loaded so far (synchronous, never loads). */
export interface GrammarSource {
  get(id: string): LoadedGrammar | undefined;
}

export interface CompressContext {
  /** The user's question, as given (may be empty). */
  query: string;
  /** Lower-cased, de-duplicated terms of the query worth matching (stop words removed). */
  queryTerms: readonly string[];
  /** Records an exact fragment the output leaves out; returns its CCR id. Same content → same id. */
  stash(content: string): string;
  /** File name when known (e.g. from a tool call's arguments); helps language and format detection. */
  fileName?: string;
  /** Language id when known (the router's guess from the file name or content: `python`, `typescript`, …). */
  language?: string;
  /** The grammars code is parsed with (default: the process's `defaultGrammars`, core/compressors/code/grammars.ts). */
  grammars?: GrammarSource;
  /**
   * Compresses a stretch of prose: a prose unit, the text of an HTML page, a long string inside JSON (an issue body).
   * `compress()` sets it to the extractive compressor, or to `CompressOptions.proseCompressor` when given. Null: no
   * shorter form.
   */
  prose?(text: string): string | null;
  /**
   * Compresses a long text nested in another unit (a file's source or a log inside a JSON string) by its own kind:
   * code, log, search, diff or table; null for other kinds or when nothing is shorter. `compress()` sets it; the
   * result has passed the guard for that kind.
   */
  nested?(text: string): string | null;
}

/** A compressor returns a shorter text, or null when it cannot do better than the input (caller passes through). */
export type Compressor = (text: string, ctx: CompressContext) => string | null;

/** Compresses prose (see `CompressContext.prose`); markers it writes must name ids from `ctx.stash`. */
export type ProseCompressor = (text: string, ctx: CompressContext) => string | null;

export interface CompressOptions {
  query?: string;
  /** Force a kind instead of detecting it. `auto` (default) detects. */
  kind?: ContentKind | 'auto';
  fileName?: string;
  /** Units shorter than this many characters pass through untouched (compression would not pay). */
  minChars?: number;
  /**
   * Replaces the extractive prose compressor wherever prose is compressed: prose units, HTML text, long strings in
   * JSON. `compressAsync` puts the prose model's answers in through it. Must be deterministic like the rest.
   */
  proseCompressor?: ProseCompressor;
  /** The grammars the code compressor parses with (a GrammarRegistry); default: the process's `defaultGrammars`. */
  grammars?: GrammarSource;
}

export interface CompressResult {
  kind: ContentKind;
  output: string;
  /** True when output differs from the input. */
  compressed: boolean;
  /** Id of the exact original input (set whenever output differs from input); its record is in `records`. */
  originalId?: string;
  /** Ids of the fragments the output's markers name. */
  ccr: string[];
  /** Every record to persist (the original and the fragments). */
  records: CcrRecord[];
  /** Why the unit passed through unchanged, when it did. */
  reason?: string;
}
