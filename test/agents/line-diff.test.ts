import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lineDiff } from '../../core/agents/edit/line-diff.js';

test('lineDiff: separate hunks for changes far apart, one for changes close together, /dev/null for new files', () => {
  const before = Array.from({ length: 20 }, (_, i) => `line ${i}`).join('\n') + '\n';
  const after = before.replace('line 1\n', 'line 1\nadded\n').replace('line 18\n', 'line 18 changed\n');
  assert.equal(
    lineDiff('f', before, after),
    '--- f\n+++ f\n@@ -1,5 +1,6 @@\n line 0\n line 1\n+added\n line 2\n line 3\n line 4\n' +
      '@@ -16,5 +17,5 @@\n line 15\n line 16\n line 17\n-line 18\n+line 18 changed\n line 19\n',
  );
  assert.equal(lineDiff('f', null, 'a\n'), '--- /dev/null\n+++ f\n@@ -0,0 +1,1 @@\n+a\n');
  assert.equal(lineDiff('f', 'a\n', 'a\n'), '');
});
