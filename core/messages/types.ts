import type { CcrRecord, ContentKind, GrammarSource } from '../types.js';
import type { MemoEntry } from '../ccr/store-types.js';
import type { MemoWrite } from '../ccr/record-outcome.js';
import type { ProseStats } from '../prose-model/compress-prose.js';

// request shapes are the provider adapters' (core/providers/): their names, and the units they find in a body
export type { Provider } from '../providers/index.js';
import type { JsonPath } from '../providers/types.js';
export type { JsonPath, Unit } from '../providers/types.js';

export interface UnitOutcome {
  path: JsonPath;
  kind: ContentKind | string;
  original: string;
  output: string;
  compressed: boolean;
  /** The bytes came from the memo: this unit was seen (and compressed identically) in an earlier request. */
  memoHit: boolean;
  originalId?: string;
  /** Content id of `original`, when the engine hashed it (for its memo key): saves hashing the text again. */
  textId?: string;
  ccr: string[];
  reason?: string;
  toolName?: string;
  /** New units that held prose while a prose model was configured: which engine compressed it, and why. */
  prose?: ProseStats;
}

export interface MessagesResult<T = unknown> {
  /** The request with compressed units swapped in; every other value is the same object as in the input. */
  body: T;
  units: UnitOutcome[];
  /** CCR records to persist (new ones only; memo hits add none). */
  records: CcrRecord[];
  /**
   * New units' decisions for the memo. Nothing is written here: the caller records them with the records, originals
   * first (core/ccr/record-outcome.ts), once it knows the bytes are going out.
   */
  memo: MemoWrite[];
  query: string;
}

/** The memo the engine reads (the proxy backs it with its store); writes go through recordOutcome. */
export interface Memo {
  getMemo(key: string): MemoEntry | undefined;
}

export interface CompressMessagesOptions {
  /** Overrides the query (default: the latest user text in the request). */
  query?: string;
  memo?: Memo;
  minChars?: number;
  /** Tool names whose results are never compressed (retrieval answers are always skipped). */
  skipTools?: readonly string[];
  /** The grammars code is parsed with (a GrammarRegistry); default: the process's `defaultGrammars`. */
  grammars?: GrammarSource;
}
