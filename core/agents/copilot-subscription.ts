/**
 * GitHub Copilot Chat's own subscription models (experimental). Copilot Chat reads
 * `github.copilot.advanced.debug.overrideCapiUrl` in release builds and sends chat, edit and agent requests
 * (`/chat/completions`, `/responses`, `/v1/messages`, `/models`, …) to that base instead of the Copilot API
 * (microsoft/vscode-copilot-chat src/platform/configuration/common/configurationService.ts, used by
 * src/platform/endpoint/…/domainServiceImpl.ts). The proxy serves it at `/copilot/<secret>/…`
 * (core/copilot/secret.ts): the secret path segment is the only credential, since VS Code cannot add a header to
 * Copilot's requests. Written straight into the user `settings.json` (JSONC kept byte for byte around our edit; the
 * settings API refuses keys Copilot does not declare), and the key is added to `settingsSync.ignoredSettings` so
 * Settings Sync does not carry this machine's loopback URL to others. `overrideProxyUrl` is never set (it breaks
 * Copilot CLI sessions in VS Code). Inline completions and next-edit suggestions keep going direct.
 */
import { join } from 'node:path';
import type { AgentEnv, Detection, EditRecord, PlanResult } from './types.js';
import type { AgentEntry } from './entry.js';
import { hasExtension } from './locations.js';
import { addToJsonArray, jsonParseError, parseJsonValue, setJsonValue } from './edit/json-edit.js';
import { readTextOrNull } from './edit/text.js';
import { arrow, cannotParse, change, isObject } from './edit/plan-helpers.js';
import { copilotBaseUrl, loadOrCreateCopilotSecret } from '../copilot/secret.js';
import { origin } from './proxy-urls.js';

export const OVERRIDE_CAPI_KEY = 'github.copilot.advanced.debug.overrideCapiUrl';
const SYNC_IGNORED = 'settingsSync.ignoredSettings';
const LABEL = 'Copilot (subscription models, experimental)';

export function userSettingsPath(env: AgentEnv): string | undefined {
  return env.vscodeUserDirs[0] ? join(env.vscodeUserDirs[0], 'settings.json') : undefined;
}

export function detectCopilotSubscription(env: AgentEnv): Detection {
  const file = userSettingsPath(env);
  return {
    agent: 'copilot-subscription',
    label: LABEL,
    installed: hasExtension(env, 'copilot-subscription') || !!file,
    configPaths: file ? [file] : [],
    routable: !!file && !!env.headroomHome,
    note:
      `Experimental: sets ${OVERRIDE_CAPI_KEY} in your user settings.json ` +
      "so Copilot Chat's own models go through Headroom " +
      '(chat, edits and agent mode; inline completions stay direct). Reload VS Code afterwards.',
  };
}

export function planCopilotSubscription(env: AgentEnv, proxyUrl: string): PlanResult {
  const file = userSettingsPath(env);
  if (!file) return { error: 'No VS Code user folder to write settings.json in (give --vscode-user-dir).' };
  if (!env.headroomHome) return { error: 'The Copilot route needs HEADROOM_HOME for its secret; none was given.' };
  const before = readTextOrNull(file);
  if (before !== null && before.trim()) {
    const err = jsonParseError(before);
    if (err) return cannotParse(file, err);
    if (!isObject(parseJsonValue(before))) return cannotParse(file, 'the top level is not a JSON object');
  }
  const doc = before && before.trim() ? (parseJsonValue(before) as Record<string, unknown>) : {};
  // Headroom's own state, not the user's: the route's secret is made once, the first time anyone needs it.
  const target = copilotBaseUrl(origin(proxyUrl), loadOrCreateCopilotSecret(env.headroomHome));
  const edits: EditRecord[] = [];
  const summary: string[] = [];
  let text = before ?? '';
  try {
    const set = setJsonValue(text, [OVERRIDE_CAPI_KEY], target);
    if (set) {
      text = set.text;
      edits.push(set.record);
      const old = doc[OVERRIDE_CAPI_KEY];
      summary.push(
        arrow(
          OVERRIDE_CAPI_KEY,
          typeof old === 'string' ? old.replace(/\/copilot\/[^/]+/, '/copilot/…') : old,
          target.replace(/\/copilot\/[^/]+/, '/copilot/…'),
        ),
      );
    }
    const sync = addToJsonArray(text, SYNC_IGNORED, OVERRIDE_CAPI_KEY);
    if (sync) {
      text = sync.text;
      edits.push(sync.record);
      summary.push(`${SYNC_IGNORED}: add ${OVERRIDE_CAPI_KEY} (Settings Sync keeps it on this machine)`);
    }
  } catch (e) {
    return { error: `${file}: ${(e as Error).message}; Headroom did not change it.` };
  }
  if (!edits.length) return [];
  const nested = doc['github.copilot.advanced'];
  if (isObject(nested) && 'debug.overrideCapiUrl' in nested) {
    summary.push(
      'warning: "github.copilot.advanced" also sets debug.overrideCapiUrl; ' +
        'Copilot may read that one — remove it by hand',
    );
  }
  if (before === null) summary.unshift(`create ${file}`);
  summary.push(
    'experimental; reload VS Code to apply; a VS Code profile with its own settings.json needs the same key there',
  );
  return [change('copilot-subscription', file, 'json', before, text, edits, summary, [])];
}

export const copilotSubscription: AgentEntry = {
  id: 'copilot-subscription',
  displayName: LABEL,
  userAgents: [],
  configure: { id: 'copilot-subscription', detect: detectCopilotSubscription, plan: planCopilotSubscription },
  overriddenBy: 'the same key in a workspace or profile settings.json',
};
