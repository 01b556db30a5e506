/**
 * "Headroom: Show Compression Diffs": one webview panel, fed through the typed protocol. The list arrives in pages;
 * unit texts (possibly megabytes) only when a unit is opened. Live updates come from the proxy service's events.
 */
import * as vscode from 'vscode';
import type { HostMessage, PanelStatus, TotalsView, UnitText, WebviewMessage } from '../protocol.js';
import { isWebviewMessage } from '../protocol.js';
import { MARKER_ID_PATTERN, MARKER_PATTERN, type RequestRecord } from '../proxy-host.js';
import type { ProxyService } from '../proxy-service.js';
import { describeState, type ProxyState } from '../proxy-service.js';
import { panelHtml } from './html.js';
import { SavingsSeries, toRetrievalItem, toSummary, unitMetas } from './panel-data.js';
import { unitLabel } from './request-outcome.js';

const PAGE = 500;
/** Records the chart is built from when the panel opens. */
const CHART_HISTORY = 10_000;

export interface PanelDeps {
  extensionUri: vscode.Uri;
  service: ProxyService;
  openDiff(originalId: string, title: string): Promise<void>;
  log: vscode.LogOutputChannel;
}

export class DiffPanel implements vscode.Disposable {
  static readonly viewType = 'headroom.diffs';
  private panel: vscode.WebviewPanel | undefined;
  private readonly records = new Map<string, RequestRecord>();
  private series: SavingsSeries | undefined;
  private listeners: vscode.Disposable[] = [];

  constructor(private readonly deps: PanelDeps) {}

  get visible(): boolean {
    return !!this.panel;
  }

  show(): void {
    if (this.panel) {
      this.panel.reveal();
      return;
    }
    const root = vscode.Uri.joinPath(this.deps.extensionUri, 'dist', 'webview');
    const panel = vscode.window.createWebviewPanel(
      DiffPanel.viewType,
      'Headroom: Compression Diffs',
      vscode.ViewColumn.Active,
      {
        enableScripts: true,
        localResourceRoots: [root],
      },
    );
    panel.iconPath = vscode.Uri.joinPath(this.deps.extensionUri, 'media', 'icon.png');
    panel.webview.html = panelHtml({
      cspSource: panel.webview.cspSource,
      scriptUri: panel.webview.asWebviewUri(vscode.Uri.joinPath(root, 'panel.js')).toString(),
      styleUri: panel.webview.asWebviewUri(vscode.Uri.joinPath(root, 'panel.css')).toString(),
    });
    this.panel = panel;
    const s = this.deps.service;
    const onRequest = (r: RequestRecord) => this.onRequest(r);
    const onRetrieval = (r: Parameters<typeof toRetrievalItem>[0]) =>
      this.post({ type: 'retrievalAdded', retrieval: toRetrievalItem(r), totals: this.totals() });
    const onState = () => this.post({ type: 'status', status: this.status() });
    s.on('request', onRequest);
    s.on('retrieval', onRetrieval);
    s.on('state', onState);
    this.listeners = [
      panel.webview.onDidReceiveMessage((m: unknown) => this.receive(m)),
      panel.onDidDispose(() => this.closed()),
      {
        dispose: () => {
          s.off('request', onRequest);
          s.off('retrieval', onRetrieval);
          s.off('state', onState);
        },
      },
    ];
  }

  dispose(): void {
    this.panel?.dispose();
  }

  private closed(): void {
    for (const d of this.listeners) d.dispose();
    this.listeners = [];
    this.panel = undefined;
    this.records.clear();
    this.series = undefined;
  }

  private post(m: HostMessage): void {
    void this.panel?.webview.postMessage(m);
  }

  private status(): PanelStatus {
    const s = this.deps.service;
    return { proxyUrl: s.url, paused: s.paused, state: s.paused ? 'compression paused' : panelState(s.state) };
  }

  private totals(): TotalsView {
    return { session: this.deps.service.session, allTime: this.deps.service.allTime };
  }

