// Mocha reporter for the integration run: the usual spec output, plus results in $HEADROOM_E2E_OUT and the plain
// `N passed, M failed` line CI reads.
import fs from 'node:fs';
import path from 'node:path';
import Mocha from 'mocha';

class HeadroomReporter extends Mocha.reporters.Spec {
  constructor(runner: Mocha.Runner, options?: Mocha.MochaOptions) {
    super(runner, options);
    const summary: { passed: { title: string; ms?: number }[]; failed: { title: string; err: string }[] } = {
      passed: [],
      failed: [],
    };
    runner.on('pass', (t) => summary.passed.push({ title: t.fullTitle(), ms: t.duration }));
    runner.on('fail', (t, err: unknown) =>
      summary.failed.push({ title: t.fullTitle(), err: String((err as Error | undefined)?.stack ?? err) }),
    );
    runner.once('end', () => {
      const out = process.env.HEADROOM_E2E_OUT;
      if (out) {
        fs.mkdirSync(out, { recursive: true });
        fs.writeFileSync(path.join(out, 'integration-results.json'), JSON.stringify(summary, null, 2));
      }
      console.log(`${summary.passed.length} passed, ${summary.failed.length} failed`);
    });
  }
}

// mocha loads a reporter file with require() and takes the module itself as the constructor
export = HeadroomReporter;
