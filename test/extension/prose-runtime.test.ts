import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { proseRuntimeUnavailable } from '../../extension/prose-runtime.js';
import { ProxyService } from '../../extension/proxy-service.js';
import { CONFIG_DEFAULTS } from '../../extension/config.js';

/** An extension folder laid out as a VSIX installs it: dist/ with or without onnxruntime-node for one platform. */
function extensionDir(withOrt?: { platform: string; arch: string }): string {
  const dir = mkdtempSync(join(tmpdir(), 'headroom-ext-'));
  mkdirSync(join(dir, 'dist'));
  if (withOrt) {
    const ort = join(dir, 'dist', 'node_modules', 'onnxruntime-node');
    mkdirSync(join(ort, 'bin', 'napi-v6', withOrt.platform, withOrt.arch), { recursive: true });
    writeFileSync(join(ort, 'package.json'), JSON.stringify({ name: 'onnxruntime-node', main: 'dist/index.js' }));
    writeFileSync(join(ort, 'bin', 'napi-v6', withOrt.platform, withOrt.arch, 'onnxruntime_binding.node'), '');
  }
  return dir;
}

test('a platform VSIX layout has the prose runtime; the universal one and another platform do not', () => {
  const platform = extensionDir({ platform: 'linux', arch: 'x64' });
  const universal = extensionDir();
  try {
    assert.equal(proseRuntimeUnavailable(join(platform, 'dist'), 'linux', 'x64'), undefined);
    assert.match(
      proseRuntimeUnavailable(join(platform, 'dist'), 'linux', 'arm64') ?? '',
      /no binaries for linux-arm64/,
    );
    assert.match(
      proseRuntimeUnavailable(join(universal, 'dist'), 'linux', 'x64') ?? '',
      /no onnxruntime \(the universal VSIX/,
    );
  } finally {
    rmSync(platform, { recursive: true, force: true });
    rmSync(universal, { recursive: true, force: true });
  }
});

test('the repository build resolves onnxruntime-node from node_modules, as the extension does from dist/', () => {
  const root = join(__dirname, '..', '..');
  const binding = join(
    root,
    'node_modules',
    'onnxruntime-node',
    'bin',
    'napi-v6',
    process.platform,
    process.arch,
    'onnxruntime_binding.node',
  );
  // runnable exactly where onnxruntime-node 1.30 ships binaries for this machine (not on Alpine or Intel Macs)
  if (existsSync(binding)) assert.equal(proseRuntimeUnavailable(join(root, 'dist')), undefined);
  else
    assert.match(
      proseRuntimeUnavailable(join(root, 'dist')) ?? '',
      new RegExp(`no binaries for ${process.platform}-${process.arch}`),
    );
});

test('without the runtime, a configured prose model is reported and the proxy runs with extractive prose', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'headroom-prose-off-'));
  const service = new ProxyService({
    defaultStoreDir: join(dir, 'store'),
    bundledModelsDir: join(__dirname, '..', '..', 'models'),
    proseUnavailable: 'this build of Headroom has no onnxruntime',
  });
  try {
    const problem = once(service, 'proseProblem');
    await service.apply({ ...CONFIG_DEFAULTS, port: 0, storeDir: join(dir, 'store'), proseModel: 'headroom-prose-v1' });
    const [m] = (await problem) as [string];
    assert.equal(m, 'headroom.proseModel is "headroom-prose-v1", but this build of Headroom has no onnxruntime');
    assert.equal(service.state.kind, 'running');
    assert.equal(service.proseModelStatus(), undefined);
  } finally {
    await service.dispose();
    rmSync(dir, { recursive: true, force: true });
  }
});
