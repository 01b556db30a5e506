import { EventEmitter } from 'node:events';

/**
 * Whether the proxy compresses. One switch per proxy, so every client of that proxy — each VS Code window, the CLI —
 * reads and sets the same state (`GET`/`PUT /pause`). While paused, bodies go upstream exactly as the agent sent them.
 */
export class PauseSwitch extends EventEmitter<{ change: [boolean] }> {
  private value: boolean;

  constructor(paused = false) {
    super();
    this.value = paused;
  }

  get paused(): boolean {
    return this.value;
  }

  /** Sets the state; `change` is emitted only when it changed. */
  set(paused: boolean): void {
    if (this.value === paused) return;
    this.value = paused;
    this.emit('change', paused);
  }
}

/** The body of `PUT /pause`, `{"paused": true|false}`; anything else is undefined. */
export function parsePauseBody(text: string): boolean | undefined {
  try {
    const v = JSON.parse(text) as unknown;
    if (typeof v === 'object' && v !== null && typeof (v as { paused?: unknown }).paused === 'boolean')
      return (v as { paused: boolean }).paused;
  } catch {
    // not JSON: refused by the caller
  }
  return undefined;
}
