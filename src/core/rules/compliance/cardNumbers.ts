/**
 * Payment card numbers (PANs): the networks' number ranges, the Luhn check, and the test numbers
 * that payment providers publish for sandboxes (which are fine to have in code).
 */

export type CardNetwork = 'Visa' | 'Mastercard' | 'American Express' | 'Discover' | 'JCB' | 'Diners Club' | 'UnionPay';

export interface CardMatch {
  /** Offsets of the number as written (separators included). */
  readonly start: number;
  readonly end: number;
  /** The digits alone. */
  readonly digits: string;
  readonly network: CardNetwork;
}

export function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let digit = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      digit *= 2;
      if (digit > 9) {
        digit -= 9;
      }
    }
    sum += digit;
  }
  return digits.length > 0 && sum % 10 === 0;
}

function prefixIn(digits: string, length: number, low: number, high: number): boolean {
  const prefix = Number(digits.slice(0, length));
  return prefix >= low && prefix <= high;
}

/** The network whose issuer range (IIN) and lengths the number fits, if any. */
export function cardNetwork(digits: string): CardNetwork | undefined {
  const n = digits.length;
  if (digits[0] === '4') {
    return n === 13 || n === 16 || n === 19 ? 'Visa' : undefined;
  }
  if (prefixIn(digits, 2, 51, 55) || prefixIn(digits, 4, 2221, 2720)) {
    return n === 16 ? 'Mastercard' : undefined;
  }
  if (digits.startsWith('34') || digits.startsWith('37')) {
    return n === 15 ? 'American Express' : undefined;
  }
  if (digits.startsWith('6011') || digits.startsWith('65') || prefixIn(digits, 3, 644, 649)) {
    return n >= 16 && n <= 19 ? 'Discover' : undefined;
  }
  if (prefixIn(digits, 4, 3528, 3589)) {
    return n >= 16 && n <= 19 ? 'JCB' : undefined;
  }
  if (digits.startsWith('36') || digits.startsWith('38') || prefixIn(digits, 3, 300, 305)) {
    return n >= 14 && n <= 19 ? 'Diners Club' : undefined;
  }
  if (digits.startsWith('62')) {
    return n >= 16 && n <= 19 ? 'UnionPay' : undefined;
  }
  return undefined;
}

/**
 * Test card numbers published by Stripe, Adyen, Braintree, PayPal, Checkout.com, Worldpay and the
 * networks themselves for sandboxes. Numbers made of one repeated group, mostly zeros, or a typed
 * sequence are treated as test numbers too (see isTestCardNumber).
 */
export const publishedTestCards: ReadonlySet<string> = new Set([
  // Visa
  '4242424242424242', '4111111111111111', '4000056655665556', '4012888888881881', '4222222222222',
  '4000000000000002', '4012000033330026', '4988438843884305', '4166676667666746', '4646464646464644',
  '4444333322221111', '4035501000000008', '4005519200000004', '4009348888881881', '4012000077777777',
  '4217651111111119', '4500600000000061', '4000111111111115', '4263982640269299', '4005550000000001',
  '4917610000000000', '4462030000000000', '4917300800000000', '4484070000000000', '4571000000000001',
  '4199350000000002',
  // Mastercard (2-series and 5-series)
  '5555555555554444', '5105105105105100', '2223003122003222', '5200828282828210', '5454545454545454',
  '5555341244441115', '5577000055770004', '5136333333333335', '2223000048400011', '2222400070000005',
  '2222400010000008', '5101180000000007', '5425233430109903', '5431111111111111', '5500000000000004',
  '2221000000000009', '5200000000000007',
  // American Express
  '378282246310005', '371449635398431', '378734493671000', '370000000000002', '340000000000009',
  '341111111111111', '374245455400126', '370000000100018', '371111111111114', '343434343434343',
  '376449047333005',
  // Discover
  '6011111111111117', '6011000990139424', '6011000400000000', '6011601160116611', '6445644564456445',
  '6011981111111113', '6011000991300009', '6510000000000000', '6500000000000002',
  // JCB
  '3566002020360505', '3530111333300000', '3566111111111113', '3569990010095841', '3528000000000007',
  // Diners Club
  '30569309025904', '38520000023237', '36227206271667', '36006666333344', '36700102000000',
  '36148900647913', '3056930009020004', '36259600000004', '38000000000006', '36555500001111',
  // UnionPay
  '6200000000000005', '6200000000000047', '6205500000000000004', '6250941006528599', '6243030000000001',
  '6212345678901232', '6250946000000016', '6221261111117766',
]);

