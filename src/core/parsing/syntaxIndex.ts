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

/** The indexed nodes inside one top-level statement. */
interface StatementNodes {
  /**
   * tree-sitter's id of the statement's subtree. A tree re-parsed from an older one has the same
   * id only where it reused the subtree unchanged; -1 when the nodes must not be reused.
   */
  readonly id: number;
  /** Where the statement starts in the tree the nodes now belong to. */
  startIndex: number;
  row: number;
  column: number;
  readonly nodes: SyntaxNode[];
  readonly types: string[];
}

interface Collected {
  readonly nodes: SyntaxNode[];
  readonly types: string[];
}

const namedIds = new WeakMap<object, ReadonlySet<number>>();

/**
 * The symbol ids of the indexed types that are named nodes. descendantsOfType matches type names,
 * and a grammar can give a keyword the name of a named node (TypeScript's `string` type keyword):
 * keep named symbols only, as a query would.
 */
function indexedSymbols(tree: SyntaxTree): ReadonlySet<number> {
  const language = tree.language;
  let ids = namedIds.get(language);
  if (!ids) {
    const named = new Set<number>();
    language.types.forEach((name, id) => {
      if ((indexedNodeTypes as readonly string[]).includes(name) && language.nodeTypeIsNamed(id)) {
        named.add(id);
      }
    });
    namedIds.set(language, (ids = named));
  }
  return ids;
}

/**
 * Per-parse lookup of nodes by type, in document order, plus a cache for what rules derive from
 * the tree (import bindings, same-file constants): built on first use, shared by every rule that
 * runs on this parse, gone with it.
 *
 * An open document's index can be built from the previous one: after an edit, tree-sitter reuses
 * the subtrees of the statements the edit did not touch (same id), so only the touched statements
 * are walked and the nodes of the others are moved to where their statement is now. At 10,000
 * lines the walk over the whole tree is about 15 ms of an edit's 90.
 */
export class SyntaxIndex {
  private byType: Map<string, SyntaxNode[]> | undefined;
  private all: SyntaxNode[] | undefined;
  /** The type of each node of `all` (reading `node.type` again would cross into WebAssembly). */
  private allTypes: string[] = [];
  private readonly merged = new Map<string, readonly SyntaxNode[]>();
  private readonly derived = new Map<unknown, unknown>();
  /** The nodes per top-level statement, kept when a next index may reuse them. */
  private statements: StatementNodes[] | undefined;
  /** How many top-level statements took their nodes from the previous index (tests, benchmark). */
  reusedStatements = 0;

  /**
   * @param reuse for an open document: `keep` groups the nodes by statement for the next index;
   *   `previous` is the index of the tree this one was re-parsed from. That tree must still be
   *   alive when this index is built (`build()`): while it is, no new subtree can have the id of
   *   one of its own, so an equal id means a reused subtree.
   */
  constructor(
    private readonly tree: SyntaxTree,
    reuse: { readonly keep: boolean; readonly previous?: SyntaxIndex } = { keep: false },
  ) {
    this.keep = reuse.keep;
    this.previous = reuse.previous;
  }

  private readonly keep: boolean;
  /** Dropped once built: each index would otherwise hold every earlier one of its document. */
  private previous: SyntaxIndex | undefined;

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

  build(): void {
    if (this.byType) {
      return;
    }
    let found: Collected;
    if (!this.keep) {
      found = this.collect(this.tree.rootNode);
    } else {
      const previous = this.previous?.statements;
      this.previous = undefined;
      this.statements = previous ? this.fromPrevious(previous) : this.grouped();
      found = { nodes: [], types: [] };
      // Loops, not push(...): one statement (a bundle's wrapper function) can hold more nodes than
      // a call takes arguments.
      for (const statement of this.statements) {
        for (let i = 0; i < statement.nodes.length; i++) {
          found.nodes.push(statement.nodes[i]);
          found.types.push(statement.types[i]);
        }
      }
    }
    const byType = new Map<string, SyntaxNode[]>();
    found.nodes.forEach((node, i) => {
      let list = byType.get(found.types[i]);
      if (!list) {
        byType.set(found.types[i], (list = []));
      }
      list.push(node);
    });
    this.all = found.nodes;
    this.allTypes = found.types;
    this.byType = byType;
  }

