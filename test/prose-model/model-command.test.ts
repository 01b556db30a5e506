import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { main } from '../../core/cli.js';
import type { CliIo } from '../../core/cli/io.js';
import { DEFAULT_DIR, DEFAULT_MANIFEST, modelCopy } from './helpers.js';

async function run(args: string[], home: string) {
  let out = '';
  const err: string[] = [];
  const io: CliIo = {
    out: (d) => void (out += String(d)),
    err: (l) => void err.push(l),
    debug: () => {},
    env: { HEADROOM_HOME: home },
  };
  const code = await main(args, io);
  return { code, out, err: err.join('\n') };
}

const home = () => mkdtempSync(join(tmpdir(), 'hr-model-home-'));

test(`install from a folder: progress, sha256 verified, stored under HEADROOM_HOME/models/<id>; a second install is a \
no-op`, async () => {
  const h = home();
  const r = await run(['model', 'install', DEFAULT_DIR], h);
  assert.equal(r.code, 0, r.err);
  const dir = join(h, 'models', 'headroom-prose-v1');
  assert.equal(r.out, join(dir, 'manifest.json') + '\n');
  assert.match(r.err, /model\.onnx: 1\.2 MB of 1\.2 MB \(100%\)/);
  assert.match(r.err, /checking headroom-prose-v1: loading it with onnxruntime/);
  assert.match(r.err, /installed headroom-prose-v1 in .* sha256 verified/);
  for (const f of ['manifest.json', 'model.onnx', 'tokenizer.json'])
    assert.ok(readFileSync(join(dir, f)).equals(readFileSync(join(DEFAULT_DIR, f))), f);
  const again = await run(['model', 'install', DEFAULT_MANIFEST], h);
  assert.equal(again.code, 0);
  assert.match(again.err, /already installed/);

  const list = await run(['model', 'list', '--json'], h);
  const rows = JSON.parse(list.out) as Array<{ id: string; origin: string; state: string }>;
  assert.deepEqual(
    rows.map((x) => [x.id, x.origin, x.state]),
    [
      ['headroom-prose-v1', 'installed', 'ok'],
      ['headroom-prose-v1', 'bundled', 'ok'],
    ],
  );
});

test('a corrupted download is refused and nothing is left behind', async () => {
  const h = home();
  const model = readFileSync(join(DEFAULT_DIR, 'model.onnx'));
  model[model.length - 10] ^= 0x55;
  const r = await run(['model', 'install', modelCopy(() => {}, model)], h);
  assert.equal(r.code, 1);
  assert.match(
    r.err,
    /headroom model install: model file .*model.onnx has sha256 [0-9a-f]{64} but the manifest says [0-9a-f]{64}/,
  );
  assert.deepEqual(readdirSync(join(h, 'models')), [], 'no partial folder, no model');
});

test('a model whose tensors do not match its manifest is refused at install time', async () => {
  const h = home();
  const r = await run(
    [
      'model',
      'install',
      dirname(
        modelCopy(
          (m) => (
            (m.output = { name: 'logits', labels: ['drop', 'keep'], keep: 1 }),
            (m.inputs = { ids: 'token_ids', mask: 'attention_mask' })
          ),
        ),
      ),
    ],
    h,
  );
  assert.equal(r.code, 1);
  assert.match(r.err, /has no input "token_ids" \(its inputs are "input_ids", "attention_mask"\)/);
  assert.deepEqual(readdirSync(join(h, 'models')), []);
});

test(`install from an http URL (a local server): files fetched beside the manifest; --force replaces a different \
model`, async () => {
  const served = dirname(modelCopy((m) => (m.description = 'served over http')));
  const server = createServer((req, res) => {
    const name = (req.url ?? '').replace(/^\/m\//, '');
    const file = join(served, name);
    if (!/^[\w.-]+$/.test(name) || !existsSync(file)) return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': 'application/octet-stream' }).end(readFileSync(file));
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  try {
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/m/manifest.json`;
    const h = home();
    assert.equal((await run(['model', 'install', DEFAULT_DIR], h)).code, 0);
    const same = await run(['model', 'install', url], h);
    // same id, same model file, different manifest text: the installed one is the same model
    assert.equal(same.code, 0);
    assert.match(same.err, /already installed/);
    const forced = await run(['model', 'install', url, '--force'], h);
    assert.equal(forced.code, 0, forced.err);
    assert.match(readFileSync(join(h, 'models', 'headroom-prose-v1', 'manifest.json'), 'utf8'), /served over http/);
    const missing = await run(['model', 'install', url.replace('manifest.json', 'nope.json')], h);
    assert.equal(missing.code, 1);
    assert.match(missing.err, /nope\.json: HTTP 404/);
  } finally {
    server.close();
  }
});

test('usage errors exit 2', async () => {
  assert.equal((await run(['model'], home())).code, 2);
  assert.equal((await run(['model', 'frobnicate'], home())).code, 2);
  assert.equal((await run(['model', 'install'], home())).code, 2);
});
