import type { Provider } from './types.js';
import { providerAdapter } from '../providers/index.js';
import { isObj } from '../providers/shared/obj.js';

/**
 * The latest text the user typed: the question compression keeps answers for. Agent loops send user turns that hold
 * only tool results, so each provider's adapter walks back to the newest user message that has real text.
 */
export function latestUserText(body: unknown, provider: Provider): string {
  return isObj(body) ? providerAdapter(provider).latestUserText(body) : '';
}
