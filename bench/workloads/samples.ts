import { createRng, type Rng } from '../lib/prng.js';
import { quietLogs } from './sre-logs.js';

/**
 * Inputs of a chosen size for the speed runs, one generator per content kind. Same kind + size + seed → same bytes.
 * Each is shaped like real tool output of that kind (pretty JSON API records, app logs, grep hits, a multi-file
 * diff, a documentation page, a CSV export, prose), with the occasional error so compressors do real work.
 */
export type SampleKind = 'json' | 'log' | 'search' | 'diff' | 'html' | 'table' | 'text';

export const SAMPLE_KINDS: readonly SampleKind[] = ['json', 'log', 'search', 'diff', 'html', 'table', 'text'];

const WORDS = (
  'the a request handler returns value when cache session token user order payment service retries ' +
  'timeout config option default returns error null list item build module route server client parses reads ' +
  'writes stream buffer before after each every other first last because without with while update version'
).split(' ');

function sentence(rng: Rng): string {
  const n = rng.int(8, 20);
  const w: string[] = [];
  for (let i = 0; i < n; i++) w.push(rng.pick(WORDS));
  const s = w.join(' ');
  return s[0].toUpperCase() + s.slice(1) + '.';
}

function jsonRecords(rng: Rng, bytes: number): string {
  // emit pretty JSON incrementally so the size is known without stringifying the whole array repeatedly
  const parts: string[] = [];
  let size = 2;
  for (let i = 0; size < bytes; i++) {
    const failed = rng.chance(0.01);
    const rec = {
      id: `ord_${String(100000 + i)}`,
      status: failed ? 'failed' : rng.pick(['paid', 'paid', 'paid', 'shipped', 'pending']),
      customer: {
        id: `cus_${rng.alnum(10)}`,
        email: `user${rng.int(1, 99999)}@example.com`,
        country: rng.pick(['US', 'DE', 'FR', 'GB', 'JP']),
      },
      items: Array.from({ length: rng.int(1, 3) }, () => ({
        sku: `SKU-${rng.int(1000, 9999)}`,
        qty: rng.int(1, 4),
        price: rng.int(199, 9999) / 100,
      })),
      total: rng.int(500, 40000) / 100,
      currency: 'USD',
      created_at:
        `2024-06-${String(rng.int(1, 28)).padStart(2, '0')}T${String(rng.int(0, 23)).padStart(2, '0')}:` +
        `${String(rng.int(0, 59)).padStart(2, '0')}:00Z`,
      error: failed ? `card_declined: insufficient funds (decline code ${rng.int(10, 99)})` : null,
    };
    const s = JSON.stringify(rec, null, 2).replace(/^/gm, '  ');
    parts.push(s);
    size += s.length + 2;
  }
  return `[\n${parts.join(',\n')}\n]`;
}

function grepLines(rng: Rng, bytes: number): string {
  const out: string[] = [];
  let size = 0;
  const dirs = ['src/api', 'src/lib', 'src/services', 'test/unit', 'packages/core/src', 'packages/ui/src'];
  while (size < bytes) {
    const path = `${rng.pick(dirs)}/${rng.pick(WORDS)}-${rng.pick(WORDS)}.ts`;
    const l =
      `${path}:${rng.int(1, 900)}:${' '.repeat(rng.int(0, 3) * 2)}` +
      `${rng.pick(['const', 'return', 'if (', 'await', 'export function'])} ${rng.pick(WORDS)}Session(` +
      `${rng.pick(WORDS)}, ${rng.pick(WORDS)});`;
    out.push(l);
    size += l.length + 1;
  }
  return out.join('\n') + '\n';
}

