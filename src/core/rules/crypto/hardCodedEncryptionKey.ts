import { stringValue } from '../js/express';
import { namedSecretSites } from '../js/namedSecretSites';
import { lastSegment } from '../js/syntax';
import { namedSecretLiterals, notASecretValue } from '../keys/secrets';
import type { Rule, SyntaxContext, SyntaxNode } from '../rule';
import { cryptoCalls, propertyValue, resolvedObject, resolvedString } from './cryptoApi';
import { cryptoJsCipherLabel } from './ciphers';
import { CryptoFile } from './cryptoFile';

const apis = new Set(['createCipheriv', 'createDecipheriv', 'createCipher', 'createDecipher', 'createHmac'] as const);

type KeyUse = 'encryption key' | 'HMAC key' | 'password';

export const hardCodedEncryptionKey: Rule = {
  id: 'hard-coded-encryption-key',
  title: 'Encryption or HMAC key written in the code',
  section: 'Data Encryption',
  defaultSeverity: 'error',
  languages: ['javascript', 'typescript', 'tsx'],
  literals: ['createcipher', 'createdecipher', 'createhmac', 'importkey', 'crypto-js', 'cryptojs', ...namedSecretLiterals.filter((literal) => /enc|crypt|cipher|aes/.test(literal))],
  mappings: {
    cwe: ['CWE-321', 'CWE-798'],
    owasp: ['A02:2021 Cryptographic Failures', 'A07:2021 Identification and Authentication Failures'],
    pciDss: ['3.6.1', '3.6.1.2'],
    gdpr: ['Art. 32'],
  },
  description: [
    'A key written into the source is in every clone, build, container image and backup of the repository, and in',
    'its git history for good. Whoever reads any of them can decrypt the card data the key protects, or forge the',
    'signatures an HMAC key makes. PCI DSS asks for keys stored apart from the data, in the fewest places, and',
    'replaced when someone who knew them leaves.',
    '',
    'The rule reports the key given to `crypto.createCipheriv`/`createDecipheriv` (and the deprecated',
    '`createCipher`), `crypto.createHmac`, WebCrypto\'s `subtle.importKey` and CryptoJS\'s `AES.encrypt`/`HmacSHA256`',
    'when it is a string literal, `Buffer.from(\'…\')`, a byte array, `Buffer.alloc(32)` (all zeros), a key derived',
    'with `scryptSync`/`pbkdf2Sync` (or hashed with `createHash(…).update(…).digest()`) from a password written in the',
    'code, a fallback such as `process.env.DATA_KEY || \'dev-key\'`, or a `const` or class field in the same file',
    '(`static KEY = \'…\'` read as `Svc.KEY` or `this.KEY`, and never assigned again) set to one of these. The finding',
    'is where the value is written, once however many calls use it. The message never repeats the key.',
    '',
    'A value under a name that says it is an encryption key (`cryptoKey: \'…\'` in a config module another file reads,',
    '`const ENCRYPTION_KEY = Buffer.from(\'…\', \'hex\')`, an `aesKey` class field) is reported the same way, since',
    'whichever file uses it, the key is in the source; labels, variable names and placeholders under such names are not.',
    '',
    'It stays quiet for keys read from the environment (`Buffer.from(process.env.DATA_KEY, \'base64\')`), a key',
    'management service, `crypto.randomBytes`, parameters, and an empty HMAC key.',
    '',
    '**Fix:** load the key at run time from a key management service (AWS KMS, Google Cloud KMS, Azure Key Vault,',
    'HashiCorp Vault) or, at least, from an environment variable set outside the repository; then rotate the key',
    'that was in the code, since its history keeps it. There is no quick fix: the key has to go somewhere first, and',
    'the old one has to be rotated.',
    '',
    '```js',
    '// Flagged',
    "const KEY = Buffer.from('8f3c0d9e2b7a4c1f8f3c0d9e2b7a4c1f', 'hex');",
    "const cipher = crypto.createCipheriv('aes-256-gcm', KEY, iv);",
    '// Secure',
    "const KEY = Buffer.from(process.env.DATA_ENCRYPTION_KEY ?? '', 'base64'); // 32 bytes, from your secret store",
    "const cipher = crypto.createCipheriv('aes-256-gcm', KEY, iv);",
    '```',
  ].join('\n'),

  check(context: SyntaxContext): void {
    const reported = new Set<number>();
    const file = new CryptoFile(context);
    const scopes = file.scopes;
    const report = (key: SyntaxNode | undefined, use: KeyUse): void => {
      const source = key ? file.bytes.of(key) : undefined;
      if (!source || source.kind === 'env' || source.kind === 'uninitialised' || source.empty || reported.has(source.at.id)) {
        return;
      }
      reported.add(source.at.id);
      const what = source.kind === 'zeros' ? 'all zeros' : source.describe;
      context.report({
        start: source.at.startIndex,
        end: source.at.endIndex,
        message:
          use === 'HMAC key'
            ? `This HMAC key is ${what}: anyone with the source can forge signatures. Load it at run time from a secret store or an environment variable, and rotate this one.`
            : `This ${use} is ${what}: anyone with the source can decrypt the data. Load the key at run time from a key management service or an environment variable, and rotate this one.`,
      });
    };

    for (const call of cryptoCalls(file, apis)) {
      const use: KeyUse = call.api === 'createHmac' ? 'HMAC key' : call.api === 'createCipher' || call.api === 'createDecipher' ? (call.forge ? 'encryption key' : 'password') : 'encryption key';
      report(call.args[1], use);
    }

    const cryptoJs = file.bindings('crypto-js', (specifier) => specifier === 'crypto-js');
    const isCryptoJs = (node: SyntaxNode | null): boolean =>
      node?.type === 'identifier' && (node.text === 'CryptoJS' || cryptoJs.namespaces.has(node.text));
    for (const site of file.callSites) {
      const { callee } = site;
      if (!callee) {
        continue;
      }
      // WebCrypto: subtle.importKey('raw', keyBytes, …) and importKey('jwk', { kty: 'oct', k: '…' }, …).
      if (callee.name === 'importKey' && lastSegment(callee.receiver) === 'subtle') {
        const format = resolvedString(scopes, site.args[0])?.value;
        if (format === 'raw') {
          report(site.args[1], 'encryption key');
        } else if (format === 'jwk') {
          const jwk = resolvedObject(scopes, site.args[1]);
          const k = jwk?.type === 'object' ? propertyValue(jwk, 'k') : undefined;
          if (k) {
            report(k, 'encryption key');
          }
        }
        continue;
      }
      // CryptoJS.AES.encrypt(data, 'passphrase'), CryptoJS.HmacSHA256(data, 'key').
      if (/^Hmac/.test(callee.name) && isCryptoJs(callee.receiver)) {
        report(site.args[1], 'HMAC key');
        continue;
      }
      if ((callee.name === 'encrypt' || callee.name === 'decrypt') && callee.receiver?.type === 'member_expression') {
        const algorithm = callee.receiver.childForFieldName('property')?.text ?? '';
        if ((algorithm === 'AES' || cryptoJsCipherLabel(algorithm)) && isCryptoJs(callee.receiver.childForFieldName('object'))) {
          report(site.args[1], 'encryption key');
        }
      }
    }

    // A value under a name that says it is an encryption key (`cryptoKey: '…'` in a config module
    // another file reads): reported where it is written, as if a cipher in this file used it.
    for (const site of namedSecretSites(context)) {
      if (site.kind !== 'encryption' || !site.value) {
        continue;
      }
      const text = stringValue(site.value);
      if (text !== undefined && (text.length < 8 || notASecretValue(text, site.name))) {
        continue;
      }
      report(site.value, 'encryption key');
    }
  },
};
