/**
 * The request list: a listbox that renders only the rows in view (fixed row height), so 10,000 requests cost the
 * same as 30. Keyboard: ↑/↓, PageUp/PageDown, Home/End move the selection; it follows focus (debounced). A filter
 * can narrow it to requests with compressed tool output; failures are flagged in the row.
 */
import type { RequestSummary } from '../extension/protocol.js';
import { h, clear } from './dom.js';
import { clock, ms, percentSaved, tokens } from './format.js';

const ROW_H = 26;
const OVERSCAN = 8;

export interface ListEvents {
  select(id: string): void;
  /** Scrolled near the end while the host has older requests. */
  needMore(): void;
}

export class RequestList {
  readonly root: HTMLDivElement;
  private readonly spacer: HTMLDivElement;
  /** Every loaded request, newest first. */
  private all: RequestSummary[] = [];
  /** The rows shown: `all`, or only the compressed ones. */
  private items: RequestSummary[] = [];
  private onlyCompressed = false;
  private active = -1;
  private selectTimer: number | undefined;
  hasMore = false;
  private loading = false;

  constructor(private readonly events: ListEvents) {
    this.spacer = h('div', { class: 'list-spacer' });
    this.root = h(
      'div',
      { id: 'request-list', class: 'list', role: 'listbox', tabindex: '0', 'aria-label': 'Requests, newest first' },
      this.spacer,
    );
    this.root.addEventListener('scroll', () => this.render());
    this.root.addEventListener('keydown', (e) => this.onKey(e));
    this.root.addEventListener('click', (e) => {
      const row = (e.target as HTMLElement).closest<HTMLElement>('[data-index]');
      if (row) this.activate(Number(row.dataset.index), true);
    });
    new ResizeObserver(() => this.render()).observe(this.root);
  }

  get selectedId(): string | undefined {
    return this.items[this.active]?.id;
  }

  get length(): number {
    return this.items.length;
  }

  /** Replaces everything (init). */
  reset(items: RequestSummary[], hasMore: boolean, selectId?: string): void {
    this.all = items;
    this.hasMore = hasMore;
    this.loading = false;
    this.refilter(selectId);
  }

  /** Shows only requests with compressed tool output (true) or all of them. */
  setOnlyCompressed(on: boolean): void {
    if (on === this.onlyCompressed) return;
    this.onlyCompressed = on;
    this.root.scrollTop = 0;
    this.refilter(this.selectedId);
  }

  /** How many rows are shown, of how many loaded. */
  counts(): { shown: number; loaded: number } {
    return { shown: this.items.length, loaded: this.all.length };
  }

  /** A new request arrived: it goes on top; the selection stays on the same request. */
  prepend(r: RequestSummary): void {
    this.all.unshift(r);
    if (!this.shows(r)) return;
    this.items.unshift(r);
    if (this.active >= 0) this.active++;
    // keep what the user is looking at still, unless they are at the top
    if (this.root.scrollTop > 0) this.root.scrollTop += ROW_H;
    this.render();
  }

  appendPage(items: RequestSummary[], hasMore: boolean): void {
    const known = new Set(this.all.map((r) => r.id));
    const fresh = items.filter((r) => !known.has(r.id));
    this.all.push(...fresh);
    this.items.push(...fresh.filter((r) => this.shows(r)));
    this.hasMore = hasMore;
    this.loading = false;
    this.render();
  }

  oldestTime(): number | undefined {
    return this.all[this.all.length - 1]?.time;
  }

  private shows(r: RequestSummary): boolean {
    return !this.onlyCompressed || r.compressedUnits > 0;
  }

  private refilter(selectId: string | undefined): void {
    this.items = this.onlyCompressed ? this.all.filter((r) => this.shows(r)) : this.all.slice();
    this.active = selectId ? this.items.findIndex((r) => r.id === selectId) : -1;
    this.render();
  }

  /** Selects a request by id if it is loaded (e.g. from the retrievals table). */
  selectById(id: string): boolean {
    const i = this.items.findIndex((r) => r.id === id);
    if (i < 0) return false;
    this.activate(i, true);
    this.root.focus();
    return true;
  }

  private activate(i: number, now: boolean): void {
    if (!this.items.length) return;
    this.active = Math.max(0, Math.min(this.items.length - 1, i));
    this.scrollIntoView(this.active);
    this.render();
    const id = this.items[this.active].id;
    window.clearTimeout(this.selectTimer);
    if (now) this.events.select(id);
    else this.selectTimer = window.setTimeout(() => this.events.select(id), 120);
  }

