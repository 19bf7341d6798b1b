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

/** A callee read from the text (`f(…)`, `a.b.c(…)`): its nodes are found in the tree on first use. */
class TextCallee implements Callee {
  private fnNode: SyntaxNode | null | undefined;
  private nameNodeValue: SyntaxNode | undefined;
  private receiverNode: SyntaxNode | null | undefined;

  constructor(
    private readonly call: SyntaxNode,
    readonly name: string,
    private readonly member: boolean,
  ) {}

  private fn(): SyntaxNode | null {
    if (this.fnNode === undefined) {
      this.fnNode = this.call.childForFieldName('function');
    }
    return this.fnNode;
  }

  get nameNode(): SyntaxNode {
    if (!this.nameNodeValue) {
      const fn = this.fn();
      this.nameNodeValue = (this.member ? fn?.childForFieldName('property') : fn) ?? this.call;
    }
    return this.nameNodeValue;
  }

  get receiver(): SyntaxNode | null {
    if (!this.member) {
      return null;
    }
    if (this.receiverNode === undefined) {
      this.receiverNode = this.fn()?.childForFieldName('object') ?? null;
    }
    return this.receiverNode;
  }
}

// `a`, `a.b`, `this.a?.b`, `a.#b`: a chain of names, each step one dot (so matching is linear).
const nameChain = /[A-Za-z_$][\w$]*(?:\s*\??\.\s*#?[A-Za-z_$][\w$]*)*/y;
// Words that look like a callee name but are syntax (`import(…)`, `super(…)`): the tree decides.
const notCallees = new Set(['import', 'super', 'new', 'function', 'class', 'typeof', 'void', 'delete', 'await', 'yield', 'in', 'of', 'return', 'case']);

/**
 * The callee of the call starting at `start`, read from the text, when the text is plainly `f(` or
 * `a.b.c(` (names, dots and spaces only); undefined for anything else, which the tree decides.
 * Only for a call that no other call starts within (see `callSites`).
 */
function calleeFromText(text: string, start: number): { name: string; member: boolean } | undefined {
  nameChain.lastIndex = start;
  const match = nameChain.exec(text);
  if (!match) {
    return undefined;
  }
  let at = start + match[0].length;
  while (at < text.length && /\s/.test(text[at])) at++;
  if (text.charCodeAt(at) !== 40 /* ( */) {
    return undefined;
  }
  const chain = match[0];
  const dot = chain.lastIndexOf('.');
  if (dot < 0) {
    return notCallees.has(chain) ? undefined : { name: chain, member: false };
  }
  return { name: chain.slice(dot + 1).trimStart(), member: true };
}

/**
 * Every `call_expression` of the file with its callee, in document order: computed once per parse
 * and shared by the rules. Each node property read crosses into WebAssembly, so callees are read
 * from the text where the text is plain (most calls), and from the tree otherwise.
 */
export function callSites(context: SyntaxContext): readonly CallSite[] {
  const { text } = context;
  return context.shared(callSites, () =>
    context.nodes('call_expression').map((node, i, calls) => {
      // Calls are in document order, outer before inner: a call that another call starts within
      // (`a.b(x).c(y)`, `f(x)(y)`) has a call for its callee, so only the innermost of those that
      // share a start can be read from the text.
      const innermost = calls[i + 1]?.startIndex !== node.startIndex;
      const fromText = innermost ? calleeFromText(text, node.startIndex) : undefined;
      if (fromText) {
        return new CallSite(node, new TextCallee(node, fromText.name, fromText.member), fromText.member);
      }
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
