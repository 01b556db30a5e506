/**
 * Composition root. `activate` wires the pieces and returns at once; the store and the proxy start in the background
 * (activation must not hold up VS Code), and `ready` resolves when they have. Deactivation closes the proxy and
 * flushes the store.
 */
import * as vscode from 'vscode';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { headroomHome } from '../core/config/home.js';
import { readConfig, RESTART_KEYS, SECTION, SETTING_KEYS, type HeadroomConfig } from './config.js';
import { PREVIEW_SCHEME, PreviewDocuments, SCHEME, StoreDocuments, openUnitDiff } from './documents.js';
import { DiffPanel } from './panel/panel-host.js';
import { ProxyService, describeState, type ProxyState } from './proxy-service.js';
import { StatusBar } from './status-bar.js';
import type { StatusView } from './status-text.js';
import { registerCommands } from './commands.js';
import { INSTALL_PROSE_MODEL_COMMAND } from './prose-model-command.js';
import { proseRuntimeUnavailable } from './prose-runtime.js';
import type { ModelStatus } from '../core/prose-model/service.js';
import type { RequestRecord } from '../core/ccr/store-types.js';
import { offerPortMove } from './configure-agents/port-follow.js';

/** What the extension exports to other extensions (and to its integration tests). */
export interface HeadroomApi {
  /** Resolves once the first start attempt finished (running, or a state that says why not). */
  ready: Promise<void>;
  proxyUrl(): string | undefined;
  state(): ProxyState;
  /** The status bar item's text, tooltip and warning state, as shown. */
  status(): StatusView;
  /**
   * `activateMs`: time spent in `activate`; `readyMs`: from activation to the proxy listening, of which `storeMs`
   * opening the store (loading sql.js and the engine), `grammarsMs` loading the code grammars (alongside the store)
   * and `listenMs` loading and binding the proxy.
   */
  timings(): Timings;
  /** The prose model's state in the running proxy, when `headroom.proseModel` names one. */
  proseModel(): ModelStatus | undefined;
  /** Why this build cannot run the prose model (the universal VSIX), or undefined when it can. */
  proseUnavailable(): string | undefined;
  /** Fires after the status bar item was redrawn, with what it shows. */
  onDidChangeStatus: vscode.Event<StatusView>;
  /** Fires when the proxy's state changes (starting, running on a new URL, port taken, prose model loaded…). */
  onDidChangeState: vscode.Event<ProxyState>;
  /** Fires when the proxy has recorded a request (it is in `/stats` from then on). */
  onDidRecordRequest: vscode.Event<RequestRecord>;
}

export interface Timings {
  activateMs: number;
  readyMs?: number;
  storeMs?: number;
  grammarsMs?: number;
  listenMs?: number;
}

// The one piece of module state: `deactivate` must reach the service to close the proxy and flush the store.
let service: ProxyService | undefined;

