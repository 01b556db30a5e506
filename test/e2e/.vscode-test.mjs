// @vscode/test-cli configuration: mocha runs suite/*.test.ts (compiled to out/suite/*.test.js by build.ts) inside a
// real extension host — code-server 4.100.3 (VS Code 1.100.3) driven through out/code-server-test-host.js, a
// stand-in for a VS Code executable (see ../../../shared/vscode-host/RECIPE.md). The extension under test is the
// packaged VSIX, installed into $HEADROOM_E2E_STATE/it/ext by run.sh; extensionDevelopmentPath points at a folder that
// is not an extension.
import { defineConfig } from '@vscode/test-cli';
import { fileURLToPath } from 'node:url';

const here = (p) => fileURLToPath(new URL(p, import.meta.url));
const state = process.env.HEADROOM_E2E_STATE ?? here('./state');

export default defineConfig({
  // HEADROOM_E2E_FILES: a subset while working on one suite (run.sh runs them all)
  files: process.env.HEADROOM_E2E_FILES || 'out/suite/*.test.js',
  mocha: { ui: 'bdd', timeout: 60000, reporter: here('./out/suite/reporter.js') },
  extensionDevelopmentPath: here('./suite'),
  workspaceFolder: `${state}/workspace`,
  skipExtensionDependencies: true,
  useInstallation: { fromPath: here('./out/code-server-test-host.js') },
  launchArgs: [`--extensions-dir=${state}/it/ext`, `--user-data-dir=${state}/it/ud`],
});
