import type { SyntaxNode, SyntaxTree } from './treeSitter';

/**
 * The node types rules look up in a JavaScript/TypeScript tree. One `descendantsOfType` pass
 * collects all of them: a pass over the whole tree costs the same whatever it looks for (about
 * 1.5 ms per 1,000 lines in WebAssembly), so twenty rules each running their own query cost
 * twenty passes. Types a grammar lacks are simply never found.
 */
export const indexedNodeTypes = [
  'string',
  'template_string',
  'call_expression',
  'new_expression',
  'pair',
  'assignment_expression',
  'augmented_assignment_expression',
  'variable_declarator',
  'import_statement',
  'method_definition',
  // Class fields: the JavaScript grammar calls them field_definition, TypeScript's public_field_definition.
  'field_definition',
  'public_field_definition',
] as const;

export type IndexedNodeType = (typeof indexedNodeTypes)[number];

/**
 * Per-parse lookup of nodes by type, in document order, plus a cache for what rules derive from
 * the tree (import bindings, same-file constants): built on first use, shared by every rule that
 * runs on this parse, gone with it.
 */
export class SyntaxIndex {
  private byType: Map<string, SyntaxNode[]> | undefined;
  private all: SyntaxNode[] | undefined;
  /** The type of each node of `all` (reading `node.type` again would cross into WebAssembly). */
  private allTypes: string[] = [];
  private readonly merged = new Map<string, readonly SyntaxNode[]>();
  private readonly derived = new Map<unknown, unknown>();

  constructor(private readonly tree: SyntaxTree) {}

  /** The nodes of the given types, in document order (outer before inner at the same start). */
  nodes(...types: IndexedNodeType[]): readonly SyntaxNode[] {
    this.build();
    if (types.length === 1) {
      return this.byType?.get(types[0]) ?? [];
    }
    const key = types.join(' ');
    let nodes = this.merged.get(key);
    if (!nodes) {
      const wanted = new Set<string>(types);
      nodes = (this.all ?? []).filter((_, i) => wanted.has(this.allTypes[i]));
      this.merged.set(key, nodes);
    }
    return nodes;
  }

  /** `compute()` once per parse under `key` (a function or another module-level constant). */
  shared<T>(key: object, compute: () => T): T {
    if (!this.derived.has(key)) {
      this.derived.set(key, compute());
    }
    return this.derived.get(key) as T;
  }

  private build(): void {
    if (this.byType) {
      return;
    }
    const language = this.tree.language;
    // descendantsOfType matches type names, and a grammar can give a keyword the name of a named
    // node (TypeScript's `string` type keyword): keep named symbols only, as a query would.
    const named = new Set<number>();
    language.types.forEach((name, id) => {
      if ((indexedNodeTypes as readonly string[]).includes(name) && language.nodeTypeIsNamed(id)) {
        named.add(id);
      }
    });
    const byType = new Map<string, SyntaxNode[]>();
    const all: SyntaxNode[] = [];
    const allTypes: string[] = [];
    for (const node of this.tree.rootNode.descendantsOfType([...indexedNodeTypes])) {
      const typeId = node?.typeId ?? -1;
      if (!node || !named.has(typeId)) {
        continue;
      }
      all.push(node);
      const type = language.types[typeId];
      allTypes.push(type);
      let list = byType.get(type);
      if (!list) {
        byType.set(type, (list = []));
      }
      list.push(node);
    }
    this.all = all;
    this.allTypes = allTypes;
    this.byType = byType;
  }
}