function diffText(rng: Rng, bytes: number): string {
  const out: string[] = [];
  let size = 0;
  const push = (...lines: string[]): void => {
    for (const l of lines) size += l.length + 1;
    out.push(...lines);
  };
  while (size < bytes) {
    const path = `src/${rng.pick(WORDS)}/${rng.pick(WORDS)}.ts`;
    const head = [
      `diff --git a/${path} b/${path}`,
      `index ${rng.hex(7)}..${rng.hex(7)} 100644`,
      `--- a/${path}`,
      `+++ b/${path}`,
    ];
    push(...head);
    for (let h = 0; h < rng.int(1, 4); h++) {
      const start = rng.int(1, 800);
      const body: string[] = [];
      for (let i = 0; i < 3; i++) body.push(` ${rng.pick(['  ', '    '])}${sentence(rng).toLowerCase().slice(0, 60)}`);
      const removed = rng.int(0, 3);
      const added = rng.int(1, 4);
      for (let i = 0; i < removed; i++)
        body.push(`-    const ${rng.pick(WORDS)} = ${rng.pick(WORDS)}(${rng.int(0, 99)});`);
      for (let i = 0; i < added; i++)
        body.push(`+    const ${rng.pick(WORDS)} = await ${rng.pick(WORDS)}(${rng.int(0, 99)});`);
      for (let i = 0; i < 3; i++) body.push(` ${rng.pick(['  ', '    '])}${sentence(rng).toLowerCase().slice(0, 60)}`);
      push(`@@ -${start},${6 + removed} +${start},${6 + added} @@ function ${rng.pick(WORDS)}()`, ...body);
    }
  }
  return out.join('\n') + '\n';
}

function htmlPage(rng: Rng, bytes: number): string {
  const parts = [
    '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Session API reference</title>',
    '<script>window.__CONFIG__={"analytics":true,"build":"' + rng.hex(12) + '"}</script>',
    '<style>body{font-family:system-ui}.nav a{color:#06c}</style></head><body>',
    '<nav class="nav">' +
      Array.from({ length: 30 }, (_, i) => `<a href="/docs/page-${i}">Page ${i}</a>`).join(' ') +
      '</nav><main>',
  ];
  let size = parts.join('').length;
  let section = 0;
  while (size < bytes) {
    const p =
      `<h2 id="s${section}">Section ${section}</h2><p>${sentence(rng)} ${sentence(rng)} <code>` +
      `${rng.pick(WORDS)}()</code> ${sentence(rng)}</p><ul>` +
      `${Array.from({ length: 3 }, () => `<li>${sentence(rng)}</li>`).join('')}</ul><div class="ad" data-slot="` +
      `${rng.hex(8)}"><img src="/ads/${rng.hex(10)}.png" alt=""></div>`;
    parts.push(p);
    size += p.length;
    section++;
  }
  parts.push('</main><footer>© 2024 Acme</footer></body></html>');
  return parts.join('\n');
}

function csvTable(rng: Rng, bytes: number): string {
  const out = ['timestamp,service,endpoint,status,latency_ms,bytes,region'];
  let size = out[0].length;
  let t = 1717200000;
  while (size < bytes) {
    t += rng.int(1, 5);
    const status = rng.chance(0.005) ? 500 : rng.pick([200, 200, 200, 201, 204, 304]);
    const l =
      `${new Date(t * 1000).toISOString()},${rng.pick(['api', 'auth', 'cart'])},/v1/${rng.pick(WORDS)},` +
      `${status},${rng.int(3, status === 500 ? 9000 : 300)},${rng.int(200, 90000)},` +
      `${rng.pick(['us-east-1', 'eu-west-1'])}`;
    out.push(l);
    size += l.length + 1;
  }
  return out.join('\n') + '\n';
}

function prose(rng: Rng, bytes: number): string {
  const paras: string[] = [];
  let size = 0;
  while (size < bytes) {
    const p = Array.from({ length: rng.int(3, 7) }, () => sentence(rng)).join(' ');
    paras.push(p);
    size += p.length + 2;
  }
  return paras.join('\n\n') + '\n';
}

export function sample(kind: SampleKind, bytes: number, seed = 7): string {
  const rng = createRng(seed);
  switch (kind) {
    case 'json':
      return jsonRecords(rng, bytes);
    case 'log':
      return quietLogs(rng, bytes);
    case 'search':
      return grepLines(rng, bytes);
    case 'diff':
      return diffText(rng, bytes);
    case 'html':
      return htmlPage(rng, bytes);
    case 'table':
      return csvTable(rng, bytes);
    case 'text':
      return prose(rng, bytes);
  }
}
