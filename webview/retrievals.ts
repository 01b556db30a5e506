/**
 * Every CCR retrieval — which id, when, who asked (a model, through the proxy, MCP or the CLI; or the user, in VS
 * Code), what came back — with the request it served (a link into the list).
 */
import type { RetrievalItem } from '../extension/protocol.js';
import { clear, h } from './dom.js';
import { clock, tokens } from './format.js';

/** Rows kept in the table; older ones stay in the store. */
const MAX = 500;

export interface RetrievalEvents {
  openOriginal(id: string): void;
  showRequest(requestId: string): void;
}

export class Retrievals {
  readonly root: HTMLElement;
  private readonly body: HTMLTableSectionElement;
  private readonly heading: HTMLElement;
  private items: RetrievalItem[] = [];

  constructor(private readonly events: RetrievalEvents) {
    this.heading = h('h2', { id: 'retrievals-heading' }, 'Retrievals');
    this.body = h('tbody');
    const table = h(
      'table',
      { class: 'retrievals', 'aria-labelledby': 'retrievals-heading' },
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          h('th', { scope: 'col' }, 'When'),
          h('th', { scope: 'col' }, 'Id'),
          h('th', { scope: 'col' }, 'Asked by'),
          h('th', { scope: 'col' }, 'Request'),
          h('th', { scope: 'col' }, 'Result'),
        ),
      ),
      this.body,
    );
    this.root = h('section', { id: 'retrievals', class: 'retrievals-pane' }, this.heading, table);
  }

  reset(items: RetrievalItem[]): void {
    this.items = items.slice(0, MAX);
    this.render();
  }

  add(item: RetrievalItem): void {
    this.items.unshift(item);
    this.items.length = Math.min(this.items.length, MAX);
    this.render();
  }

  private render(): void {
    clear(this.body);
    const users = this.items.filter((r) => r.user).length;
    const more = this.items.length === MAX ? '+' : '';
    this.heading.textContent = `Retrievals (${this.items.length - users}${more} by models · ${users} lookups by you)`;
    if (!this.items.length) {
      this.body.append(
        h(
          'tr',
          {},
          h(
            'td',
            { colspan: '5', class: 'empty' },
            'No retrievals yet: no model has asked for anything that was left out.',
          ),
        ),
      );
      return;
    }
    for (const r of this.items) {
      const id = h('button', { type: 'button', class: 'link', title: 'Open the stored original' }, r.id);
      id.addEventListener('click', () => this.events.openOriginal(r.id));
      let req: HTMLElement | string = '—';
      if (r.requestId) {
        const rid = r.requestId;
        req = h('button', { type: 'button', class: 'link', title: 'Show this request' }, rid.slice(0, 8));
        req.addEventListener('click', () => this.events.showRequest(rid));
      }
      this.body.append(
        h(
          'tr',
          {},
          h('td', {}, clock(r.time)),
          h('td', {}, id),
          h('td', { class: r.user ? 'user' : 'model' }, r.user ? `you (${r.via})` : `model (${r.via})`),
          h('td', {}, req),
          h(
            'td',
            { class: r.found ? 'good' : 'bad' },
            r.found ? `answered${r.tokens !== undefined ? ` · ${tokens(r.tokens)} tokens` : ''}` : 'unknown id',
          ),
        ),
      );
    }
  }
}
