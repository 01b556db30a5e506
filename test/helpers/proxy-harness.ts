import { startProxy, type RunningProxy, type StartProxyOptions } from '../../core/proxy/start-proxy.js';
import { startFakeProvider, type FakeProvider, type Script } from './fake-provider.js';
import { MemoryStore } from './memory-store.js';
import { lineCompressBody } from './line-compress.js';
import type { CcrStore } from '../../core/ccr/store-types.js';

export interface Harness {
  proxy: RunningProxy;
  provider: FakeProvider;
  store: CcrStore;
  close(): Promise<void>;
}

/**
 * The proxy on 127.0.0.1:0 in front of a scripted fake provider (every family's base points at it). Compression uses
 * the predictable test compressor unless `compressBody` is given.
 */
export async function startHarness(script: Script, opts: Partial<StartProxyOptions> = {}): Promise<Harness> {
  const provider = await startFakeProvider(script);
  const store = opts.store ?? new MemoryStore();
  const proxy = await startProxy({
    compressBody: lineCompressBody,
    ...opts,
    store,
    port: 0,
    bases: { anthropic: provider.url, openai: provider.url, gemini: provider.url, ollama: provider.url, ...opts.bases },
  });
  await proxy.warmedUp; // the start-up warm-up holds the thread once; tests begin after it, as agents usually do
  return {
    proxy,
    provider,
    store,
    close: async () => {
      await proxy.close();
      await provider.close();
    },
  };
}
