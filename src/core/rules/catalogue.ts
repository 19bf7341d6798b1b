import { plainHttpUrl } from './https/plainHttpUrl';
import type { Rule } from './rule';

/** Every rule the engine runs, in the order the README lists them. */
export const allRules: readonly Rule[] = [plainHttpUrl];

export function findRule(id: string): Rule | undefined {
  return allRules.find((rule) => rule.id === id);
}
