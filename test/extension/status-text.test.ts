import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatCost, savedPercent, statusView, type StatusModel } from '../../extension/status-text.js';
import { addRequest, addRetrieval, ZERO_TOTALS } from '../../extension/totals.js';
import { tokens as formatTokens } from '../../webview/format.js';

test('formatTokens: plain under 1000, one decimal under 100 of a unit, rolls over at 1000', () => {
  const cases: [number, string][] = [
    [0, '0'],
    [999, '999'],
    [1000, '1k'],
    [1234, '1.2k'],
    [12_345, '12.3k'],
    [99_949, '99.9k'],
    [99_950, '100k'],
    [123_456, '123k'],
    [999_499, '999k'],
    [999_500, '1M'],
    [1_234_567, '1.2M'],
    [2_500_000_000, '2.5B'],
    [-5, '0'],
  ];
  for (const [n, s] of cases) assert.equal(formatTokens(n), s, String(n));
});

test('savedPercent and formatCost', () => {
  assert.equal(savedPercent({ ...ZERO_TOTALS, tokensBefore: 1000, tokensAfter: 370 }), 63);
  assert.equal(savedPercent(ZERO_TOTALS), 0);
  assert.equal(formatCost(1.2), '$1.20');
  assert.equal(formatCost(0.004), '< $0.01');
  assert.equal(formatCost(0), '$0.00');
});

const model = (over: Partial<StatusModel> = {}): StatusModel => ({
  state: { kind: 'running', url: 'http://127.0.0.1:8787', port: 8787 },
  paused: false,
  session: ZERO_TOTALS,
  allTime: ZERO_TOTALS,
  costPerMillionInputTokens: 3,
  ...over,
});

test(`running with savings: "$(fold) Session: 1.3M saved · 63%", labelled; tooltip has both columns and the \
cost`, () => {
  const session = addRetrieval(addRequest(addRequest(ZERO_TOTALS, 1_000_000, 400_000), 1_000_000, 340_000), {
    via: 'extension',
  });
  const allTime = addRequest(session, 3_000_000, 1_000_000);
  const v = statusView(model({ session, allTime }));
  assert.equal(v.text, '$(fold) Session: 1.3M saved · 63%', "the user's own lookup does not make a net figure");
  assert.equal(v.warning, false);
  assert.match(v.tooltip, /Proxy running at `http:\/\/127\.0\.0\.1:8787`/);
  assert.match(v.tooltip, /\| requests \| 2 \| 3 \|/);
  assert.match(v.tooltip, /\| tokens before \| 2M \| 5M \|/);
  assert.match(v.tooltip, /\| retrieved by models \| 0 \| 0 \|/);
  assert.match(v.tooltip, /\| your lookups \| 1 \| 1 \|/);
  assert.match(v.tooltip, /\| est\. cost saved \(\$3\/M input\) \| \$3\.78 \| \$9\.78 \|/);
});

test('net of retrievals beside gross: a model that fetched its original back shows what it really saved', () => {
  // the case: 152 KB compressed by 97%, then the whole original retrieved
  const sent = addRequest(ZERO_TOTALS, 38_000, 1_140);
  const session = addRetrieval(sent, { via: 'proxy', tokens: 38_000 });
  const v = statusView(model({ session, allTime: session }));
  assert.equal(v.text, '$(fold) Session: 36.9k saved · 97% (net −3%)');
  assert.match(v.tooltip, /\| retrieved by models \| 1 \(38k tokens\) \| 1 \(38k tokens\) \|/);
  assert.match(v.tooltip, /\| saved \(net of retrievals\) \| −1\.1k \(−3%\) \|/);
  assert.equal(session.lookups, 0);
});

test(`before this session has requests, the text shows the all-time figures, labelled; with none at all, just the \
name`, () => {
  assert.equal(
    statusView(model({ allTime: addRequest(ZERO_TOTALS, 10_000, 2_500) })).text,
    '$(fold) All time: 7.5k saved · 75%',
  );
  assert.equal(statusView(model()).text, '$(fold) Headroom');
});

test('warning states: paused, port taken, failed, disabled; starting spins without warning', () => {
  const paused = statusView(model({ paused: true }));
  assert.equal(paused.text, '$(debug-pause) Headroom paused');
  assert.equal(paused.warning, true);
  assert.match(paused.tooltip, /Compression \*\*paused\*\*/);
  const taken = statusView(model({ state: { kind: 'port-taken', port: 8787, suggestion: 8788 } }));
  assert.equal(taken.text, '$(warning) Headroom: port 8787 taken');
  assert.equal(taken.warning, true);
  assert.match(taken.tooltip, /port 8787 is in use/);
  const failed = statusView(model({ state: { kind: 'failed', message: 'headroom.upstream.openai: Invalid URL' } }));
  assert.equal(failed.text, '$(error) Headroom failed');
  assert.equal(failed.warning, true);
  assert.match(failed.tooltip, /Invalid URL/);
  const disabled = statusView(model({ state: { kind: 'disabled' } }));
  assert.equal(disabled.text, '$(circle-slash) Headroom off');
  assert.equal(disabled.warning, true);
  const starting = statusView(model({ state: { kind: 'starting' } }));
  assert.equal(starting.text, '$(loading~spin) Headroom');
  const external = statusView(model({ state: { kind: 'external', url: 'http://127.0.0.1:8787', port: 8787 } }));
  assert.equal(external.warning, false);
  assert.match(external.tooltip, /another VS Code window or the CLI/);
});

test('a 99.8% saving reads 99%, not 100%, while anything was sent', () => {
  assert.equal(savedPercent({ ...ZERO_TOTALS, tokensBefore: 494_005, tokensAfter: 1_086 }), 99);
  assert.equal(savedPercent({ ...ZERO_TOTALS, tokensBefore: 494_005, tokensAfter: 0 }), 100);
});

test('the tooltip says how the prose model is doing when one is configured, and nothing about it otherwise', () => {
  assert.doesNotMatch(statusView(model()).tooltip, /Prose model/);
  const ready = statusView(model({ prose: { state: 'ready', modelId: 'headroom-prose-v1', loadMs: 70 } })).tooltip;
  assert.match(ready, /Prose model `headroom-prose-v1`: ready \(loaded in 70 ms\)/);
  const loading = statusView(model({ prose: { state: 'loading', modelId: 'big' } })).tooltip;
  assert.match(loading, /Prose model `big`: loading \(prose is compressed extractively until it is ready\)/);
  const broken = statusView(
    model({ prose: { state: 'unavailable', modelId: 'big', reason: 'model.onnx is truncated' } }),
  );
  assert.match(
    broken.tooltip,
    /\$\(warning\) Prose model `big` unavailable, prose is compressed extractively: model.onnx is truncated/,
  );
  assert.equal(broken.warning, false, 'compression still works: no warning background');
});
