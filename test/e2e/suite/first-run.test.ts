// First-run contributions in the real extension host (code-server 4.100.3 = VS Code 1.100.3): the proxy's default
// port carries port attributes that keep code-server from offering it as an application ("Your application running
// on port 8787 is available"). The walkthrough is opened the way a user opens it, in ui/startup.ui.ts.
import assert from 'node:assert';
import * as vscode from 'vscode';
import { activateHeadroom } from '../lib/host';

describe('Headroom first run in a real VS Code extension host', function () {
  this.timeout(60000);

  before(async () => {
    await activateHeadroom();
  });

  it('port 8787 is not auto-forwarded: remote.portsAttributes carries the contributed default', () => {
    const attrs = vscode.workspace.getConfiguration('remote').get<Record<string, unknown>>('portsAttributes') ?? {};
    assert.deepStrictEqual(attrs['8787'], { label: 'Headroom proxy', onAutoForward: 'ignore' });
    // a default for an object setting merges with VS Code's own (443 and 8443 are https)
    assert.deepStrictEqual(attrs['443'], { protocol: 'https' });
  });
});