  private onRequest(r: RequestRecord): void {
    if (!this.series) return; // not initialised yet: the init message will include it
    this.records.set(r.id, r);
    this.series.add(r);
    this.post({ type: 'requestAdded', request: toSummary(r), chart: this.series.points(), totals: this.totals() });
  }

  private remember(list: RequestRecord[]): void {
    for (const r of list) this.records.set(r.id, r);
  }

  private receive(raw: unknown): void {
    if (!isWebviewMessage(raw)) {
      this.deps.log.warn('panel: dropped a malformed message from the webview');
      return;
    }
    try {
      this.handle(raw);
    } catch (e) {
      this.deps.log.error(`panel: ${(e as Error).stack ?? String(e)}`);
      this.post({ type: 'error', message: (e as Error).message });
    }
  }

  private handle(m: WebviewMessage): void {
    const store = this.deps.service.storeHandle;
    switch (m.type) {
      case 'ready': {
        const t0 = Date.now();
        const history = store ? store.requests(CHART_HISTORY) : [];
        this.series = SavingsSeries.from(history);
        const first = history.slice(0, PAGE);
        this.remember(first);
        this.post({
          type: 'init',
          requests: first.map(toSummary),
          hasMore: history.length > PAGE,
          retrievals: store
            ? store
                .retrievals(500)
                .map((r) => toRetrievalItem({ ...r, tokens: r.tokens ?? this.deps.service.retrievedTokensOf(r) }))
            : [],
          chart: this.series.points(),
          totals: this.totals(),
          status: this.status(),
          markerPattern: MARKER_PATTERN,
          markerIdPattern: MARKER_ID_PATTERN,
        });
        this.deps.log.debug(`panel: init with ${first.length} of ${history.length} requests in ${Date.now() - t0} ms`);
        return;
      }
      case 'loadMore': {
        const page = store ? store.requests(PAGE + 1, m.before) : [];
        this.remember(page.slice(0, PAGE));
        this.post({ type: 'requestsPage', requests: page.slice(0, PAGE).map(toSummary), hasMore: page.length > PAGE });
        return;
      }
      case 'select': {
        const r = this.records.get(m.requestId);
        if (r) this.post({ type: 'detail', requestId: r.id, units: unitMetas(r) });
        return;
      }
      case 'loadUnit':
        this.post({ type: 'unitText', unit: this.unitText(m.requestId, m.index) });
        return;
      case 'openDiff': {
        const r = this.records.get(m.requestId);
        const u = r?.units[m.index];
        if (!u?.originalId) {
          void vscode.window.showInformationMessage('This unit went to the model unchanged; there is no diff to open.');
          return;
        }
        void this.deps.openDiff(
          u.originalId,
          `${unitLabel(u)} (${u.kind}): original ↔ sent (${u.tokensBefore} → ${u.tokensAfter} tokens)`,
        );
        return;
      }
      case 'retrieve':
        void vscode.commands.executeCommand('headroom.retrieveOriginal', m.id);
        return;
    }
  }

  private unitText(requestId: string, index: number): UnitText {
    const u = this.records.get(requestId)?.units[index];
    const store = this.deps.service.storeHandle;
    if (!u) return { requestId, index, note: 'This request is no longer in the list.' };
    if (!u.originalId) return { requestId, index, note: `Sent unchanged${u.reason ? `: ${u.reason}` : ''}.` };
    let original: string | undefined;
    try {
      original = store?.original(u.originalId);
    } catch (err) {
      return { requestId, index, note: (err as Error).message }; // damaged on disk: refused, never shown as exact
    }
    if (original === undefined)
      return { requestId, index, note: `The original (${u.originalId}) has expired from the store.` };
    const compressed = store?.compressedFor(original);
    if (compressed === undefined)
      return { requestId, index, original, note: 'The compressed form is no longer in the store’s memo.' };
    return { requestId, index, original, compressed };
  }
}

/** The state in a few words for the panel's header, which shows the URL next to it. */
function panelState(s: ProxyState): string {
  if (s.kind === 'running') return 'running';
  if (s.kind === 'external') return 'served by another Headroom process';
  return describeState(s);
}
