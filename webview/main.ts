/**
 * The panel's entry point: builds the layout once, then applies host messages (protocol.ts) to the parts — summary
 * line, chart, request list, detail, retrievals.
 */
import type { HostMessage, PanelStatus, RequestSummary, TotalsView } from '../extension/protocol.js';
import { chartSvg } from './chart.js';
import { Detail } from './detail.js';
import { byId, h } from './dom.js';
import { count, percentSaved, tokens } from './format.js';
import { RequestList } from './request-list.js';
import { Retrievals } from './retrievals.js';
import { loadState, post, saveState } from './vscode-api.js';

const state = loadState();
const summaries = new Map<string, RequestSummary>();
let chartPoints: Parameters<typeof chartSvg>[0] = [];

const summary = h('p', { id: 'summary', class: 'summary', 'aria-live': 'polite' });
const statusLine = h('p', { id: 'status', class: 'status' });
const chart = h('div', { id: 'chart', class: 'chart' });
const banner = h('p', { id: 'banner', class: 'banner', role: 'alert', hidden: '' });

const list = new RequestList({
  select(id) {
    state.selected = id;
    saveState(state);
    post({ type: 'select', requestId: id });
  },
  needMore() {
    const oldest = list.oldestTime();
    // +1: requests in the same millisecond as the oldest loaded one are not skipped (the list drops duplicates)
    if (oldest !== undefined) post({ type: 'loadMore', before: oldest + 1 });
  },
});

const detail = new Detail(
  {
    loadUnit: (requestId, index) => post({ type: 'loadUnit', requestId, index }),
    openDiff: (requestId, index) => post({ type: 'openDiff', requestId, index }),
    retrieve: (id) => post({ type: 'retrieve', id }),
    splitChanged(split) {
      state.split = split;
      saveState(state);
    },
  },
  state.split,
);

const retrievals = new Retrievals({
  openOriginal: (id) => post({ type: 'retrieve', id }),
  showRequest: (id) => {
    if (!list.selectById(id)) showBanner('That request is older than the loaded part of the list; scroll down to load more.');
  },
});

function layout(): void {
  const app = byId<HTMLDivElement>('app');
  app.replaceChildren(
    h('header', { class: 'top' }, h('div', { class: 'headline' }, h('h1', {}, 'Headroom'), summary, statusLine), chart),
    banner,
    h(
      'main',
      { class: 'split-panes' },
      h(
        'section',
        { class: 'list-pane', 'aria-label': 'Requests' },
        h('div', { class: 'list-head', 'aria-hidden': 'true' }, h('span', {}, 'Time'), h('span', {}, 'Agent · model'), h('span', {}, 'Tokens'), h('span', {}, 'Saved'), h('span', {}, 'Took')),
        list.root,
      ),
      detail.root,
    ),
    retrievals.root,
  );
  app.removeAttribute('aria-busy');
  new ResizeObserver(() => drawChart()).observe(chart);
}

function drawChart(): void {
  const width = Math.max(200, Math.floor(chart.clientWidth));
  // the markup is built from numbers and escaped labels only (chart.ts)
  chart.innerHTML = chartSvg(chartPoints, { width, height: 96 });
}

function showTotals(t: TotalsView): void {
  summary.textContent =
    `${count(t.requests)} ${t.requests === 1 ? 'request' : 'requests'} · ${tokens(t.tokensBefore)} → ${tokens(t.tokensAfter)} tokens · ` +
    `${tokens(t.tokensBefore - t.tokensAfter)} saved (${percentSaved(t.tokensBefore, t.tokensAfter)}%) · ${count(t.retrievals)} ${t.retrievals === 1 ? 'retrieval' : 'retrievals'}`;
}

function showStatus(s: PanelStatus): void {
  statusLine.textContent = `Proxy: ${s.state}${s.proxyUrl ? ` · ${s.proxyUrl}` : ''}`;
  statusLine.classList.toggle('warn', s.paused || !s.proxyUrl);
}

function showBanner(text: string): void {
  banner.textContent = text;
  banner.hidden = false;
  window.setTimeout(() => (banner.hidden = true), 6000);
}

function remember(items: RequestSummary[]): void {
  for (const r of items) summaries.set(r.id, r);
}

function onMessage(m: HostMessage): void {
  switch (m.type) {
    case 'init':
      detail.marker = new RegExp(m.markerPattern, 'g');
      remember(m.requests);
      list.reset(m.requests, m.hasMore, state.selected);
      retrievals.reset(m.retrievals);
      chartPoints = m.chart;
      drawChart();
      showTotals(m.totals);
      showStatus(m.status);
      if (state.selected && list.selectedId === state.selected) post({ type: 'select', requestId: state.selected });
      document.body.dataset.ready = 'true';
      return;
    case 'requestAdded':
      remember([m.request]);
      list.prepend(m.request);
      chartPoints = m.chart;
      drawChart();
      showTotals(m.totals);
      return;
    case 'requestsPage':
      remember(m.requests);
      list.appendPage(m.requests, m.hasMore);
      return;
    case 'retrievalAdded':
      retrievals.add(m.retrieval);
      showTotals(m.totals);
      return;
    case 'detail':
      detail.show(summaries.get(m.requestId), m.requestId, m.units);
      return;
    case 'unitText':
      detail.unitText(m.unit);
      return;
    case 'status':
      showStatus(m.status);
      return;
    case 'error':
      showBanner(m.message);
      return;
  }
}

layout();
window.addEventListener('message', (e: MessageEvent<unknown>) => {
  const m = e.data as HostMessage | undefined;
  if (m && typeof m === 'object' && typeof m.type === 'string') onMessage(m);
});
post({ type: 'ready' });
