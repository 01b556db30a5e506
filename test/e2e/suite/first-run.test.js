// First-run contributions in the real extension host (code-server 4.100.3 = VS Code 1.100.3): the proxy's default
// port carries port attributes that keep code-server from offering it as an application ("Your application running
// on port 8787 is available"). The walkthrough is opened the way a user opens it, in ui/startup.ui.js.
const assert = require('assert');
const vscode = require('vscode');

const EXT_ID = 'headroom.headroom-vscode';

describe('Headroom first run in a real VS Code extension host', function () {
  this.timeout(60000);

  before(async () => {
    const api = await vscode.extensions.getExtension(EXT_ID).activate();
    await api.ready;
  });

  it('port 8787 is not auto-forwarded: remote.portsAttributes carries the contributed default', () => {
    const attrs = vscode.workspace.getConfiguration('remote').get('portsAttributes');
    assert.deepStrictEqual(attrs['8787'], { label: 'Headroom proxy', onAutoForward: 'ignore' });
    // a default for an object setting merges with VS Code's own (443 and 8443 are https)
    assert.deepStrictEqual(attrs['443'], { protocol: 'https' });
  });
});
