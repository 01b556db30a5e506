/** The status bar item: live savings, a Markdown tooltip, the warning background when the proxy is down or paused. */
import * as vscode from 'vscode';
import type { ProxyService } from './proxy-service.js';
import { statusView, type StatusView } from './status-text.js';

/** Requests can arrive dozens per second; the item is redrawn at most this often. */
const REDRAW_MS = 150;

export class StatusBar implements vscode.Disposable {
  private readonly item: vscode.StatusBarItem;
  private timer: NodeJS.Timeout | undefined;
  private view: StatusView | undefined;
  private readonly onChange = () => this.schedule();
  private readonly changed = new vscode.EventEmitter<StatusView>();
  /** Fires after each redraw with what the item now shows (tests wait on it instead of polling `current`). */
  readonly onDidChange = this.changed.event;

  constructor(
    private readonly service: ProxyService,
    private readonly costPerMillion: () => number,
  ) {
    this.item = vscode.window.createStatusBarItem('headroom.status', vscode.StatusBarAlignment.Right, 100);
    this.item.name = 'Headroom';
    this.item.command = 'headroom.showDiffs';
    service.on('state', this.onChange);
    service.on('totals', this.onChange);
    this.render();
    this.item.show();
  }

  /** What the item shows now (the extension's API hands this to tests and other extensions). */
  get current(): StatusView {
    return this.view ?? this.render();
  }

  /** Redraws now (a setting the text depends on changed). */
  refresh(): void {
    this.render();
  }

  private schedule(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.render();
    }, REDRAW_MS);
  }

  private render(): StatusView {
    const s = this.service;
    const v = statusView({
      state: s.state,
      paused: s.paused,
      session: s.session,
      allTime: s.allTime,
      costPerMillionInputTokens: this.costPerMillion(),
      prose: s.proseModelStatus(),
    });
    this.view = v;
    this.item.text = v.text;
    const md = new vscode.MarkdownString(v.tooltip);
    md.supportThemeIcons = true;
    this.item.tooltip = md;
    this.item.backgroundColor = v.warning ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    this.item.accessibilityInformation = { label: `Headroom: ${v.text.replace(/\$\([^)]*\)\s*/g, '')}` };
    this.changed.fire(v);
    return v;
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.service.off('state', this.onChange);
    this.service.off('totals', this.onChange);
    this.item.dispose();
    this.changed.dispose();
  }
}
