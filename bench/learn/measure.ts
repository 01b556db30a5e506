/**
 * Child process of the Learn bench: runs learn() once over a prepared HOME and prints one JSON line with the time,
 * what was read and the process's peak RSS (the kernel's high-water mark: nothing else ran in this process).
 * usage: node --import tsx bench/learn/measure.ts HOME WORKSPACE
 */
import { performance } from 'node:perf_hooks';
import { learn } from '../../core/learn/index.js';

async function run(): Promise<void> {
  const [home, workspace] = process.argv.slice(2);
  const baseline = process.resourceUsage().maxRSS;
  const t0 = performance.now();
  const r = await learn({ workspace, home, env: {}, vscodeUserDirs: [] });
  const ms = performance.now() - t0;
  const out = {
    ms,
    filesRead: r.filesRead,
    sessionsRead: r.sessionsRead,
    toolCalls: r.toolCalls,
    failures: r.failures,
    lessons: r.lessons.length,
    linesSkipped: r.linesSkipped,
    peakRssMB: process.resourceUsage().maxRSS / 1024,
    baselineRssMB: baseline / 1024,
    topLessons: r.lessons
      .slice(0, 6)
      .map((l) => `${l.text} — ${l.count}× in ${l.sessions} session${l.sessions === 1 ? '' : 's'}`),
  };
  process.stdout.write(JSON.stringify(out) + '\n');
}
void run();
