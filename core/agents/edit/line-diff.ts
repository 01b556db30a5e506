/**
 * A unified diff (with hunks) of a planned change, for `headroom configure`'s preview. Agent configs are small, so an
 * LCS table over the lines between the common prefix and suffix is cheap; past `MAX_CELLS` the changed middle is shown
 * as one replaced block instead (still exact, only less tidy).
 */
const MAX_CELLS = 4_000_000;

type Op = [' ' | '-' | '+', string];

function lines(text: string): string[] {
  return text === '' ? [] : text.replace(/\r?\n$/, '').split(/\r?\n/);
}

function middleOps(a: string[], b: string[]): Op[] {
  const n = a.length;
  const m = b.length;
  if (n * m > MAX_CELLS) return [...a.map((l): Op => ['-', l]), ...b.map((l): Op => ['+', l])];
  const w = m + 1;
  const t = new Uint32Array((n + 1) * w);
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--)
      t[i * w + j] = a[i] === b[j] ? t[(i + 1) * w + j + 1] + 1 : Math.max(t[(i + 1) * w + j], t[i * w + j + 1]);
  }
  const ops: Op[] = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (a[i] === b[j]) {
      ops.push([' ', a[i++]]);
      j++;
    } else if (t[(i + 1) * w + j] >= t[i * w + j + 1]) ops.push(['-', a[i++]]);
    else ops.push(['+', b[j++]]);
  }
  while (i < n) ops.push(['-', a[i++]]);
  while (j < m) ops.push(['+', b[j++]]);
  return ops;
}

/** `--- a/file` / `+++ b/file` and `@@` hunks with `context` lines around each change; '' when nothing changes. */
export function lineDiff(label: string, before: string | null, after: string | null, context = 3): string {
  const x = before ?? '';
  const y = after ?? '';
  if (x === y && before !== null && after !== null) return '';
  const a = lines(x);
  const b = lines(y);
  let pre = 0;
  while (pre < a.length && pre < b.length && a[pre] === b[pre]) pre++;
  let suf = 0;
  while (suf < a.length - pre && suf < b.length - pre && a[a.length - 1 - suf] === b[b.length - 1 - suf]) suf++;
  const ops: Op[] = [
    ...a.slice(0, pre).map((l): Op => [' ', l]),
    ...middleOps(a.slice(pre, a.length - suf), b.slice(pre, b.length - suf)),
    ...a.slice(a.length - suf).map((l): Op => [' ', l]),
  ];
  const out = [`--- ${before === null ? '/dev/null' : label}`, `+++ ${after === null ? '/dev/null' : label}`];
  const changed = ops.map((o, k) => (o[0] === ' ' ? -1 : k)).filter((k) => k >= 0);
  let k = 0;
  while (k < changed.length) {
    // One hunk: changes whose context windows touch.
    let end = k;
    while (end + 1 < changed.length && changed[end + 1] - changed[end] <= 2 * context) end++;
    const from = Math.max(0, changed[k] - context);
    const to = Math.min(ops.length, changed[end] + context + 1);
    let aStart = 0;
    let bStart = 0;
    for (let q = 0; q < from; q++) {
      if (ops[q][0] !== '+') aStart++;
      if (ops[q][0] !== '-') bStart++;
    }
    const body = ops.slice(from, to);
    const aLen = body.filter((o) => o[0] !== '+').length;
    const bLen = body.filter((o) => o[0] !== '-').length;
    out.push(`@@ -${aLen ? aStart + 1 : aStart},${aLen} +${bLen ? bStart + 1 : bStart},${bLen} @@`);
    for (const [sign, l] of body) out.push(sign + l);
    k = end + 1;
  }
  return out.join('\n') + '\n';
}
