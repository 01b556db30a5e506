import type { ProseModel } from '../prose-model/service.js';
import type { CliIo } from './io.js';
import type { ProseConfig } from '../proxy/app.js';
import { wholeNumberFlag } from './whole-number-flag.js';

export type OpenedModel = { ok: true; model: ProseModel; id: string } | { ok: false; message: string };

/**
 * The prose model a `--prose-model ID` flag names: an installed copy (HEADROOM_HOME/models) wins over the bundled one
 * of the same id; an empty id means the first usable one. Loaded lazily: onnxruntime and the worker stay out of runs
 * that do not ask for a model.
 */
export async function openProseModel(id: string, io: CliIo, budgetMs?: number): Promise<OpenedModel> {
  const { ProseModel, findModelManifests, installedModelsDir } = await import('../prose-model/index.js');
  const { bundledModelsDir } = await import('./model-command.js');
  const { headroomHome } = await import('../config/home.js');
  const found = findModelManifests({
    bundled: bundledModelsDir(),
    installed: installedModelsDir(headroomHome(io.env)),
  });
  const usable = found.filter((m) => m.manifest);
  const pick = id ? usable.find((m) => m.manifest!.id === id) : usable[0];
  if (!pick) {
    const broken = found.find((m) => !m.manifest && m.manifestPath.includes(id));
    const known = usable.map((m) => m.manifest!.id).join(', ') || 'none';
    return {
      ok: false,
      message: broken
        ? `prose model "${id}" is unusable: ${broken.error}`
        : `no prose model "${id}" (usable: ${known}; see \`headroom model list\`)`,
    };
  }
  return { ok: true, model: new ProseModel({ manifestPath: pick.manifestPath, budgetMs }), id: pick.manifest!.id };
}

/** A `--prose-budget-ms` value: a whole number of milliseconds from 1 to 60,000. */
export function parseBudget(raw: string | undefined): number | undefined | Error {
  if (raw === undefined) return undefined;
  const r = wholeNumberFlag(raw, 'prose-budget-ms', 1, 60_000, 'milliseconds');
  return r.ok ? r.value : new Error(r.message);
}

/** The `--prose-model` / `--prose-budget-ms` option definitions every command that can run the model takes. */
export const PROSE_FLAGS = { 'prose-model': { type: 'string' }, 'prose-budget-ms': { type: 'string' } } as const;

/**
 * Reads both flags: `{ prose }` (undefined without `--prose-model`), or null after printing why the flags are
 * unusable as `headroom <command>: …` (the command exits 2). The caller closes the model when it is done.
 */
export async function proseFromFlags(
  values: { 'prose-model'?: string; 'prose-budget-ms'?: string },
  io: CliIo,
  command: string,
): Promise<{ prose?: ProseConfig } | null> {
  const budgetMs = parseBudget(values['prose-budget-ms']);
  if (budgetMs instanceof Error) {
    io.err(`headroom ${command}: ${budgetMs.message}`);
    return null;
  }
  if (values['prose-model'] === undefined) return {};
  const opened = await openProseModel(values['prose-model'], io, budgetMs);
  if (!opened.ok) {
    io.err(`headroom ${command}: ${opened.message}`);
    return null;
  }
  io.debug(`prose model ${opened.id}, budget ${opened.model.defaultBudgetMs} ms per request`);
  return { prose: { model: opened.model } };
}
