import type { SyntaxContext, SyntaxNode } from '../rule';

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

/** A class member or method marked `static`. */
function isStatic(member: SyntaxNode): boolean {
  return member.children.some((child) => child?.type === 'static');
}

/** Nodes that name a variable: `x`, and the `x` of a shorthand property `{ x }`. */
function isReference(node: SyntaxNode): boolean {
  return node.type === 'identifier' || node.type === 'shorthand_property_identifier';
}

/** The file's `Scopes`, shared by every rule that runs on the same parse. */
export function sharedScopes(context: SyntaxContext): Scopes {
  return context.shared(Scopes, () => new Scopes(context.tree.rootNode, () => assignedTargets(context)));
}

/**
 * What the file assigns to: variable names (`x = …`, `x += …`, `[x] = …`) and members as
 * `object.property` (`Svc.IV = …` → `Svc.IV`, `this.key = …` → `this.key`). A `let` or class
 * field assigned anywhere is not a constant; one never assigned is.
 */
function assignedTargets(context: SyntaxContext): ReadonlySet<string> {
  const names = new Set<string>();
  for (const assignment of context.nodes('assignment_expression', 'augmented_assignment_expression')) {
    const left = assignment.childForFieldName('left');
    if (left?.type === 'member_expression') {
      const object = left.childForFieldName('object');
      const property = left.childForFieldName('property')?.text;
      if (property && (object?.type === 'identifier' || object?.type === 'this')) {
        names.add(`${object.text}.${property}`);
      }
    } else if (left?.type === 'identifier') {
      names.add(left.text);
    } else if (left) {
      // Destructuring: every name in the pattern.
      for (const name of left.descendantsOfType(['identifier', 'shorthand_property_identifier_pattern'])) {
        if (name) names.add(name.text);
      }
    }
  }
  return names;
}

/**
 * Resolves names within one file. Create one per rule run and share it between lookups: each
 * block's declarations are read once, so resolving many names stays linear in the file size.
 */
export class Scopes {
  /** Per block (by node id): name → its declaration, or null when bound in a way we cannot read. */
  private readonly tables = new Map<number, Map<string, Declaration | null>>();
  private topLevel: SyntaxNode[] | undefined;
  private topLevelEnds: number[] = [];
  private classes: Map<string, SyntaxNode> | undefined;
  private readonly fields = new Map<string, Map<string, SyntaxNode | null>>();
  /** Ancestor chains already found, by node id: several rules ask about the same string or call. */
  private readonly chains = new Map<number, SyntaxNode[]>();

  private assigned: ReadonlySet<string> | undefined;

  /**
   * @param root the tree's root node (ancestors are found from it, see `ancestors`).
   * @param assignedTargets what the file assigns to (see `assignedTargets`), asked for once when a
   *   `let`, `var` or class field is read: those assigned anywhere are not resolved. Without it,
   *   everything counts as assigned and only `const`s resolve.
   */
  constructor(
    private readonly root: SyntaxNode,
    private readonly assignedTargets?: () => ReadonlySet<string>,
  ) {}

  /**
   * The ancestors of `node`, nearest first, ending with the root. tree-sitter keeps no parent
   * pointers: `node.parent` searches down from the root through every earlier top-level statement,
   * so walking up with it costs the file's length per step. This finds the top-level statement by
   * binary search and descends from it with `childWithDescendant`, one step per level.
   */
  ancestors(node: SyntaxNode): readonly SyntaxNode[] {
    let chain = this.chains.get(node.id);
    if (!chain) {
      chain = this.findAncestors(node);
      this.chains.set(node.id, chain);
    }
    return chain;
  }

  private findAncestors(node: SyntaxNode): SyntaxNode[] {
    if (node.id === this.root.id) {
      return [];
    }
    const top = this.topLevelStatementOf(node);
    if (top) {
      const chain: SyntaxNode[] = [this.root];
      for (let current: SyntaxNode | null = top; current && chain.length < 1000; current = current.childWithDescendant(node)) {
        if (current.id === node.id) {
          return chain.reverse();
        }
        chain.push(current);
      }
    }
    // Zero-width or odd nodes: the slow way.
    const ancestors: SyntaxNode[] = [];
    for (let parent = node.parent; parent; parent = parent.parent) {
      ancestors.push(parent);
    }
    return ancestors;
  }

  private topLevelStatementOf(node: SyntaxNode): SyntaxNode | undefined {
    const at = this.topLevelIndexAt(node.startIndex);
    return at >= 0 && this.topLevelEnds[at] >= node.endIndex ? this.topLevel?.[at] : undefined;
  }

