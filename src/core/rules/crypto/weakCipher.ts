import { CryptoFile } from './cryptoFile';
import type { FixSpec, Rule, SyntaxContext } from '../rule';
import { algorithmUses, cryptoJsCipherLabel, cryptoJsCipherUses, type AlgorithmUse } from './ciphers';
import { isEmptyIv } from './values';

const modernCipher = 'aes-256-gcm';

/**
 * The switch to AES-256-GCM, offered only where it is one edit at the call: the literal is the
 * call's own argument (no constant shared with other code) and an IV is passed (RC4 and ECB take
 * none, and GCM needs one). Not preferred: GCM also needs a 32-byte key and the auth tag handled.
 */
export function gcmFix(use: AlgorithmUse): FixSpec[] {
  const call = use.directCall;
  if (!call || call.forge || (call.api !== 'createCipheriv' && call.api !== 'createDecipheriv') || isEmptyIv(call.args[2])) {
    return [];
  }
  return [
    {
      title: `Use '${modernCipher}' (then use a 32-byte key and handle the auth tag)`,
      edits: [{ start: use.literal.offset, end: use.literal.offset + use.literal.value.length, newText: modernCipher }],
    },
  ];
}

export const weakCipher: Rule = {
  id: 'weak-cipher',
  title: 'Broken or weak cipher (DES, 3DES, RC4, Blowfish, …)',
  section: 'Data Encryption',
  defaultSeverity: 'error',
  languages: ['javascript', 'typescript', 'tsx'],
  literals: ['cipher', 'algo', 'crypto-js', 'cryptojs'],
  mappings: {
    cwe: ['CWE-327'],
    owasp: ['A02:2021 Cryptographic Failures'],
    pciDss: ['3.5.1', '3.6.1'],
    gdpr: ['Art. 32'],
  },
  description: [
    'DES and DESX have 56-bit keys that can be searched exhaustively; Triple DES, Blowfish, CAST, IDEA and RC2 have',
    '64-bit blocks (Sweet32 recovers plaintext after a few dozen GB under one key) and are withdrawn by NIST; RC4 has',
    'biased output and is banned from TLS; the NULL cipher does not encrypt at all. UCanPay\'s guide asks for AES',
    'with keys of at least 256 bits for data at rest, and PCI DSS asks for strong cryptography for stored card data.',
    '',
    'The rule reports the cipher name given to `crypto.createCipheriv`, `createDecipheriv`, `createCipher` and',
    '`createDecipher` (however `crypto` is imported, directly or through a `const` in the same file), node-forge\'s',
    '`forge.cipher.createCipher(\'DES-CBC\', …)`, a full cipher name stored under an algorithm-like name',
    '(`const ALGORITHM = \'des-ede3-cbc\'`), and CryptoJS\'s `DES`, `TripleDES`, `RC4` and `Rabbit`.',
    '',
    'It stays quiet for AES and ChaCha20-Poly1305, for names in comments or unrelated strings, for bare words such as',
    '`\'des\'` that are not passed to a cipher call, and for cipher lists (TLS and SSH settings are other rules).',
    '',
    '**Fix:** encrypt with `aes-256-gcm`: a 32-byte key from your key store, a fresh 12-byte IV from',
    '`crypto.randomBytes(12)` for every message, stored beside the ciphertext, and the authentication tag:',
    '`cipher.getAuthTag()` after `final()` when encrypting, `decipher.setAuthTag(tag)` before `final()` when',
    'decrypting. The quick fix (offered when the name is written in the `createCipheriv`/`createDecipheriv` call and',
    'an IV is passed) only changes the name: the key and the auth tag are yours to change, and data encrypted under',
    'the old cipher must be decrypted with it once and re-encrypted.',
    '',
    '```js',
    '// Flagged',
    "const cipher = crypto.createCipheriv('des-ede3-cbc', key, iv);",
    '// Secure',
    'const iv = crypto.randomBytes(12);',
    "const cipher = crypto.createCipheriv('aes-256-gcm', key, iv);",
    'const encrypted = Buffer.concat([cipher.update(plaintext), cipher.final()]);',
    'const tag = cipher.getAuthTag(); // store iv, tag and encrypted together',
    '```',
  ].join('\n'),

  check(context: SyntaxContext): void {
    const file = new CryptoFile(context);
    for (const use of algorithmUses(file)) {
      if (!use.cipher.weak) {
        continue;
      }
      const { literal } = use;
      context.report({
        start: literal.node.startIndex,
        end: literal.node.endIndex,
        severity: use.byName ? 'warning' : undefined,
        message: `'${literal.value}' uses ${use.cipher.weak}, which is broken or too weak to protect data. Encrypt with AES-256-GCM (a 32-byte key and a random 12-byte IV per message) instead.`,
        fixes: gcmFix(use),
      });
    }
    for (const use of cryptoJsCipherUses(file)) {
      const label = cryptoJsCipherLabel(use.name);
      if (!label) {
        continue;
      }
      context.report({
        start: use.node.startIndex,
        end: use.node.endIndex,
        message: `CryptoJS.${use.name} uses ${label}, which is too weak to protect data. Encrypt with AES-256-GCM instead (node's crypto or WebCrypto; CryptoJS has no authenticated mode).`,
      });
    }
  },
};
