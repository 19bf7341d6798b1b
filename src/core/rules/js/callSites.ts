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
    /** The callee is `a.name` (not `a['name']`). */
    member: boolean,
  ) {
    // A member's property is a plain name unless it is private (`#name`): its text says so, which
    // is cheaper than asking the tree for the name's type.
    this.method = callee && member && !callee.name.startsWith('#') ? callee.name : undefined;
    this.plain = !member && callee && callee.receiver === null ? callee.name : undefined;
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

/** `object.name(…)`: the receiver is read from the tree only when a rule asks for it. */
class MemberCallee implements Callee {
  readonly name: string;
  private receiverNode: SyntaxNode | null | undefined;

  constructor(
    private readonly member: SyntaxNode,
    readonly nameNode: SyntaxNode,
  ) {
    this.name = nameNode.text;
  }

  get receiver(): SyntaxNode | null {
    if (this.receiverNode === undefined) {
      this.receiverNode = this.member.childForFieldName('object');
    }
    return this.receiverNode;
  }
}

/**
 * Every `call_expression` of the file with its callee, in document order: computed once per parse
 * and shared by the rules. Each node property read crosses into WebAssembly, so a callee read
 * once instead of once per rule is most of what the rules cost.
 */
export function callSites(context: SyntaxContext): readonly CallSite[] {
  return context.shared(callSites, () =>
    context.nodes('call_expression').map((node) => {
      const fn = node.childForFieldName('function');
      const type = fn?.type;
      if (fn && type === 'identifier') {
        return new CallSite(node, { receiver: null, name: fn.text, nameNode: fn }, false);
      }
      if (fn && type === 'member_expression') {
        const property = fn.childForFieldName('property');
        return new CallSite(node, property ? new MemberCallee(fn, property) : undefined, true);
      }
      return new CallSite(node, calleeOf(node), false);
    }),
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
