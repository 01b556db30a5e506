// Mocha reporter for the integration run: the usual spec output, plus results in $HEADROOM_E2E_OUT and the plain
// `N passed, M failed` line CI reads.
const fs = require('fs');
const path = require('path');
const Mocha = require('mocha');

class HeadroomReporter extends Mocha.reporters.Spec {
  constructor(runner, options) {
    super(runner, options);
    const summary = { passed: [], failed: [] };
    runner.on('pass', (t) => summary.passed.push({ title: t.fullTitle(), ms: t.duration }));
    runner.on('fail', (t, err) =>
      summary.failed.push({ title: t.fullTitle(), err: String((err && err.stack) || err) }),
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

module.exports = HeadroomReporter;
