import { cryptoRules } from './crypto';
import { httpsRules } from './https';
import { invalidSuppression } from './meta/invalidSuppression';
import type { Rule } from './rule';

/**
 * Every rule the engine runs, in the order the README lists them. Each family (a folder named
 * for the guide section it serves) exports its list from its index.ts.
 */
export const allRules: readonly Rule[] = [...httpsRules, ...cryptoRules, invalidSuppression];

export function findRule(id: string): Rule | undefined {
  return allRules.find((rule) => rule.id === id);
}
