import type { CcrRecord } from '../types.js';
import type { MemoWrite } from '../ccr/record-outcome.js';
import type { CompressMessagesOptions, Memo, MessagesResult, Provider, UnitOutcome } from '../messages/types.js';
import { appendToArray, applyByteEdits, locateValues, type Edit } from '../wire/json-splice.js';
import { hasRetrieveTool, retrieveToolInsertion, withRetrieveTool, type ToolInsertion } from './retrieve-tool.js';
import { sessionKey, type RetrieveSessions } from './retrieve-sessions.js';
import { verifiedSpans } from './verified-spans.js';

/** The engine entry point the proxy calls (core/messages' `compressMessages`, injectable for tests and benchmarks). */
export type CompressBody = (
  body: unknown,
  provider: Provider,
  options: CompressMessagesOptions,
) => MessagesResult<unknown> | Promise<MessagesResult<unknown>>;

export interface RewriteDeps {
  compressBody: CompressBody;
  memo?: Memo;
  sessions: RetrieveSessions;
  /** Offer the `headroom_retrieve` tool (and answer it) when units carry markers. */
  retrieveTool: boolean;
}

export interface Rewrite {
  /** The bytes to send upstream: the input itself when nothing changed. */
  bytes: Buffer;
  changed: boolean;
  /** The body as sent, parsed (for retrieval continuations and records); absent when it could not be parsed. */
  parsed?: Record<string, unknown>;
  units: UnitOutcome[];
  records: CcrRecord[];
  /** New units' decisions as sent (none when the engine's output could not be sent): recorded after the records. */
  memo: MemoWrite[];
  /** The request carries the proxy's retrieve tool: the response must be watched for its calls. */
  retrieveTool: boolean;
  /** Why the body went upstream as the client sent it. */
  passthroughReason?: string;
  /** The conversation's identity (retrieve-sessions.ts), when the body has one: the scope its originals go under. */
  sessionKey?: string;
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function passthrough(bytes: Buffer, reason: string, units: UnitOutcome[] = []): Rewrite {
  return { bytes, changed: false, units, records: [], memo: [], retrieveTool: false, passthroughReason: reason };
}

/**
 * Compresses the tool results of one request body and splices the new strings into the client's own bytes: only the
 * spans of compressed units change (plus the retrieve tool appended to `tools`), so field order, whitespace, number
 * formats and unknown fields reach the provider exactly as sent. Any surprise → the original bytes and a reason.
 */
export async function rewriteRequest(bytes: Buffer, provider: Provider, deps: RewriteDeps): Promise<Rewrite> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(bytes.toString('utf8'));
  } catch (err) {
    return passthrough(bytes, `malformed JSON: ${(err as Error).message}`);
  }
  if (!isObj(parsed)) return passthrough(bytes, 'body is not a JSON object');
  const key = sessionKey(parsed, provider);

  let result: MessagesResult<unknown> | undefined;
  let failure: string | undefined;
  try {
    result = await deps.compressBody(parsed, provider, { memo: deps.memo });
  } catch (err) {
    failure = `compression failed: ${(err as Error)?.message ?? String(err)}`;
  }
  const units = result?.units ?? [];
  const compressed = units.filter((u) => u.compressed);
  const addTool = wantsRetrieveTool(parsed, key, compressed.length > 0, deps);

  const tool = addTool ? retrieveToolInsertion(parsed.tools as unknown[], provider) : undefined;
  let out = compressed.length || tool ? trySplice(bytes, compressed, tool) : bytes;
  if (out === undefined && compressed.length) {
    failure = 'splice failed: a unit was not where the engine read it';
    // the tools array must not flip even when this request's units cannot be spliced
    out = tool ? trySplice(bytes, [], tool) : bytes;
  }
  if (out === undefined)
    return { ...passthrough(bytes, 'splice failed: tools array not found', units), sessionKey: key };
  const sentUnits = failure
    ? units.map((u) => (u.compressed ? { ...u, compressed: false, output: u.original, reason: failure } : u))
    : units;
  if (out === bytes)
    return {
      bytes,
      changed: false,
      parsed,
      units: sentUnits,
      records: [],
      // nothing compressed went: what the memo learns is that these units go as they are
      memo: failure || !result ? [] : result.memo,
      retrieveTool: false,
      passthroughReason: failure,
      sessionKey: key,
    };

  const baseBody = failure || !result ? parsed : (result.body as Record<string, unknown>);
  const sentParsed = addTool ? { ...baseBody, tools: withRetrieveTool(parsed.tools as unknown[], provider) } : baseBody;
  return {
    bytes: out,
    changed: true,
    parsed: sentParsed,
    units: sentUnits,
    records: failure || !result ? [] : result.records,
    memo: failure || !result ? [] : result.memo,
    retrieveTool: addTool,
    passthroughReason: failure,
    sessionKey: key,
  };
}

/** The tool goes in from a session's first compressed request on, and stays (see RetrieveSessions). */
function wantsRetrieveTool(
  parsed: Record<string, unknown>,
  key: string | undefined,
  compressedNow: boolean,
  deps: RewriteDeps,
): boolean {
  const tools = parsed.tools;
  if (!deps.retrieveTool || !Array.isArray(tools) || hasRetrieveTool(tools)) return false;
  if (!key || !(compressedNow || deps.sessions.has(key))) return false;
  deps.sessions.add(key);
  return true;
}

/**
 * Splices compressed units (and the retrieve tool, when `toolFor` is set) into the body at the byte level: the scanner
 * runs over a latin1 view, so its offsets are byte offsets, and bytes outside the spans are never re-encoded (even
 * invalid UTF-8 elsewhere survives). Undefined if a span does not hold exactly the unit the engine read.
 */
function trySplice(
  bytes: Buffer,
  compressed: readonly UnitOutcome[],
  tool: ToolInsertion | undefined,
): Buffer | undefined {
  try {
    const view = bytes.toString('latin1');
    const paths = compressed.map((u) => u.path);
    const spans = locateValues(view, tool ? [...paths, tool.path] : paths);
    const edits: Edit[] = [];
    compressed.forEach((u, i) => {
      const span = spans[i];
      if (!span || !verifiedSpans.holds(bytes, span, u.original, u.textId))
        throw new Error(`unit at ${u.path.join('.')} not found`);
      edits.push({ ...span, replacement: JSON.stringify(u.output) });
    });
    if (tool) {
      const span = spans[paths.length];
      if (!span || view[span.start] !== '[') throw new Error('tools array not found');
      edits.push(appendToArray(view, span, [tool.itemJson]));
    }
    return applyByteEdits(bytes, edits);
  } catch {
    return undefined;
  }
}
