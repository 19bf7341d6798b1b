import type { Rule, SyntaxContext } from '../rule';
import { cryptoCalls } from './cryptoApi';
import { CryptoFile } from './cryptoFile';

const apis = new Set(['createCipher', 'createDecipher'] as const);

export const deprecatedCreateCipher: Rule = {
  id: 'deprecated-create-cipher',
  title: 'crypto.createCipher/createDecipher (no IV, MD5 key derivation)',
  section: 'Data Encryption',
  defaultSeverity: 'error',
  languages: ['javascript', 'typescript', 'tsx'],
  literals: ['createcipher', 'createdecipher'],
  mappings: {
    cwe: ['CWE-327', 'CWE-329', 'CWE-916'],
    owasp: ['A02:2021 Cryptographic Failures'],
    pciDss: ['3.5.1', '3.6.1'],
    gdpr: ['Art. 32'],
  },
  description: [
    '`crypto.createCipher(algorithm, password)` and `crypto.createDecipher` derive the key and the IV from the',
    'password with one round of MD5 and no salt (OpenSSL\'s `EVP_BytesToKey`): every message under one password gets',
    'the same IV, and the password falls to a dictionary attack. Node deprecated both in v10 and removed them in',
    'v22, so the code also stops running on current Node.',
    '',
    'The rule reports calls of node\'s `createCipher` and `createDecipher`, however `crypto` is imported',
    '(`require(\'crypto\')`, `import * as crypto from \'node:crypto\'`, a destructured or aliased import).',
    '',
    'It stays quiet for `createCipheriv`/`createDecipheriv` and for node-forge\'s `forge.cipher.createCipher`, which',
    'takes a key rather than a password.',
    '',
    '**Fix:** use `crypto.createCipheriv(\'aes-256-gcm\', key, iv)` with a 32-byte key from your key store (or',
    'derived with `crypto.scryptSync(password, salt, 32)` and a random salt) and a fresh `crypto.randomBytes(12)` IV',
    'per message, stored beside the ciphertext with the auth tag. There is no quick fix: where the IV is kept is',
    'yours to decide, and data encrypted the old way must be decrypted the old way once and re-encrypted.',
    '',
    '```js',
    '// Flagged',
    "const cipher = crypto.createCipher('aes-256-cbc', password);",
    '// Secure',
    'const iv = crypto.randomBytes(12);',
    "const cipher = crypto.createCipheriv('aes-256-gcm', key, iv);",
    '```',
  ].join('\n'),

  check(context: SyntaxContext): void {
    for (const call of cryptoCalls(new CryptoFile(context), apis)) {
      if (call.forge) {
        continue;
      }
      const iv = call.api === 'createCipher' ? 'createCipheriv' : 'createDecipheriv';
      context.report({
        start: call.nameNode.startIndex,
        end: call.nameNode.endIndex,
        message: `crypto.${call.api} derives key and IV from a password with MD5 and no salt (and is gone in Node 22). Use crypto.${iv}('aes-256-gcm', key, iv) with a random IV (crypto.randomBytes(12)) per message.`,
      });
    }
  },
};
