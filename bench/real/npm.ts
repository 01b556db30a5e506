import { runCommand } from './run-command.js';
import type { RealContext, RealRun } from './types.js';

interface NpmNode {
  version?: string;
  dependencies?: Record<string, NpmNode>;
}

const DIRECT = ['express', 'sql.js', 'gpt-tokenizer', 'typescript', 'esbuild'];

/** `npm ls --all --json` in the repo: the whole installed tree. Facts: direct versions, who depends on `debug`. */
export function npmLs(ctx: RealContext): RealRun {
  const command = 'npm ls --all --json';
  const r = runCommand('npm', ['ls', '--all', '--json'], { cwd: ctx.root, timeoutMs: 60_000 });
  if (!r.ok || !r.stdout.trim().startsWith('{'))
    return { skipped: r.note ?? `no JSON output (exit ${r.status})`, command };
  let tree: NpmNode;
  try {
    tree = JSON.parse(r.stdout) as NpmNode;
  } catch {
    return { skipped: 'output was not valid JSON', command };
  }
  const facts: string[] = [];
  for (const name of DIRECT) {
    const v = tree.dependencies?.[name]?.version;
    if (v) facts.push(v);
  }
  // the parents of every installed `debug`: a question the tree answers only by nesting
  const parents = new Set<string>();
  const debugVersions = new Set<string>();
  const walk = (name: string, node: NpmNode, depth: number): void => {
    if (depth > 40) return;
    for (const [child, sub] of Object.entries(node.dependencies ?? {})) {
      if (child === 'debug') {
        parents.add(name);
        if (sub.version) debugVersions.add(sub.version);
      }
      walk(child, sub, depth + 1);
    }
  };
  walk('(root)', tree, 0);
  parents.delete('(root)');
  facts.push(...[...debugVersions].sort(), ...[...parents].sort());
  return {
    workload: {
      id: 'npm-ls',
      title: 'npm ls --all --json',
      command,
      question:
        `Which versions of ${DIRECT.join(', ')} are installed, and which packages depend on debug (which ` +
        `version)?`,
      source: 'real',
      units: [{ name: command, text: r.stdout, facts }],
    },
  };
}

interface NpmView {
  'dist-tags'?: { latest?: string };
  license?: string;
  engines?: { node?: string };
  dist?: { tarball?: string };
}

/** `npm view express --json`: registry metadata (needs the network; skipped without it). */
export function npmView(ctx: RealContext): RealRun {
  const command = 'npm view express --json';
  const r = runCommand('npm', ['view', 'express', '--json'], { cwd: ctx.root, timeoutMs: 30_000 });
  if (!r.ok || r.status !== 0 || !r.stdout.trim().startsWith('{'))
    return {
      skipped: r.note ?? `npm view failed (exit ${r.status}): ${r.stderr.split('\n')[0] ?? ''}`.trim(),
      command,
    };
  let meta: NpmView;
  try {
    meta = JSON.parse(r.stdout) as NpmView;
  } catch {
    return { skipped: 'output was not valid JSON', command };
  }
  const facts = [meta['dist-tags']?.latest, meta.license, meta.engines?.node, meta.dist?.tarball].filter(
    (x): x is string => typeof x === 'string',
  );
  return {
    workload: {
      id: 'npm-view',
      title: 'npm view express --json',
      command,
      question:
        'What is the latest version of express, its licence, the Node versions it supports and its tarball URL?',
      source: 'real',
      units: [{ name: command, text: r.stdout, facts }],
    },
  };
}
