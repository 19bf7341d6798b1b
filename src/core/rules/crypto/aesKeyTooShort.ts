import { CryptoFile } from './cryptoFile';
import type { Rule, SyntaxContext } from '../rule';
import { algorithmUses, webCryptoAesKeyParams } from './ciphers';

export const aesKeyTooShort: Rule = {
  id: 'aes-key-too-short',
  title: 'AES key shorter than 256 bits',
  section: 'Data Encryption',
  defaultSeverity: 'warning',
  languages: ['javascript', 'typescript', 'tsx'],
  literals: ['128', '192'],
  mappings: {
    cwe: ['CWE-326'],
    owasp: ['A02:2021 Cryptographic Failures'],
    pciDss: ['3.5.1'],
    gdpr: ['Art. 32'],
  },
  description: [
    'UCanPay\'s guide asks for AES with a key size of at least 256 bits for sensitive data at rest. AES-128 and',
    'AES-192 are not broken, but they fall short of that requirement and of the margin long-lived card data needs.',
    '',
    'The rule reports `aes-128-*`, `aes-192-*`, `aes128`, `aes192` and `id-aes128-*` cipher names given to',
    '`crypto.createCipheriv`/`createDecipheriv` (directly or through a `const` in the same file) or stored under an',
    'algorithm-like name (as a warning, since the use is not seen), and WebCrypto key generation with',
    '`{ name: \'AES-GCM\', length: 128 }` (`subtle.generateKey` or `subtle.deriveKey`). AES-128 in ECB mode is',
    'reported once, by `ecb-mode`.',
    '',
    'It stays quiet for 256-bit AES, for TLS and SSH cipher lists, and for numbers that are not key lengths.',
    '',
    '**Fix:** use the 256-bit variant of the same mode (`aes-256-gcm`), with a 32-byte key. The quick fix changes',
    'the name (or the WebCrypto `length`); a key made for AES-128 is 16 bytes and must be replaced by a 32-byte one,',
    'and data encrypted under the old key must be decrypted once and re-encrypted.',
    '',
    '```js',
    '// Flagged',
    "const cipher = crypto.createCipheriv('aes-128-gcm', key16, iv);",
    "const key = await crypto.subtle.generateKey({ name: 'AES-GCM', length: 128 }, false, ['encrypt', 'decrypt']);",
    '// Secure',
    "const cipher = crypto.createCipheriv('aes-256-gcm', key32, iv);",
    "const key = await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);",
    '```',
  ].join('\n'),

  check(context: SyntaxContext): void {
    const file = new CryptoFile(context);
    for (const use of algorithmUses(file)) {
      const bits = use.cipher.aesBits;
      if (!bits || bits >= 256 || use.cipher.ecb || use.cipher.weak) {
        continue;
      }
      const { literal } = use;
      const at = literal.value.indexOf(String(bits));
      const better = literal.value.slice(0, at) + '256' + literal.value.slice(at + 3);
      context.report({
        start: literal.node.startIndex,
        end: literal.node.endIndex,
        message: `'${literal.value}' uses a ${bits}-bit AES key; UCanPay asks for at least 256 bits for sensitive data. Use '${better}' with a 32-byte key.`,
        fixes: [
          {
            title: `Use '${better}' (needs a 32-byte key)`,
            preferred: true,
            edits: [{ start: literal.offset + at, end: literal.offset + at + 3, newText: '256' }],
          },
        ],
      });
    }
    for (const params of webCryptoAesKeyParams(file)) {
      const length = params.length;
      if (!length || length.bits >= 256) {
        continue;
      }
      context.report({
        start: length.node.startIndex,
        end: length.node.endIndex,
        message: `This ${params.name} key is ${length.bits} bits; UCanPay asks for at least 256 bits for sensitive data. Generate it with length: 256.`,
        fixes: [{ title: 'Use length: 256', preferred: true, edits: [{ start: length.node.startIndex, end: length.node.endIndex, newText: '256' }] }],
      });
    }
  },
};
