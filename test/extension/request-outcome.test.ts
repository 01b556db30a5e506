import { test } from 'node:test';
import assert from 'node:assert/strict';
import { requestOutcome, unitLabel } from '../../extension/panel/request-outcome.js';
import type { RequestRecord } from '../../extension/proxy-host.js';

const rec = (over: Partial<RequestRecord> = {}): RequestRecord => ({
  id: 'r',
  time: 0,
  provider: 'anthropic',
  tokensBefore: 0,
  tokensAfter: 0,
  compressMs: 1,
  units: [],
  status: 200,
  ...over,
});
const unit = (over = {}) => ({
  path: 'messages.2.content.0.content',
  kind: 'log',
  tokensBefore: 900,
  tokensAfter: 900,
  ...over,
});

test('a paused request says it was paused, not "no tool output large enough"', () => {
  const o = requestOutcome(rec({ paused: true }));
  assert.equal(o.outcome, 'paused');
  assert.match(o.why, /compression paused/);
});

test('failures are flagged with the status the agent got and why, even when something was compressed', () => {
  assert.deepEqual(requestOutcome(rec({ status: 502, error: 'connect ECONNREFUSED 127.0.0.1:1' })), {
    outcome: 'failed',
    why: 'HTTP 502: connect ECONNREFUSED 127.0.0.1:1',
  });
  const compressedButRejected = requestOutcome(
    rec({ status: 429, units: [unit({ originalId: 'hr_0123456789abcdef', tokensAfter: 90 })] }),
  );
  assert.deepEqual(compressedButRejected, { outcome: 'failed', why: 'HTTP 429 from the provider' });
  assert.equal(
    requestOutcome(rec({ status: undefined, error: 'the client closed the request' })).why,
    'no answer: the client closed the request',
  );
});

test("compressed, too small (with the engine's reasons), passthrough and no tool output are told apart", () => {
  assert.equal(
    requestOutcome(rec({ units: [unit({ originalId: 'hr_0123456789abcdef', tokensAfter: 90 }), unit()] })).why,
    '1 of 2 tool outputs compressed',
  );
  const small = requestOutcome(
    rec({ units: [unit({ reason: 'below minChars' }), unit({ reason: 'below minChars' })] }),
  );
  assert.deepEqual(small, {
    outcome: 'too-small',
    why: 'sent unchanged: all 2 tool outputs were too small or not worth compressing (below minChars)',
  });
  assert.deepEqual(requestOutcome(rec({ passthroughReason: 'content-type "text/plain" is not JSON' })), {
    outcome: 'passthrough',
    why: 'sent unchanged: content-type "text/plain" is not JSON',
  });
  assert.equal(requestOutcome(rec()).outcome, 'nothing');
  // a unit sent shorter counts as compressed even without a stored original (older records)
  assert.equal(requestOutcome(rec({ units: [unit({ tokensAfter: 300 })] })).outcome, 'compressed');
});

test('units are named by tool and message, not by JSON path', () => {
  assert.equal(unitLabel({ path: 'messages.2.content.0.content', tool: 'Bash' }), 'Bash output · message 3');
  assert.equal(unitLabel({ path: 'input.5.output' }), 'tool output · message 6');
  assert.equal(
    unitLabel({ path: 'contents.1.parts.0.functionResponse.response.output', tool: 'read_file' }),
    'read_file output · message 2',
  );
});
