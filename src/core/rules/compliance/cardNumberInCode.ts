import type { FixSpec, ReportSpec, Rule, SyntaxContext, TextContext } from '../rule';
import { inRanges } from '../keys/clientSide';
import { analysedFences } from '../keys/fileRoles';
import { findCardNumbers, testCardFor, type CardMatch } from './cardNumbers';

// A card number starts with the first two digits of its network's range; the prefilter looks for those.
const iinPrefixes = ['22', '23', '24', '25', '26', '27', '30', '34', '35', '36', '37', '38', '40', '41', '42', '43', '44', '45', '46', '47', '48', '49', '51', '52', '53', '54', '55', '60', '62', '64', '65'];

/** The test number laid out like the original (same separators in the same places). */
function layout(original: string, digits: string): string {
  let next = 0;
  return original.replace(/\d/g, () => digits[next++] ?? '');
}

function findingFor(text: string, card: CardMatch): ReportSpec {
  const written = text.slice(card.start, card.end);
  const replacement = testCardFor(card.network, card.digits.length);
  const fixes: FixSpec[] = replacement
    ? [
        {
          title: `Replace with the ${card.network} test number ${layout(written, replacement)}`,
          preferred: true,
          edits: [{ start: card.start, end: card.end, newText: layout(written, replacement) }],
        },
      ]
    : [];
  return {
    start: card.start,
    end: card.end,
    message: `A real-looking ${card.network} card number (ending ${card.digits.slice(-4)}) is in this file: cardholder data must not sit in code, fixtures or docs. Remove it, and use a published test card number instead.`,
    fixes,
  };
}

export const cardNumberInCode: Rule = {
  id: 'card-number-in-code',
  title: 'Real card number (PAN) in code, configuration or docs',
  section: 'Compliance with Security Standards',
  defaultSeverity: 'error',
  languages: ['javascript', 'typescript', 'tsx'],
  textKinds: ['dotenv', 'json', 'yaml', 'properties', 'dockerfile', 'shell', 'markdown', 'html', 'sql', 'prisma'],
  literals: iinPrefixes,
  mappings: {
    cwe: ['CWE-312', 'CWE-359'],
    owasp: ['A02:2021 Cryptographic Failures'],
    pciDss: ['3.3.1', '3.4.1', '3.5.1'],
    gdpr: ['Art. 32'],
  },
  description: [
    'A primary account number (PAN) in source code, a test fixture, a seed file or a README is cardholder data stored in',
    'clear text, readable by everyone with the repository — and it brings the repository, its clones and its CI into',
    'PCI DSS scope. Card numbers copied from production logs or support tickets into tests are the usual way this happens.',
    '',
    'The rule reports, in any file (comments included), a number that is:',
    '',
    '- 13 to 19 digits, written together or in groups with one kind of separator (`4-4-4-4`, `4 4 4 4 3`, Amex `4-6-5`);',
    '- in a card network\'s issuer range with a length that network issues: Visa `4` (13, 16, 19), Mastercard `51–55` and',
    '  `2221–2720` (16), American Express `34`/`37` (15), Discover `6011`/`644–649`/`65`, JCB `3528–3589`, Diners Club',
    '  `36`/`38`/`300–305`, UnionPay `62`;',
    '- valid under the Luhn check;',
    '- not a test number. Published test numbers are allowed: the Stripe, Adyen, Braintree, PayPal, Checkout.com and',
    '  network sandbox numbers (`4242 4242 4242 4242`, `4111 1111 1111 1111`, `4000 0566 5566 5556`, `5555 5555 5555 4444`,',
    '  `5105 1051 0510 5100`, `2223 0031 2200 3222`, `3782 822463 10005`, `3714 496353 98431`, `6011 1111 1111 1117`,',
    '  `3566 0020 2036 0505`, `3056 9309 0259 04`, `6200 0000 0000 0005` and about eighty more, listed in',
    '  `src/core/rules/compliance/cardNumbers.ts`), and numbers built like them: one repeated group (`5454 5454 5454 5454`),',
    '  at least half zeros (`4000 0000 0000 0002`, `4000 0025 0000 3155`), or a typed',
    '  sequence of seven ascending digits.',
    '',
    'It stays quiet for numbers inside longer digit runs, hex strings, UUIDs and identifiers, decimals and version numbers,',
    'phone numbers (`+44…`), URL path segments (`/orders/…`), timestamps (they start with `1`, outside every card range),',
    'Luhn-invalid numbers, and numbers that the text before them on the line introduces as something else (`orderId`,',
    '`invoice`, `tracking`, `account`, `iban`, `phone`, `imei`, `isbn`, `sku`, `serial`, `nonce`, `ref`) unless it also says `card`.',
    '',
    '**Fix:** delete the number (and, if it came from production data, treat it as an incident). In tests and docs use a',
    "test number of the same network: the quick fix puts one in the number's place, with the same separators.",
    '',
    '```js',
    '// Flagged: a Luhn-valid Visa number outside the test ranges (shown masked here)',
    "const card = { number: '4539 14•• •••• 6467', exp: '12/30' };",
    '// Secure',
    "const card = { number: '4242 4242 4242 4242', exp: '12/30' };",
    '```',
  ].join('\n'),

  check(context: SyntaxContext): void {
    for (const card of findCardNumbers(context.text)) {
      context.report(findingFor(context.text, card));
    }
  },

  checkText(context: TextContext): void {
    const cards = findCardNumbers(context.text);
    const fences = cards.length ? analysedFences(context) : [];
    for (const card of cards) {
      if (!inRanges(card.start, fences)) {
        context.report(findingFor(context.text, card));
      }
    }
  },
};
