import type { Reader } from '../../extension/config.js';

type Layer = Record<string, unknown>;

/**
 * A stand-in for `vscode.workspace.getConfiguration('headroom')` built from the layers VS Code merges. `get` merges
 * them as a host that does not know a setting's scope would (folder over workspace over user over default), so a
 * test sees what a workspace value could do if the reader trusted `get`; `inspect` reports each layer apart.
 */
export function fakeSettings(layers: { defaults?: Layer; user?: Layer; workspace?: Layer; folder?: Layer }): Reader {
  const { defaults = {}, user = {}, workspace = {}, folder = {} } = layers;
  const pick = (l: Layer, k: string) => (Object.hasOwn(l, k) ? l[k] : undefined);
  const get = <T>(k: string): T => (pick(folder, k) ?? pick(workspace, k) ?? pick(user, k) ?? pick(defaults, k)) as T;
  const inspect = <T>(k: string) => ({
    key: `headroom.${k}`,
    defaultValue: pick(defaults, k) as T | undefined,
    globalValue: pick(user, k) as T | undefined,
    workspaceValue: pick(workspace, k) as T | undefined,
    workspaceFolderValue: pick(folder, k) as T | undefined,
  });
  return { get, inspect } as Reader;
}
