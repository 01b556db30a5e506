/**
 * What the status bar item says, as plain data: the text (`$(fold) Session: 1.2M saved · 63%`), a Markdown tooltip
 * and whether it is in its warning state. No `vscode` here, so the wording is tested under plain Node.
 */
import type { ProxyState } from './proxy-state.js';
import type { ModelStatus } from '../core/prose-model/service.js';
import { grossSaved, netSaved, type Totals } from './totals.js';
import { tokens as formatTokens } from '../webview/format.js';

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

/** Whole percent of tokens saved; 0 when nothing was sent, never 100 while anything was. */
export function savedPercent(t: Totals): number {
  if (t.tokensBefore <= 0) return 0;
  const p = Math.round((grossSaved(t) / t.tokensBefore) * 100);
  return p === 100 && t.tokensAfter > 0 ? 99 : p;
}

/** Whole percent saved net of what models retrieved (may be negative). */
export function netPercent(t: Totals): number {
  if (t.tokensBefore <= 0) return 0;
  const p = Math.round((netSaved(t) / t.tokensBefore) * 100);
  return p === 100 && t.tokensAfter + t.retrievedTokens > 0 ? 99 : p;
}

/** "63", "−3": a whole percent with a typographic minus. */
export function formatPercent(p: number): string {
  return p < 0 ? `−${-p}` : String(p);
}

/** Like formatTokens, with a minus sign for a net loss ("−1.2k"). */
export function formatSignedTokens(n: number): string {
  return n < 0 ? `−${formatTokens(-n)}` : formatTokens(n);
}

export function formatCost(usd: number): string {
  if (usd > 0 && usd < 0.01) return '< $0.01';
  return `$${usd.toFixed(2)}`;
}

function stateLine(m: StatusModel): string {
  const s = m.state;
  switch (s.kind) {
    case 'running':
      return m.paused
        ? `Compression **paused** — the proxy at \`${s.url}\` forwards requests unchanged.`
        : `Proxy running at \`${s.url}\`.`;
    case 'external':
      return (
        `The proxy at \`${s.url}\` is run by another VS Code window or the CLI; these figures are read from ` +
        `the shared store.`
      );
    case 'starting':
      return 'Proxy starting…';
    case 'disabled':
      return 'Proxy **off** (`headroom.enabled` is false). Agents routed to Headroom cannot connect.';
    case 'port-taken':
      return (
        `Proxy **not running**: port ${s.port} is in use by another program. Agents routed to Headroom cannot ` +
        `connect.`
      );
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
      return (
        `$(warning) Prose model ${id} unavailable, prose is compressed extractively: ` +
        `${p.reason ?? 'unknown reason'}`
      );
    default:
      return `Prose model ${id}: loading (prose is compressed extractively until it is ready)`;
  }
}

function row(label: string, a: string, b: string): string {
  return `| ${label} | ${a} | ${b} |`;
}

/** The status bar item's text, tooltip and warning state for the current model. */
/** The item's text when no proxy serves agents: what the state is, in two or three words. */
function downText(s: ProxyState): string {
  switch (s.kind) {
    case 'starting':
      return '$(loading~spin) Headroom';
    case 'disabled':
      return '$(circle-slash) Headroom off';
    case 'port-taken':
      return `$(warning) Headroom: port ${s.port} taken`;
    case 'failed':
      return '$(error) Headroom failed';
    default:
      return '$(fold) Headroom';
  }
}

/** "Session: 1.3M saved · 63%", with the net figure beside it once models retrieved something. */
function savingsText(label: string, t: Totals): string {
  const net = t.retrievedTokens > 0 ? ` (net ${formatPercent(netPercent(t))}%)` : '';
  return `$(fold) ${label}: ${formatTokens(grossSaved(t))} saved · ${savedPercent(t)}%${net}`;
}

export function statusView(m: StatusModel): StatusView {
  const { session, allTime } = m;
  const up = m.state.kind === 'running' || m.state.kind === 'external';
  let text: string;
  if (!up) text = downText(m.state);
  else if (m.paused) text = '$(debug-pause) Headroom paused';
  else if (session.tokensBefore > 0) text = savingsText('Session', session);
  else text = allTime.tokensBefore > 0 ? savingsText('All time', allTime) : '$(fold) Headroom';
  const cost = (t: Totals) => formatCost((grossSaved(t) / 1e6) * m.costPerMillionInputTokens);
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
    row(
      'saved (gross)',
      `${formatTokens(grossSaved(session))} (${savedPercent(session)}%)`,
      `${formatTokens(grossSaved(allTime))} (${savedPercent(allTime)}%)`,
    ),
    row('retrieved by models', retrievedCell(session), retrievedCell(allTime)),
    row(
      'saved (net of retrievals)',
      `${formatSignedTokens(netSaved(session))} (${formatPercent(netPercent(session))}%)`,
      `${formatSignedTokens(netSaved(allTime))} (${formatPercent(netPercent(allTime))}%)`,
    ),
    row('your lookups', session.lookups.toLocaleString('en'), allTime.lookups.toLocaleString('en')),
    row(`est. cost saved ($${m.costPerMillionInputTokens}/M input)`, cost(session), cost(allTime)),
    '',
    ...(allTime.retrievals > session.retrievals
      ? [
          'All-time net counts the tokens of retrievals seen since this window started; the store keeps how many, ' +
            'not their size.',
          '',
        ]
      : []),
    'Click to show compression diffs.',
  ].join('\n');
  const warning = !up || m.paused;
  return { text, tooltip, warning };
}

/** "3 (12k tokens)": model retrievals and the tokens they handed back. */
function retrievedCell(t: Totals): string {
  return (
    `${t.retrievals.toLocaleString('en')}` +
    `${t.retrievedTokens > 0 ? ` (${formatTokens(t.retrievedTokens)} tokens)` : ''}`
  );
}
