import { callSites, type CallSite } from '../js/callSites';
import { sharedScopes, type Scopes } from '../js/declarations';
import { importRecords, moduleBindings, type ImportRecord, type ModuleBindings } from '../js/moduleBindings';
import type { SyntaxContext, SyntaxNode } from '../rule';
import { ByteSources } from './values';

/** What every crypto rule derives from one parse: computed once and shared by them (see `SyntaxContext.shared`). */
class SharedCryptoFacts {
  readonly scopes: Scopes;
  readonly bindings = new Map<string, ModuleBindings>();
  byteSources: ByteSources | undefined;

  constructor(context: SyntaxContext) {
    this.scopes = sharedScopes(context);
  }
}

/**
 * One rule run's view of a JavaScript/TypeScript file: the calls, `new`s and imports, the file's
 * `Scopes`, and lazily the rest. The tree-derived facts are shared by every rule that runs on the
 * same parse; `context` (and with it `report`) is this rule's own.
 */
export class CryptoFile {
  private readonly facts: SharedCryptoFacts;

  constructor(readonly context: SyntaxContext) {
    this.facts = context.shared(SharedCryptoFacts, () => new SharedCryptoFacts(context));
  }

  get scopes(): Scopes {
    return this.facts.scopes;
  }

  /** Every `call_expression` and `new_expression`, in document order. */
  get calls(): readonly SyntaxNode[] {
    return this.context.nodes('call_expression', 'new_expression');
  }

  /** Every `call_expression` with its callee, in document order (shared: see `callSites`). */
  get callSites(): readonly CallSite[] {
    return callSites(this.context);
  }

  /** Every `import` and `require` binding. */
  get imports(): readonly ImportRecord[] {
    return importRecords(this.context);
  }

  /** The names bound to modules `isModule` accepts, cached under `key`. */
  bindings(key: string, isModule: (specifier: string) => boolean): ModuleBindings {
    let bindings = this.facts.bindings.get(key);
    if (!bindings) {
      bindings = moduleBindings(this.context, isModule, this.imports);
      this.facts.bindings.set(key, bindings);
    }
    return bindings;
  }

  /** Every string literal and template string. */
  get strings(): readonly SyntaxNode[] {
    return this.context.nodes('string', 'template_string');
  }

  /** Where byte values come from; it reads the tree only, so it is shared like the rest. */
  get bytes(): ByteSources {
    this.facts.byteSources ??= new ByteSources(this, this.facts.scopes);
    return this.facts.byteSources;
  }
}
