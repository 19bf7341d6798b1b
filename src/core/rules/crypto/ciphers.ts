import { stringSites } from '../js/stringSites';
import { callArguments } from '../js/express';
import { expressionUse } from '../js/syntax';
import type { ModuleBindings } from '../js/moduleBindings';
import type { SyntaxNode } from '../rule';
import { cryptoCalls, resolvedString, unwrap, type CryptoCall, type LiteralString } from './cryptoApi';
import type { CryptoFile } from './cryptoFile';

/** What a cipher name (OpenSSL's, as node takes it, or node-forge's) says about its strength. */
export interface CipherName {
  /** The broken or weak algorithm family, for messages: "DES", "Triple DES (3DES)", "RC4", … */
  readonly weak?: string;
  /** The AES key size, where the name gives one. */
  readonly aesBits?: 128 | 192 | 256;
  /** Electronic codebook mode: equal plaintext blocks give equal ciphertext blocks. */
  readonly ecb: boolean;
}

const weakFamily = /^(des-ede3?|des3|3des|desx|des|rc4|rc2|rc5|bf|blowfish|cast5?|idea|null)(?:-|$)/;
const aesName = /^(?:id-)?aes-?(128|192|256)?(?:-|$)/;

function weakLabel(family: string): string {
  switch (family) {
    case 'des-ede':
    case 'des-ede3':
    case 'des3':
    case '3des':
      return 'Triple DES (3DES)';
    case 'desx':
      return 'DESX';
    case 'des':
      return 'DES';
    case 'bf':
    case 'blowfish':
      return 'Blowfish';
    case 'cast':
    case 'cast5':
      return 'CAST';
    case 'idea':
      return 'IDEA';
    case 'null':
      return 'the NULL cipher (no encryption)';
    default:
      return family.toUpperCase();
  }
}

export function classifyCipher(name: string): CipherName | undefined {
  const lower = name.trim().toLowerCase();
  if (lower.length === 0 || lower.length > 64) {
    return undefined;
  }
  const ecb = lower.endsWith('-ecb');
  if (lower === 'id-smime-alg-cms3deswrap') {
    return { weak: weakLabel('3des'), ecb };
  }
  const weak = weakFamily.exec(lower);
  if (weak) {
    return { weak: weakLabel(weak[1]), ecb };
  }
  const aes = aesName.exec(lower);
  if (aes) {
    return { aesBits: aes[1] ? (Number(aes[1]) as 128 | 192 | 256) : undefined, ecb };
  }
  return ecb ? { ecb } : undefined;
}

/**
 * Names under which code keeps its cipher choice (`ALGORITHM`, `cipherAlgorithm`, `CIPHER`, …):
 * a cipher spelled out there is meant for encryption even where the call is in another file.
 */
const algorithmBinding = /(?:algo|algorithm|cipher|ciphername)$/;

/**
 * A full OpenSSL-style name (`des-ede3-cbc`, `aes128`, `rc4`, `aes-128-cbc-hmac-sha256`), not a
 * bare word like `des` or `idea`, nor words that merely start like one (`idea-board`).
 */
