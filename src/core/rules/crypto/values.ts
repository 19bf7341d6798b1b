import type { Declaration, Scopes } from '../js/declarations';
import { callArguments } from '../js/express';
import { calleeOf } from '../js/moduleBindings';
import type { SyntaxNode } from '../rule';
import type { CryptoFile } from './cryptoFile';
import { isEnvRead, literalString, memberPath, unwrap } from './cryptoApi';

/**
 * Where the bytes given to a cipher (a key or an IV) come from, as far as the file shows:
 *
 * - `literal`: written in the code (`'…'`, `Buffer.from('…', 'hex')`, `Buffer.from([1, 2])`);
 * - `zeros`: `Buffer.alloc(16)`, `new Uint8Array(12)`;
 * - `uninitialised`: `Buffer.allocUnsafe(16)`;
 * - `env`: read from configuration (`process.env.X`, `Buffer.from(process.env.X, 'base64')`);
 * - `fallback`: configuration with a value written in the code for when it is unset;
 * - `derived-from-literal`: `scryptSync('a password in the code', salt, 32)`.
 *
 * Anything else (random bytes, a parameter, a call we do not know) is undefined: never reported.
 */
export interface ByteSource {
  readonly kind: 'literal' | 'zeros' | 'uninitialised' | 'env' | 'fallback' | 'derived-from-literal';
  /** Follows "This key is …" / "This IV is …" in messages. */
  readonly describe: string;
  /** Where the value is written: the node to report. */
  readonly at: SyntaxNode;
  /** A literal that is the empty string. */
  readonly empty?: boolean;
}

const bufferFrom = new Set(['Buffer.from', 'Uint8Array.from', 'Buffer.copyBytesFrom']);
const typedArrays = /^(Uint8Array|Int8Array|Uint8ClampedArray|Uint16Array|Uint32Array)$/;
const kdfs = new Set(['scryptSync', 'pbkdf2Sync', 'hkdfSync', 'scrypt', 'pbkdf2']);
// String and buffer methods whose result comes from the receiver's bytes alone.
const sameBytesMethods = new Set(['substring', 'substr', 'slice', 'subarray', 'padEnd', 'padStart', 'repeat', 'trim', 'normalize']);

function isNumberArray(node: SyntaxNode | undefined): boolean {
  return node?.type === 'array' && node.namedChildren.every((child) => child === null || child.type === 'number' || child.type === 'comment');
}

/** `null`, `undefined`, `''`, `Buffer.alloc(0)`, or nothing: what ECB and RC4 calls pass for "no IV". */
export function isEmptyIv(node: SyntaxNode | undefined): boolean {
  const value = unwrap(node);
  if (!value) {
    return true;
  }
  if (value.type === 'null' || value.type === 'undefined' || (value.type === 'identifier' && value.text === 'undefined')) {
    return true;
  }
  const literal = literalString(value);
  if (literal) {
    return literal.value === '';
  }
  if (value.type === 'call_expression' || value.type === 'new_expression') {
    const args = callArguments(value);
    return args.length === 1 && args[0].type === 'number' && Number(args[0].text) === 0;
  }
  return false;
}

/**
 * Reads where bytes come from, for one rule run: shares the file's `Scopes`, and works out once
 * which buffers are filled after they are made.
 */
export class ByteSources {
  private filled: Map<string, SyntaxNode[]> | undefined;

  constructor(
    private readonly file: CryptoFile,
    private readonly scopes: Scopes,
  ) {}

