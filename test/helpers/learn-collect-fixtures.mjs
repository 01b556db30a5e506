#!/usr/bin/env node
// Copies the session logs that real agent CLIs wrote during scripted runs (see test/fixtures/learn/README.md) into
// test/fixtures/learn/<agent>/, laid out as each agent's own HOME, with personal data scrubbed: the scratch run folders
// become /home/user (HOME) and /home/user/project (the workspace); path-derived names (Claude's encoded project folder,
// Gemini's project hash and short name) are recomputed for the new path.
//
// usage: node test/helpers/learn-collect-fixtures.mjs [/tmp/agents-try/learn-out]
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { dirname, join, relative } from 'node:path';

const SRC = process.argv[2] ?? '/tmp/agents-try/learn-out';
const RUNS = '/tmp/agents-try/run';
const DEST = join(new URL('.', import.meta.url).pathname, '..', 'fixtures', 'learn');
const WORK = '/home/user/project';
const HOME = '/home/user';
const sha = (s) => createHash('sha256').update(s).digest('hex');

/** Which files of an agent's HOME are its session logs (everything else — caches, settings, databases — stays out). */
const KEEP = {
  claude: (p) => /^\.claude\/projects\/[^/]+\/[^/]+\.jsonl$/.test(p),
  codex: (p) => /^\.codex\/sessions\/.+\.jsonl$/.test(p),
  gemini: (p) => /^\.gemini\/(projects\.json|tmp\/[^/]+\/(\.project_root|chats\/[^/]+\.jsonl?))$/.test(p),
  continue: (p) => /^\.continue\/sessions\/[^/]+\.json$/.test(p) && !p.endsWith('/sessions.json'),
  cline: (p) => /^\.cline\/data\/sessions\/[^/]+\/[^/]+\.json$/.test(p),
};

function walk(dir, out = []) {
  for (const n of readdirSync(dir)) {
    const p = join(dir, n);
    if (statSync(p).isDirectory()) walk(p, out);
    else out.push(p);
  }
  return out;
}

function scrubText(text, agent, variant) {
  const run = `${RUNS}/${agent}-${variant}`;
  const oldWork = `${run}/work`;
  return (
    text
      .split(oldWork)
      .join(WORK)
      .split(`${run}/home`)
      .join(HOME)
      .split(oldWork.replace(/[^A-Za-z0-9]/g, '-'))
      .join(WORK.replace(/[^A-Za-z0-9]/g, '-'))
      .split(sha(oldWork))
      .join(sha(WORK))
      // Gemini's short project name is the work folder's basename ("work" → "project")
      .split(`${HOME}/.gemini/tmp/work`)
      .join(`${HOME}/.gemini/tmp/project`)
      .split(`"${WORK}": "work"`)
      .join(`"${WORK}": "project"`)
  );
}

function scrubPath(rel, agent, variant) {
  const run = `${RUNS}/${agent}-${variant}`;
  return rel
    .replace(`${run}/work`.replace(/[^A-Za-z0-9]/g, '-'), WORK.replace(/[^A-Za-z0-9]/g, '-'))
    .replace(/^\.gemini\/tmp\/work\//, '.gemini/tmp/project/');
}

for (const agent of Object.keys(KEEP)) {
  const agentSrc = join(SRC, agent);
  if (!existsSync(agentSrc)) continue;
  const agentDest = join(DEST, agent);
  rmSync(agentDest, { recursive: true, force: true });
  for (const variant of readdirSync(agentSrc).sort()) {
    const home = join(agentSrc, variant, 'home');
    if (!existsSync(home)) continue;
    for (const file of walk(home)) {
      const rel = relative(home, file);
      if (!KEEP[agent](rel)) continue;
      const out = join(agentDest, scrubPath(rel, agent, variant));
      mkdirSync(dirname(out), { recursive: true });
      const text = scrubText(readFileSync(file, 'utf8'), agent, variant);
      // projects.json / .project_root / sessions.json-like indexes are per run: merge the JSON maps, keep one root
      if (rel === '.gemini/projects.json' && existsSync(out)) continue;
      writeFileSync(out, text);
    }
  }
  const leaks = walk(agentDest).filter((f) => /agents-try|\/root\//.test(readFileSync(f, 'utf8')));
  if (leaks.length) throw new Error(`unscrubbed paths left in ${leaks.join(', ')}`);
  process.stdout.write(`${agent}: ${walk(agentDest).length} files\n`);
}
