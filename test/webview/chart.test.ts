import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chartSvg } from '../../webview/chart.js';
import { tokens } from '../../webview/format.js';
import { tokens as formatTokens } from '../../webview/format.js';

test('the chart is one SVG with an accessible label, step lines for before and after, and the saved area', () => {
  const svg = chartSvg(
    [
      { time: Date.UTC(2026, 0, 1, 10), before: 1000, after: 300 },
      { time: Date.UTC(2026, 0, 1, 11), before: 5000, after: 1200 },
    ],
    { width: 600, height: 96 },
  );
  assert.match(svg, /^<svg [^>]*role="img" aria-label="Savings over time: 5k tokens before, 1\.2k after, 3\.8k saved"/);
  assert.equal((svg.match(/<path /g) ?? []).length, 3);
  assert.match(svg, /class="before" d="M[\d.]+,[\d.]+ V/);
  assert.doesNotMatch(svg, /NaN|Infinity|undefined/);
  assert.ok(svg.endsWith('</svg>'));
});

test('no points: a labelled empty chart; one point: still finite', () => {
  assert.match(chartSvg([], { width: 300, height: 96 }), /No requests yet/);
  assert.doesNotMatch(chartSvg([{ time: 1, before: 0, after: 0 }], { width: 300, height: 96 }), /NaN|Infinity/);
});

test("the webview's number wording is the status bar's, value for value", () => {
  for (const n of [0, 7, 999, 1000, 1049, 1050, 12_345, 99_949, 99_950, 999_499, 999_500, 1_000_000, 123_456_789, 5e9])
    assert.equal(tokens(n), formatTokens(n), String(n));
});

test("the webview's percent is the status bar's", async () => {
  const { percentSaved } = await import('../../webview/format.js');
  const { savedPercent } = await import('../../extension/status-text.js');
  const { ZERO_TOTALS } = await import('../../extension/totals.js');
  for (const [b, a] of [
    [0, 0],
    [1000, 370],
    [494_005, 1_086],
    [10, 0],
    [3, 2],
  ])
    assert.equal(percentSaved(b, a), savedPercent({ ...ZERO_TOTALS, tokensBefore: b, tokensAfter: a }), `${b}→${a}`);
});
