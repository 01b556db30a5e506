import { DamagedRecordError } from '../ccr/verify-content.js';
import { withStore } from './cli-store.js';
import type { CliIo } from './io.js';
import { usageLine } from './usage.js';

/** `headroom retrieve ID`: prints the stored original exactly (no trailing newline added). */
export async function retrieveCommand(argv: string[], io: CliIo): Promise<number> {
  const id = argv[0];
  if (!id || argv.length > 1) {
    io.err(`${usageLine('retrieve')}\n(ID looks like hr_0123456789abcdef, from a marker or \`compress --json\`)`);
    return 2;
  }
  return withStore(io, (store) => {
    let content: string | undefined;
    try {
      content = store.get(id);
    } catch (e) {
      if (!(e instanceof DamagedRecordError)) throw e;
      store.recordRetrieval({ id, time: Date.now(), via: 'cli', found: false });
      io.err(`headroom retrieve: ${e.message}`);
      return 1;
    }
    store.recordRetrieval({ id, time: Date.now(), via: 'cli', found: content !== undefined });
    if (content === undefined) {
      io.err(
        `headroom retrieve: no original stored under "${id}" (unknown id, or it expired); ` +
          `store: ${io.env.HEADROOM_HOME ?? '~/.headroom'}`,
      );
      return 1;
    }
    io.out(content);
    return 0;
  });
}
