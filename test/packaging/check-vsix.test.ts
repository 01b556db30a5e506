import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { listZip, readZipEntry } from '../../scripts/vsix/read-zip.js';
import { formatReport, inspectVsix } from '../../scripts/vsix/check-vsix.js';
import { writeZip, type ZipInput } from '../helpers/zip-write.js';

const ORT = 'extension/dist/node_modules/onnxruntime-node';
const COMMON = 'extension/dist/node_modules/onnxruntime-common';
const manifest = (over: Record<string, unknown> = {}) =>
  JSON.stringify({ name: 'headroom-vscode', main: './dist/extension.js', icon: 'media/icon.png', ...over });

/** What a correct VSIX of the given platform holds (contents are stand-ins; names and structure are what counts). */
function vsix(
  target: string,
  extra: ZipInput[] = [],
  over: { manifest?: string; readme?: string; drop?: string[] } = {},
): Buffer {
  const files: ZipInput[] = [
    { name: 'extension.vsixmanifest', data: '<PackageManifest/>' },
    { name: '[Content_Types].xml', data: '<Types/>' },
    { name: 'extension/package.json', data: over.manifest ?? manifest(), deflate: true },
    {
      name: 'extension/readme.md',
      data: over.readme ?? '# Headroom\n\n![The panel](media/screenshots/panel.png)\n',
      deflate: true,
    },
    { name: 'extension/changelog.md', data: '# Changelog' },
    { name: 'extension/LICENSE.txt', data: 'MIT' },
    { name: 'extension/dist/extension.js', data: 'module.exports = {}', deflate: true },
    { name: 'extension/dist/compress-worker.js', data: '' },
    { name: 'extension/dist/sql-wasm.wasm', data: Buffer.alloc(64) },
    { name: 'extension/dist/webview/panel.js', data: '' },
    { name: 'extension/dist/webview/panel.css', data: '' },
    { name: 'extension/dist/syntaxes/languages.json', data: '{}' },
    { name: 'extension/dist/syntaxes/grammars/tree-sitter-go.wasm', data: Buffer.alloc(32) },
    { name: 'extension/dist/syntaxes/queries/go/calls.scm', data: '(call)' },
    { name: 'extension/media/icon.png', data: Buffer.alloc(8) },
    { name: 'extension/media/screenshots/panel.png', data: Buffer.alloc(8) },
  ];
  if (target !== 'universal') {
    const bin = target.replace('-', '/');
    const lib = target.startsWith('win32')
      ? 'onnxruntime.dll'
      : target.startsWith('darwin')
        ? 'libonnxruntime.1.dylib'
        : 'libonnxruntime.so.1';
    files.push(
      { name: 'extension/dist/prose-worker.js', data: '' },
      { name: 'extension/dist/models/headroom-prose-v1/manifest.json', data: '{}' },
      { name: 'extension/dist/models/headroom-prose-v1/model.onnx', data: Buffer.alloc(16) },
      { name: `${ORT}/package.json`, data: JSON.stringify({ name: 'onnxruntime-node', main: 'dist/index.js' }) },
      { name: `${ORT}/dist/index.js`, data: '' },
      { name: `${ORT}/bin/napi-v6/${bin}/onnxruntime_binding.node`, data: Buffer.alloc(16), deflate: true },
      { name: `${ORT}/bin/napi-v6/${bin}/${lib}`, data: Buffer.alloc(4096, 1), deflate: true },
      {
        name: `${COMMON}/package.json`,
        data: JSON.stringify({
          name: 'onnxruntime-common',
          type: 'module',
          main: 'dist/cjs/index.js',
          exports: { require: './dist/cjs/index.js' },
        }),
      },
      { name: `${COMMON}/dist/cjs/index.js`, data: '' },
      { name: `${COMMON}/dist/cjs/package.json`, data: '{"type":"commonjs"}' },
    );
  }
  return writeZip([...files.filter((f) => !over.drop?.includes(f.name)), ...extra]);
}

test('read-zip lists stored and deflated entries with their sizes and reads them back exactly', () => {
  const big = Buffer.from('line of a log\n'.repeat(500));
  const buf = writeZip([
    { name: 'a/stored.txt', data: 'hello' },
    { name: 'b/deflated.log', data: big, deflate: true },
  ]);
  const entries = listZip(buf);
  assert.deepEqual(
    entries.map((e) => [e.name, e.size, e.method]),
    [
      ['a/stored.txt', 5, 0],
      ['b/deflated.log', big.length, 8],
    ],
  );
  assert.ok(entries[1].compressedSize < big.length / 10);
  assert.equal(readZipEntry(buf, entries[0]).toString(), 'hello');
  assert.ok(readZipEntry(buf, entries[1]).equals(big));
  assert.throws(
    () => listZip(Buffer.from('not a zip at all, just some text that is long enough')),
    /not a zip archive/,
  );
});

