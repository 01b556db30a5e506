import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { loadManifest, type ResolvedManifest } from './manifest.js';

/** The model the project ships (models/headroom-prose-v1, made by scripts/make-default-prose-model.ts). */
export const DEFAULT_MODEL_ID = 'headroom-prose-v1';

export interface FoundModel {
  manifestPath: string;
  /** Where it was found: shipped with Headroom, or installed by `headroom model install`. */
  origin: 'bundled' | 'installed';
  manifest?: ResolvedManifest;
  /** Why the manifest could not be read, when it could not. */
  error?: string;
}

/** Where `headroom model install` puts models: HEADROOM_HOME/models/<id>/. */
export function installedModelsDir(home: string): string {
  return join(home, 'models');
}

export function defaultManifestPath(modelsDir: string): string {
  return join(modelsDir, DEFAULT_MODEL_ID, 'manifest.json');
}

/** Every `<dir>/<id>/manifest.json`, installed ones first, each validated (problems reported, not thrown). */
export function findModelManifests(dirs: { bundled?: string; installed?: string }): FoundModel[] {
  const out: FoundModel[] = [];
  for (const [origin, dir] of [
    ['installed', dirs.installed],
    ['bundled', dirs.bundled],
  ] as const) {
    if (!dir || !existsSync(dir)) continue;
    for (const name of readdirSync(dir).sort()) {
      const manifestPath = join(dir, name, 'manifest.json');
      if (!existsSync(manifestPath)) continue;
      try {
        out.push({ manifestPath, origin, manifest: loadManifest(manifestPath) });
      } catch (err) {
        out.push({ manifestPath, origin, error: (err as Error).message });
      }
    }
  }
  return out;
}

/** The manifest for a model id: an installed copy wins over the bundled one of the same id. */
export function manifestPathFor(id: string, dirs: { bundled?: string; installed?: string }): string | undefined {
  for (const dir of [dirs.installed, dirs.bundled]) {
    if (!dir) continue;
    const p = join(dir, id, 'manifest.json');
    if (existsSync(p)) return p;
  }
  return undefined;
}
