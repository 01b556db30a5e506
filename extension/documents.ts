/**
 * Read-only virtual documents for VS Code's own editors:
 *   headroom:/original/<id>.txt     the exact original stored under a CCR id
 *   headroom:/compressed/<id>.txt   what the model was sent for that original (from the memo)
 *   headroom-preview:/<n>/<name>    an agent config before/after a planned change (held in memory)
 * Nothing is written anywhere: these exist so `vscode.diff` can show them side by side.
 */
import * as vscode from 'vscode';
import type { ProxyService } from './proxy-service.js';

export const SCHEME = 'headroom';
export const PREVIEW_SCHEME = 'headroom-preview';

export function originalUri(id: string): vscode.Uri {
  return vscode.Uri.from({ scheme: SCHEME, path: `/original/${id}.txt` });
}

export function compressedUri(id: string): vscode.Uri {
  return vscode.Uri.from({ scheme: SCHEME, path: `/compressed/${id}.txt` });
}

/** Serves `headroom:` documents from the store. */
export class StoreDocuments implements vscode.TextDocumentContentProvider {
  constructor(private readonly service: ProxyService) {}

  provideTextDocumentContent(uri: vscode.Uri): string {
    const m = /^\/(original|compressed)\/([^/]+)\.txt$/.exec(uri.path);
    const store = this.service.storeHandle;
    if (!m) return `Unknown Headroom document: ${uri.toString()}`;
    if (!store) return 'The Headroom store is not open.';
    let original: string | undefined;
    try {
      original = store.original(m[2]);
    } catch (err) {
      return `Headroom: ${(err as Error).message}`; // damaged on disk: refused, never shown as if exact
    }
    if (original === undefined) return `${m[2]} is unknown or has expired from the store.`;
    if (m[1] === 'original') return original;
    return store.compressedFor(original) ?? `The compressed form of ${m[2]} is no longer in the store's memo.`;
  }
}

/** Holds before/after texts of planned agent-config changes for the diff preview. */
export class PreviewDocuments implements vscode.TextDocumentContentProvider {
  private readonly texts = new Map<string, string>();
  private next = 0;

  /** Registers `text` and returns its URI; `name` keeps the file's extension so the editor highlights it. */
  add(name: string, text: string): vscode.Uri {
    const uri = vscode.Uri.from({ scheme: PREVIEW_SCHEME, path: `/${++this.next}/${name}` });
    this.texts.set(uri.path, text);
    return uri;
  }

  /** Drops texts no longer shown (they can be large config files). */
  clear(): void {
    this.texts.clear();
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.texts.get(uri.path) ?? '';
  }
}

/** Opens VS Code's diff editor on a unit: the original on the left, what was sent on the right. */
export async function openUnitDiff(id: string, title: string): Promise<void> {
  await vscode.commands.executeCommand('vscode.diff', originalUri(id), compressedUri(id), title, { preview: true });
}
