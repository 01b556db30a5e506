import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { detect } from '../router/detect.js';
import { GrammarRegistry } from '../compressors/code/index.js';

/**
 * Where the CLI finds the tree-sitter grammars: `syntaxes/` next to the bundle (dist/), or the repository's own
 * `syntaxes/` when run from source. The CLI is a composition root; core modules are handed this path.
 */
export function cliGrammarsDir(): string | undefined {
  for (const dir of [
    join(__dirname, 'syntaxes'),
    join(__dirname, '..', '..', 'syntaxes'),
    join(__dirname, '..', 'syntaxes'),
  ])
    if (existsSync(join(dir, 'languages.json'))) return dir;
  return undefined;
}

/**
 * Loads the code compressor's grammars into a registry for the command to hand to the engine, before any unit is
 * compressed (a unit seen before init is memoized as a pass-through). With a text at hand only its language is
 * loaded: all 13 take about a second. Without grammars (none shipped) the registry is empty: code passes through.
 */
export async function initCodeForCli(
  text?: string,
  fileName?: string,
  grammars = new GrammarRegistry(),
): Promise<GrammarRegistry> {
  const grammarsDir = cliGrammarsDir();
  if (!grammarsDir) return grammars;
  if (text === undefined) {
    await grammars.init({ grammarsDir });
    return grammars;
  }
  const d = detect(text, fileName);
  if (d.kind === 'code' && d.language && d.language !== 'unknown')
    await grammars.init({ grammarsDir, languages: [d.language] });
  return grammars;
}
