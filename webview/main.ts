/**
 * The panel's entry point: builds the layout once, then applies host messages (protocol.ts) to the parts — summary
 * line, chart, request list, detail, retrievals.
 */
import type { HostMessage, PanelStatus, RequestSummary, TotalsView } from '../extension/protocol.js';
import { chartSvg } from './chart.js';
import { Detail } from './detail.js';
import { byId, h } from './dom.js';
import { totalsLine } from './format.js';
import { RequestList } from './request-list.js';
import { Retrievals } from './retrievals.js';
import { loadState, post, saveState } from './vscode-api.js';

const state = loadState();
const summaries = new Map<string, RequestSummary>();
let chartPoints: Parameters<typeof chartSvg>[0] = [];

const summary = h('p', { id: 'summary', class: 'summary', 'aria-live': 'polite' });
const sessionLine = h('p', { id: 'session', class: 'summary' });
const statusLine = h('p', { id: 'status', class: 'status' });
const chart = h('div', { id: 'chart', class: 'chart' });
const legend = h(
  'ul',
  { id: 'chart-legend', class: 'legend', 'aria-label': 'Chart legend' },
  h('li', {}, h('span', { class: 'swatch before', 'aria-hidden': 'true' }), 'tokens the agents sent (before)'),
  h('li', {}, h('span', { class: 'swatch after', 'aria-hidden': 'true' }), 'tokens that reached the model (after)'),
  h('li', {}, h('span', { class: 'swatch saved', 'aria-hidden': 'true' }), 'saved'),
);
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
    if (!list.selectById(id))
      showBanner('That request is older than the loaded part of the list; scroll down to load more.');
  },
});

/** "Only compressed" narrows the list to requests with compressed tool output. */
function filterBar(): HTMLElement {
  const box = h('input', { type: 'checkbox', id: 'only-compressed' });
  box.checked = !!state.onlyCompressed;
  list.setOnlyCompressed(box.checked);
  box.addEventListener('change', () => {
    state.onlyCompressed = box.checked;
    saveState(state);
    list.setOnlyCompressed(box.checked);
  });
  return h(
    'div',
    { class: 'list-tools' },
    h('label', { for: 'only-compressed' }, box, ' Only requests with compressed tool output'),
  );
}

/** The bar between the list and the detail: drag it, or focus it and use ←/→, to give the list more room. */
function splitter(panes: HTMLElement): HTMLElement {
  const bar = h('div', {
    class: 'splitter',
    role: 'separator',
    tabindex: '0',
    'aria-orientation': 'vertical',
    'aria-label': 'Resize the request list',
    'aria-controls': 'list-pane',
  });
  const apply = (px: number) => {
    const max = Math.max(320, panes.clientWidth - 320);
    const w = Math.round(Math.min(max, Math.max(320, px)));
    panes.style.setProperty('--list-w', `${w}px`);
    bar.setAttribute('aria-valuenow', String(w));
    state.listWidth = w;
    saveState(state);
  };
  if (state.listWidth) panes.style.setProperty('--list-w', `${state.listWidth}px`);
  bar.addEventListener('pointerdown', (e) => {
    bar.setPointerCapture(e.pointerId);
    const left = panes.getBoundingClientRect().left;
    const move = (ev: PointerEvent) => apply(ev.clientX - left);
    const up = () => {
      bar.removeEventListener('pointermove', move);
      bar.removeEventListener('pointerup', up);
    };
    bar.addEventListener('pointermove', move);
    bar.addEventListener('pointerup', up);
  });
  bar.addEventListener('keydown', (e) => {
    const d = e.key === 'ArrowLeft' ? -40 : e.key === 'ArrowRight' ? 40 : 0;
    if (!d) return;
    e.preventDefault();
    apply((byId('list-pane').getBoundingClientRect().width || 440) + d);
  });
  return bar;
}

function layout(): void {
  const app = byId<HTMLDivElement>('app');
  const panes = h('main', { class: 'split-panes' });
  panes.append(
    h(
      'section',
      { class: 'list-pane', id: 'list-pane', 'aria-label': 'Requests' },
      filterBar(),
      h(
        'div',
        { class: 'list-head', 'aria-hidden': 'true' },
        h('span', {}, 'Time'),
        h('span', {}, 'Agent · model'),
        h('span', {}, 'Tokens'),
        h('span', {}, 'Saved'),
        h('span', {}, 'Took'),
      ),
      list.root,
    ),
    splitter(panes),
    detail.root,
  );
  app.replaceChildren(
    h(
      'header',
      { class: 'top' },
      h('div', { class: 'headline' }, h('h1', {}, 'Headroom'), summary, sessionLine, statusLine),
      h('div', { class: 'chart-box' }, chart, legend),
    ),
    banner,
    panes,
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
  summary.textContent = totalsLine('All time', t.allTime, t.allTime.retrievals === t.session.retrievals);
  sessionLine.textContent = totalsLine('This session', t.session, true);
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
      detail.marker = { whole: new RegExp(m.markerPattern, 'g'), id: new RegExp(m.markerIdPattern) };
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
