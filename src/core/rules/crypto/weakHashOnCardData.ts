import type { Rule, SyntaxContext } from '../rule';
import { cardDataIn, type CardDataReference } from './cardData';
import { CryptoFile } from './cryptoFile';
import { digestLiterals, hashedInputs, hashStrength, type HashStrength } from './hashedInputs';

export const weakHashOnCardData: Rule = {
  id: 'weak-hash-on-card-data',
  title: 'Card data protected with MD5, SHA-1 or an unkeyed hash',
  section: 'Data Encryption',
  defaultSeverity: 'error',
  languages: ['javascript', 'typescript', 'tsx'],
  literals: digestLiterals,
  mappings: {
    cwe: ['CWE-328', 'CWE-327', 'CWE-759'],
    owasp: ['A02:2021 Cryptographic Failures'],
    pciDss: ['3.5.1', '3.5.1.1', '3.3.1.2'],
    gdpr: ['Art. 32'],
  },
  description: [
    'A hash does not hide a card number. There are only a few billion possible numbers behind each six-digit',
    'issuer prefix, and the last digit is a checksum: a GPU tries all of them against an MD5, SHA-1 or plain',
    'SHA-256 in minutes. MD5 and SHA-1 are also broken for collisions. PCI DSS 3.5.1.1 accepts hashes of the PAN only',
    'when they are keyed (HMAC) with a secret key managed like an encryption key. A CVV has a thousand values; no',
    'hash protects it, and it must not be kept after authorisation at all.',
    '',
    'The rule reports card data (a name such as `cardNumber`, `card_number`, `pan`, `card.number`, `ccnum`,',
    '`accountNumber`, `cvv`, `cvc`, `securityCode`, `expiry`) given to a digest:',
    '',
    '- `crypto.createHash(\'md5\' | \'sha1\' | \'md4\' | …).update(x)`, in one chain or through the variable that',
    '  holds the hash, `crypto.hash(\'md5\', x)`, `subtle.digest(\'SHA-1\', x)`, CryptoJS\'s `MD5(x)`/`SHA1(x)`, and',
    '  the `md5`/`sha1` packages, as an **error**;',
    '- the same with SHA-2 or SHA-3 and no key, as a **warning**.',
    '',
    'It stays quiet for hashes of anything else (ETags, cache keys, file checksums, Gravatar e-mails), for names that',
    'say the value is already protected or partial (`last4`, `maskedPan`, `cardToken`, `fingerprint`,',
    '`mask(pan)`), and for HMACs (`crypto.createHmac`), which are the fix.',
    '',
    '**Fix:** to find a card again without storing it, use `crypto.createHmac(\'sha256\', lookupKey)` with a secret',
    'key from your key store; to get the number back, encrypt it with AES-256-GCM. Better still, keep only the',
    'UCanPay token and the last four digits. There is no quick fix: existing hashes must be migrated.',
    '',
    '```js',
    '// Flagged',
    "const cardHash = crypto.createHash('md5').update(cardNumber).digest('hex');",
    '// Secure',
    "const cardHash = crypto.createHmac('sha256', lookupKey).update(cardNumber).digest('hex');",
    '```',
  ].join('\n'),

  check(context: SyntaxContext): void {
    const scopes = new CryptoFile(context).scopes;
    const reported = new Set<number>();
    for (const input of hashedInputs(context)) {
      const hash = hashStrength(input.algorithm);
      const reference = hash ? cardDataIn(scopes, input.data, { accountNumber: true }) : undefined;
      if (!hash || !reference || reported.has(reference.node.id)) {
        continue;
      }
      reported.add(reference.node.id);
      // Through a constant (`const input = `${pan}…`; md5(input)`), the finding is where it is hashed.
      const data = input.data;
      const at = data && (reference.node.startIndex < data.startIndex || reference.node.endIndex > data.endIndex) ? data : reference.node;
      context.report({
        start: at.startIndex,
        end: at.endIndex,
        severity: hash.strength === 'unkeyed' ? 'warning' : undefined,
        message: message(reference, hash.label, hash.strength),
      });
    }
  },
};

function message(reference: CardDataReference, label: string, strength: HashStrength): string {
  if (reference.field === 'cvv') {
    return `A CVV (${reference.name}) is hashed with ${label}: with a thousand possible values no hash hides it, and it must not be kept after authorisation. Drop it once the payment is authorised.`;
  }
  const why =
    strength === 'weak'
      ? `${label}, which is fast and broken: every card number can be tried against the hash`
      : `${label} without a key: every card number can be tried against the hash (PCI DSS 3.5.1.1 asks for a keyed hash)`;
  return `Card data (${reference.name}) is hashed with ${why}. Encrypt it with AES-256-GCM, or for lookups use a keyed HMAC-SHA-256 (crypto.createHmac) with a secret key.`;
}

