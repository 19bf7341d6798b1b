import { Scopes } from '../js/declarations';
import { importRecordsFrom, moduleBindings, type ImportRecord, type ModuleBindings } from '../js/moduleBindings';
import type { SyntaxContext, SyntaxNode } from '../rule';
import { ByteSources } from './values';

/**
 * One rule run's view of a JavaScript/TypeScript file: the calls, `new`s and imports collected in
 * a single pass of one query (every extra query is another walk over the whole tree), the
 * file's `Scopes`, and lazily the rest. Create one per `check`; it holds no state beyond that run.
 */
export class CryptoFile {
  readonly scopes: Scopes;
  private index: { calls: SyntaxNode[]; imports: ImportRecord[] } | undefined;
  private stringNodes: SyntaxNode[] | undefined;
  private byteSources: ByteSources | undefined;
  private readonly bindingCache = new Map<string, ModuleBindings>();

  constructor(readonly context: SyntaxContext) {
    this.scopes = new Scopes(context.tree.rootNode);
  }

  /** Every `call_expression` and `new_expression`, in document order. */
  get calls(): readonly SyntaxNode[] {
    return this.build().calls;
  }

  /** Every `import` and `require` binding. */
  get imports(): readonly ImportRecord[] {
    return this.build().imports;
  }

  /** The names bound to modules `isModule` accepts, cached under `key`. */
  bindings(key: string, isModule: (specifier: string) => boolean): ModuleBindings {
    let bindings = this.bindingCache.get(key);
    if (!bindings) {
      bindings = moduleBindings(this.context, isModule, this.imports);
      this.bindingCache.set(key, bindings);
    }
    return bindings;
  }

  /** Every string literal and template string (a query of its own: ask only when the text calls for it). */
  get strings(): readonly SyntaxNode[] {
    this.stringNodes ??= this.context
      .query('[(string) (template_string)] @s')
      .captures(this.context.tree.rootNode)
      .map((capture) => capture.node);
    return this.stringNodes;
  }

  get bytes(): ByteSources {
    this.byteSources ??= new ByteSources(this, this.scopes);
    return this.byteSources;
  }

  private build(): { calls: SyntaxNode[]; imports: ImportRecord[] } {
    if (this.index) {
      return this.index;
    }
    const calls: SyntaxNode[] = [];
    const imports: SyntaxNode[] = [];
    const requires: SyntaxNode[] = [];
    const query = this.context.query(
      '[(call_expression) (new_expression)] @call\n' +
        '(import_statement) @import\n' +
        '(variable_declarator value: [(call_expression function: [(identifier) (import)] @fn)' +
        ' (await_expression (call_expression function: [(identifier) (import)] @fn))]' +
        ' (#any-of? @fn "require" "import")) @require',
    );
    for (const { name, node } of query.captures(this.context.tree.rootNode)) {
      if (name === 'call') {
        calls.push(node);
      } else if (name === 'import') {
        imports.push(node);
      } else if (name === 'require') {
        requires.push(node);
      }
    }
    this.index = { calls, imports: importRecordsFrom(imports, requires) };
    return this.index;
  }
}