  /** Where the bytes of `node` come from; follows same-file `const`s. */
  of(node: SyntaxNode | null | undefined, depth = 0): ByteSource | undefined {
    if (depth > 4) {
      return undefined;
    }
    const value = unwrap(node);
    if (!value) {
      return undefined;
    }
    if (value.type === 'identifier' || value.type === 'shorthand_property_identifier') {
      // A `const` we can see (or a `let`/`var` nothing assigns again), whose bytes nothing changes
      // later (`randomFillSync(iv)`, `iv.set(…)`).
      const declaration = this.scopes.find(value);
      const constant = declaration?.value && (declaration.kind === 'const' || this.scopes.constValue(value) !== undefined);
      return declaration?.value && constant && !this.filledLater(declaration) ? this.of(declaration.value, depth + 1) : undefined;
    }
    const literal = literalString(value);
    if (literal) {
      return { kind: 'literal', describe: 'written in the code', at: value, empty: literal.value === '' };
    }
    if (isEnvRead(value)) {
      return { kind: 'env', describe: 'read from configuration', at: value };
    }
    if (value.type === 'member_expression') {
      // `Svc.KEY`, `this.IV`: a class field of this file that nothing assigns to.
      const field = this.scopes.constValue(value);
      return field && field.id !== value.id ? this.of(field, depth + 1) : undefined;
    }
    if (value.type === 'binary_expression') {
      return this.fallback(value, depth);
    }
    if (value.type === 'call_expression') {
      return this.call(value, depth);
    }
    if (value.type === 'new_expression') {
      const constructor = value.childForFieldName('constructor')?.text ?? '';
      if (constructor === 'Buffer') {
        // The deprecated `new Buffer('…', 'hex')` is `Buffer.from`; `new Buffer(16)`, `Buffer.alloc(16)`.
        return this.bufferFrom(value, depth);
      }
      if (!typedArrays.test(constructor)) {
        return undefined;
      }
      const first = unwrap(callArguments(value)[0]);
      if (first?.type === 'number') {
        return { kind: 'zeros', describe: 'all zeros', at: value };
      }
      return isNumberArray(first) ? { kind: 'literal', describe: 'written in the code', at: value } : undefined;
    }
    return undefined;
  }

  /** `Buffer.from(x, enc)`, `new Buffer(x, enc)`: the bytes of `x`; a number array is written in the code. */
  private bufferFrom(value: SyntaxNode, depth: number): ByteSource | undefined {
    const first = unwrap(callArguments(value)[0]);
    if (isNumberArray(first)) {
      return { kind: 'literal', describe: 'written in the code', at: value };
    }
    if (first?.type === 'number' && value.type === 'new_expression') {
      return { kind: 'zeros', describe: 'all zeros', at: value };
    }
    const inner = this.of(first, depth + 1);
    // Report `Buffer.from('…', 'hex')` whole when the literal is written right there.
    return inner && inner.kind === 'literal' && inner.at.id === first?.id ? { ...inner, at: value } : inner;
  }

  /** `process.env.KEY || 'dev-key'`, `process.env.KEY ?? ''`. */
  private fallback(value: SyntaxNode, depth: number): ByteSource | undefined {
    const operator = value.childForFieldName('operator')?.type ?? value.child(1)?.type;
    if (operator !== '||' && operator !== '??') {
      return undefined;
    }
    const right = this.of(value.childForFieldName('right'), depth + 1);
    if (right && ((right.kind === 'literal' && !right.empty) || right.kind === 'zeros')) {
      return { kind: 'fallback', describe: 'written in the code (as a fallback)', at: right.at };
    }
    const left = this.of(value.childForFieldName('left'), depth + 1);
    return left?.kind === 'env' ? left : undefined;
  }