  /** The index of the top-level statement holding `offset`, by binary search over the program's children; -1 if none. */
  private topLevelIndexAt(offset: number): number {
    if (!this.topLevel) {
      this.topLevel = this.root.children.filter((child): child is SyntaxNode => child !== null);
      // Read once: each `endIndex` crosses into WebAssembly, and every search reads a dozen.
      this.topLevelEnds = this.topLevel.map((statement) => statement.endIndex);
    }
    const statements = this.topLevel;
    const ends = this.topLevelEnds;
    let low = 0;
    let high = statements.length - 1;
    while (low <= high) {
      const middle = (low + high) >> 1;
      if (ends[middle] <= offset) {
        low = middle + 1;
      } else if (statements[middle].startIndex > offset) {
        high = middle - 1;
      } else {
        return middle;
      }
    }
    return -1;
  }

  /**
   * The smallest node spanning `start`..`end` (offsets in the text), found from its top-level
   * statement: `rootNode.descendantForIndex` walks the program's statements one by one.
   */
  nodeSpanning(start: number, end: number): SyntaxNode | null {
    const at = this.topLevelIndexAt(start);
    const statement = at >= 0 && this.topLevelEnds[at] >= end ? this.topLevel?.[at] : undefined;
    return statement ? statement.descendantForIndex(start, end) : this.root.descendantForIndex(start, end);
  }

  /** The declaration `identifier` refers to, if the file makes it plain; else undefined. */
  find(identifier: SyntaxNode): Declaration | undefined {
    if (!isReference(identifier)) {
      return undefined;
    }
    const name = identifier.text;
    for (const scope of this.ancestors(identifier)) {
      if (functionTypes.has(scope.type) && bindsParameter(scope, name)) {
        return undefined;
      }
      if (scope.type === 'catch_clause' && scope.childForFieldName('parameter')?.text === name) {
        return undefined;
      }
      if (!scopeTypes.has(scope.type)) {
        continue;
      }
      const table = this.tableOf(scope);
      if (table.has(name)) {
        return table.get(name) ?? undefined;
      }
    }
    return undefined;
  }

  /**
   * The initialiser of the `const` that `node` names (or of a `let`/`var`, or a class field read as
   * `Cls.NAME`/`this.NAME`, that the file never assigns again), following up to three hops;
   * `node` itself when it is not a name. Undefined for a name we cannot resolve so.
   */
  constValue(node: SyntaxNode | null | undefined): SyntaxNode | undefined {
    let current = node ?? undefined;
    for (let hops = 0; current; hops++) {
      let next: SyntaxNode | undefined;
      if (isReference(current)) {
        const declaration = hops < 3 ? this.find(current) : undefined;
        // A `let` or `var` nothing assigns to again is as constant as a `const`.
        if (!declaration?.value || (declaration.kind !== 'const' && this.assignedTo(current.text))) {
          return undefined;
        }
        next = declaration.value;
      } else {
        // `Cls.KEY`, `this.KEY`: a class field written in this file, as TypeScript code keeps its constants.
        next = current.type === 'member_expression' && hops < 3 ? this.fieldValue(current) : undefined;
        if (!next) {
          return current;
        }
      }
      current = next;
    }
    return current;
  }

  /**
   * The initialiser of the class field `member` reads: `Cls.NAME` for a static field of a class
   * declared at the top of this file, `this.NAME` in a method of the class (a static field in a
   * static method, an instance field in the others). Undefined for anything else, or a name the
   * class declares twice.
   */
  private fieldValue(member: SyntaxNode): SyntaxNode | undefined {
    const object = member.childForFieldName('object');
    const property = member.childForFieldName('property');
    let body: SyntaxNode | undefined;
    let className: string | undefined;
    let wantStatic = true;
    if (object?.type === 'identifier') {
      // Class names are capitalised: `config.secret` is not looked up.
      className = object.text;
      body = /^[A-Z]/.test(className) ? this.classBodies().get(className) : undefined;
    } else if (object?.type === 'this') {
      // The method `this` belongs to (arrow functions keep their method's), and the class around it.
      const ancestors = this.ancestors(member);
      const at = ancestors.findIndex((ancestor) => functionTypes.has(ancestor.type) && ancestor.type !== 'arrow_function');
      const method = ancestors[at];
      if (method?.type === 'method_definition' && ancestors[at + 1]?.type === 'class_body') {
        body = ancestors[at + 1];
        className = ancestors[at + 2]?.childForFieldName('name')?.text;
        wantStatic = isStatic(method);
      }
    }
    if (!body || !property) {
      return undefined;
    }
    // Assigned anywhere, through the class or through `this`: not a constant.
    if (this.assignedTo(`this.${property.text}`) || (className !== undefined && this.assignedTo(`${className}.${property.text}`))) {
      return undefined;
    }
    return this.fieldsOf(body, wantStatic).get(property.text) ?? undefined;
  }

