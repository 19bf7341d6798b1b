import { lastSegment } from '../js/syntax';
import { callArguments } from '../js/express';
import type { Rule, SyntaxContext, SyntaxNode } from '../rule';
import { cryptoCalls, propertyValue, resolvedObject, resolvedString } from './cryptoApi';
import { classifyCipher } from './ciphers';
import { isEmptyIv } from './values';
import { CryptoFile } from './cryptoFile';

const apis = new Set(['createCipheriv'] as const);

function report(file: CryptoFile, iv: SyntaxNode, reported: Set<number>): void {
  const source = file.bytes.of(iv);
  if (!source || source.kind === 'derived-from-literal' || reported.has(source.at.id)) {
    return;
  }
  reported.add(source.at.id);
  file.context.report({
    start: source.at.startIndex,
    end: source.at.endIndex,
    message: `This IV is ${source.describe}, so IVs repeat across messages (with CTR or GCM that exposes the plaintext and lets tags be forged). Generate a fresh one per message with crypto.randomBytes(12) and store it beside the ciphertext.`,
  });
}

export const staticIv: Rule = {
  id: 'static-iv',
  title: 'Constant or zero IV',
  section: 'Data Encryption',
  defaultSeverity: 'error',
  languages: ['javascript', 'typescript', 'tsx'],
  literals: ['createcipheriv', 'subtle'],
  mappings: {
    cwe: ['CWE-329', 'CWE-1204'],
    owasp: ['A02:2021 Cryptographic Failures'],
    pciDss: ['3.5.1'],
    gdpr: ['Art. 32'],
  },
  description: [
    'An initialisation vector (IV, or nonce) must be new for every message encrypted under a key. With a fixed IV, CBC',
    'encrypts equal records to equal ciphertext (two customers with the same card have the same encrypted PAN); CTR',
    'and GCM reuse the key stream, so XOR-ing two ciphertexts gives the XOR of the plaintexts, and GCM\'s',
    'authentication key leaks, letting an attacker forge ciphertexts.',
    '',
    'The rule reports the IV argument of `crypto.createCipheriv` and the `iv`/`counter` of WebCrypto\'s',
    '`subtle.encrypt` when it is written into the code or the configuration: `Buffer.alloc(16)` (zeros),',
    '`Buffer.allocUnsafe(16)` (not random), `new Uint8Array(12)`, `Buffer.from(\'…\')`, `Buffer.from([0, 1, …])`, a',
    'string literal, `process.env.IV`, or a `const` or class field in the same file (`static IV = …` read as `Svc.IV`',
    'or `this.IV`, and never assigned again) set to one of these.',
    '',
    'It stays quiet for `crypto.randomBytes(…)`, `crypto.getRandomValues(…)`, a buffer filled after it is made',
    '(`crypto.randomFillSync(iv)`, a counter written into a nonce), IVs read from the stored message (on the',
    'decrypting side), parameters and anything else it cannot trace, and for the missing IV of ECB and RC4 calls',
    '(reported by `ecb-mode` and `weak-cipher`).',
    '',
    '**Fix:** `const iv = crypto.randomBytes(12)` for each message; store it (it is not secret) beside the ciphertext',
    'and the auth tag, and read it back to decrypt. There is no quick fix: the decrypting side has to learn where',
    'the IV now is.',
    '',
    '```js',
    '// Flagged',
    "const cipher = crypto.createCipheriv('aes-256-gcm', key, Buffer.alloc(12));",
    '// Secure',
    'const iv = crypto.randomBytes(12);',
    "const cipher = crypto.createCipheriv('aes-256-gcm', key, iv);",
    'return Buffer.concat([iv, cipher.update(data), cipher.final(), cipher.getAuthTag()]);',
    '```',
  ].join('\n'),

  check(context: SyntaxContext): void {
    const reported = new Set<number>();
    const file = new CryptoFile(context);
    for (const call of cryptoCalls(file, apis)) {
      const iv = call.args[2];
      if (!iv || isEmptyIv(iv)) {
        continue;
      }
      // ECB takes no IV; whatever is passed is ignored (and ecb-mode reports the call).
      const algorithm = resolvedString(file.scopes, call.args[0]);
      if (algorithm && classifyCipher(algorithm.value)?.ecb) {
        continue;
      }
      report(file, iv, reported);
    }
    for (const { node, callee } of file.callSites) {
      if (callee?.name !== 'encrypt' || lastSegment(callee.receiver) !== 'subtle') {
        continue;
      }
      const params = resolvedObject(file.scopes, callArguments(node)[0]);
      const iv = params ? (propertyValue(params, 'iv') ?? propertyValue(params, 'counter')) : undefined;
      if (iv) {
        report(file, iv, reported);
      }
    }
  },
};