test('a correct platform VSIX passes and its native files are listed', () => {
  for (const target of ['linux-x64', 'linux-arm64', 'darwin-arm64', 'win32-x64', 'win32-arm64']) {
    const r = inspectVsix(vsix(target), target);
    assert.deepEqual(r.problems, [], target);
    assert.equal(r.natives.length, 2, target);
    assert.ok(
      r.natives.every((e) => e.name.includes(`/napi-v6/${target.replace('-', '/')}/`)),
      target,
    );
  }
  const text = formatReport('x.vsix', inspectVsix(vsix('linux-x64'), 'linux-x64'));
  assert.match(text, /native files:\n.*napi-v6\/linux\/x64\/onnxruntime_binding\.node\n.*libonnxruntime\.so\.1/);
});

test('a native file of another platform fails, and so does a platform VSIX without its binding', () => {
  const r = inspectVsix(
    vsix('linux-x64', [{ name: `${ORT}/bin/napi-v6/darwin/arm64/libonnxruntime.1.dylib`, data: 'x' }]),
    'linux-x64',
  );
  assert.ok(
    r.problems.some(
      (p) =>
        p === `native file of another platform in linux-x64: ${ORT}/bin/napi-v6/darwin/arm64/libonnxruntime.1.dylib`,
    ),
    r.problems.join('\n'),
  );
  const missing = inspectVsix(
    vsix('win32-x64', [], { drop: [`${ORT}/bin/napi-v6/win32/x64/onnxruntime_binding.node`] }),
    'win32-x64',
  );
  assert.ok(
    missing.problems.some((p) => p.startsWith('win32-x64 lacks its onnxruntime binding')),
    missing.problems.join('\n'),
  );
  // a linux VSIX is not a win32 one: every one of its natives is foreign there
  const wrong = inspectVsix(vsix('linux-x64'), 'win32-x64');
  assert.equal(wrong.problems.filter((p) => p.startsWith('native file of another platform in win32-x64')).length, 2);
});

test('native files the CPU runtime does not load fail: DirectML and its compilers, the duplicate dylib', () => {
  const win = inspectVsix(
    vsix(
      'win32-x64',
      ['DirectML.dll', 'dxcompiler.dll', 'dxil.dll'].map((f) => ({
        name: `${ORT}/bin/napi-v6/win32/x64/${f}`,
        data: 'x',
      })),
    ),
    'win32-x64',
  );
  assert.deepEqual(
    win.problems,
    ['DirectML.dll', 'dxcompiler.dll', 'dxil.dll'].map(
      (f) => `not in the allow-list: ${ORT}/bin/napi-v6/win32/x64/${f}`,
    ),
  );
  const mac = inspectVsix(
    vsix('darwin-arm64', [{ name: `${ORT}/bin/napi-v6/darwin/arm64/libonnxruntime.1.30.0.dylib`, data: 'x' }]),
    'darwin-arm64',
  );
  assert.deepEqual(mac.problems, [
    `not in the allow-list: ${ORT}/bin/napi-v6/darwin/arm64/libonnxruntime.1.30.0.dylib`,
  ]);
});

test('the universal VSIX passes without natives and fails with any, or with the prose runtime', () => {
  assert.deepEqual(inspectVsix(vsix('universal'), 'universal').problems, []);
  const r = inspectVsix(
    vsix('universal', [
      { name: `${ORT}/bin/napi-v6/linux/x64/onnxruntime_binding.node`, data: 'x' },
      { name: 'extension/dist/prose-worker.js', data: '' },
    ]),
    'universal',
  );
  assert.ok(
    r.problems.includes(`native file in the universal VSIX: ${ORT}/bin/napi-v6/linux/x64/onnxruntime_binding.node`),
    r.problems.join('\n'),
  );
  assert.ok(r.problems.includes('not in the allow-list: extension/dist/prose-worker.js'), r.problems.join('\n'));
});

test('files outside the allow-list fail: source maps, sources, declarations, stray folders', () => {
  const extra = [
    'extension/dist/extension.js.map',
    'extension/src/extension.ts',
    `${ORT}/dist/index.d.ts`,
    'extension/node_modules/express/index.js',
    'extension/.env',
  ];
  const r = inspectVsix(
    vsix(
      'linux-x64',
      extra.map((name) => ({ name, data: 'x' })),
    ),
    'linux-x64',
  );
  assert.deepEqual(
    r.problems.filter((p) => p.startsWith('not in the allow-list')).sort(),
    extra.map((n) => `not in the allow-list: ${n}`).sort(),
  );
});

