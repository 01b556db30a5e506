/**
 * A unified diff of one file's change, for the CLI's preview. Learn only ever rewrites one contiguous region (its
 * block), so one hunk between the common prefix and suffix lines is the exact diff.
 */
export function unifiedDiff(path: string, before: string, after: string, context = 3): string {
  if (before === after) return '';
  const a = before === '' ? [] : before.replace(/\r?\n$/, '').split(/\r?\n/);
  const b = after === '' ? [] : after.replace(/\r?\n$/, '').split(/\r?\n/);
  let pre = 0;
  while (pre < a.length && pre < b.length && a[pre] === b[pre]) pre++;
  let suf = 0;
  while (suf < a.length - pre && suf < b.length - pre && a[a.length - 1 - suf] === b[b.length - 1 - suf]) suf++;
  const from = Math.max(0, pre - context);
  const aEnd = Math.min(a.length, a.length - suf + context);
  const bEnd = Math.min(b.length, b.length - suf + context);
  const lines = [`--- ${before === '' ? '/dev/null' : 'a/' + path}`, `+++ b/${path}`];
  const aLen = aEnd - from;
  const bLen = bEnd - from;
  lines.push(`@@ -${aLen ? from + 1 : from},${aLen} +${bLen ? from + 1 : from},${bLen} @@`);
  for (let i = from; i < pre; i++) lines.push(' ' + a[i]);
  for (let i = pre; i < a.length - suf; i++) lines.push('-' + a[i]);
  for (let i = pre; i < b.length - suf; i++) lines.push('+' + b[i]);
  for (let i = a.length - suf; i < aEnd; i++) lines.push(' ' + a[i]);
  return lines.join('\n') + '\n';
}
