/**
 * The panel's HTML shell. Everything it runs comes from dist/webview/ through `asWebviewUri`, under a CSP that
 * allows only this page's nonce for scripts and the webview's own origin for styles: no inline script or style,
 * no network. Pure, so the CSP is tested under plain Node.
 */
import { randomBytes } from 'node:crypto';

export interface ShellOptions {
  /** `webview.cspSource`. */
  cspSource: string;
  scriptUri: string;
  styleUri: string;
  nonce?: string;
}

export function makeNonce(): string {
  return randomBytes(18).toString('base64');
}

const escapeAttr = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

export function contentSecurityPolicy(cspSource: string, nonce: string): string {
  return [
    "default-src 'none'",
    `style-src ${cspSource}`,
    `font-src ${cspSource}`,
    `img-src ${cspSource} data:`,
    `script-src 'nonce-${nonce}'`,
  ].join('; ');
}

export function panelHtml(o: ShellOptions): string {
  const nonce = o.nonce ?? makeNonce();
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${escapeAttr(contentSecurityPolicy(o.cspSource, nonce))}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="stylesheet" href="${escapeAttr(o.styleUri)}">
<title>Headroom</title>
</head>
<body>
<div id="app" aria-busy="true"><p class="empty">Loading…</p></div>
<script nonce="${escapeAttr(nonce)}" src="${escapeAttr(o.scriptUri)}"></script>
</body>
</html>`;
}
