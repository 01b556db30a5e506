/** Where the extension's proxy stands; the status bar and the panel show it. */
export type ProxyState =
  | { kind: 'starting' }
  | { kind: 'running'; url: string; port: number }
  /** Another Headroom proxy (another window, the CLI) already serves the configured port. */
  | { kind: 'external'; url: string; port: number }
  | { kind: 'disabled' }
  /** Another program holds the port; `suggestion` is the next free one. */
  | { kind: 'port-taken'; port: number; suggestion?: number }
  | { kind: 'failed'; message: string };