/** A published test number, or one built like one: a repeated group, mostly zeros, a typed sequence. */
export function isTestCardNumber(digits: string): boolean {
  if (publishedTestCards.has(digits)) {
    return true;
  }
  for (let period = 1; period <= 8; period++) {
    const group = digits.slice(0, period);
    if (group.repeat(Math.ceil(digits.length / period)).slice(0, digits.length) === digits) {
      return true;
    }
  }
  let zeros = 0;
  for (const ch of digits) {
    zeros += ch === '0' ? 1 : 0;
  }
  if (zeros * 2 >= digits.length) {
    return true;
  }
  let run = 1;
  for (let i = 1; i < digits.length; i++) {
    run = digits.charCodeAt(i) === digits.charCodeAt(i - 1) + 1 ? run + 1 : 1;
    if (run >= 7) {
      return true;
    }
  }
  return false;
}

/** The test number to suggest in place of a real one, by network and length. */
const replacements: Record<string, string> = {
  'Visa:16': '4242424242424242',
  'Visa:13': '4222222222222',
  'Mastercard:16': '5555555555554444',
  'American Express:15': '378282246310005',
  'Discover:16': '6011111111111117',
  'JCB:16': '3566002020360505',
  'Diners Club:14': '30569309025904',
  'Diners Club:16': '3056930009020004',
  'UnionPay:16': '6200000000000005',
  'UnionPay:19': '6205500000000000004',
};

export function testCardFor(network: CardNetwork, length: number): string | undefined {
  return replacements[`${network}:${length}`];
}

// A number not inside a longer run of digits, letters (hex, identifiers), decimals, versions or
// phone numbers (+44…), written as 13–19 digits or in groups with one kind of separator:
// 4-4-4-4(-3), 4-4-4-1..4 and Amex/Diners 4-6-5 / 4-6-4.
const before = String.raw`(?<![\w.+\-/\\]|\d[ -])`;
const after = String.raw`(?![\w-]|[ ./]\d)`;
const shapes = [
  new RegExp(`${before}\\d{13,19}${after}`, 'g'),
  new RegExp(`${before}\\d{4}([ -])\\d{4}\\1\\d{4}\\1\\d{1,4}(?:\\1\\d{1,3})?${after}`, 'g'),
  new RegExp(`${before}\\d{4}([ -])\\d{6}\\1\\d{4,5}${after}`, 'g'),
];

// Words before a number on its line that say what it is.
const cardWords = /card|\bpan\b|ccn|cc_?num|credit|debit|visa|master|amex|discover|jcb|diners|unionpay/i;
const idWords = /order|invoice|txn|transaction|tracking|shipment|parcel|account|acct|iban|bic|swift|phone|\btel\b|mobile|msisdn|fax|imei|isbn|ean|upc|gtin|sku|serial|\bids?\b|_ids?\b|uuid|guid|timestamp|epoch|nonce|\bseq|snowflake|\bref\b|reference|hash|checksum|version/i;
const camelId = /[a-z]Ids?\b/;

/** Luhn-valid numbers in a network's range that are not test numbers, and not introduced as an id. */
export function findCardNumbers(text: string): CardMatch[] {
  const found: CardMatch[] = [];
  for (const shape of shapes) {
    shape.lastIndex = 0;
    for (let match = shape.exec(text); match; match = shape.exec(text)) {
      const digits = match[0].replace(/[ -]/g, '');
      const network = cardNetwork(digits);
      if (!network || !luhnValid(digits) || isTestCardNumber(digits)) {
        continue;
      }
      const lineStart = text.lastIndexOf('\n', match.index) + 1;
      const context = text.slice(Math.max(lineStart, match.index - 48), match.index);
      if (!cardWords.test(context) && (idWords.test(context) || camelId.test(context))) {
        continue;
      }
      found.push({ start: match.index, end: match.index + match[0].length, digits, network });
    }
  }
  return found.sort((a, b) => a.start - b.start);
}