  private call(value: SyntaxNode, depth: number): ByteSource | undefined {
    const path = memberPath(value.childForFieldName('function'));
    const args = callArguments(value);
    const callee = calleeOf(value);
    if (path === 'Buffer.alloc') {
      return args.length > 1
        ? { kind: 'literal', describe: 'a constant buffer', at: value }
        : { kind: 'zeros', describe: 'all zeros', at: value };
    }
    if (path === 'Buffer.allocUnsafe' || path === 'Buffer.allocUnsafeSlow') {
      return { kind: 'uninitialised', describe: 'uninitialised memory, not random bytes', at: value };
    }
    if (path && bufferFrom.has(path)) {
      return this.bufferFrom(value, depth);
    }
    if (callee?.name === 'encode' && args.length === 1) {
      // `new TextEncoder().encode('…')`
      const inner = this.of(args[0], depth + 1);
      return inner?.kind === 'literal' && inner.at.id === unwrap(args[0])?.id ? { ...inner, at: value } : inner;
    }
    if (callee && kdfs.has(callee.name) && args.length >= 1) {
      // A key derived from a password written in the code is as good as written in the code.
      const password = this.of(args[0], depth + 1);
      return (password?.kind === 'literal' && !password.empty) || password?.kind === 'fallback'
        ? { kind: 'derived-from-literal', describe: 'derived from a password written in the code', at: password.at }
        : undefined;
    }
    if (callee?.name === 'digest' && callee.receiver?.type === 'call_expression' && calleeOf(callee.receiver)?.name === 'update') {
      // `createHash('sha256').update('passphrase').digest()`: a hash of a literal is a constant too.
      const input = this.of(callArguments(callee.receiver)[0], depth + 1);
      return input?.kind === 'literal' && !input.empty
        ? { kind: 'derived-from-literal', describe: 'derived from a password written in the code', at: input.at }
        : undefined;
    }
    if (callee && sameBytesMethods.has(callee.name) && callee.receiver) {
      // `keyString.substring(0, 8)`, `key.slice(0, 32)`: part of a constant is a constant, read
      // from the configuration is still read from it.
      return this.of(callee.receiver, depth + 1);
    }
    if (callee?.name === 'fill' && callee.receiver) {
      const base = this.of(callee.receiver, depth + 1);
      return base && (base.kind === 'zeros' || base.kind === 'uninitialised' || base.kind === 'literal')
        ? { kind: 'literal', describe: 'a constant buffer', at: value }
        : undefined;
    }
    return undefined;
  }

  /**
   * Whether the buffer `declaration` makes is written after it is made:
   * `crypto.randomFillSync(iv)`, `crypto.getRandomValues(iv)`, `nonce.writeUInt32BE(counter, 8)`,
   * `iv.set(bytes)`, `iv[0] = n`. Then `Buffer.alloc(12)` was only the allocation, not the value.
   * The candidates are gathered by name once; only those named like the declaration are resolved.
   */
  private filledLater(declaration: Declaration): boolean {
    const candidates = this.fillCandidates().get(declaration.name.text) ?? [];
    return candidates.some((node) => this.scopes.find(node)?.name.id === declaration.name.id);
  }

  /** Identifiers whose buffer a call or an indexed assignment may fill, by name. */
  private fillCandidates(): Map<string, SyntaxNode[]> {
    if (this.filled) {
      return this.filled;
    }
    const filled = new Map<string, SyntaxNode[]>();
    const add = (node: SyntaxNode | null | undefined): void => {
      if (node?.type === 'identifier' || node?.type === 'shorthand_property_identifier') {
        const name = node.text;
        filled.set(name, [...(filled.get(name) ?? []), node]);
      }
    };
    const context = this.file.context;
    for (const { node, callee } of this.file.callSites) {
      if (!callee) {
        continue;
      }
      if (fillingMethods.test(callee.name) && callee.receiver?.type === 'identifier') {
        add(callee.receiver);
      }
      if (fillingCalls.test(callee.name)) {
        callArguments(node).forEach((arg) => add(unwrap(arg)));
      }
    }
    // `iv[0] = 1`, `key[i] ^= x`: the array is filled in place.
    for (const assignment of context.nodes('assignment_expression', 'augmented_assignment_expression')) {
      const left = assignment.childForFieldName('left');
      const object = left?.type === 'subscript_expression' ? left.childForFieldName('object') : undefined;
      if (object?.type === 'identifier') add(object);
    }
    this.filled = filled;
    return filled;
  }
}

const fillingMethods = /^(write|set|fill|copy|randomFill|swap|reverse)/;
const fillingCalls = /random|fill|getRandomValues|copy|set|write|read/i;