  /** The indexed nodes of `node`'s subtree (itself included), in document order, with their types. */
  private collect(node: SyntaxNode): Collected {
    const symbols = indexedSymbols(this.tree);
    const names = this.tree.language.types;
    const collected: Collected = { nodes: [], types: [] };
    for (const descendant of node.descendantsOfType([...indexedNodeTypes])) {
      const typeId = descendant?.typeId ?? -1;
      if (descendant && symbols.has(typeId)) {
        collected.nodes.push(descendant);
        collected.types.push(names[typeId]);
      }
    }
    return collected;
  }

  /** One walk over the whole tree, its nodes then grouped by top-level statement. */
  private grouped(): StatementNodes[] {
    const { nodes, types } = this.collect(this.tree.rootNode);
    const children = this.tree.rootNode.children.filter((child): child is SyntaxNode => child !== null);
    const statements = children.map((child) => ({
      id: child.id,
      startIndex: child.startIndex,
      row: child.startPosition.row,
      column: child.startPosition.column,
      nodes: [] as SyntaxNode[],
      types: [] as string[],
    }));
    // Where one statement ends exactly where the next starts, an empty node at the seam could be
    // put in either: neither is reused, the next index walks both again.
    children.forEach((child, i) => {
      if (i + 1 < children.length && child.endIndex >= children[i + 1].startIndex) {
        statements[i] = { ...statements[i], id: -1 };
        statements[i + 1] = { ...statements[i + 1], id: -1 };
      }
    });
    let at = 0;
    nodes.forEach((node, i) => {
      while (at + 1 < statements.length && statements[at + 1].startIndex <= node.startIndex) {
        at++;
      }
      statements[at]?.nodes.push(node);
      statements[at]?.types.push(types[i]);
    });
    return statements;
  }

  /** The statements of this tree: reused from `previous` where tree-sitter reused them, walked where not. */
  private fromPrevious(previous: readonly StatementNodes[]): StatementNodes[] {
    const byId = new Map<number, StatementNodes>();
    for (const statement of previous) {
      if (statement.id !== -1) {
        byId.set(statement.id, statement);
      }
    }
    const children = this.tree.rootNode.children.filter((child): child is SyntaxNode => child !== null);
    const comment = this.tree.language.idForNodeType('comment', true);
    return children.map((child) => {
      const old = byId.get(child.id);
      if (old && movable(old.nodes)) {
        byId.delete(child.id);
        this.reusedStatements++;
        moveStatement(old, child, this.tree);
        return old;
      }
      // Walked on its own, the statement holds exactly its nodes, seam or not. A comment holds
      // none, and tree-sitter never keeps one's id: each walk costs more than asking its type.
      const collected = child.typeId === comment ? { nodes: [], types: [] } : this.collect(child);
      return { id: child.id, startIndex: child.startIndex, row: child.startPosition.row, column: child.startPosition.column, ...collected };
    });
  }
}

/**
 * web-tree-sitter's Node keeps its position and tree in plain fields and caches its children;
 * the nodes are moved only while that is so (a later version may keep them differently, and
 * then every statement is walked again).
 */
function movable(nodes: readonly SyntaxNode[]): boolean {
  const node = nodes[0] as (SyntaxNode & Record<string, unknown>) | undefined;
  return !node || (typeof node.startIndex === 'number' && typeof node.startPosition === 'object' && 'tree' in node && '_children' in node && '_namedChildren' in node);
}

/**
 * Moves the nodes of a reused statement to its place in `tree`: every node shifts by as many
 * characters and rows as the statement did, and the nodes on its first row by as many columns.
 */
function moveStatement(statement: StatementNodes, now: SyntaxNode, tree: SyntaxTree): void {
  const shift = now.startIndex - statement.startIndex;
  const rows = now.startPosition.row - statement.row;
  const columns = now.startPosition.column - statement.column;
  for (const node of statement.nodes) {
    const internals = node as unknown as { tree: SyntaxTree; startIndex: number; _children?: unknown; _namedChildren?: unknown };
    internals.tree = tree;
    // Cached children belong to the old tree.
    internals._children = undefined;
    internals._namedChildren = undefined;
    if (shift !== 0 || rows !== 0 || columns !== 0) {
      internals.startIndex += shift;
      const position = node.startPosition;
      if (position.row === statement.row) {
        position.column += columns;
      }
      position.row += rows;
    }
  }
  statement.startIndex = now.startIndex;
  statement.row = now.startPosition.row;
  statement.column = now.startPosition.column;
}
