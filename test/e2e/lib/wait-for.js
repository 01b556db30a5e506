/**
 * Polls `fn` until it returns something truthy (returned), or throws after `timeoutMs` saying what it waited for.
 * The host suites use it where the real VS Code host offers no event to wait on (the proxy coming up, a setting
 * taking effect).
 */
async function waitFor(what, fn, timeoutMs = 15000) {
  const end = Date.now() + timeoutMs;
  let last;
  while (Date.now() < end) {
    last = await fn();
    if (last) return last;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out waiting for ${what} (last: ${JSON.stringify(last)})`);
}

module.exports = { waitFor };