export function activate(context: vscode.ExtensionContext): HeadroomApi {
  const t0 = performance.now();
  const log = vscode.window.createOutputChannel('Headroom', { log: true });
  const config = (): HeadroomConfig => readConfig(vscode.workspace.getConfiguration(SECTION));
  const defaultStoreDir = headroomHome(process.env);
  const dist = join(context.extensionPath, 'dist');
  const proseUnavailable = proseRuntimeUnavailable(dist);
  const svc = new ProxyService({
    defaultStoreDir,
    wasmPath: join(dist, 'sql-wasm.wasm'),
    grammarsDir: join(dist, 'syntaxes'),
    bundledModelsDir: join(dist, 'models'),
    proseUnavailable,
    log: (m) => log.info(m),
  });
  service = svc;
  svc.on('warning', (m) => log.warn(m));
  svc.on('request', (r) =>
    log.debug(
      `${r.agent ?? '?'} ${r.provider}${r.model ? ' ' + r.model : ''} ${r.status ?? '-'}: ${r.tokensBefore} → ` +
        `${r.tokensAfter} tokens in ${r.compressMs} ms`,
    ),
  );
  svc.on('state', (s) => {
    // the walkthrough's first step completes on it (package.json contributes.walkthroughs)
    void vscode.commands.executeCommand(
      'setContext',
      'headroom.proxyRunning',
      s.kind === 'running' || s.kind === 'external',
    );
    reportState(s, svc, log);
    if (s.kind === 'running')
      offerPortMove(
        context,
        s.url,
        join(config().storeDir ?? defaultStoreDir, 'agent-backups'),
        'headroom.configureAgents',
      );
  });
  // the proxy's pause state, wherever it was changed (this window, another one): Pause/Resume in the palette follow it
  let pausedContext: boolean | undefined;
  svc.on('state', () => {
    if (pausedContext === svc.paused) return;
    pausedContext = svc.paused;
    void vscode.commands.executeCommand('setContext', 'headroom.paused', svc.paused);
  });
  svc.on('proseProblem', (m) => {
    // without onnxruntime in this build, installing a model cannot help: only the setting is offered
    const offers = proseUnavailable ? ['Open Settings'] : ['Install Prose Model', 'Open Settings'];
    void vscode.window.showWarningMessage(`Headroom: ${m}`, ...offers).then((pick) => {
      if (pick === 'Install Prose Model') void vscode.commands.executeCommand(INSTALL_PROSE_MODEL_COMMAND);
      else if (pick === 'Open Settings')
        void vscode.commands.executeCommand('workbench.action.openSettings', `${SECTION}.${SETTING_KEYS.proseModel}`);
    });
  });

  const docs = new PreviewDocuments();
  const panel = new DiffPanel({ extensionUri: context.extensionUri, service: svc, openDiff: openUnitDiff, log });
  const status = new StatusBar(svc, () => config().costPerMillionInputTokens);
  const restart = () => svc.apply(config());
  context.subscriptions.push(
    log,
    status,
    panel,
    vscode.workspace.registerTextDocumentContentProvider(SCHEME, new StoreDocuments(svc)),
    vscode.workspace.registerTextDocumentContentProvider(PREVIEW_SCHEME, docs),
    ...registerCommands({
      context,
      service: svc,
      docs,
      panel,
      restart,
      config,
      log,
      backupDir: () => join(config().storeDir ?? defaultStoreDir, 'agent-backups'),
      storeDir: () => config().storeDir ?? defaultStoreDir,
      proseUnavailable,
    }),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (RESTART_KEYS.some((k) => e.affectsConfiguration(k))) void restart();
      else if (e.affectsConfiguration(`${SECTION}.${SETTING_KEYS.costPerMillionInputTokens}`)) status.refresh();
    }),
  );
  if (pausedContext === undefined)
    void vscode.commands.executeCommand('setContext', 'headroom.paused', (pausedContext = false));

  const stateChanged = new vscode.EventEmitter<ProxyState>();
  const requestRecorded = new vscode.EventEmitter<RequestRecord>();
  svc.on('state', (s) => stateChanged.fire(s));
  svc.on('request', (r) => requestRecorded.fire(r));
  context.subscriptions.push(stateChanged, requestRecorded);

  const timings: Timings = { activateMs: 0 };
  const ready = restart().then(() => {
    Object.assign(timings, { readyMs: round(performance.now() - t0) }, svc.lastStart);
    log.info(
      `activated in ${timings.activateMs} ms; proxy ${describeState(svc.state)} after ${timings.readyMs} ms ` +
        `(store ${timings.storeMs ?? '-'} ms, grammars ${timings.grammarsMs ?? '-'} ms, proxy ` +
        `${timings.listenMs ?? '-'} ms)`,
    );
  });
  timings.activateMs = round(performance.now() - t0);
  return {
    ready,
    proxyUrl: () => svc.url,
    state: () => svc.state,
    status: () => status.current,
    timings: () => ({ ...timings }),
    proseModel: () => svc.proseModelStatus(),
    proseUnavailable: () => proseUnavailable,
    onDidChangeStatus: status.onDidChange,
    onDidChangeState: stateChanged.event,
    onDidRecordRequest: requestRecorded.event,
  };
}

export async function deactivate(): Promise<void> {
  const s = service;
  service = undefined;
  await s?.dispose();
}

const round = (ms: number) => Math.round(ms * 10) / 10;

/** Says what went wrong once per state change, with the way out (another port, the logs). */
function reportState(s: ProxyState, svc: ProxyService, log: vscode.LogOutputChannel): void {
  if (s.kind === 'port-taken') {
    const use = s.suggestion ? `Use Port ${s.suggestion}` : undefined;
    const msg = `Headroom could not start its proxy: port ${s.port} is in use by another program.${
      s.suggestion
        ? ` Port ${s.suggestion} is free (agents already routed to ${s.port} then need "Headroom: Configure Agents" ` +
          `again).`
        : ''
    }`;
    void vscode.window.showWarningMessage(msg, ...(use ? [use] : []), 'Show Logs').then((choice) => {
      if (choice === use && s.suggestion) {
        void vscode.workspace
          .getConfiguration(SECTION)
          .update(SETTING_KEYS.port, s.suggestion, vscode.ConfigurationTarget.Global);
      } else if (choice === 'Show Logs') log.show();
    });
  } else if (s.kind === 'failed') {
    void vscode.window
      .showErrorMessage(`Headroom could not start its proxy: ${s.message}`, 'Show Logs')
      .then((c) => c && log.show());
  } else if (s.kind === 'external') {
    log.info(`another Headroom proxy already serves ${s.url}; this window shows its figures (paused: ${svc.paused})`);
  }
}
