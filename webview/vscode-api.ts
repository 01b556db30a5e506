/** The webview side of the channel: typed `postMessage` and the persisted view state. */
import type { WebviewMessage } from '../extension/protocol.js';

interface VsCodeApi {
  postMessage(message: WebviewMessage): void;
  getState(): unknown;
  setState(state: unknown): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

/** What survives the panel being hidden and shown again. */
export interface ViewState {
  selected?: string;
  split: boolean;
  onlyCompressed?: boolean;
  /** The request list's width in px, once the user dragged the splitter. */
  listWidth?: number;
}

const api = acquireVsCodeApi();

export function post(m: WebviewMessage): void {
  api.postMessage(m);
}

export function loadState(): ViewState {
  const s = api.getState() as Partial<ViewState> | undefined;
  return {
    selected: typeof s?.selected === 'string' ? s.selected : undefined,
    split: s?.split !== false,
    onlyCompressed: s?.onlyCompressed === true,
    listWidth: typeof s?.listWidth === 'number' && Number.isFinite(s.listWidth) ? s.listWidth : undefined,
  };
}

export function saveState(s: ViewState): void {
  api.setState(s);
}
