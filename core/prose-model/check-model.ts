import { ProseModel } from './service.js';
import { ModelFileError } from './verify-file.js';

/**
 * Loads a model once, in a worker thread like the proxy's, to learn whether onnxruntime accepts it and its tensor
 * names and output shape match the manifest (nothing else tells). Throws a ModelFileError saying why not. Used by
 * `headroom model install` and "Headroom: Install Prose Model" before a model is moved into place.
 */
export async function checkModelLoads(manifestPath: string, workerFile?: string): Promise<{ loadMs?: number }> {
  const model = new ProseModel({ manifestPath, workerFile });
  try {
    const s = await model.whenSettled();
    if (s.state !== 'ready') throw new ModelFileError(`the model does not load: ${s.reason ?? 'unknown reason'}`);
    return { loadMs: s.loadMs };
  } finally {
    await model.close();
  }
}
