/**
 * Consent before any write: every changed file and setting opens in VS Code's diff editor (before ↔ after, virtual
 * documents, nothing written), with a summary document listing the changes line by line; then a non-modal
 * notification asks, so the diffs stay readable and scrollable while the user decides. The preview tabs are closed
 * again whatever the answer (dismissing the notification counts as no).
 */
import * as vscode from 'vscode';
import { basename } from 'node:path';
import type { PlannedChange } from '../../core/agents/index.js';
import { PREVIEW_SCHEME, type PreviewDocuments } from '../documents.js';
import type { SettingChange } from './setting-change.js';

export interface ConfirmRequest {
  /** The question, e.g. "Route Continue through Headroom?" */
  question: string;
  files: readonly PlannedChange[];
  settings: readonly SettingChange[];
  /** Extra lines for the dialog (upstream forwarding, caveats). */
  notes: readonly string[];
  action: string;
  /** Skip the dialog (the caller was given explicit consent, e.g. a command run with `{ yes: true }`). */
  assumeYes?: boolean;
}

/** Opens the diffs and asks; resolves true only when the user chose `action`. */
export async function previewAndConfirm(docs: PreviewDocuments, req: ConfirmRequest): Promise<boolean> {
  try {
    for (const c of req.files) {
      const name = basename(c.file);
      const left = docs.add(name, c.before ?? '');
      const right = docs.add(name, c.after ?? '');
      const what = c.before === null ? 'new file' : c.after === null ? 'file removed' : 'before ↔ after';
      await vscode.commands.executeCommand('vscode.diff', left, right, `${name} (${what}) — ${c.file}`, {
        preview: false,
      });
    }
    for (const s of req.settings) {
      await vscode.commands.executeCommand(
        'vscode.diff',
        docs.add(s.previewName, s.before),
        docs.add(s.previewName, s.after),
        `${s.label} (before ↔ after)`,
        {
          preview: false,
        },
      );
    }
    if (req.assumeYes) return true;
    const lines = [
      `# ${req.question}`,
      '',
      ...req.files.flatMap((c) => [`${c.file}:`, ...c.summary.map((l) => `  • ${l}`)]),
      ...req.settings.flatMap((s) => [`${s.label}:`, ...s.summary.map((l) => `  • ${l}`)]),
      ...req.notes,
      '',
      'Each file is backed up first; "Headroom: Restore Agent Settings" undoes exactly these changes.',
    ];
    const summary = docs.add('headroom-plan.md', lines.join('\n') + '\n');
    await vscode.window.showTextDocument(summary, {
      preview: false,
      viewColumn: vscode.ViewColumn.Beside,
      preserveFocus: true,
    });
    const files = req.files.length + req.settings.length;
    const choice = await vscode.window.showInformationMessage(
      `${req.question} ${files} change${files === 1 ? '' : 's'}, shown in the diffs beside; each file is ` +
        `backed up first.`,
      req.action,
      'Cancel',
    );
    return choice === req.action;
  } finally {
    await closePreviews();
    docs.clear();
  }
}

async function closePreviews(): Promise<void> {
  const tabs = vscode.window.tabGroups.all
    .flatMap((g) => g.tabs)
    .filter(
      (t) =>
        (t.input instanceof vscode.TabInputTextDiff && t.input.original.scheme === PREVIEW_SCHEME) ||
        (t.input instanceof vscode.TabInputText && t.input.uri.scheme === PREVIEW_SCHEME),
    );
  if (tabs.length) await vscode.window.tabGroups.close(tabs, true);
}
