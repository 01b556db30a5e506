import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MARKER_ID_RE } from '../../../core/ccr/marker.js';

export { recordingContext, type RecordingContext } from '../../helpers/recording-context.js';

export function fixture(area: string, name: string): string {
  return readFileSync(join(__dirname, '..', '..', 'fixtures', area, name), 'utf8');
}

/** The whole marker `[… N unit omitted… · retrieve hr_…]` for every marker in `text`. */
export const MARKER_RE = /\[… (\d+) ([a-z ]+) omitted(?:: [^\]\n]*)? · retrieve (hr_[0-9a-f]{16})\]/g;

/** Replaces every marker by the content its id was stashed with (what an agent gets back by retrieving it). */
export function expandMarkers(output: string, stashed: Map<string, string>): string {
  return output.replace(MARKER_RE, (whole, _n, _unit, id: string) => {
    const content = stashed.get(id);
    if (content === undefined) throw new Error(`marker names an id that was never stashed: ${whole}`);
    return content;
  });
}

export function markerIdsIn(output: string): string[] {
  return [...output.matchAll(MARKER_ID_RE)].map((m) => m[0]);
}
