import { contentId } from '../util/hash.js';

/**
 * Which stored records can be checked against their id, and the error for one that fails.
 *
 * Every CCR record the engine writes (an original, or a fragment a compressor stashed) is keyed by
 * `contentId(content)`, so a read can prove it returns exactly what was put: a store file altered on disk (a bad
 * sector, a stray write, a hand edit) still passes SQLite's structural checks, but not this one. Ids of another
 * shape carry no hash and are returned as stored: ids a library caller or a test chose by hand. Memo entries
 * (keyed by a hash of their input, not of the stored output), request logs and shared-context memory are not
 * content-addressed either and are not checked here.
 */
const CONTENT_ID = /^hr_[0-9a-f]{16}$/;

/** True when `id` has contentId's shape, i.e. it names its content's hash and a read can be verified. */
export function isContentAddressed(id: string): boolean {
  return CONTENT_ID.test(id);
}

/** True when `content` is what `id` promises (always true for ids that are not content hashes). */
export function matchesId(id: string, content: string): boolean {
  return !isContentAddressed(id) || contentId(content) === id;
}

/** A stored record whose content no longer hashes to its id: refused, never returned as if exact. */
export class DamagedRecordError extends Error {
  constructor(
    readonly id: string,
    readonly file: string,
  ) {
    super(
      `the original stored under "${id}" is damaged ` +
        `(its text no longer matches its id: ${file} was altered on disk), ` +
        'so it was refused and discarded; re-run the tool that produced it to get the text again',
    );
    this.name = 'DamagedRecordError';
  }
}
