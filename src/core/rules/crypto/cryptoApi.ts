import type { Scopes } from '../js/declarations';
import { callArguments } from '../js/express';
import { isModuleReference } from '../js/moduleBindings';
import { lastSegment, unwrapExpression } from '../js/syntax';
import type { SyntaxNode } from '../rule';
import type { CryptoFile } from './cryptoFile';

/**
 * Recognising calls into node's `crypto` (and the libraries that copy its API), node-forge,
 * CryptoJS and WebCrypto, and the values passed to them. Shared by the Data Encryption rules.
 */

export const isNodeCryptoModule = (specifier: string): boolean =>
  specifier === 'crypto' || specifier === 'node:crypto' || specifier === 'crypto-browserify';

/** Names nothing but node's crypto API (and its browser copies) uses: any receiver will do. */
const distinctiveApis = new Set(['createCipheriv', 'createDecipheriv', 'createHash', 'createHmac']);

export type CryptoApi =
  | 'createCipheriv'
  | 'createDecipheriv'
  | 'createCipher'
  | 'createDecipher'
  | 'createHash'
  | 'createHmac'
  | 'hash'
  | 'scryptSync'
  | 'scrypt'
  | 'pbkdf2Sync'
  | 'pbkdf2'
  | 'hkdfSync'
  | 'hkdf'
  | 'generateKeyPair'
  | 'generateKeyPairSync'
  | 'createECDH'
  | 'createDiffieHellman'
  | 'getDiffieHellman';

export interface CryptoCall {
  readonly call: SyntaxNode;
  /** The export called, after resolving aliases. */
  readonly api: CryptoApi;
  /** The called name's node (`createCipher` in `crypto.createCipher(…)`). */
  readonly nameNode: SyntaxNode;
  /** The arguments, without comments. */
  readonly args: readonly SyntaxNode[];
  /** `forge.cipher.createCipher`: node-forge, which has its own algorithm names and no IV argument. */
  readonly forge: boolean;
}

/** The receiver is `crypto`, `this.crypto` or `nodeCrypto`: how people name the module without importing it here. */
function looksLikeCrypto(receiver: SyntaxNode | null): boolean {
  return receiver !== null && /^(node_?)?crypto$/i.test(lastSegment(receiver));
}

/** The file's calls to the given crypto APIs. */
export function cryptoCalls(file: CryptoFile, apis: ReadonlySet<CryptoApi>): CryptoCall[] {
  const bindings = file.bindings('crypto', isNodeCryptoModule);
  const calls: CryptoCall[] = [];
  for (const { node, callee, plain } of file.callSites) {
    if (!callee) {
      continue;
    }
    // By name first: a member callee's receiver is read from the tree only for the few that match.
    const api = (plain === undefined ? callee.name : (bindings.named.get(callee.name) ?? callee.name)) as CryptoApi;
    if (!apis.has(api)) {
      continue;
    }
    let forge = false;
    const known =
      distinctiveApis.has(api) ||
      (callee.receiver ? isModuleReference(callee.receiver, bindings, isNodeCryptoModule) || looksLikeCrypto(callee.receiver) : bindings.named.has(callee.name));
    if (!known) {
      // node-forge's `forge.cipher.createCipher('AES-CBC', key)`: its own names, no IV argument.
      forge = (api === 'createCipher' || api === 'createDecipher') && lastSegment(callee.receiver) === 'cipher';
      if (!forge) {
        continue;
      }
    }
    calls.push({ call: node, api, nameNode: callee.nameNode, args: callArguments(node), forge });
  }
  return calls;
}

/** A string the code spells out: a quoted literal or a template without substitutions. */
export interface LiteralString {
  readonly node: SyntaxNode;
  readonly value: string;
  /** Offset of the value's first character in the file. */
  readonly offset: number;
}

export function literalString(node: SyntaxNode | null | undefined): LiteralString | undefined {
  if (!node || (node.type !== 'string' && node.type !== 'template_string')) {
    return undefined;
  }
  if (node.type === 'template_string' && node.namedChildren.some((child) => child?.type === 'template_substitution')) {
    return undefined;
  }
  return { node, value: node.text.slice(1, -1), offset: node.startIndex + 1 };
}

/** The string `node` is or names through same-file `const`s. */
export function resolvedString(scopes: Scopes, node: SyntaxNode | null | undefined): LiteralString | undefined {
  return literalString(unwrap(scopes.constValue(unwrap(node))));
}

// Unlike the server rules' `unwrap`, not through `await`: the crypto rules have never looked
// through it, and doing so would change what they follow (a separate decision from sharing code).
const typeWrappers: ReadonlySet<string> = new Set(['parenthesized_expression', 'as_expression', 'satisfies_expression', 'non_null_expression', 'type_assertion']);

/** Strips `(…)`, `x as T`, `x!` and `<T>x`, which do not change the value. */
export function unwrap(node: SyntaxNode | null | undefined): SyntaxNode | undefined {
  return unwrapExpression(node, typeWrappers);
}

/** `a.b.c` as text, or undefined for anything that is not a plain member chain. */
export function memberPath(node: SyntaxNode | null | undefined): string | undefined {
  const n = unwrap(node);
  if (!n) {
    return undefined;
  }
  if (n.type === 'identifier' || n.type === 'this') {
    return n.text;
  }
  if (n.type === 'member_expression') {
    const object = memberPath(n.childForFieldName('object'));
    const property = n.childForFieldName('property')?.text;
    return object && property ? `${object}.${property}` : undefined;
  }
  return undefined;
}

/** `process.env.X`, `process.env['X']`, `import.meta.env.X`, `Deno.env.get('X')`: configuration read at run time. */
export function isEnvRead(node: SyntaxNode | null | undefined): boolean {
  const n = unwrap(node);
  if (!n) {
    return false;
  }
  if (n.type === 'member_expression' || n.type === 'subscript_expression') {
    const object = memberPath(n.childForFieldName('object'));
    return object === 'process.env' || object === 'import.meta.env' || object === 'env' || object === 'Bun.env';
  }
  if (n.type === 'call_expression') {
    return memberPath(n.childForFieldName('function')) === 'Deno.env.get';
  }
  return false;
}

/** A plain object literal the node is or names through a same-file `const`. */
export function resolvedObject(scopes: Scopes, node: SyntaxNode | null | undefined): SyntaxNode | undefined {
  const value = unwrap(scopes.constValue(unwrap(node)));
  return value?.type === 'object' ? value : undefined;
}

/** The value of `key` in an object literal (`{ key: v }`, `{ 'key': v }`, `{ key }`). */
export function propertyValue(object: SyntaxNode, key: string): SyntaxNode | undefined {
  for (const child of object.namedChildren) {
    if (child?.type === 'pair' && propertyName(child.childForFieldName('key')) === key) {
      return child.childForFieldName('value') ?? undefined;
    }
    if (child?.type === 'shorthand_property_identifier' && child.text === key) {
      return child;
    }
  }
  return undefined;
}

/** The name of an object key: `a`, `'a'`, `["a"]`; undefined for computed keys. */
export function propertyName(key: SyntaxNode | null | undefined): string | undefined {
  if (!key) {
    return undefined;
  }
  if (key.type === 'property_identifier' || key.type === 'identifier' || key.type === 'private_property_identifier') {
    return key.text;
  }
  if (key.type === 'string') {
    return key.text.slice(1, -1);
  }
  if (key.type === 'computed_property_name') {
    return literalString(key.namedChildren[0])?.value;
  }
  if (key.type === 'number') {
    return key.text;
  }
  return undefined;
}
