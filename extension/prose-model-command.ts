/**
 * "Headroom: Install Prose Model": installs a token-classification model for prose from a folder, a manifest.json
 * or an http(s) URL of one (core/prose-model/install: progress, size and sha256 checked against the manifest, the
 * model loaded once in a worker to check its tensors, nothing left behind on failure) into the store folder's
 * `models/`, then offers to use it (`headroom.proseModel`, which restarts the proxy with it).
 */
import * as vscode from 'vscode';
import {
  installModel,
  ModelExistsError,
  type InstallProgress,
  type InstallResult,
} from '../core/prose-model/install.js';
import { checkModelLoads } from '../core/prose-model/check-model.js';
import { readConfig, SECTION, SETTING_KEYS } from './config.js';
import { formatBytes as mb } from '../core/util/format-bytes.js';

export const INSTALL_PROSE_MODEL_COMMAND = 'headroom.installProseModel';

export interface InstallModelDeps {
  /** Where installed models go: `<store folder>/models` (what `headroom model install` uses for the same folder). */
  modelsDir(): string;
  log: vscode.LogOutputChannel;
  /** Why this build cannot run a prose model (extension/prose-runtime.ts), if it cannot: the command says so. */
  unavailable?: string;
}

/**
 * Arguments for scripts, keybindings and tests: `source` skips the pick; `force` replaces a different model of the
 * same id without asking; `use` true sets `headroom.proseModel` without asking, false never asks.
 */
export interface InstallModelArgs {
  source?: string;
  force?: boolean;
  use?: boolean;
}

export interface InstallModelOutcome {
  id: string;
  manifestPath: string;
  alreadyInstalled: boolean;
  /** `headroom.proseModel` now names it. */
  used: boolean;
}

export function installModelArgs(a: unknown): InstallModelArgs {
  if (typeof a === 'string') return { source: a };
  if (!a || typeof a !== 'object') return {};
  const o = a as Record<string, unknown>;
  return {
    source: typeof o.source === 'string' && o.source.trim() ? o.source.trim() : undefined,
    force: o.force === true,
    use: typeof o.use === 'boolean' ? o.use : undefined,
  };
}

/** The command handler. Resolves undefined when the user cancels, the install fails (the error is shown) or this
 * build cannot run a prose model (said instead of offering an install that could not load). */
export function installProseModelHandler(
  deps: InstallModelDeps,
): (a?: unknown) => Promise<InstallModelOutcome | undefined> {
  return async (a) => {
    if (deps.unavailable) {
      deps.log.warn(`Install Prose Model: ${deps.unavailable}`);
      void vscode.window.showWarningMessage(
        `Headroom: ${deps.unavailable[0].toUpperCase()}${deps.unavailable.slice(1)}`,
      );
      return undefined;
    }
    const args = installModelArgs(a);
    const source = args.source ?? (await pickSource());
    if (!source) return undefined;
    let r: InstallResult;
    try {
      r = await installWithProgress(source, deps, args.force === true);
    } catch (e) {
      if (!(e instanceof ModelExistsError) || args.force !== undefined) return fail(deps, source, e);
      const pick = await vscode.window.showWarningMessage(
        `A different prose model "${e.id}" is already installed in ${e.dir}. Replace it?`,
        { modal: true },
        'Replace',
      );
      if (pick !== 'Replace') return undefined;
      try {
        r = await installWithProgress(source, deps, true);
      } catch (e2) {
        return fail(deps, source, e2);
      }
    }
    deps.log.info(`prose model ${r.id} ${r.alreadyInstalled ? 'was already installed' : 'installed'} in ${r.dir}`);
    const used = await offerToUse(r, args.use);
    return { id: r.id, manifestPath: r.manifestPath, alreadyInstalled: r.alreadyInstalled, used };
  };
}

async function pickSource(): Promise<string | undefined> {
  const local = 'A folder or manifest.json on this machine…';
  const remote = 'The URL of a manifest.json…';
  const how = await vscode.window.showQuickPick([local, remote], {
    title: 'Headroom: Install Prose Model',
    placeHolder: 'A model is a manifest.json beside the ONNX model and tokenizer.json it names (see models/README.md)',
  });
  if (how === local) {
    const picked = await vscode.window.showOpenDialog({
      title: 'Headroom: the model folder or its manifest.json',
      canSelectFiles: true,
      canSelectFolders: true,
      canSelectMany: false,
      filters: { 'Model manifest': ['json'] },
    });
    return picked?.[0]?.fsPath;
  }
  if (how === remote) {
    return vscode.window.showInputBox({
      title: 'Headroom: Install Prose Model',
      prompt:
        "http(s) URL of the model's manifest.json; its files are fetched from beside it and checked against its " +
        'sha256s',
      placeHolder: 'https://example.org/models/my-model/manifest.json',
      validateInput: (v) => (/^https?:\/\/\S+$/i.test(v.trim()) ? undefined : 'An http:// or https:// URL.'),
    });
  }
  return undefined;
}

function installWithProgress(source: string, deps: InstallModelDeps, force: boolean): Promise<InstallResult> {
  return Promise.resolve(
    vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: 'Headroom: installing prose model' },
      async (progress) => {
        const report = progressReporter((message, increment) => progress.report({ message, increment }));
        return installModel(source, {
          modelsDir: deps.modelsDir(),
          force,
          onProgress: report,
          check: async (m) => {
            progress.report({ message: `checking that ${m.id} loads…` });
            await checkModelLoads(m.manifestPath);
          },
        });
      },
    ),
  );
}

/**
 * Turns byte counts into progress messages and increments (percent of the file being copied; VS Code sums the
 * increments, so each file's bar restarts at 0 with its name).
 */
export function progressReporter(report: (message: string, increment?: number) => void): (p: InstallProgress) => void {
  let file = '';
  let shown = 0;
  return (p) => {
    if (p.file !== file) {
      file = p.file;
      shown = 0;
    }
    const pct = p.total ? Math.min(100, Math.floor((p.bytes / p.total) * 100)) : undefined;
    if (pct !== undefined && pct === shown && p.bytes !== p.total) return;
    const increment = pct !== undefined ? pct - shown : undefined;
    if (pct !== undefined) shown = pct;
    report(`${p.file}: ${mb(p.bytes)}${p.total ? ` of ${mb(p.total)}` : ''}`, increment);
  };
}

async function offerToUse(r: InstallResult, use: boolean | undefined): Promise<boolean> {
  const config = vscode.workspace.getConfiguration(SECTION);
  if (readConfig(config).proseModel === r.id) {
    if (use === undefined)
      void vscode.window.showInformationMessage(`Headroom: prose model ${r.id} is installed and in use.`);
    return true;
  }
  let yes = use === true;
  if (use === undefined) {
    const pick = await vscode.window.showInformationMessage(
      `Headroom: prose model ${r.id} is installed. Compress prose with it?`,
      'Use It',
      'Not Now',
    );
    yes = pick === 'Use It';
  }
  if (yes) await config.update(SETTING_KEYS.proseModel, r.id, vscode.ConfigurationTarget.Global);
  return yes;
}

function fail(deps: InstallModelDeps, source: string, e: unknown): undefined {
  const message = (e as Error)?.message ?? String(e);
  deps.log.error(`prose model install from ${source} failed: ${message}`);
  void vscode.window.showErrorMessage(`Headroom: the prose model was not installed: ${message}`);
  return undefined;
}
