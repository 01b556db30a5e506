// The part of mocha's module the reporter uses (see mocha-globals.d.ts for why it is declared here).
declare namespace MochaModule {
  interface Test {
    fullTitle(): string;
    duration?: number;
  }
  interface Runner {
    on(event: 'pass', fn: (test: Test) => void): this;
    on(event: 'fail', fn: (test: Test, err: unknown) => void): this;
    once(event: 'end', fn: () => void): this;
  }
  interface MochaOptions {
    reporterOptions?: unknown;
  }
  namespace reporters {
    class Spec {
      constructor(runner: Runner, options?: MochaOptions);
    }
  }
}
export = MochaModule;