  /**
   * A class body's static (or instance) fields, name → initialiser; null for a name declared twice
   * or without a value. Read once per class: rules ask about many fields of the same class.
   */
  private fieldsOf(body: SyntaxNode, statics: boolean): ReadonlyMap<string, SyntaxNode | null> {
    const key = `${body.id}:${statics}`;
    let fields = this.fields.get(key);
    if (!fields) {
      fields = new Map();
      for (const field of body.namedChildren) {
        if (field?.type !== 'field_definition' && field?.type !== 'public_field_definition') {
          continue;
        }
        const name = (field.childForFieldName('property') ?? field.childForFieldName('name'))?.text;
        if (name === undefined || isStatic(field) !== statics) {
          continue;
        }
        fields.set(name, fields.has(name) ? null : (field.childForFieldName('value') ?? null));
      }
      this.fields.set(key, fields);
    }
    return fields;
  }

  /** Whether the file assigns to the variable or `object.property` named so anywhere (see `assignedTargets`). */
  private assignedTo(target: string): boolean {
    if (!this.assignedTargets) {
      return true;
    }
    this.assigned ??= this.assignedTargets();
    return this.assigned.has(target);
  }

  /** The bodies of the classes declared at the top of the file (exported or not), by name. */
  private classBodies(): ReadonlyMap<string, SyntaxNode> {
    if (!this.classes) {
      this.classes = new Map();
      this.topLevel ??= this.root.children.filter((child): child is SyntaxNode => child !== null);
      for (const statement of this.topLevel) {
        const declaration = statement.type === 'export_statement' ? statement.childForFieldName('declaration') : statement;
        if (declaration?.type === 'class_declaration' || declaration?.type === 'abstract_class_declaration') {
          const name = declaration.childForFieldName('name')?.text;
          const body = declaration.childForFieldName('body');
          if (name && body) {
            this.classes.set(name, body);
          }
        }
      }
    }
    return this.classes;
  }

  private tableOf(scope: SyntaxNode): Map<string, Declaration | null> {
    let table = this.tables.get(scope.id);
    if (!table) {
      table = declarationsIn(scope);
      this.tables.set(scope.id, table);
    }
    return table;
  }
}

function bindsParameter(fn: SyntaxNode, name: string): boolean {
  const parameters = fn.childForFieldName('parameters') ?? fn.childForFieldName('parameter');
  return parameters ? patternBinds(parameters, name) : false;
}

/** Whether a binding pattern (identifier, object/array pattern, parameter list) binds `name`. */
function patternBinds(pattern: SyntaxNode, name: string): boolean {
  const names: string[] = [];
  boundNames(pattern, names);
  return names.includes(name);
}

/** The names a binding pattern binds. */
function boundNames(pattern: SyntaxNode, into: string[]): void {
  switch (pattern.type) {
    case 'identifier':
    case 'shorthand_property_identifier_pattern':
      into.push(pattern.text);
      return;
    // Default values are expressions, not bindings: `{ a = b }` binds a only.
    case 'assignment_pattern':
    case 'object_assignment_pattern': {
      const left = pattern.childForFieldName('left');
      if (left) {
        boundNames(left, into);
      }
      return;
    }
    case 'pair_pattern': {
      const value = pattern.childForFieldName('value');
      if (value) {
        boundNames(value, into);
      }
      return;
    }
    case 'required_parameter':
    case 'optional_parameter': {
      const inner = pattern.childForFieldName('pattern');
      if (inner) {
        boundNames(inner, into);
      }
      return;
    }
    case 'formal_parameters':
    case 'object_pattern':
    case 'array_pattern':
    case 'rest_pattern':
      for (const child of pattern.namedChildren) {
        if (child) {
          boundNames(child, into);
        }
      }
      return;
    default:
      return;
  }
}

/** The names declared directly in a block: readable `const`/`let`/`var` declarations, null for the rest. */
function declarationsIn(scope: SyntaxNode): Map<string, Declaration | null> {
  const table = new Map<string, Declaration | null>();
  const declare = (name: string, declaration: Declaration | null): void => {
    // The first declaration wins; a redeclaration (`var x` twice) makes the name unreadable.
    table.set(name, table.has(name) ? null : declaration);
  };
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
        const pattern = declarator?.type === 'variable_declarator' ? declarator.childForFieldName('name') : null;
        if (!declarator || !pattern) {
          continue;
        }
        if (pattern.type === 'identifier') {
          declare(pattern.text, { kind, name: pattern, value: declarator.childForFieldName('value') });
        } else {
          const names: string[] = [];
          boundNames(pattern, names);
          names.forEach((name) => declare(name, null));
        }
      }
    } else if (declaration.type === 'function_declaration' || declaration.type === 'class_declaration') {
      const name = declaration.childForFieldName('name')?.text;
      if (name) {
        declare(name, null);
      }
    }
  }
  return table;
}
