import type { FixSpec, Rule, SyntaxContext, SyntaxNode } from '../rule';
import { callArguments } from '../js/express';
import { lastSegment } from '../js/syntax';
import { cryptoCalls, propertyValue, resolvedObject, resolvedString, unwrap, type CryptoApi } from './cryptoApi';
import { CryptoFile } from './cryptoFile';

// PCI DSS asks for "strong cryptography": at least 112 bits of effective strength (NIST SP 800-57),
// which RSA, DSA and finite-field Diffie-Hellman reach at 2048 bits and elliptic curves at 224.
const minimumModulus = 2048;
const minimumCurve = 224;
const suggestedModulus = 3072;
const suggestedCurve = 'prime256v1';

const keyPairApis: ReadonlySet<CryptoApi> = new Set(['generateKeyPair', 'generateKeyPairSync', 'createECDH', 'createDiffieHellman', 'getDiffieHellman']);
// `getDiffieHellman(group)`: the RFC 2409 groups modp1 and modp2 are 768 and 1,024 bits.
const weakGroups = new Set(['modp1', 'modp2']);

/**
 * The size in bits an elliptic curve's name says (`secp192k1` → 192, `c2pnb163v2` → 163,
 * `brainpoolP160r1` → 160, `prime192v1` → 192); WAP/WTLS curves are all small. Undefined for a
 * name that says nothing (`prime256v1`, `P-384` are also read as their numbers).
 */
export function curveBits(name: string): number | undefined {
  if (/^wap-wsg-idm-ecid-wtls\d+$/i.test(name)) {
    return 112;
  }
  const match = /^(?:secp|sect|prime|c2[pt]nb|brainpoolP|P-)(\d{3})/i.exec(name);
  return match ? Number(match[1]) : undefined;
}

/** A size: `written` where the call gets it, `node` the number literal (the same, or a `const`'s value). */
interface Size {
  readonly written: SyntaxNode;
  readonly node: SyntaxNode;
  readonly value: number;
}

function numberValue(context: SyntaxContext, node: SyntaxNode | null | undefined, scopes: CryptoFile['scopes']): Size | undefined {
  const written = unwrap(node);
  const value = unwrap(scopes.constValue(written));
  if (!written || value?.type !== 'number') {
    return undefined;
  }
  const parsed = Number(context.text.slice(value.startIndex, value.endIndex).replace(/_/g, ''));
  return Number.isFinite(parsed) ? { written, node: value, value: parsed } : undefined;
}

interface WeakKey {
  readonly node: SyntaxNode;
  readonly message: string;
  readonly fix?: FixSpec;
}

function shortModulus(kind: string, size: Size, field: string): WeakKey | undefined {
  if (size.value >= minimumModulus) {
    return undefined;
  }
  return {
    node: size.written,
    message: `A ${size.value}-bit ${kind} key is too weak for payment data (PCI DSS asks for strong cryptography: at least ${minimumModulus} bits). Use ${use(field)}.`,
    fix: { title: `Use ${use(field)}`, preferred: true, edits: [{ start: size.node.startIndex, end: size.node.endIndex, newText: String(suggestedModulus) }] },
  };
}

/** `modulusLength: 3072` for an option, `a key size of 3072` for an argument. */
function use(field: string): string {
  return field.includes(' ') ? `${field} ${suggestedModulus}` : `${field}: ${suggestedModulus}`;
}

function smallCurve(file: CryptoFile, node: SyntaxNode | null | undefined): WeakKey | undefined {
  const curve = resolvedString(file.scopes, node);
  const bits = curve ? curveBits(curve.value) : undefined;
  const written = unwrap(node);
  if (!curve || !written || bits === undefined || bits >= minimumCurve) {
    return undefined;
  }
  const quote = file.context.text[curve.node.startIndex];
  return {
    node: written,
    message: `The elliptic curve '${curve.value}' has a ${bits}-bit order: too weak for payment data (PCI DSS asks for strong cryptography, at least ${minimumCurve} bits). Use '${suggestedCurve}' (P-256) or a larger curve.`,
    fix:
      curve.node.type === 'string'
        ? { title: `Use '${suggestedCurve}'`, preferred: true, edits: [{ start: curve.node.startIndex, end: curve.node.endIndex, newText: `${quote}${suggestedCurve}${quote}` }] }
        : undefined,
  };
}

/** node's `generateKeyPair[Sync](type, options)`, `createECDH(curve)`, `createDiffieHellman(bits)`, `getDiffieHellman(group)`. */
function nodeCryptoKeys(file: CryptoFile): WeakKey[] {
  const found: WeakKey[] = [];
  for (const call of cryptoCalls(file, keyPairApis)) {
    const [first, second] = call.args;
    if (call.api === 'createECDH') {
      const weak = smallCurve(file, first);
      if (weak) found.push(weak);
    } else if (call.api === 'createDiffieHellman') {
      const size = numberValue(file.context, first, file.scopes);
      const weak = size ? shortModulus('Diffie-Hellman', size, 'a prime length of') : undefined;
      if (weak) found.push({ ...weak, fix: undefined });
    } else if (call.api === 'getDiffieHellman') {
      const group = resolvedString(file.scopes, first);
      const written = unwrap(first);
      if (group && written && weakGroups.has(group.value.toLowerCase())) {
        found.push({
          node: written,
          message: `The Diffie-Hellman group '${group.value}' is ${group.value === 'modp1' ? 768 : 1024} bits: too weak for payment data. Use 'modp14' (2,048 bits) or larger, or ECDH.`,
        });
      }
    } else {
      const type = resolvedString(file.scopes, first)?.value.toLowerCase();
      const options = resolvedObject(file.scopes, second);
      if (!type || !options) continue;
      const weak =
        type === 'ec'
          ? smallCurve(file, propertyValue(options, 'namedCurve'))
          : type === 'rsa' || type === 'rsa-pss' || type === 'dsa' || type === 'dh'
            ? checkSize(file, options, type === 'dh' ? 'primeLength' : 'modulusLength', type === 'dh' ? 'Diffie-Hellman' : type.toUpperCase())
            : undefined;
      if (weak) found.push(weak);
    }
  }
  return found;
}

