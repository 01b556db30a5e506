/**
 * Roo Code keeps its provider profiles inside VS Code (global state and secret storage), not in a file we could
 * edit. It exports an extension API (`getConfiguration` / `setConfiguration`) that the extension calls at run time;
 * here there is only the detection.
 */
import type { AgentEnv, Detection, PlanResult } from './types.js';
import { hasExtension } from './locations.js';

export const ROO_NOTE =
  "Roo Code keeps its settings inside VS Code; Headroom sets its base URL through Roo Code's extension API, not a file.";

export function detectRoo(env: AgentEnv): Detection {
  const installed = hasExtension(env, 'roo');
  return { agent: 'roo', label: 'Roo Code', installed, configPaths: [], routable: installed, note: ROO_NOTE };
}

export function planRoo(): PlanResult {
  return { error: `${ROO_NOTE} Use the extension's Roo Code helper.` };
}
