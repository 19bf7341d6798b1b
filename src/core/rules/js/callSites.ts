import type { SyntaxContext, SyntaxNode } from '../rule';
import { calleeOf, type Callee } from './moduleBindings';

/** A call with its callee read once: rules filter these in plain JavaScript. */
export interface CallSite {
  readonly node: SyntaxNode;
  readonly callee: Callee | undefined;
  /** `b` of `a.b(…)` (a plain property name). */
  readonly method: string | undefined;
  /** `f` of `f(…)`. */
  readonly plain: string | undefined;
}

/**
 * Every `call_expression` of the file with its callee, in document order: computed once per parse
 * and shared by the rules. Each node property read crosses into WebAssembly, so a callee read
 * once instead of once per rule is most of what the rules cost.
 */
export function callSites(context: SyntaxContext): readonly CallSite[] {
  return context.shared(callSites, () =>
    context.nodes('call_expression').map((node): CallSite => {
      const callee = calleeOf(node);
      const method = callee?.receiver && callee.nameNode.type === 'property_identifier' ? callee.name : undefined;
      return { node, callee, method, plain: callee && !callee.receiver ? callee.name : undefined };
    }),
  );
}

/** The call site of a `call_expression` node of this parse (by node id). */
export function callSiteOf(context: SyntaxContext, call: SyntaxNode): CallSite | undefined {
  const byId = context.shared(callSiteOf, () => new Map(callSites(context).map((site) => [site.node.id, site])));
  return byId.get(call.id);
}