function checkSize(file: CryptoFile, options: SyntaxNode, field: string, kind: string): WeakKey | undefined {
  const size = numberValue(file.context, propertyValue(options, field), file.scopes);
  return size ? shortModulus(kind, size, field) : undefined;
}

/** WebCrypto `subtle.generateKey({ name: 'RSA-OAEP', modulusLength: 1024, … })` and node-forge `pki.rsa.generateKeyPair(1024)`. */
function otherLibraryKeys(file: CryptoFile): WeakKey[] {
  const found: WeakKey[] = [];
  for (const { node, callee } of file.callSites) {
    if (callee?.name === 'generateKey' && lastSegment(callee.receiver) === 'subtle') {
      const params = resolvedObject(file.scopes, callArguments(node)[0]);
      const name = params ? resolvedString(file.scopes, propertyValue(params, 'name'))?.value : undefined;
      if (params && name && /^rsa/i.test(name)) {
        const weak = checkSize(file, params, 'modulusLength', 'RSA');
        if (weak) found.push(weak);
      }
    } else if (callee?.name === 'generateKeyPair' && lastSegment(callee.receiver) === 'rsa') {
      // node-forge: `generateKeyPair(bits, e)` or `generateKeyPair({ bits, e })`.
      const first = callArguments(node)[0];
      const options = resolvedObject(file.scopes, first);
      const size = numberValue(file.context, options ? propertyValue(options, 'bits') : first, file.scopes);
      const weak = size ? shortModulus('RSA', size, options ? 'bits' : 'a key size of') : undefined;
      if (weak) found.push(weak);
    }
  }
  return found;
}

export const weakAsymmetricKey: Rule = {
  id: 'weak-asymmetric-key',
  title: 'RSA, DSA, Diffie-Hellman or elliptic-curve key too small',
  section: 'Data Encryption',
  defaultSeverity: 'warning',
  languages: ['javascript', 'typescript', 'tsx'],
  literals: ['moduluslength', 'namedcurve', 'createecdh', 'diffiehellman', 'generatekeypair'],
  mappings: {
    cwe: ['CWE-326'],
    owasp: ['A02:2021 Cryptographic Failures'],
    pciDss: ['3.6.1', '4.2.1'],
    gdpr: ['Art. 32'],
  },
  description: [
    'Public-key cryptography protects the keys that protect card data, and signs tokens and webhooks. PCI DSS asks',
    'for "strong cryptography", which its glossary sets at 112 bits of effective strength: RSA, DSA and',
    'Diffie-Hellman keys of at least 2,048 bits, elliptic curves of at least 224 bits. A 1,024-bit RSA key or a',
    '163-bit curve can be broken with resources a motivated attacker has.',
    '',
    'The rule reports `crypto.generateKeyPair`/`generateKeyPairSync` with `modulusLength` under 2,048 (RSA,',
    'RSA-PSS, DSA) or `primeLength` under 2,048 (DH), or a `namedCurve` under 224 bits (`secp192k1`, `prime192v1`,',
    '`sect163k1`, `c2pnb163v2`, `brainpoolP160r1`, …); `crypto.createECDH` with such a curve;',
    '`crypto.createDiffieHellman(1024)`; `crypto.getDiffieHellman(\'modp1\' | \'modp2\')`; WebCrypto',
    '`subtle.generateKey({ name: \'RSA-OAEP\', modulusLength: 1024 })`; and node-forge',
    '`pki.rsa.generateKeyPair(1024)`. Sizes and options are followed through a `const` in the same file (or a',
    '`let` the file never assigns again).',
    '',
    '**Fix:** generate 3,072-bit RSA keys (2,048 is the minimum) or use P-256 (`prime256v1`) or larger curves,',
    'then rotate the keys made with the weak parameters. The quick fix sets the size or the curve.',
    '',
    '```js',
    '// Flagged',
    "const { publicKey, privateKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 1024 });",
    "const ecdh = crypto.createECDH('secp112r1');",
    '// Secure',
    "const { publicKey, privateKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 3072 });",
    "const ecdh = crypto.createECDH('prime256v1');",
    '```',
  ].join('\n'),

  check(context: SyntaxContext): void {
    const file = new CryptoFile(context);
    for (const weak of [...nodeCryptoKeys(file), ...otherLibraryKeys(file)]) {
      context.report({ start: weak.node.startIndex, end: weak.node.endIndex, message: weak.message, fixes: weak.fix ? [weak.fix] : [] });
    }
  },
};
