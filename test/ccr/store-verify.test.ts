/**
 * Issue 16 item 5: bytes flipped inside a valid store file passed SQLite's checks and a read returned the altered
 * text as if it were the original. Content ids are hashes: every read checks, and refuses what does not match.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { contentId } from '../../core/util/hash.js';
import { DamagedRecordError } from '../../core/ccr/verify-content.js';
import { damageInFile, freshDir, open, originalFile } from './store-helpers.js';

const rec = (content: string) => ({ id: contentId(content), content });
/** `n` pseudo-random lowercase letters: no 64-letter window repeats, so a needle names one place in the text. */
function letters(seed: string, n: number): string {
  let x = [...seed].reduce((h, c) => (h * 31 + c.charCodeAt(0)) >>> 0, 2166136261) || 1;
  let out = '';
  for (let i = 0; i < n; i++) {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    out += String.fromCharCode(97 + (x % 26));
  }
  return out;
}

for (const [name, size] of [
  ['a small record (inside one page)', 300],
  ['a large record (overflow pages)', 200_000],
] as const) {
  test(`${name} altered on disk is refused on read, then gone; its neighbours still read back`, async () => {
    const dir = freshDir();
    const s = await open(dir);
    const victim = rec('VICTIM' + letters('v', size));
    const fragment = rec('FRAGMENT' + letters('f', size)); // a stashed run is stored and read the same way
    const sound = rec('SOUND' + letters('s', size));
    await s.put([victim, fragment, sound]);
    await s.close();

    damageInFile(originalFile(dir, victim.id), victim.content.slice(size >> 1, (size >> 1) + 64));
    damageInFile(originalFile(dir, fragment.id), fragment.content.slice(0, 64));

    const t = await open(dir);
    for (const r of [victim, fragment]) {
      assert.throws(
        () => t.get(r.id),
        (e: unknown) => e instanceof DamagedRecordError && e.id === r.id && /damaged.*re-run the tool/.test(e.message),
      );
      assert.equal(t.get(r.id), undefined, 'discarded: a re-put can store a sound copy');
    }
    assert.equal(t.get(sound.id), sound.content);
    await t.put([victim]);
    assert.equal(t.get(victim.id), victim.content, 'the same text put again is stored afresh');
    await t.close();
  });
}

test('ids that are not content hashes (chosen by a caller) cannot be verified and read back as stored', async () => {
  const dir = freshDir();
  const s = await open(dir);
  await s.put([{ id: 'hr_chosen_by_hand', content: 'HANDPICKED' + letters('h', 200) }]);
  await s.close();
  damageInFile(originalFile(dir, 'hr_chosen_by_hand'), 'HANDPICKED');
  const t = await open(dir);
  assert.match(t.get('hr_chosen_by_hand') ?? '', /^handpicked/);
  await t.close();
});
