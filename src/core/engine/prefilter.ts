import type { Rule } from '../rules/rule';

/**
 * The rules that can possibly match `text`: those with at least one of their literals in it
 * (case-insensitive). A plain substring search is far cheaper than a parse, and most files
 * contain none of the literals of most rules.
 */
export function rulesForText<R extends Pick<Rule, 'literals'>>(rules: readonly R[], text: string): R[] {
  if (rules.length === 0) {
    return [];
  }
  const lower = text.toLowerCase();
  return rules.filter((rule) => rule.literals.length === 0 || rule.literals.some((literal) => lower.includes(literal)));
}
