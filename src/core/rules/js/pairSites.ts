import type { SyntaxContext, SyntaxNode } from '../rule';

/** An object literal's `key: value` entry with its key read once. */
export class PairSite {
  private valueNode: SyntaxNode | null | undefined;
  private parentNode: SyntaxNode | null | undefined;

  constructor(
    readonly node: SyntaxNode,
    readonly keyNode: SyntaxNode | null,
    /** `property_identifier`, `string`, `number`, `computed_property_name`… */
    readonly keyType: string | undefined,
    /** The key as a name: `a`, `'a'` and `"a"` give `a`; undefined for a computed key. */
    readonly key: string | undefined,
  ) {}

  /** The value, read on first use. */
  get value(): SyntaxNode | null {
    if (this.valueNode === undefined) {
      this.valueNode = this.node.childForFieldName('value');
    }
    return this.valueNode;
  }

  /** The object literal the entry belongs to, read on first use (a parent lookup costs a walk down from the root). */
  get object(): SyntaxNode | null {
    if (this.parentNode === undefined) {
      this.parentNode = this.node.parent;
    }
    return this.parentNode;
  }
}

const keyTypes = new Set(['property_identifier', 'identifier', 'number', 'string']);

/**
 * Every `pair` of the file with its key, in document order: computed once per parse and shared by
 * the rules (each rule reading every key again would cross into WebAssembly as many times).
 */
export function pairSites(context: SyntaxContext): readonly PairSite[] {
  return context.shared(pairSites, () =>
    context.nodes('pair').map((node) => {
      const keyNode = node.childForFieldName('key');
      const keyType = keyNode?.type;
      let key: string | undefined;
      if (keyNode && keyType && keyTypes.has(keyType)) {
        key = keyType === 'string' ? keyNode.text.slice(1, -1) : keyNode.text;
      }
      return new PairSite(node, keyNode, keyType, key);
    }),
  );
}

/** The pairs whose key is one of `keys`. */
export function pairsNamed(context: SyntaxContext, keys: ReadonlySet<string>): PairSite[] {
  return pairSites(context).filter((site) => site.key !== undefined && keys.has(site.key));
}
