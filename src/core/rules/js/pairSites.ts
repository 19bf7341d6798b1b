import type { SyntaxContext, SyntaxNode } from '../rule';

/** An object literal's `key: value` entry with its key read once. */
export class PairSite {
  private keyNodeValue: SyntaxNode | null | undefined;
  private valueNode: SyntaxNode | null | undefined;
  private parentNode: SyntaxNode | null | undefined;

  constructor(
    readonly node: SyntaxNode,
    /** `property_identifier`, `string`, `number`, `computed_property_name`… */
    readonly keyType: string | undefined,
    /** The key as a name: `a`, `'a'` and `"a"` give `a`; undefined for a computed key. */
    readonly key: string | undefined,
  ) {}

  /** The key's node, read on first use. */
  get keyNode(): SyntaxNode | null {
    if (this.keyNodeValue === undefined) {
      this.keyNodeValue = this.node.childForFieldName('key');
    }
    return this.keyNodeValue;
  }

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
const identifierKey = /[\p{ID_Start}$_][\p{ID_Continue}$\u200c\u200d]*/uy;
const numberKey = /\d[\w.]*/y;

/** Whether a colon follows `at`, after spaces only. */
function colonAt(text: string, at: number): boolean {
  while (at < text.length && (text.charCodeAt(at) === 32 || text.charCodeAt(at) === 9)) at++;
  return text.charCodeAt(at) === 58;
}

/**
 * The key of the pair that starts at `start`, read from the text (a pair starts with its key):
 * `a`, `'a'`, `"a"` or `1`. Undefined for anything else (a computed key, an escape in a name,
 * a comment before the colon), which the caller reads from the tree instead.
 */
function keyFromText(text: string, start: number): { keyType: string; key: string } | undefined {
  const first = text.charCodeAt(start);
  if (first === 39 || first === 34) {
    // A string key: up to the same quote, with no escape or line break inside (else the tree decides).
    for (let at = start + 1; at < text.length; at++) {
      const code = text.charCodeAt(at);
      if (code === first) return { keyType: 'string', key: text.slice(start + 1, at) };
      if (code === 92 || code === 10 || code === 13) return undefined;
    }
    return undefined;
  }
  for (const [pattern, keyType] of [
    [identifierKey, 'property_identifier'],
    [numberKey, 'number'],
  ] as const) {
    pattern.lastIndex = start;
    const match = pattern.exec(text);
    if (match && colonAt(text, start + match[0].length)) return { keyType, key: match[0] };
  }
  return undefined;
}

/**
 * Every `pair` of the file with its key, in document order: computed once per parse and shared by
 * the rules. The key comes from the text where it can (most keys are a plain name): each read of
 * the tree crosses into WebAssembly, and a file has thousands of pairs.
 */
export function pairSites(context: SyntaxContext): readonly PairSite[] {
  const { text } = context;
  return context.shared(pairSites, () =>
    context.nodes('pair').map((node) => {
      const fromText = keyFromText(text, node.startIndex);
      if (fromText) {
        return new PairSite(node, fromText.keyType, fromText.key);
      }
      const keyNode = node.childForFieldName('key');
      const keyType = keyNode?.type;
      let key: string | undefined;
      if (keyNode && keyType && keyTypes.has(keyType)) {
        key = keyType === 'string' ? keyNode.text.slice(1, -1) : keyNode.text;
      }
      return new PairSite(node, keyType, key);
    }),
  );
}
