import type { SyntaxNode } from '../rule';

/**
 * How a JavaScript/TypeScript expression is used: the call it is an argument of, or the name it
 * is bound to. Rules ask this to tell `fetch("http://…")` from `const doc = "http://…"`.
 */
export type ExpressionUse =
  | {
      readonly kind: 'argument';
      readonly callee: string;
      readonly isNew: boolean;
      readonly index: number;
      /** The callee's object when it is a member: `node` of `node.get(…)` (the node, read only if asked). */
      readonly receiver: SyntaxNode | undefined;
    }
  | { readonly kind: 'binding'; readonly name: string };

// Wrappers that keep the value flowing to the same place: `a || "http://…"`, `("…" as string)`,
// `cond ? "…" : "…"`, `["…", "…"]`.
const transparent = new Set([
  'binary_expression',
  'parenthesized_expression',
  'ternary_expression',
  'as_expression',
  'satisfies_expression',
  'non_null_expression',
  'array',
  'type_assertion',
]);

/**
 * @param ancestors `node`'s ancestors, nearest first (`sharedScopes(context).ancestors(node)`):
 * `node.parent` searches down from the root on every call, which a file of many statements makes slow.
 */
export function expressionUse(node: SyntaxNode, ancestors: readonly SyntaxNode[]): ExpressionUse | undefined {
  let current = node;
  for (const [level, parent] of ancestors.entries()) {
    if (transparent.has(parent.type)) {
      current = parent;
      continue;
    }
    switch (parent.type) {
      case 'arguments': {
        const call = ancestors[level + 1];
        if (!call || (call.type !== 'call_expression' && call.type !== 'new_expression')) {
          return undefined;
        }
        const callee = call.childForFieldName(call.type === 'new_expression' ? 'constructor' : 'function');
        const index = parent.namedChildren.findIndex((child) => child?.id === current.id);
        const receiver = callee?.type === 'member_expression' ? (callee.childForFieldName('object') ?? undefined) : undefined;
        return { kind: 'argument', callee: lastSegment(callee), isNew: call.type === 'new_expression', index, receiver };
      }
      case 'variable_declarator':
        return isField(parent, 'value', current) ? binding(parent.childForFieldName('name')) : undefined;
      case 'assignment_expression':
      case 'augmented_assignment_expression':
        return isField(parent, 'right', current) ? binding(parent.childForFieldName('left')) : undefined;
      case 'pair':
        return isField(parent, 'value', current) ? binding(parent.childForFieldName('key')) : undefined;
      case 'public_field_definition':
      case 'field_definition':
        return isField(parent, 'value', current)
          ? binding(parent.childForFieldName('name') ?? parent.childForFieldName('property'))
          : undefined;
      case 'assignment_pattern':
      case 'required_parameter':
      case 'optional_parameter':
        // A default value: `function f(baseUrl = "http://…")`.
        return binding(parent.childForFieldName('left') ?? parent.childForFieldName('pattern'));
      default:
        return undefined;
    }
  }
  return undefined;
}

function isField(parent: SyntaxNode, field: string, child: SyntaxNode): boolean {
  return parent.childForFieldName(field)?.id === child.id;
}

function binding(nameNode: SyntaxNode | null): ExpressionUse | undefined {
  const name = lastSegment(nameNode);
  return name ? { kind: 'binding', name } : undefined;
}

/**
 * The expression inside the `wrappers` around it (parentheses, type assertions…). Each node's type
 * is read once: reading it crosses into WebAssembly, and this runs on most nodes rules look at.
 */
export function unwrapExpression(node: SyntaxNode | null | undefined, wrappers: ReadonlySet<string>): SyntaxNode | undefined {
  let current = node ?? undefined;
  for (let depth = 0; current && depth < 20; depth++) {
    const type = current.type;
    if (!wrappers.has(type)) {
      break;
    }
    const children = current.namedChildren.filter((child): child is SyntaxNode => child !== null && child.type !== 'comment');
    // `<T>x` has the type first; every other wrapper has the value first (`x as T`).
    current = type === 'type_assertion' ? children[children.length - 1] : children[0];
  }
  return current;
}

/** `axios.get` → `get`, `this.baseUrl` → `baseUrl`, `"base-url"` → `base-url`. */
export function lastSegment(node: SyntaxNode | null | undefined): string {
  if (!node) {
    return '';
  }
  switch (node.type) {
    case 'member_expression':
      return node.childForFieldName('property')?.text ?? '';
    case 'subscript_expression':
      return unquote(node.childForFieldName('index')?.text ?? '');
    case 'string':
      return unquote(node.text);
    default:
      return node.text;
  }
}

function unquote(text: string): string {
  return text.replace(/^['"`]|['"`]$/g, '');
}

/** The text between a string literal's delimiters, and where it starts in the file. */
export function stringContent(node: SyntaxNode, text: string): { readonly value: string; readonly offset: number } | undefined {
  if (node.type !== 'string' && node.type !== 'template_string') {
    return undefined;
  }
  const offset = node.startIndex + 1;
  const end = Math.max(offset, node.endIndex - 1);
  return { value: text.slice(offset, end), offset };
}

/** The name a declaration, property, field or assignment gives its value (`a`, `obj.a`, `this.a`, `'a'`). */
export function declaredName(node: SyntaxNode): { name: string; value: SyntaxNode | null } | undefined {
  let nameNode: SyntaxNode | null;
  let value: SyntaxNode | null;
  if (node.type === 'assignment_expression') {
    const left = node.childForFieldName('left');
    nameNode = left?.type === 'member_expression' ? left.childForFieldName('property') : left;
    value = node.childForFieldName('right');
  } else {
    // Class fields: `property` in the JavaScript grammar, `name` in TypeScript's.
    nameNode = node.type === 'pair' ? node.childForFieldName('key') : (node.childForFieldName('name') ?? node.childForFieldName('property'));
    value = node.childForFieldName('value');
  }
  if (!nameNode) {
    return undefined;
  }
  const name = nameNode.type === 'string' ? nameNode.text.slice(1, -1) : nameNode.type === 'identifier' || nameNode.type === 'property_identifier' ? nameNode.text : undefined;
  return name === undefined ? undefined : { name, value };
}
