import { test } from 'node:test';
import assert from 'node:assert/strict';
import { contentSecurityPolicy, makeNonce, panelHtml } from '../../extension/panel/html.js';

test('the panel shell allows only its own nonce for scripts and the webview origin for styles', () => {
  const html = panelHtml({
    cspSource: 'https://x.vscode-cdn.net',
    scriptUri: 'https://x.vscode-cdn.net/panel.js',
    styleUri: 'https://x.vscode-cdn.net/panel.css',
    nonce: 'abc123',
  });
  const csp = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)?.[1];
  assert.equal(csp, contentSecurityPolicy('https://x.vscode-cdn.net', 'abc123'));
  assert.match(csp!, /default-src 'none'/);
  assert.match(csp!, /script-src 'nonce-abc123'/);
  assert.doesNotMatch(csp!, /unsafe-inline|unsafe-eval|\*/);
  const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
  assert.deepEqual(scripts, ['<script nonce="abc123" src="https://x.vscode-cdn.net/panel.js">']);
  assert.doesNotMatch(html, /style="/, 'no inline styles (the CSP would block them)');
});

test('nonces are fresh and long enough; attribute values are escaped', () => {
  const a = makeNonce();
  assert.notEqual(a, makeNonce());
  assert.ok(a.length >= 24);
  const html = panelHtml({ cspSource: 'x', scriptUri: 'a"><script>alert(1)</script>', styleUri: 's', nonce: 'n' });
  assert.doesNotMatch(html, /<script>alert/);
});
