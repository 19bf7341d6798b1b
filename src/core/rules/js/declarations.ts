import type { SyntaxNode } from '../rule';

/**
 * Same-file name resolution for JavaScript/TypeScript, deliberately small: the declaration an
 * identifier refers to, found by walking out through the enclosing blocks. A parameter, a
 * destructured name or anything we cannot see resolves to nothing, so rules stay quiet on what
 * they cannot prove.
 */
export interface Declaration {
  readonly kind: 'const' | 'let' | 'var';
  /** The declared identifier. */
  readonly name: SyntaxNode;
  /** The initialiser, if any. */
  readonly value: SyntaxNode | null;
}

const functionTypes = new Set([
  'function_declaration',
  'function_expression',
  'function',
  'arrow_function',
  'method_definition',
  'generator_function_declaration',
  'generator_function',
]);

const scopeTypes = new Set(['program', 'statement_block', 'class_static_block']);

/** Nodes that name a variable: `x`, and the `x` of a shorthand property `{ x }`. */
function isReference(node: SyntaxNode): boolean {
  return node.type === 'identifier' || node.type === 'shorthand_property_identifier';
}

/** The declaration `identifier` refers to, if the file makes it plain; else undefined. */
export function findDeclaration(identifier: SyntaxNode): Declaration | undefined {
  if (!isReference(identifier)) {
    return undefined;
  }
  const name = identifier.text;
  for (let scope = identifier.parent; scope; scope = scope.parent) {
    if (functionTypes.has(scope.type) && bindsParameter(scope, name)) {
      return undefined;
    }
    if (scope.type === 'catch_clause' && scope.childForFieldName('parameter')?.text === name) {
      return undefined;
    }
    if (!scopeTypes.has(scope.type)) {
      continue;
    }
    const found = declarationIn(scope, name);
    if (found !== null) {
      return found;
    }
  }
  return undefined;
}

/**
 * The initialiser of the `const` that `node` names, following up to three `const a = b` hops;
 * `node` itself when it is not an identifier. Undefined for an identifier we cannot resolve to a
 * `const` with a value.
 */
export function constValue(node: SyntaxNode | null | undefined): SyntaxNode | undefined {
  let current = node ?? undefined;
  for (let hops = 0; current && isReference(current); hops++) {
    if (hops === 3) {
      return undefined;
    }
    const declaration = findDeclaration(current);
    if (!declaration || declaration.kind !== 'const' || !declaration.value) {
      return undefined;
    }
    current = declaration.value;
  }
  return current;
}

function bindsParameter(fn: SyntaxNode, name: string): boolean {
  const parameters = fn.childForFieldName('parameters') ?? fn.childForFieldName('parameter');
  return parameters ? patternBinds(parameters, name) : false;
}

/** Whether a binding pattern (identifier, object/array pattern, parameter list) binds `name`. */
function patternBinds(pattern: SyntaxNode, name: string): boolean {
  if (pattern.type === 'identifier' || pattern.type === 'shorthand_property_identifier_pattern') {
    return pattern.text === name;
  }
  // Default values are expressions, not bindings: `{ a = b }` binds a only.
  if (pattern.type === 'assignment_pattern' || pattern.type === 'object_assignment_pattern') {
    const left = pattern.childForFieldName('left');
    return left ? patternBinds(left, name) : false;
  }
  if (pattern.type === 'pair_pattern') {
    const value = pattern.childForFieldName('value');
    return value ? patternBinds(value, name) : false;
  }
  if (pattern.type === 'required_parameter' || pattern.type === 'optional_parameter') {
    const inner = pattern.childForFieldName('pattern');
    return inner ? patternBinds(inner, name) : false;
  }
  if (
    pattern.type === 'formal_parameters' ||
    pattern.type === 'object_pattern' ||
    pattern.type === 'array_pattern' ||
    pattern.type === 'rest_pattern'
  ) {
    return pattern.namedChildren.some((child) => child !== null && patternBinds(child, name));
  }
  return false;
}

/** The declaration of `name` directly in `scope`; undefined if bound but unresolvable; null if absent. */
function declarationIn(scope: SyntaxNode, name: string): Declaration | undefined | null {
  for (const statement of scope.namedChildren) {
    let declaration = statement;
    if (declaration?.type === 'export_statement') {
      declaration = declaration.childForFieldName('declaration');
    }
    if (!declaration) {
      continue;
    }
    if (declaration.type === 'lexical_declaration' || declaration.type === 'variable_declaration') {
      const keyword = declaration.child(0)?.type;
      const kind = keyword === 'const' ? 'const' : keyword === 'let' ? 'let' : 'var';
      for (const declarator of declaration.namedChildren) {
        if (declarator?.type !== 'variable_declarator') {
          continue;
        }
        const pattern = declarator.childForFieldName('name');
        if (!pattern || !patternBinds(pattern, name)) {
          continue;
        }
        return pattern.type === 'identifier' ? { kind, name: pattern, value: declarator.childForFieldName('value') } : undefined;
      }
    } else if (
      (declaration.type === 'function_declaration' || declaration.type === 'class_declaration') &&
      declaration.childForFieldName('name')?.text === name
    ) {
      return undefined;
    }
  }
  return null;
}

/**
 * The identifiers in the declaring scope that refer to `declaration` (not the declaration's own
 * name). Walks the scope's subtree once; meant for the few values a rule is about to report.
 */
export function referencesTo(declaration: Declaration): SyntaxNode[] {
  let scope = declaration.name.parent;
  while (scope && !scopeTypes.has(scope.type)) {
    scope = scope.parent;
  }
  if (!scope) {
    return [];
  }
  const name = declaration.name.text;
  return scope
    .descendantsOfType(['identifier', 'shorthand_property_identifier'])
    .filter((node): node is SyntaxNode => node !== null && node.text === name && node.id !== declaration.name.id)
    .filter((node) => findDeclaration(node)?.name.id === declaration.name.id);
}
