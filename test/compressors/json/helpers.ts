import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Fixture text: real tool output (npm view/ls, a lockfile) and API-shaped documents built by make-fixtures.ts. */
export const fixture = (name: string): string =>
  readFileSync(join(__dirname, '..', '..', 'fixtures', 'json', name), 'utf8');

export { stashCtx } from '../../helpers/recording-context.js';

export interface Marker {
  line: string;
  count: number;
  unit: string;
  /** First and last dropped index, from the marker's `index a–b` note. */
  start: number;
  end: number;
  id: string;
}

/** Every marker line of an output, in order. */
export function markers(output: string): Marker[] {
  const out: Marker[] = [];
  for (const line of output.split('\n')) {
    const m = /^\s*\[… (\d+) (\w+) omitted: index (\d+)(?:–(\d+))?[^\]]* · retrieve (hr_[0-9a-f]{16})\]$/.exec(line);
    if (m)
      out.push({
        line: line.trim(),
        count: Number(m[1]),
        unit: m[2],
        start: Number(m[3]),
        end: Number(m[4] ?? m[3]),
        id: m[5],
      });
  }
  return out;
}
