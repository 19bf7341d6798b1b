import { complianceRules } from './compliance';
import { cryptoRules } from './crypto';
import { errorRules } from './errors';
import { httpsRules } from './https';
import { keysRules } from './keys';
import { invalidSuppression } from './meta/invalidSuppression';
import type { Rule } from './rule';
import { sessionRules } from './sessions';
import { tlsRules } from './tls';

/**
 * Every rule the engine runs, in the order the README lists them. Each family (a folder named
 * for the guide section it serves) exports its list from its index.ts.
 */
export const allRules: readonly Rule[] = [
  ...httpsRules,
  ...tlsRules,
  ...keysRules,
  ...cryptoRules,
  ...errorRules,
  ...sessionRules,
  ...complianceRules,
  invalidSuppression,
];

export function findRule(id: string): Rule | undefined {
  return allRules.find((rule) => rule.id === id);
}
