import type { SyntaxNode } from '../rule';
import type { Scopes } from './declarations';

/**
 * What a search makes of one node: a result (`{ found }`), `null` to look no further inside it,
 * the nodes to look at instead of its children, or `undefined` for its children (and, for a name,
 * the value of the same-file `const` it names).
 */
export type SearchStep<T> = { readonly found: T } | null | readonly SyntaxNode[] | undefined;

const leaves = new Set(['comment', 'string', 'regex', 'number']);

/**
 * Searches an expression depth-first, left to right, for the first node `visit` accepts: the
 * pieces of `` `${salt}:${pwd}` ``, `req.body.password`, `String(pan)`, and through a same-file
 * `const` once (`const input = salt + pwd; md5(input)`). Literals are never looked into. Bounded:
 * no more than `budget` nodes, so a huge expression costs no more than a small one.
 */
export function searchExpression<T>(
  scopes: Scopes,
  expression: SyntaxNode | null | undefined,
  visit: (node: SyntaxNode) => SearchStep<T>,
  budget = 400,
): T | undefined {
  const stack: Array<{ node: SyntaxNode; followConst: boolean }> = expression ? [{ node: expression, followConst: true }] : [];
  while (stack.length > 0 && budget-- > 0) {
    const { node, followConst } = stack.pop()!;
    if (leaves.has(node.type)) {
      continue;
    }
    const step = visit(node);
    if (step === null) {
      continue;
    }
    if (step !== undefined && !Array.isArray(step)) {
      return (step as { readonly found: T }).found;
    }
    let next: readonly (SyntaxNode | null)[];
    if (Array.isArray(step)) {
      next = step;
    } else if (node.type === 'identifier' || node.type === 'shorthand_property_identifier') {
      const value = followConst ? scopes.constValue(node) : undefined;
      next = value && value.id !== node.id ? [value] : [];
      for (const child of next) {
        if (child) stack.push({ node: child, followConst: false });
      }
      continue;
    } else {
      next = node.namedChildren;
    }
    for (let i = next.length - 1; i >= 0; i--) {
      const child = next[i];
      if (child) stack.push({ node: child, followConst });
    }
  }
  return undefined;
}
