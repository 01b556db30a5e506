/**
 * "Headroom: Learn": reads the agent session logs of a workspace folder (core/learn), shows the proposed AGENTS.md
 * (and CLAUDE.md) changes in VS Code's diff editor, asks once, and writes only when the user chooses Apply.
 * Deterministic: no model is called (the optional rewording through `vscode.lm` is not part of this command).
 */
import * as vscode from 'vscode';
import { randomBytes } from 'node:crypto';
import { readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { basename, dirname, sep } from 'node:path';
import { learn, learnPlan, parseBlock, type FilePlan, type LearnResult } from '../core/learn/index.js';
import { PREVIEW_SCHEME, type PreviewDocuments } from './documents.js';

export const LEARN_COMMAND = 'headroom.learn';

export interface LearnDeps {
  context: vscode.ExtensionContext;
  docs: PreviewDocuments;
  log: vscode.LogOutputChannel;
}

/**
 * Arguments for running it from a keybinding or another extension: `folder` skips the folder pick; `yes` is the
 * caller's consent to write, so the question is skipped (the diffs still open).
 */
export interface LearnArgs {
  folder?: string;
  yes?: boolean;
}

/** What a run did (returned to callers such as tests; the user sees messages). */
export interface LearnOutcome {
  workspace: string;
  sessionsRead: number;
  failures: number;
  /** Lessons in the block of each written file (the largest, when both were written). */
  lessonsWritten: number;
  written: string[];
  discarded: string[];
  /** Files left alone, and why (changed on disk since planning, damaged markers, a failed write). */
  refused: { path: string; reason: string }[];
}

export function learnArgs(a: unknown): LearnArgs {
  if (!a || typeof a !== 'object') return {};
  const o = a as Record<string, unknown>;
  return { folder: typeof o.folder === 'string' ? o.folder : undefined, yes: o.yes === true };
}

/** The command handler; one run at a time (a second invocation while one runs just says so). */
export function learnHandler(deps: LearnDeps): (a?: unknown) => Promise<LearnOutcome | undefined> {
  let running = false;
  return async (a) => {
    if (running) {
      void vscode.window.showInformationMessage('Headroom: Learn is already running.');
      return undefined;
    }
    running = true;
    try {
      return await runLearn(deps, learnArgs(a));
    } catch (err) {
      deps.log.error(`learn failed: ${(err as Error).stack ?? String(err)}`);
      void vscode.window
        .showErrorMessage(`Headroom: Learn failed: ${(err as Error).message}. Nothing was written.`, 'Show Logs')
        .then((c) => c && deps.log.show());
      return undefined;
    } finally {
      running = false;
      deps.docs.clear();
    }
  };
}

async function pickFolder(given: string | undefined): Promise<string | undefined> {
  if (given) {
    const isDir = await stat(given).then(
      (s) => s.isDirectory(),
      () => false,
    );
    if (!isDir) void vscode.window.showErrorMessage(`Headroom: Learn: ${given} is not a folder.`);
    return isDir ? given : undefined;
  }
  const folders = vscode.workspace.workspaceFolders ?? [];
  if (!folders.length) {
    void vscode.window.showErrorMessage(
      'Headroom: Learn reads the agent sessions that ran in a folder: open a folder (File › Open Folder…) and run ' +
        'it again.',
    );
    return undefined;
  }
  const folder =
    folders.length === 1
      ? folders[0]
      : await vscode.window.showWorkspaceFolderPick({ placeHolder: 'Learn from the agent sessions of which folder?' });
  if (!folder) return undefined;
  if (folder.uri.scheme !== 'file') {
    void vscode.window.showErrorMessage(
      `Headroom: Learn reads agent logs from disk; ${folder.uri.toString()} is not a local folder.`,
    );
    return undefined;
  }
  return folder.uri.fsPath;
}

async function runLearn(deps: LearnDeps, args: LearnArgs): Promise<LearnOutcome | undefined> {
  const folder = await pickFolder(args.folder);
  if (!folder) return undefined;
  const home = homedir();
  const tilde = (p: string) => (p === home || p.startsWith(home + sep) ? '~' + p.slice(home.length) : p);
  deps.log.info(`learn: reading agent sessions for ${folder}`);

  const scanned = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: 'Headroom: Learn', cancellable: true },
    async (progress, token) => {
      const abort = new AbortController();
      token.onCancellationRequested(() => abort.abort());
      progress.report({ message: 'looking for agent session logs…' });
      let shown = 0;
      try {
        const result = await learn({
          workspace: folder,
          home,
          env: process.env,
          // globalStorageUri is <User>/globalStorage/<extension id>: the User folder holds Copilot, Cline and Roo logs
          vscodeUserDirs: [dirname(dirname(deps.context.globalStorageUri.fsPath))],
          signal: abort.signal,
          onProgress: ({ done, total, file }) => {
            const pct = (done / total) * 100;
            progress.report({ message: `${done}/${total} session files · ${basename(file)}`, increment: pct - shown });
            shown = pct;
          },
        });
        return { result, plans: await learnPlan(result) };
      } catch (err) {
        if (abort.signal.aborted) return undefined;
        throw err;
      }
    },
  );
  if (!scanned) {
    deps.log.info('learn: cancelled');
    void vscode.window.showInformationMessage('Headroom: Learn was cancelled; nothing was written.');
    return undefined;
  }
  const { result, plans } = scanned;
  deps.log.info(`learn: ${result.summary} (${result.filesRead} files read)`);
  for (const w of result.warnings) deps.log.warn(`learn: ${w}`);

  const outcome: LearnOutcome = {
    workspace: result.workspace,
    sessionsRead: result.sessionsRead,
    failures: result.failures,
    lessonsWritten: 0,
    written: [],
    discarded: [],
    refused: [],
  };
  for (const p of plans.filter((p) => p.error)) refuse(outcome, deps, p.path, p.error ?? '');
  const changed = plans.filter((p) => p.changed);
  if (!changed.length) {
    // a file with damaged markers was already named; "already holds these lessons" would be wrong there
    if (!outcome.refused.length || !result.lessons.length) reportNothing(result, tilde, deps);
    return outcome;
  }

  // every proposed change side by side first, then one question for all of them
  const ok = await previewAndAsk(deps.docs, changed, result, args.yes === true);
  for (const plan of changed) {
    if (!ok) {
      outcome.discarded.push(plan.path);
      deps.log.info(`learn: discarded the change to ${plan.path}`);
      continue;
    }
    const refused = await writeIfUnchanged(plan);
    if (refused) {
      refuse(outcome, deps, plan.path, refused);
      continue;
    }
    outcome.written.push(plan.path);
    outcome.lessonsWritten = Math.max(outcome.lessonsWritten, parseBlock(plan.after).length);
    deps.log.info(`learn: wrote ${plan.path}`);
  }
  void vscode.window.showInformationMessage(finalMessage(result, outcome));
  return outcome;
}

