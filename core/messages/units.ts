import type { Provider, Unit } from './types.js';
import { providerAdapter } from '../providers/index.js';
import { isObj } from '../providers/shared/obj.js';

/**
 * Finds the tool-result texts of a request body (each provider's adapter knows where they are; odd shapes give none).
 */
export function findUnits(body: unknown, provider: Provider): Unit[] {
  return isObj(body) ? providerAdapter(provider).findUnits(body) : [];
}
