import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCommand } from './run-command.js';
import type { RealContext, RealRun } from './types.js';

/**
 * `tsc --noEmit` on a small strict project with the errors a refactor leaves behind: an export renamed under forty
 * importers (the same error forty times) and a file of assorted type errors. The compiler is the repo's own
 * TypeScript (what `npx tsc` resolves to), run in the project folder so paths print as `src/...`.
 */
const VIEWS = [
  'profile',
  'settings',
  'orders',
  'invoices',
  'team',
  'billing',
  'audit',
  'search',
  'reports',
  'admin',
].flatMap((v) => [v, `${v}Detail`, `${v}List`, `${v}Export`]);

const API = `export interface User {
  id: string;
  name: string;
  email: string;
  createdAt: Date;
}

export async function fetchUserById(id: string): Promise<User> {
  const res = await fetch(\`/api/users/\${id}\`);
  return (await res.json()) as User;
}
`;

const view = (name: string): string => `import { fetchUser } from '../api';

export async function render${name[0].toUpperCase()}${name.slice(1)}(userId: string): Promise<string> {
  const user = await fetchUser(userId);
  return \`<h1>${name}</h1><p>\${user.name}</p>\`;
}
`;

const CART = `import type { User } from './api';

interface Item {
  sku: string;
  price: number;
  quantity: number;
  discount?: number;
}

interface Cart {
  owner: User;
  items: Item[];
  total: number;
}

export function addItem(cart: Cart, sku: string, price: string): Cart {
  const item: Item = { sku, price, quantity: 1 };
  cart.items.push(item);
  return cart;
}

export function lineTotal(item: Item): number {
  return item.price * item.quantity - item.discount;
}

export function cartTotal(cart: Cart): number {
  return cart.totl;
}

export function applyCoupon(cart: Cart, code) {
  return code.length > 0 ? cart : cart;
}

export function format(amount: number, currency: string): string {
  return amount.toFixed(2) + ' ' + currency;
}

export function summary(cart: Cart): string {
  return format(cartTotal(cart));
}

export function guest(): User {
  return { id: 'guest', name: 'Guest', createdAt: new Date(0) };
}

export function isEmpty(cart: Cart): boolean {
  return cart.items.length === '0';
}
`;

const CLEAN = `export function clamp(n: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, n));
}
`;

export function tscErrors(ctx: RealContext): RealRun {
  const command = 'npx tsc --noEmit';
  const dir = join(ctx.scratch, 'tsc-project');
  mkdirSync(join(dir, 'src', 'views'), { recursive: true });
  writeFileSync(
    join(dir, 'tsconfig.json'),
    JSON.stringify(
      {
        compilerOptions: {
          strict: true,
          noEmit: true,
          target: 'ES2022',
          module: 'ESNext',
          moduleResolution: 'Bundler',
          lib: ['ES2022', 'DOM'],
          skipLibCheck: true,
          types: [],
        },
        include: ['src'],
      },
      null,
      2,
    ),
  );
  writeFileSync(join(dir, 'src', 'api.ts'), API);
  writeFileSync(join(dir, 'src', 'cart.ts'), CART);
  writeFileSync(join(dir, 'src', 'util.ts'), CLEAN);
  for (const v of VIEWS) writeFileSync(join(dir, 'src', 'views', `${v}.ts`), view(v));
  const tsc = join(ctx.root, 'node_modules', 'typescript', 'bin', 'tsc');
  const r = runCommand(process.execPath, [tsc, '--noEmit'], { cwd: dir, timeoutMs: 60_000 });
  if (!r.ok) return { skipped: r.note ?? 'tsc did not run', command };
  const text = r.stdout;
  const errors = [...text.matchAll(/^(\S+)\((\d+),(\d+)\): error (TS\d+):/gm)];
  if (errors.length === 0) return { skipped: `tsc printed no errors (exit ${r.status})`, command };
  // facts: every error code, and where each one is (the forty identical TS2305s: their first location)
  const facts: string[] = [];
  const seenCodes = new Set<string>();
  for (const m of errors) {
    const [, file, line, col, code] = m;
    if (seenCodes.has(code)) continue;
    seenCodes.add(code);
    facts.push(code, `${file}(${line},${col})`);
  }
  return {
    workload: {
      id: 'tsc',
      title: 'tsc --noEmit (temp project with errors)',
      command,
      question: 'Which type errors does the project have, and where (file, line, error code)?',
      source: 'real',
      units: [{ name: command, text, facts }],
    },
  };
}
