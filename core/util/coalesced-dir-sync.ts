import { syncDir } from './sync-dir.js';

interface FolderState {
  /** The fsync in flight. */
  running?: Promise<void>;
  /** The one queued behind it: every caller that came while `running` was already under way shares it. */
  next?: Promise<void>;
}

/**
 * Folder fsyncs shared by the writes that need them (group commit): a rename is durable once an fsync of its folder
 * that started after the rename has finished. A caller gets the fsync in flight only if none is running; otherwise
 * the next one, which starts when the running one ends and serves everyone who asked meanwhile. A burst of N renames
 * in one folder costs two or three fsyncs instead of N, and no caller waits for an fsync that began before its call.
 */
export class CoalescedDirSync {
  private readonly folders = new Map<string, FolderState>();

  constructor(private readonly sync: (dir: string) => Promise<void> = syncDir) {}

  /** Resolves once an fsync of `dir` that started after this call has finished (never rejects, as syncDir). */
  request(dir: string): Promise<void> {
    let s = this.folders.get(dir);
    if (!s) this.folders.set(dir, (s = {}));
    const state = s;
    if (!state.running) return (state.running = this.start(dir, state));
    state.next ??= state.running.then(() => {
      state.next = undefined;
      return (state.running = this.start(dir, state));
    });
    return state.next;
  }

  private start(dir: string, state: FolderState): Promise<void> {
    const p: Promise<void> = this.sync(dir)
      .catch(() => undefined)
      .then(() => {
        if (state.running === p) state.running = undefined;
        if (!state.running && !state.next) this.folders.delete(dir);
      });
    return p;
  }
}
