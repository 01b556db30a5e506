// The few mocha globals the host suites use, declared here so `npm test` type-checks test/e2e on a fresh clone where
// test/e2e/node_modules (mocha, @types/mocha) is not installed. run.sh checks the same files against the real
// @types/mocha after setup.sh (tsconfig.installed.json), so these cannot drift from it unnoticed.
declare namespace Mocha {
  interface Context {
    timeout(ms: number): this;
  }
  type Func = (this: Context) => void | Promise<void>;
}
declare function describe(title: string, fn: (this: Mocha.Context) => void): void;
declare function it(title: string, fn: Mocha.Func): void;
declare function before(fn: Mocha.Func): void;
declare function after(fn: Mocha.Func): void;
