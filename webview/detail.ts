/**
 * The selected request: its units as tabs (←/→ move between them), a side-by-side / inline switch, "Open in diff
 * editor", and the diff of the active unit. Unit texts are asked for when a unit is shown, and kept.
 */
import type { RequestSummary, UnitMeta, UnitText } from '../extension/protocol.js';
import { renderDiff, type MarkerPatterns } from './diff-view.js';
import { clear, h } from './dom.js';
import { clock, ms, percentSaved, tokens } from './format.js';

export interface DetailEvents {
  loadUnit(requestId: string, index: number): void;
  openDiff(requestId: string, index: number): void;
  retrieve(id: string): void;
  splitChanged(split: boolean): void;
}

export class Detail {
  readonly root: HTMLElement;
  private requestId: string | undefined;
  private summary: RequestSummary | undefined;
  private units: UnitMeta[] = [];
  private active = 0;
  private readonly texts = new Map<string, UnitText>();
  marker: MarkerPatterns = { whole: /$^/g, id: /$^/ };

  constructor(
    private readonly events: DetailEvents,
    private split: boolean,
  ) {
    this.root = h(
      'section',
      { id: 'detail', class: 'detail', 'aria-label': 'Selected request' },
      h('p', { class: 'empty' }, 'Select a request to see what was compressed.'),
    );
  }

  show(summary: RequestSummary | undefined, requestId: string, units: UnitMeta[]): void {
    if (requestId !== this.requestId) this.texts.clear();
    this.requestId = requestId;
    this.summary = summary;
    this.units = units;
    // start on the first unit that was actually compressed: that is what the user came to see
    const first = units.findIndex((u) => u.originalId !== undefined);
    this.active = Math.max(first, 0);
    this.render();
  }

  unitText(t: UnitText): void {
    if (t.requestId !== this.requestId) return;
    this.texts.set(`${t.index}`, t);
    if (t.index === this.active) this.render();
  }

  private render(): void {
    clear(this.root);
    const s = this.summary;
    const failed = s?.outcome === 'failed';
    const head = h(
      'div',
      { class: 'detail-head' },
      h('h2', {}, s ? `${[s.agent, s.model].filter(Boolean).join(' · ') || s.provider} — ${clock(s.time)}` : 'Request'),
      s ? h('p', { class: 'meta', id: 'detail-meta' }, this.metaLine(s)) : null,
      // a failure is said first and loudly: the agent got an error, whatever was compressed
      s && failed
        ? h('p', { class: 'alert', id: 'detail-outcome', role: 'alert' }, `The agent got an error — ${s.why}`)
        : null,
      s && !failed && s.outcome !== 'compressed'
        ? h('p', { class: `outcome ${s.outcome}`, id: 'detail-outcome' }, capitalize(s.why))
        : null,
    );
    this.root.append(head);
    if (!this.units.length) {
      if (!s) this.root.append(h('p', { class: 'empty' }, 'This request had no tool output.'));
      return;
    }
    this.root.append(this.tabs(), this.toolbar());
    const u = this.units[this.active];
    const t = this.texts.get(`${this.active}`);
    const body = h('div', {
      class: 'unit-body',
      id: 'unit-body',
      role: 'tabpanel',
      'aria-labelledby': `unit-tab-${this.active}`,
    });
    this.root.append(body);
    if (!u.originalId) {
      body.append(h('p', { class: 'empty' }, `Sent unchanged${u.reason ? `: ${u.reason}` : ''}.`));
      return;
    }
    if (!t) {
      body.append(h('p', { class: 'empty' }, 'Loading…'));
      this.events.loadUnit(this.requestId!, this.active);
      return;
    }
    if (t.original === undefined || t.compressed === undefined) {
      body.append(h('p', { class: 'empty' }, t.note ?? 'Not available.'));
      return;
    }
    const { el, stats } = renderDiff(t.original, t.compressed, {
      split: this.split,
      marker: this.marker,
      onMarker: (id) => this.events.retrieve(id),
    });
    const json = stats.structural ? ' · JSON compared formatted alike (formatting is not a change)' : '';
    body.append(
      h(
        'p',
        { class: 'meta', id: 'unit-stats' },
        `${stats.originalLines} lines → ${stats.sentLines} lines sent · ${stats.elidedLines} lines left out · ` +
          `${stats.markers} marker${stats.markers === 1 ? '' : 's'} (each retrievable by id)${json}`,
      ),
      el,
    );
  }

  private metaLine(s: RequestSummary): string {
    const figures =
      s.outcome === 'compressed'
        ? `${tokens(s.tokensBefore)} → ${tokens(s.tokensAfter)} tokens (−` +
          `${percentSaved(s.tokensBefore, s.tokensAfter)}%) · ${s.compressedUnits} of ${s.units} tool outputs ` +
          `compressed`
        : s.units
          ? `${tokens(s.tokensBefore)} tokens of tool output, sent as they were`
          : 'no tool output compressed';
    return `${figures} · ${ms(s.compressMs)}${s.status !== undefined ? ` · HTTP ${s.status}` : ''}`;
  }

  private tabs(): HTMLElement {
    const list = h('div', { class: 'tabs', role: 'tablist', 'aria-label': 'Units of this request' });
    this.units.forEach((u, i) => {
      const saved = percentSaved(u.tokensBefore, u.tokensAfter);
      const tab = h(
        'button',
        {
          id: `unit-tab-${i}`,
          class: `tab${i === this.active ? ' active' : ''}${u.originalId ? '' : ' unchanged'}`,
          role: 'tab',
          type: 'button',
          'aria-selected': String(i === this.active),
          'aria-controls': 'unit-body',
          tabindex: i === this.active ? '0' : '-1',
          title:
            `${u.kind} at ${u.path}${u.prose ? `\nprose: ${u.prose}` : ''}` +
            `${u.originalId ? '' : `\nsent unchanged${u.reason ? `: ${u.reason}` : ''}`}`,
        },
        `${u.label} · ${tokens(u.tokensBefore)} → ${tokens(u.tokensAfter)}${saved ? ` (−${saved}%)` : ''}` +
          `${u.memoHit ? ' · cached' : ''}${u.prose?.startsWith('prose model') ? ' · model' : ''}`,
      );
      tab.addEventListener('click', () => this.select(i));
      tab.addEventListener('keydown', (e) => {
        const d = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
        if (!d) return;
        e.preventDefault();
        this.select((i + d + this.units.length) % this.units.length);
        document.getElementById(`unit-tab-${this.active}`)?.focus();
      });
      list.append(tab);
    });
    return list;
  }

  private toolbar(): HTMLElement {
    const mode = (label: string, split: boolean) => {
      const b = h('button', { type: 'button', class: 'toggle', 'aria-pressed': String(this.split === split) }, label);
      b.addEventListener('click', () => {
        this.split = split;
        this.events.splitChanged(split);
        this.render();
      });
      return b;
    };
    const open = h('button', { type: 'button', id: 'open-diff', class: 'primary' }, 'Open in diff editor');
    open.disabled = !this.units[this.active]?.originalId;
    open.addEventListener('click', () => this.events.openDiff(this.requestId!, this.active));
    return h(
      'div',
      { class: 'toolbar', role: 'toolbar', 'aria-label': 'Diff view' },
      mode('Side by side', true),
      mode('Inline', false),
      open,
    );
  }

  private select(i: number): void {
    this.active = i;
    this.render();
  }
}

const capitalize = (t: string) => t.charAt(0).toUpperCase() + t.slice(1);
