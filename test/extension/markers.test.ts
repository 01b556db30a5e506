import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatMarker } from '../../core/ccr/marker.js';
import { MARKER_RE } from '../../core/ccr/marker.js';
import { MARKER_ID_PATTERN, MARKER_PATTERN } from '../../extension/proxy-host.js';
import { markerSegments } from '../../webview/markers.js';

const re = new RegExp(MARKER_PATTERN, 'g');
const idRe = new RegExp(MARKER_ID_PATTERN);

test("the panel's pattern is core's MARKER_RE itself, not a copy", () => {
  assert.equal(MARKER_PATTERN, MARKER_RE.source);
});

test('a marker with the longest note core writes (far past 400 characters) is found whole, with its id', () => {
  const note = 'similar "GET /api/items/[n] 200" '.repeat(60);
  const m = formatMarker({ count: 12, unit: 'lines', id: 'hr_abcdefabcdefabcd', note });
  assert.ok(m.length > 1400, `marker is ${m.length} characters`);
  const segs = markerSegments(`before ${m} after`, re, idRe);
  assert.deepEqual(
    segs.map((s) => [s.marker, s.marker ? s.id : s.text]),
    [
      [false, 'before '],
      [true, 'hr_abcdefabcdefabcd'],
      [false, ' after'],
    ],
  );
});

test("the panel's marker pattern finds exactly the markers core writes, notes with brackets included", () => {
  const m1 = formatMarker({
    count: 87,
    unit: 'lines',
    id: 'hr_1a2b3c4d5e6f7a8b',
    note: 'similar "GET /api/items/[n] 200"',
  });
  const m2 = formatMarker({ count: 3, unit: 'rows', id: 'hr_00000000000000ff' });
  const line = `  "items": [${m1}], tail ${m2} end`;
  const segs = markerSegments(line, re, idRe);
  assert.deepEqual(
    segs.filter((s) => s.marker).map((s) => [s.text, s.id]),
    [
      [m1, 'hr_1a2b3c4d5e6f7a8b'],
      [m2, 'hr_00000000000000ff'],
    ],
  );
  assert.equal(segs.map((s) => s.text).join(''), line, 'segments put together give the line back');
});

test('plain text and look-alikes are not markers; long lines stay linear', () => {
  assert.deepEqual(markerSegments('[… not a marker · retrieve hr_xyz]', re, idRe), [
    { text: '[… not a marker · retrieve hr_xyz]', marker: false },
  ]);
  assert.deepEqual(markerSegments('', re, idRe), [{ text: '', marker: false }]);
  const long = '[… '.repeat(200_000);
  const segs = markerSegments(long, re, idRe);
  assert.equal(segs.map((s) => s.text).join(''), long, 'segments put together give the line back');
  assert.ok(segs.every((s) => !s.marker));
});
