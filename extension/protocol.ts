/**
 * The one message contract between the extension host and the webview panel. The webview imports this file with
 * `import type` only (it is bundled for the browser and must not pull in host code); the guards below are what the
 * host uses on every message it receives, because a webview message is untrusted input.
 */
import type { Totals } from './totals.js';

export type { Totals };

/**
 * Why a request's tokens are what they are: compressed, or why nothing was — compression paused, no tool output large
 * enough, sent as-is for a reason (passthrough), or no answer from upstream / an error status from it.
 */
export type RequestOutcome = 'compressed' | 'paused' | 'too-small' | 'passthrough' | 'failed' | 'nothing';

/** One proxied request as the list shows it (the full record's units stay on the host until it is selected). */
export interface RequestSummary {
  id: string;
  /** Epoch milliseconds. */
  time: number;
  provider: string;
  model?: string;
  agent?: string;
  tokensBefore: number;
  tokensAfter: number;
  compressMs: number;
  units: number;
  compressedUnits: number;
  /** The status the agent got (the provider's, or the proxy's own 502/504). */
  status?: number;
  passthroughReason?: string;
  outcome: RequestOutcome;
  /**
   * The outcome in plain words, e.g. "compression paused: sent as the agent wrote it", "HTTP 502: connect
   * ECONNREFUSED".
   */
  why: string;
}

export interface RetrievalItem {
  id: string;
  time: number;
  /** `proxy`, `mcp`, `cli`, `extension`. */
  via: string;
  requestId?: string;
  found: boolean;
  /** True for the user's own lookups (Retrieve Original…, marker clicks), which never reach a model. */
  user: boolean;
  /** Tokens handed back to the model, when counted. */
  tokens?: number;
}

/** One point of the savings-over-time chart: cumulative tokens up to the end of a time bucket. */
export interface ChartPoint {
  time: number;
  before: number;
  after: number;
}

/** Totals for the panel's header: this session (since the window started) and all time (the store). */
export interface TotalsView {
  session: Totals;
  allTime: Totals;
}

/** A unit of the selected request, without its text (the text is loaded on demand: units can be megabytes). */
export interface UnitMeta {
  index: number;
  /** Where it sits in the request body (`messages.2.content.0.content`): shown on hover only. */
  path: string;
  /** What it is in the user's terms: "Bash output · message 3". */
  label: string;
  kind: string;
  tokensBefore: number;
  tokensAfter: number;
  originalId?: string;
  reason?: string;
  memoHit?: boolean;
  /** Which engine compressed the unit's prose (see UnitRecord.prose). */
  prose?: string;
}

export interface UnitText {
  requestId: string;
  index: number;
  /** The exact original, or undefined when the store no longer has it (expired or evicted). */
  original?: string;
  /** What the model was sent. */
  compressed?: string;
  /** Why a side is missing, in plain words. */
  note?: string;
}

export interface PanelStatus {
  proxyUrl?: string;
  paused: boolean;
  /** Plain words: "running", "paused", "port 8787 is in use", … */
  state: string;
}

export type HostMessage =
  | {
      type: 'init';
      requests: RequestSummary[];
      hasMore: boolean;
      retrievals: RetrievalItem[];
      chart: ChartPoint[];
      totals: TotalsView;
      status: PanelStatus;
      /** Source of a RegExp (flags `g`) that finds CCR markers, so the webview highlights exactly what core writes. */
      markerPattern: string;
      /** Source of the RegExp that finds the CCR id inside a marker. */
      markerIdPattern: string;
    }
  | { type: 'requestAdded'; request: RequestSummary; chart: ChartPoint[]; totals: TotalsView }
  | { type: 'requestsPage'; requests: RequestSummary[]; hasMore: boolean }
  | { type: 'retrievalAdded'; retrieval: RetrievalItem; totals: TotalsView }
  | { type: 'detail'; requestId: string; units: UnitMeta[] }
  | { type: 'unitText'; unit: UnitText }
  | { type: 'status'; status: PanelStatus }
  | { type: 'error'; message: string };

export type WebviewMessage =
  | { type: 'ready' }
  | { type: 'loadMore'; before: number }
  | { type: 'select'; requestId: string }
  | { type: 'loadUnit'; requestId: string; index: number }
  | { type: 'openDiff'; requestId: string; index: number }
  | { type: 'retrieve'; id: string };

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isId = (v: unknown): v is string => typeof v === 'string' && v.length > 0 && v.length <= 200;
const isIndex = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0 && v < 1_000_000;

/** True when `m` is a well-formed message from the webview; anything else is dropped by the host. */
export function isWebviewMessage(m: unknown): m is WebviewMessage {
  if (!isObj(m)) return false;
  switch (m.type) {
    case 'ready':
      return true;
    case 'loadMore':
      return typeof m.before === 'number' && Number.isFinite(m.before);
    case 'select':
      return isId(m.requestId);
    case 'loadUnit':
    case 'openDiff':
      return isId(m.requestId) && isIndex(m.index);
    case 'retrieve':
      return isId(m.id);
    default:
      return false;
  }
}
