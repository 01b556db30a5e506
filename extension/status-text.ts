/**
 * What the status bar item says, as plain data: the text (`$(fold) 1.2M saved · 63%`), a Markdown tooltip and
 * whether it is in its warning state. No `vscode` here, so the wording is tested under plain Node.
 */
import type { ProxyState } from './proxy-state.js';
import type { ModelStatus } from '../core/prose-model/service.js';
import { tokens as formatTokens } from '../webview/format.js';

export interface Totals {
  requests: number;
  tokensBefore: number;
  tokensAfter: number;
  retrievals: number;
}

export const ZERO_TOTALS: Totals = { requests: 0, tokensBefore: 0, tokensAfter: 0, retrievals: 0 };

export interface StatusModel {
  state: ProxyState;
  paused: boolean;
  session: Totals;
  allTime: Totals;
  costPerMillionInputTokens: number;
  /** The prose model's state when `headroom.proseModel` names one (undefined: prose is compressed extractively). */
  prose?: ModelStatus;
}

export interface StatusView {
  text: string;
  /** Markdown. */
  tooltip: string;
  /** Proxy down, port taken or compression paused: shown with the warning background. */
  warning: boolean;
}

export { formatTokens };

export function savedTokens(t: Totals): number {
  return Math.max(0, t.tokensBefore - t.tokensAfter);
}

/** Whole percent of tokens saved; 0 when nothing was sent, never 100 while anything was. */
export function savedPercent(t: Totals): number {
  if (t.tokensBefore <= 0) return 0;
  const p = Math.round((savedTokens(t) / t.tokensBefore) * 100);
  return p === 100 && t.tokensAfter > 0 ? 99 : p;
}

export function formatCost(usd: number): string {
  if (usd > 0 && usd < 0.01) return '< $0.01';
  return `$${usd.toFixed(2)}`;
}

function stateLine(m: StatusModel): string {
  const s = m.state;
  switch (s.kind) {
    case 'running':
      return m.paused ? `Compression **paused** — the proxy at \`${s.url}\` forwards requests unchanged.` : `Proxy running at \`${s.url}\`.`;
    case 'external':
      return `The proxy at \`${s.url}\` is run by another VS Code window or the CLI; these figures are read from the shared store.`;
    case 'starting':
      return 'Proxy starting…';
    case 'disabled':
      return 'Proxy **off** (`headroom.enabled` is false). Agents routed to Headroom cannot connect.';
    case 'port-taken':
      return `Proxy **not running**: port ${s.port} is in use by another program. Agents routed to Headroom cannot connect.`;
    case 'failed':
      return `Proxy **not running**: ${s.message}`;
  }
}

function proseLine(p: ModelStatus): string {
  const id = p.modelId ? `\`${p.modelId}\`` : 'the prose model';
  switch (p.state) {
    case 'ready':
      return `Prose model ${id}: ready${p.loadMs !== undefined ? ` (loaded in ${p.loadMs} ms)` : ''}`;
    case 'unavailable':
      return `$(warning) Prose model ${id} unavailable, prose is compressed extractively: ${p.reason ?? 'unknown reason'}`;
    default:
      return `Prose model ${id}: loading (prose is compressed extractively until it is ready)`;
  }
}

function row(label: string, a: string, b: string): string {
  return `| ${label} | ${a} | ${b} |`;
}

/** The status bar item's text, tooltip and warning state for the current model. */
export function statusView(m: StatusModel): StatusView {
  const { session, allTime } = m;
  const up = m.state.kind === 'running' || m.state.kind === 'external';
  let text: string;
  if (!up) text = m.state.kind === 'starting' ? '$(loading~spin) Headroom' : '$(warning) Headroom off';
  else if (m.paused) text = '$(debug-pause) Headroom paused';
  else {
    const shown = session.tokensBefore > 0 ? session : allTime;
    text = shown.tokensBefore > 0 ? `$(fold) ${formatTokens(savedTokens(shown))} saved · ${savedPercent(shown)}%` : '$(fold) Headroom';
  }
  const cost = (t: Totals) => formatCost((savedTokens(t) / 1e6) * m.costPerMillionInputTokens);
  const tooltip = [
    '**Headroom** — reversible compression of tool output',
    '',
    stateLine(m),
    ...(m.prose ? ['', proseLine(m.prose)] : []),
    '',
    row('', 'this session', 'all time'),
    '|---|---:|---:|',
    row('requests', session.requests.toLocaleString('en'), allTime.requests.toLocaleString('en')),
    row('tokens before', formatTokens(session.tokensBefore), formatTokens(allTime.tokensBefore)),
    row('tokens after', formatTokens(session.tokensAfter), formatTokens(allTime.tokensAfter)),
    row('saved', `${formatTokens(savedTokens(session))} (${savedPercent(session)}%)`, `${formatTokens(savedTokens(allTime))} (${savedPercent(allTime)}%)`),
    row('retrievals', session.retrievals.toLocaleString('en'), allTime.retrievals.toLocaleString('en')),
    row(`est. cost saved ($${m.costPerMillionInputTokens}/M input)`, cost(session), cost(allTime)),
    '',
    'Click to show compression diffs.',
  ].join('\n');
  const warning = !up || m.paused;
  return { text, tooltip, warning };
}

/** Adds one request or retrieval to running totals (new object; totals are shared with the panel). */
export function addRequest(t: Totals, before: number, after: number): Totals {
  return { ...t, requests: t.requests + 1, tokensBefore: t.tokensBefore + before, tokensAfter: t.tokensAfter + after };
}

export function addRetrieval(t: Totals): Totals {
  return { ...t, retrievals: t.retrievals + 1 };
}
