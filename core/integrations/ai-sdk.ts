/**
 * `headroomMiddleware()`: a Vercel AI SDK language-model middleware (`wrapLanguageModel({ model, middleware })`) whose
 * `transformParams` compresses tool results in the prompt before any provider sees it, so it works with every AI SDK
 * provider. Typed structurally against the SDK's LanguageModelV3 call options (specificationVersion 'v3', `ai` 6),
 * so core does not depend on the `ai` package. Like the proxy, a result seen before gets the same bytes again
 * (memo in the store), keeping provider prompt caches warm.
 */
import type { CcrStore, MemoEntry } from '../ccr/store-types.js';
import { namedIds, recordOutcome, type MemoWrite } from '../ccr/record-outcome.js';
import type { CcrRecord } from '../types.js';
import { compress, DEFAULT_MIN_CHARS } from '../compress.js';
import { memoKey } from '../messages/compress-messages.js';
import type { UnitOutcome } from '../messages/types.js';
import { RequestRecorder, storeResolver, type IntegrationOptions } from './shared.js';
import { isObj } from '../util/is-object.js';

export interface HeadroomMiddlewareOptions extends IntegrationOptions {
  /** Overrides the query (default: the latest user text in the prompt). */
  query?: string;
  /** Tool results shorter than this pass untouched. Default 600 characters. */
  minChars?: number;
  /** Tools whose results are never compressed. */
  skipTools?: readonly string[];
}

type Obj = Record<string, unknown>;

/** The part of LanguageModelV3CallOptions this middleware reads; the SDK's own type is assignable to it. */
export interface PromptParams {
  prompt: readonly unknown[];
}

/** Assignable to the AI SDK's `LanguageModelMiddleware` (LanguageModelV3Middleware). */
export interface HeadroomLanguageModelMiddleware {
  readonly specificationVersion: 'v3';
  transformParams<P extends PromptParams>(options: { type: 'generate' | 'stream'; params: P }): Promise<P>;
}

function latestUserText(prompt: readonly unknown[]): string {
  for (let i = prompt.length - 1; i >= 0; i--) {
    const m = prompt[i];
    if (!isObj(m) || m.role !== 'user' || !Array.isArray(m.content)) continue;
    const text = m.content
      .filter((p): p is Obj => isObj(p) && p.type === 'text' && typeof p.text === 'string')
      .map((p) => p.text as string)
      .join('\n');
    if (text) return text;
  }
  return '';
}

export function headroomMiddleware(options: HeadroomMiddlewareOptions = {}): HeadroomLanguageModelMiddleware {
  const getStore = storeResolver(options.store);
  const recorder = new RequestRecorder(options.agent ?? 'ai-sdk', options.workspace);
  const minChars = options.minChars ?? DEFAULT_MIN_CHARS;
  const skip = new Set(options.skipTools ?? []);

  return {
    specificationVersion: 'v3',
    async transformParams<P extends PromptParams>({ params }: { type: 'generate' | 'stream'; params: P }): Promise<P> {
      const store: CcrStore = await getStore();
      const query = options.query ?? latestUserText(params.prompt);
      const units: UnitOutcome[] = [];
      const started = performance.now();
      const records: CcrRecord[] = [];
      const memo: MemoWrite[] = [];
      /** New units of this prompt: a repeat gets the same bytes (the memo learns them only once they are sent). */
      const decided = new Map<string, MemoEntry>();

      const shrink = (text: string, path: (string | number)[], toolName: string | undefined): string => {
        if (text.length < minChars || (toolName && (skip.has(toolName) || /headroom_retrieve/.test(toolName))))
          return text;
        const key = memoKey(text);
        let entry: MemoEntry | undefined = store.getMemo(key);
        const memoHit = !!entry;
        entry ??= decided.get(key);
        if (!entry) {
          const r = compress(text, { query, minChars });
          if (r.compressed) records.push(...r.records);
          entry = { output: r.output, compressed: r.compressed, kind: r.kind, ccr: r.ccr, originalId: r.originalId };
          decided.set(key, entry);
          memo.push({ key, entry });
        }
        units.push({
          path,
          kind: entry.kind,
          original: text,
          output: entry.output,
          compressed: entry.compressed,
          memoHit,
          originalId: entry.originalId,
          ccr: entry.ccr,
          toolName,
        });
        return entry.compressed ? entry.output : text;
      };

      let changed = false;
      const prompt = params.prompt.map((m, mi) => {
        if (!isObj(m) || m.role !== 'tool' || !Array.isArray(m.content)) return m;
        let touched = false;
        const content = m.content.map((part: unknown, pi: number) => {
          if (!isObj(part) || part.type !== 'tool-result' || !isObj(part.output)) return part;
          const out = part.output;
          const toolName = typeof part.toolName === 'string' ? part.toolName : undefined;
          const path = ['prompt', mi, 'content', pi, 'output'];
          let next: Obj | undefined;
          if (out.type === 'text' && typeof out.value === 'string') {
            const v = shrink(out.value, path, toolName);
            if (v !== out.value) next = { ...out, value: v };
          } else if (out.type === 'json' && out.value !== undefined) {
            // providers send a JSON result as its JSON text; the compressed form goes as text
            const text = JSON.stringify(out.value);
            const v = shrink(text, path, toolName);
            if (v !== text)
              next = {
                type: 'text',
                value: v,
                ...(out.providerOptions ? { providerOptions: out.providerOptions } : {}),
              };
          } else if (out.type === 'content' && Array.isArray(out.value)) {
            let any = false;
            const value = out.value.map((c: unknown, ci: number) => {
              if (!isObj(c) || c.type !== 'text' || typeof c.text !== 'string') return c;
              const v = shrink(c.text, [...path, 'value', ci], toolName);
              if (v === c.text) return c;
              any = true;
              return { ...c, text: v };
            });
            if (any) next = { ...out, value };
          }
          if (!next) return part;
          touched = true;
          return { ...part, output: next };
        });
        if (!touched) return m;
        changed = true;
        return { ...m, content };
      });
      if (units.length) recorder.record(store, 'ai-sdk', units, performance.now() - started, undefined);
      // every original a marker names is on disk before the prompt leaves (and before the memo names it); one that
      // cannot be: the prompt as it was
      try {
        await recordOutcome(store, { records, named: namedIds(units), memo });
      } catch {
        return params;
      }
      return changed ? { ...params, prompt } : params;
    },
  };
}
