import type { SyntaxContext, SyntaxNode } from '../rule';
import { calleeOf, type Callee } from './moduleBindings';

/** A call with its callee read once: rules filter these in plain JavaScript. */
export class CallSite {
  /** `b` of `a.b(…)` (a plain property name). */
  readonly method: string | undefined;
  /** `f` of `f(…)`. */
  readonly plain: string | undefined;
  private argumentList: readonly SyntaxNode[] | undefined;

  constructor(
    readonly node: SyntaxNode,
    readonly callee: Callee | undefined,
  ) {
    this.method = callee?.receiver && callee.nameNode.type === 'property_identifier' ? callee.name : undefined;
    this.plain = callee && !callee.receiver ? callee.name : undefined;
  }

  /** The arguments without comments, read on first use (most calls are never asked). */
  get args(): readonly SyntaxNode[] {
    if (!this.argumentList) {
      const list = this.node.childForFieldName('arguments');
      this.argumentList = list ? list.namedChildren.filter((child): child is SyntaxNode => child !== null && child.type !== 'comment') : [];
    }
    return this.argumentList;
  }
}

/**
 * Every `call_expression` of the file with its callee, in document order: computed once per parse
 * and shared by the rules. Each node property read crosses into WebAssembly, so a callee read
 * once instead of once per rule is most of what the rules cost.
 */
export function callSites(context: SyntaxContext): readonly CallSite[] {
  return context.shared(callSites, () =>
    context.nodes('call_expression').map((node) => new CallSite(node, calleeOf(node))),
  );
}

/** The call site of a `call_expression` node of this parse (by node id). */
export function callSiteOf(context: SyntaxContext, call: SyntaxNode): CallSite | undefined {
  const byId = context.shared(callSiteOf, () => new Map(callSites(context).map((site) => [site.node.id, site])));
  return byId.get(call.id);
}

/** Two lists of nodes, each in document order, merged into one in document order. */
export function inDocumentOrder(a: readonly SyntaxNode[], b: readonly SyntaxNode[]): SyntaxNode[] {
  const merged: SyntaxNode[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (j >= b.length || (i < a.length && a[i].startIndex <= b[j].startIndex)) {
      merged.push(a[i++]);
    } else {
      merged.push(b[j++]);
    }
  }
  return merged;
}
