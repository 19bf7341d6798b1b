import { CryptoFile } from './cryptoFile';
import type { Rule, SyntaxContext } from '../rule';
import { algorithmUses, cryptoJsEcbUses } from './ciphers';
import { gcmFix } from './weakCipher';

export const ecbMode: Rule = {
  id: 'ecb-mode',
  title: 'ECB block cipher mode',
  section: 'Data Encryption',
  defaultSeverity: 'error',
  languages: ['javascript', 'typescript', 'tsx'],
  literals: ['ecb'],
  mappings: {
    cwe: ['CWE-327'],
    owasp: ['A02:2021 Cryptographic Failures'],
    pciDss: ['3.5.1', '3.6.1'],
    gdpr: ['Art. 32'],
  },
  description: [
    'Electronic codebook (ECB) mode encrypts every 16-byte block on its own with the same key: equal plaintext blocks',
    'give equal ciphertext blocks. Card numbers, which share issuer prefixes and formats, leak their patterns, and',
    'blocks can be cut, swapped and replayed without the key. AES-256 in ECB mode is still ECB.',
    '',
    'The rule reports a cipher name ending in `-ecb` (`aes-256-ecb`, `sm4-ecb`, node-forge\'s `AES-ECB`) given to',
    '`crypto.createCipheriv`/`createDecipheriv` (directly or through a `const` in the same file) or stored under an',
    'algorithm-like name, and CryptoJS\'s `mode: CryptoJS.mode.ECB`. DES, 3DES and the other weak ciphers in ECB',
    'mode are reported once, by `weak-cipher`.',
    '',
    'It stays quiet for GCM, CCM, CTR, CBC and OCB, and for `-ecb` in comments or unrelated strings.',
    '',
    '**Fix:** use `aes-256-gcm` with a fresh random 12-byte IV per message (stored beside the ciphertext) and the',
    'authentication tag (`getAuthTag()` after encrypting, `setAuthTag()` before `final()` when decrypting). No quick',
    'fix is offered when the call passes no IV (as ECB calls do): GCM needs one, and where it comes from is a design',
    'choice. CryptoJS has no authenticated mode; use node\'s crypto or WebCrypto\'s AES-GCM.',
    '',
    '```js',
    '// Flagged',
    "const cipher = crypto.createCipheriv('aes-256-ecb', key, null);",
    '// Secure',
    'const iv = crypto.randomBytes(12);',
    "const cipher = crypto.createCipheriv('aes-256-gcm', key, iv); // keep iv and cipher.getAuthTag()",
    '```',
  ].join('\n'),

  check(context: SyntaxContext): void {
    const file = new CryptoFile(context);
    for (const use of algorithmUses(file)) {
      if (!use.cipher.ecb || use.cipher.weak) {
        continue;
      }
      const { literal } = use;
      context.report({
        start: literal.node.startIndex,
        end: literal.node.endIndex,
        severity: use.byName ? 'warning' : undefined,
        message: `'${literal.value}' uses ECB mode, which encrypts equal blocks to equal ciphertext and leaks patterns in the data. Use AES-256-GCM with a random 12-byte IV per message instead.`,
        fixes: gcmFix(use),
      });
    }
    for (const use of cryptoJsEcbUses(file)) {
      context.report({
        start: use.node.startIndex,
        end: use.node.endIndex,
        message: 'CryptoJS ECB mode encrypts equal blocks to equal ciphertext and leaks patterns in the data. Use AES-256-GCM (node\'s crypto or WebCrypto) with a random IV per message instead.',
      });
    }
  },
};
