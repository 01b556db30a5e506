import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PROVIDERS, providerAdapter, type Provider } from '../../core/providers/index.js';
import { recordedJson, recordedText } from '../helpers/recorded-stream.js';

/** Every provider's JSON splicer over recorded non-streamed answers (see stream-splicers.test.ts for the
 * recordings). */
const CALL_ID: Record<Provider, (r: string) => string> = {
  anthropic: (r) => /"id":"(toolu_[^"]+)"/.exec(r)![1],
  'openai-chat': (r) => /"id":"(call_[^"]+)"/.exec(r)![1],
  'openai-responses': (r) => /"call_id":"(call_[^"]+)"/.exec(r)![1],
  gemini: () => '',
  'ollama-chat': (r) => /"id":"(call_[^"]+)"/.exec(r)![1],
};

/** The output token count each protocol reports, to see usage summed over rounds. */
const OUTPUT_TOKENS: Record<Provider, (r: Record<string, any>) => number> = {
  anthropic: (r) => r.usage.output_tokens,
  'openai-chat': (r) => r.usage.completion_tokens,
  'openai-responses': (r) => r.usage.output_tokens,
  gemini: (r) => r.usageMetadata.candidatesTokenCount,
  'ollama-chat': (r) => r.eval_count,
};

const splicerFor = (p: Provider) => {
  const request = recordedText(`${p}.request.json`);
  return providerAdapter(p).jsonSplicer(request, JSON.parse(request));
};

for (const { id: p } of PROVIDERS) {
  test(`${p} JSON splicer: an answer without retrieve calls is left as it came`, () => {
    const s = splicerFor(p);
    assert.equal(s.step(recordedJson(`${p}.final.json`)), undefined);
    assert.equal(s.changed(), false);
  });

  test(`${p} JSON splicer: a retrieve-only answer is answered and merged with the next round's`, () => {
    const s = splicerFor(p);
    const first = recordedJson(`${p}.retrieve.json`);
    const calls = s.step(first);
    assert.deepEqual(calls, [{ callId: CALL_ID[p](recordedText(`${p}.retrieve.json`)), id: undefined }]);
    const next = s.continuation([{ callId: calls![0].callId, content: 'ORIGINAL TEXT 42', found: true }]);
    assert.ok(next.includes('ORIGINAL TEXT 42'));
    const final = recordedJson(`${p}.final.json`);
    assert.equal(s.step(final), undefined);
    assert.equal(s.changed(), true);
    const merged = s.result();
    const text = JSON.stringify(merged);
    assert.ok(!text.includes('headroom_retrieve'), 'no retrieve call in what the client gets');
    assert.ok(text.includes('FINAL ANSWER'), "the last round's answer is there");
    assert.equal(OUTPUT_TOKENS[p](merged), OUTPUT_TOKENS[p](first) + OUTPUT_TOKENS[p](final), 'usage of both rounds');
  });

  test(`${p} JSON splicer: the round limit's note is the answer's last text`, () => {
    const s = splicerFor(p);
    s.step(recordedJson(`${p}.retrieve.json`));
    const text = JSON.stringify(s.result('[headroom: stopped]'));
    assert.ok(text.includes('[headroom: stopped]'));
    assert.ok(!text.includes('headroom_retrieve'));
  });
}