function refuse(outcome: LearnOutcome, deps: LearnDeps, path: string, reason: string): void {
  outcome.refused.push({ path, reason });
  deps.log.warn(`learn: ${path}: ${reason}`);
  void vscode.window.showWarningMessage(`Headroom: Learn did not change ${basename(path)}: ${reason}`);
}

/** No change to propose: says what was read and, when nothing was found, where it looked. */
function reportNothing(result: LearnResult, tilde: (p: string) => string, deps: LearnDeps): void {
  const msg = result.lessons.length
    ? `${result.summary} AGENTS.md already holds these lessons; nothing to change.`
    : `${result.summary} Looked in: ${result.searched.map(tilde).join(', ')}.`;
  if (!result.lessons.length) deps.log.info(`learn: looked in\n${result.searched.map((s) => `  ${s}`).join('\n')}`);
  // not awaited: a notification's promise stays pending until the user closes it
  void vscode.window.showInformationMessage(`Headroom: Learn — ${msg}`, 'Show Logs').then((c) => c && deps.log.show());
}

/**
 * Opens before ↔ after for every file in the diff editor, then asks once for all of them — in a notification, not a
 * modal dialog, so the diffs stay readable while the user decides. "Discard", dismissing the notification or
 * closing every preview tab is no; the preview tabs are closed again whatever the answer.
 */