test(`types, exports and entry points that name files the VSIX lacks fail, in the extension and in nested \
packages`, () => {
  const m = manifest({
    types: './dist/types/core/index.d.ts',
    exports: {
      '.': { types: './dist/types/core/index.d.ts', default: './dist/lib.js' },
      './package.json': './package.json',
    },
  });
  const r = inspectVsix(vsix('universal', [], { manifest: m }), 'universal');
  assert.deepEqual(r.problems.sort(), [
    'package.json exports...default names dist/lib.js, which the VSIX does not hold',
    'package.json exports...types names dist/types/core/index.d.ts, which the VSIX does not hold',
    'package.json types names dist/types/core/index.d.ts, which the VSIX does not hold',
  ]);
  const nested = inspectVsix(
    vsixWithCommon({
      main: 'dist/cjs/index.js',
      exports: { require: './dist/cjs/index.js', import: './dist/esm/index.js' },
    }),
    'linux-x64',
  );
  assert.deepEqual(nested.problems, [
    `${COMMON}/package.json exports.import names dist/esm/index.js, which the VSIX does not hold`,
  ]);
  const noMain = inspectVsix(vsix('universal', [], { drop: ['extension/dist/extension.js'] }), 'universal');
  assert.deepEqual(noMain.problems, ['package.json main names dist/extension.js, which the VSIX does not hold']);
});

function vsixWithCommon(pkg: object): Buffer {
  return vsix(
    'linux-x64',
    [{ name: `${COMMON}/package.json`, data: JSON.stringify({ name: 'onnxruntime-common', ...pkg }) }],
    { drop: [`${COMMON}/package.json`] },
  );
}

test('walkthrough media the VSIX lacks fail', () => {
  const m = manifest({
    contributes: {
      walkthroughs: [
        {
          id: 'start',
          steps: [
            { id: 'one', media: { image: 'media/walkthrough/one.png', altText: 'one' } },
            { id: 'two', media: { markdown: 'media/walkthrough/two.md' } },
          ],
        },
      ],
    },
  });
  const r = inspectVsix(
    vsix('universal', [{ name: 'extension/media/walkthrough/one.png', data: 'x' }], { manifest: m }),
    'universal',
  );
  assert.deepEqual(r.problems, [
    'package.json walkthrough start step two media.markdown names media/walkthrough/two.md, which the VSIX does ' +
      'not hold',
  ]);
});

test(`README images: relative ones must be in the VSIX; with a listing base URL they must be absolute and exist in the \
repository`, () => {
  const dir = mkdtempSync(join(tmpdir(), 'headroom-readme-'));
  try {
    mkdirSync(join(dir, 'images'));
    writeFileSync(join(dir, 'images', 'panel.png'), 'png');
    const base = { url: 'https://example.test/raw/abc/marketplace/', root: dir };
    const missing = inspectVsix(
      vsix('universal', [], { readme: '![x](images/gone.png)\n<img src="media/screenshots/panel.png">' }),
      'universal',
    );
    assert.deepEqual(missing.problems, ['README image images/gone.png is not in the VSIX']);
    const absolute =
      `![a](${base.url}images/panel.png) ![b](${base.url}images/nope.png) ` +
      `![c](https://elsewhere.test/x.png) ![d](http://insecure.test/y.png)`;
    const r = inspectVsix(vsix('universal', [], { readme: absolute }), 'universal', base);
    assert.deepEqual(r.problems, [
      `README image ${base.url}images/nope.png names images/nope.png, which the repository does not have`,
      "README image outside the listing's base URL https://example.test/raw/abc/marketplace/: " +
        'https://elsewhere.test/x.png',
      'README image over http (the Marketplace needs https): http://insecure.test/y.png',
    ]);
    const relativeWithBase = inspectVsix(vsix('universal'), 'universal', base);
    assert.match(
      relativeWithBase.problems.join('\n'),
      /media\/screenshots\/panel\.png is relative: the Marketplace page cannot load it/,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the VSIX the repository builds today: the README shipped is the Marketplace one and its images resolve', () => {
  const md = readFileSync(join(__dirname, '..', '..', 'marketplace', 'README.md'), 'utf8');
  const images = [...md.matchAll(/!\[[^\]]*\]\(([^)\s]+)/g)].map((m) => m[1]);
  assert.ok(images.length >= 2, 'the listing shows screenshots');
  for (const i of images)
    assert.ok(!/^[a-z]+:/i.test(i) && readFileSync(join(__dirname, '..', '..', 'marketplace', i)).length > 1000, i);
});
