import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startProxy } from '../../core/proxy/start-proxy.js';
import { tokenizerLoaded } from '../../core/util/tokens.js';
import { MemoryStore } from '../helpers/memory-store.js';
import { rawRequest } from '../helpers/raw-http.js';

// Issue 16 (load): the first request paid loading the token counter (1.1–1.2 s of main thread on the loaded test
// machine) just after it was forwarded, stalling every other request and /health. The proxy now loads it on the turn
// after it starts listening — in its compression workers when it has them (the default), so the main thread never
// loads it at all. (This file runs in its own process: the counter is not loaded by anything else first.)

test(
  'the token counter is loaded at start-up, not by the first request; a proxy told not to warm up leaves ' + 'it',
  async () => {
    const cold = await startProxy({ store: new MemoryStore(), port: 0, warmTokenizer: false, compressWorkers: 0 });
    try {
      await cold.warmedUp;
      assert.equal(tokenizerLoaded(), false, 'nothing loaded it yet');
      const h = await rawRequest(`${cold.url}/health`, { method: 'GET' });
      assert.equal(h.status, 200, h.text);
    } finally {
      await cold.close();
    }
    const pooled = await startProxy({ store: new MemoryStore(), port: 0, compressWorkers: 1 });
    try {
      const health = await rawRequest(`${pooled.url}/health`, { method: 'GET' });
      assert.equal(health.status, 200, 'answered while the worker warms up');
      await pooled.warmedUp;
      assert.equal(pooled.compressWorkers, 1);
      assert.equal(tokenizerLoaded(), false, 'the worker loaded it, not the main thread');
    } finally {
      await pooled.close();
    }
    const proxy = await startProxy({ store: new MemoryStore(), port: 0, compressWorkers: 0 });
    try {
      await proxy.warmedUp;
      assert.equal(tokenizerLoaded(), true, 'loaded before any request came');
      const health = await rawRequest(`${proxy.url}/health`, { method: 'GET' });
      assert.equal(health.status, 200);
    } finally {
      await proxy.close();
    }
  },
);