async function previewAndAsk(
  docs: PreviewDocuments,
  plans: FilePlan[],
  result: LearnResult,
  assumeYes: boolean,
): Promise<boolean> {
  const previewTabs = () =>
    vscode.window.tabGroups.all
      .flatMap((g) => g.tabs)
      .filter((t) => t.input instanceof vscode.TabInputTextDiff && t.input.original.scheme === PREVIEW_SCHEME);
  let closedAll: vscode.Disposable | undefined;
  try {
    for (const plan of plans) {
      const name = basename(plan.path);
      await vscode.commands.executeCommand(
        'vscode.diff',
        docs.add(name, plan.before),
        docs.add(name, plan.after),
        `${name} (${plan.exists ? 'before ↔ after' : 'new file'}) — Headroom: Learn`,
        {
          preview: false,
        },
      );
    }
    if (assumeYes) return true;
    const lessons = Math.max(...plans.map((p) => parseBlock(p.after).length));
    const names = plans.map((p) => basename(p.path)).join(' and ');
    const created = plans.filter((p) => !p.exists).map((p) => basename(p.path));
    const question =
      `Headroom: Learn — ${result.summary} Write ${lessons} lesson${lessons === 1 ? '' : 's'} to ${names}? ` +
      `Only the block between the headroom:learn markers changes` +
      `${created.length ? `; ${created.join(' and ')} will be created` : ''}. The diff` +
      `${plans.length === 1 ? ' is' : 's are'} open beside this.`;
    const tabsClosed = new Promise<undefined>((resolve) => {
      closedAll = vscode.window.tabGroups.onDidChangeTabs(() => {
        if (!previewTabs().length) resolve(undefined);
      });
    });
    const choice = await Promise.race([vscode.window.showInformationMessage(question, 'Apply', 'Discard'), tabsClosed]);
    return choice === 'Apply';
  } finally {
    closedAll?.dispose();
    const tabs = previewTabs();
    if (tabs.length) await vscode.window.tabGroups.close(tabs, true);
  }
}

/**
 * Writes `plan.after` atomically (a temp file next to the target, then rename), unless the file changed since it was
 * read for the plan (on disk, or unsaved in an editor): returns why it refused, or undefined when written.
 */
async function writeIfUnchanged(plan: FilePlan): Promise<string | undefined> {
  const name = basename(plan.path);
  const open = vscode.workspace.textDocuments.find((d) => d.uri.scheme === 'file' && d.uri.fsPath === plan.path);
  if (open?.isDirty)
    return `${name} has unsaved changes in an editor. Save or revert them, then run "Headroom: Learn" again.`;
  let now: { exists: boolean; text: string; mode?: number };
  try {
    now = { exists: true, text: await readFile(plan.path, 'utf8'), mode: (await stat(plan.path)).mode & 0o777 };
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT')
      return `it could not be read again before writing (${(err as Error).message}).`;
    now = { exists: false, text: '' };
  }
  if (now.exists !== plan.exists || now.text !== plan.before)
    return (
      `${name} changed on disk while the preview was open. Run "Headroom: Learn" again to see the change ` +
      `against the new text.`
    );
  const tmp = `${plan.path}.headroom-${randomBytes(4).toString('hex')}.tmp`;
  try {
    // keep the file's permissions (rename puts a new inode in its place)
    await writeFile(tmp, plan.after, { encoding: 'utf8', mode: now.mode, flag: 'wx' });
    await rename(tmp, plan.path);
  } catch (err) {
    await rm(tmp, { force: true });
    return `writing it failed (${(err as Error).message}); the file is unchanged.`;
  }
  return undefined;
}

function finalMessage(result: LearnResult, o: LearnOutcome): string {
  const read =
    `read ${result.sessionsRead} session${result.sessionsRead === 1 ? '' : 's'}, found ` +
    `${result.failures} failed tool call${result.failures === 1 ? '' : 's'}`;
  if (!o.written.length) return `Headroom: Learn ${read}; nothing was written.`;
  const files = o.written.map((p) => basename(p)).join(' and ');
  return (
    `Headroom: Learn ${read}, wrote ${o.lessonsWritten} lesson${o.lessonsWritten === 1 ? '' : 's'}; ` +
    `${o.written.length} file${o.written.length === 1 ? '' : 's'} changed (${files}).`
  );
}