  private scrollIntoView(i: number): void {
    const top = i * ROW_H;
    if (top < this.root.scrollTop) this.root.scrollTop = top;
    else if (top + ROW_H > this.root.scrollTop + this.root.clientHeight)
      this.root.scrollTop = top + ROW_H - this.root.clientHeight;
  }

  private onKey(e: KeyboardEvent): void {
    const page = Math.max(1, Math.floor(this.root.clientHeight / ROW_H) - 1);
    const moves: Record<string, number> = { ArrowDown: 1, ArrowUp: -1, PageDown: page, PageUp: -page };
    if (e.key in moves) this.activate((this.active < 0 ? -1 : this.active) + moves[e.key], false);
    else if (e.key === 'Home') this.activate(0, false);
    else if (e.key === 'End') this.activate(this.items.length - 1, false);
    else if (e.key === 'Enter' || e.key === ' ') this.activate(Math.max(0, this.active), true);
    else return;
    e.preventDefault();
  }

  private render(): void {
    this.spacer.style.height = `${this.items.length * ROW_H}px`;
    const first = Math.max(0, Math.floor(this.root.scrollTop / ROW_H) - OVERSCAN);
    const last = Math.min(
      this.items.length,
      Math.ceil((this.root.scrollTop + this.root.clientHeight) / ROW_H) + OVERSCAN,
    );
    clear(this.spacer);
    for (let i = first; i < last; i++) this.spacer.append(this.row(this.items[i], i));
    if (this.active >= 0 && this.items[this.active])
      this.root.setAttribute('aria-activedescendant', `req-${this.active}`);
    else this.root.removeAttribute('aria-activedescendant');
    if (!this.items.length)
      this.spacer.append(
        h(
          'div',
          { class: 'empty' },
          this.all.length
            ? 'No request in the loaded part of the list has compressed tool output.'
            : 'No requests yet. Route an agent through the proxy ("Headroom: Configure Agents").',
        ),
      );
    // a filter that hides most rows still pages in older requests, so the filtered list fills up
    if (this.hasMore && !this.loading && last >= this.items.length - OVERSCAN) {
      this.loading = true;
      this.events.needMore();
    }
  }

  private row(r: RequestSummary, i: number): HTMLElement {
    const who = [r.agent, r.model].filter(Boolean).join(' · ') || r.provider;
    const el = h(
      'div',
      {
        id: `req-${i}`,
        class: `row ${r.outcome}${i === this.active ? ' selected' : ''}`,
        role: 'option',
        'aria-selected': String(i === this.active),
        'aria-label': `${clock(r.time)} ${who}: ${r.why}`,
        'data-index': String(i),
        'data-request-id': r.id,
        'data-outcome': r.outcome,
        'data-compressed-units': String(r.compressedUnits),
        title: r.why,
      },
      h('span', { class: 'c-time' }, clock(r.time)),
      h('span', { class: 'c-who' }, who),
      h('span', { class: 'c-tokens' }, tokensCell(r)),
      savedCell(r),
      h('span', { class: 'c-ms' }, ms(r.compressMs)),
    );
    el.style.transform = `translateY(${i * ROW_H}px)`;
    return el;
  }
}

/** Tokens before → after when something was compressed; otherwise what happened, in a word or two. */
function tokensCell(r: RequestSummary): string {
  switch (r.outcome) {
    case 'compressed':
      return `${tokens(r.tokensBefore)} → ${tokens(r.tokensAfter)}`;
    case 'paused':
      return 'paused';
    case 'too-small':
      return `${tokens(r.tokensBefore)} as is`;
    case 'passthrough':
      return 'passthrough';
    case 'failed':
      return r.units ? `${tokens(r.tokensBefore)} → ${tokens(r.tokensAfter)}` : '—';
    case 'nothing':
      return '—';
  }
}

function savedCell(r: RequestSummary): HTMLElement {
  if (r.outcome === 'failed')
    return h('span', { class: 'c-saved bad' }, r.status !== undefined ? `✕ ${r.status}` : '✕');
  const saved = percentSaved(r.tokensBefore, r.tokensAfter);
  return h('span', { class: `c-saved${saved > 0 ? ' good' : ''}` }, saved > 0 ? `−${saved}%` : '—');
}
