// What the suites running inside the extension host share: the extension's typed API, and the events to wait on.
import * as vscode from 'vscode';
import type { HeadroomApi } from '../../../extension/extension';
import { until, type Subscribe } from './until';

export type { HeadroomApi };
export const EXT_ID = 'headroom.headroom-vscode';

/** The installed extension (the packaged VSIX). */
export function headroomExtension(): vscode.Extension<HeadroomApi> {
  const ext = vscode.extensions.getExtension<HeadroomApi>(EXT_ID);
  if (!ext) throw new Error(`${EXT_ID} is not installed in this host`);
  return ext;
}

/** Activates the extension and waits for its first proxy start. */
export async function activateHeadroom(): Promise<HeadroomApi> {
  const api = await headroomExtension().activate();
  await api.ready;
  return api;
}

export const headroomSettings = (): vscode.WorkspaceConfiguration => vscode.workspace.getConfiguration('headroom');
export const setSetting = (key: string, value: unknown): Thenable<void> =>
  headroomSettings().update(key, value, vscode.ConfigurationTarget.Global);

/** Events that can change what a check about the proxy sees: its state, the status bar, a recorded request. */
export const proxyEvents = (api: HeadroomApi): Subscribe[] => [
  api.onDidChangeState,
  api.onDidChangeStatus,
  api.onDidRecordRequest,
];

/** Tabs opening, closing or changing, in any group. */
export const tabEvents: Subscribe[] = [
  vscode.window.tabGroups.onDidChangeTabs,
  vscode.window.tabGroups.onDidChangeTabGroups,
];

export interface Health {
  status: string;
  upstreams: Record<string, string>;
}

/** GET /health of the proxy at `url`; undefined while nothing answers there (a restart in between). */
export async function health(url: string): Promise<Health | undefined> {
  try {
    return (await (await fetch(`${url}/health`)).json()) as Health;
  } catch {
    return undefined;
  }
}

/** Waits until the running proxy forwards Anthropic requests to `base`; resolves with its URL. */
export function untilUpstream(api: HeadroomApi, base: string): Promise<string> {
  return until('the proxy to run with the upstream ' + base, [api.onDidChangeState], async () => {
    const url = api.state().kind === 'running' && api.proxyUrl();
    return url && (await health(url))?.upstreams.anthropic === base && url;
  });
}