const fullName = /^(?:[a-z]{2,8}\d{0,3})(?:-(?:cbc|ecb|cfb|cfb1|cfb8|ofb|ctr|gcm|ccm|ocb|xts|wrap|pad|ede|ede3|hmac|md5|sha1|sha256|\d{2,3}))*$/i;
const hasDigitOrDash = /[-\d]/;
const quotedCipherName = /['"`](?:id-)?(?:aes|des|3des|rc[245]|bf|blowfish|cast5?|idea|camellia|aria|sm4|seed)[-\d]/i;

export interface AlgorithmUse {
  readonly literal: LiteralString;
  readonly cipher: CipherName;
  /** The call the literal is passed to directly (not through a constant), if any. */
  readonly directCall?: CryptoCall;
  /** From a name like `ALGORITHM = '…'`, not seen reaching a call: weaker evidence. */
  readonly byName: boolean;
}

const cipherApis = new Set(['createCipheriv', 'createDecipheriv', 'createCipher', 'createDecipher'] as const);

/**
 * The cipher names a file chooses: algorithm arguments of cipher calls (directly or through a
 * same-file `const`), and full cipher names assigned to algorithm-like names. Once per literal.
 */
export function algorithmUses(file: CryptoFile): readonly AlgorithmUse[] {
  // The same for every rule that asks (weak ciphers, short AES keys, ECB): once per parse.
  return file.context.shared(algorithmUses, () => findAlgorithmUses(file));
}

function findAlgorithmUses(file: CryptoFile): AlgorithmUse[] {
  const uses = new Map<number, AlgorithmUse>();
  for (const call of cryptoCalls(file, cipherApis)) {
    const argument = unwrap(call.args[0]);
    const literal = resolvedString(file.scopes, argument);
    const cipher = literal ? classifyCipher(literal.value) : undefined;
    if (!literal || !cipher) {
      continue;
    }
    const direct = literal.node.id === argument?.id;
    const existing = uses.get(literal.node.id);
    if (!existing || (direct && !existing.directCall)) {
      uses.set(literal.node.id, { literal, cipher, directCall: direct ? call : undefined, byName: false });
    }
  }
  // Strings are a walk of their own: only when the text has a quoted cipher name at all.
  const strings = quotedCipherName.test(file.context.text) ? stringSites(file.context) : [];
  for (const site of strings) {
    const node = site.node;
    if (uses.has(node.id) || !hasDigitOrDash.test(site.value) || !fullName.test(site.value) || site.hasSubstitution) {
      continue;
    }
    const literal: LiteralString = { node, value: site.value, offset: site.offset };
    const cipher = classifyCipher(literal.value);
    if (!cipher || !(cipher.weak || cipher.ecb || (cipher.aesBits && cipher.aesBits < 256))) {
      continue;
    }
    // Only as the whole value: `{ cipher: ['aes128-ctr', …] }` lists for SSH or TLS are another matter.
    const ancestors = file.scopes.ancestors(node);
    const parent = ancestors[0];
    if (parent?.type === 'array' || parent?.type === 'binary_expression') {
      continue;
    }
    const use = expressionUse(node, ancestors);
    if (use?.kind === 'binding' && algorithmBinding.test(use.name.toLowerCase().replace(/[_-]/g, ''))) {
      uses.set(node.id, { literal, cipher, byName: true });
    }
  }
  return [...uses.values()];
}

/** CryptoJS (`crypto-js`) members used as ciphers or modes: `CryptoJS.DES.encrypt(…)`, `CryptoJS.mode.ECB`. */
export interface CryptoJsUse {
  /** The node to report: the `DES` of `CryptoJS.DES`, or the whole `CryptoJS.mode.ECB`. */
  readonly node: SyntaxNode;
  /** `DES`, `TripleDES`, `RC4`, `RC4Drop`, `Rabbit`, `RabbitLegacy`, or `ECB`. */
  readonly name: string;
}

const cryptoJsCiphers = new Map([
  ['DES', 'DES'],
  ['TripleDES', 'Triple DES (3DES)'],
  ['RC4', 'RC4'],
  ['RC4Drop', 'RC4'],
  ['Rabbit', 'Rabbit'],
  ['RabbitLegacy', 'Rabbit'],
]);

/** CryptoJS's weak ciphers, by member name, with a label for messages. */
export function cryptoJsCipherLabel(name: string): string | undefined {
  return cryptoJsCiphers.get(name);
}

const cryptoJsSubmodules = new Map([
  ['crypto-js/tripledes', 'TripleDES'],
  ['crypto-js/rc4', 'RC4'],
  ['crypto-js/rabbit', 'Rabbit'],
  ['crypto-js/rabbit-legacy', 'RabbitLegacy'],
  ['crypto-js/mode-ecb', 'ECB'],
]);

function isCryptoJsRoot(node: SyntaxNode | null, bindings: ModuleBindings): boolean {
  return node?.type === 'identifier' && (node.text === 'CryptoJS' || bindings.namespaces.has(node.text));
}

/** CryptoJS's weak ciphers in use: `CryptoJS.DES.encrypt(…)`, `DES.encrypt(…)` after `import DES from 'crypto-js/tripledes'`. */
export function cryptoJsCipherUses(file: CryptoFile): CryptoJsUse[] {
  const root = file.bindings('crypto-js', (specifier) => specifier === 'crypto-js');
  const submodules = cryptoJsSubmoduleNames(file);
  const uses: CryptoJsUse[] = [];
  for (const { callee } of file.callSites) {
    if (!callee || !/^(encrypt|decrypt|createEncryptor|createDecryptor)$/.test(callee.name) || !callee.receiver) {
      continue;
    }
    const object = callee.receiver;
    if (object.type === 'member_expression' && isCryptoJsRoot(object.childForFieldName('object'), root)) {
      const property = object.childForFieldName('property');
      if (property && cryptoJsCiphers.has(property.text)) {
        uses.push({ node: property, name: property.text });
      }
    } else if (object.type === 'identifier') {
      const name = root.named.get(object.text) ?? submodules.get(object.text);
      if (name && cryptoJsCiphers.has(name)) {
        uses.push({ node: object, name });
      }
    }
  }
  return uses;
}

/** CryptoJS's ECB mode: `mode: CryptoJS.mode.ECB`, or `mode: ECB` with ECB from 'crypto-js/mode-ecb'. */
export function cryptoJsEcbUses(file: CryptoFile): CryptoJsUse[] {
  const root = file.bindings('crypto-js', (specifier) => specifier === 'crypto-js');
  const submodules = cryptoJsSubmoduleNames(file);
  const uses: CryptoJsUse[] = [];
  for (const pair of file.context.nodes('pair')) {
    const node = pair.childForFieldName('value');
    if (node?.type !== 'member_expression' && node?.type !== 'identifier') continue;
    if (node.type === 'identifier') {
      if (submodules.get(node.text) === 'ECB') {
        uses.push({ node, name: 'ECB' });
      }
      continue;
    }
    const modes = node.childForFieldName('object');
    if (
      node.childForFieldName('property')?.text === 'ECB' &&
      modes?.type === 'member_expression' &&
      modes.childForFieldName('property')?.text === 'mode' &&
      isCryptoJsRoot(modes.childForFieldName('object'), root)
    ) {
      uses.push({ node, name: 'ECB' });
    }
  }
  return uses;
}

function cryptoJsSubmoduleNames(file: CryptoFile): Map<string, string> {
  const names = new Map<string, string>();
  for (const record of file.imports) {
    const name = cryptoJsSubmodules.get(record.specifier);
    if (name && record.imported === undefined) {
      names.set(record.local, name);
    }
  }
  return names;
}

/** WebCrypto algorithm objects: `{ name: 'AES-GCM', length: 128 }` given to `subtle.generateKey`/`deriveKey`. */
export interface WebCryptoKeyParams {
  readonly object: SyntaxNode;
  readonly name: string;
  /** The `length` value node and its number, when a number literal. */
  readonly length?: { readonly node: SyntaxNode; readonly bits: number };
}

export function webCryptoAesKeyParams(file: CryptoFile): WebCryptoKeyParams[] {
  const found: WebCryptoKeyParams[] = [];
  for (const { node, callee } of file.callSites) {
    if (!callee || (callee.name !== 'generateKey' && callee.name !== 'deriveKey')) {
      continue;
    }
    for (const argument of callArguments(node)) {
      const object = file.scopes.constValue(argument);
      if (object?.type !== 'object') {
        continue;
      }
      let name: string | undefined;
      let length: WebCryptoKeyParams['length'];
      for (const pair of object.namedChildren) {
        if (pair?.type !== 'pair') {
          continue;
        }
        const key = pair.childForFieldName('key')?.text;
        const value = pair.childForFieldName('value');
        if (key === 'name') {
          name = resolvedString(file.scopes, value)?.value;
        } else if (key === 'length' && value?.type === 'number') {
          length = { node: value, bits: Number(value.text) };
        }
      }
      if (name && /^aes-/i.test(name)) {
        found.push({ object, name, length });
      }
    }
  }
  return found;
}
