import * as assert from 'assert';
import { cardNetwork, isTestCardNumber, luhnValid, publishedTestCards } from '../../../src/core/rules/compliance/cardNumbers';
import { applyEdits, findingsFor } from '../helpers';

const rule = 'card-number-in-code';

async function ruleFindings(path: string, text: string) {
  return (await findingsFor(path, text)).filter((f) => f.ruleId === rule);
}

/** A random Luhn-valid number with the prefix and length, built at run time, that is not a test number. */
function realLooking(prefix: string, length: number): string {
  for (;;) {
    let body = prefix;
    while (body.length < length - 1) {
      body += String(Math.floor(Math.random() * 10));
    }
    for (let check = 0; check < 10; check++) {
      const candidate = body + check;
      if (luhnValid(candidate) && !isTestCardNumber(candidate)) {
        return candidate;
      }
    }
  }
}

function group(digits: string, sizes: number[], separator: string): string {
  const parts: string[] = [];
  let at = 0;
  for (const size of sizes) {
    parts.push(digits.slice(at, at + size));
    at += size;
  }
  return parts.join(separator);
}

const visa = realLooking('4539', 16);
const visa13 = realLooking('4929', 13);
const visa19 = realLooking('4716', 19);
const mastercard = realLooking('5312', 16);
const mastercard2 = realLooking('2720', 16);
const amex = realLooking('3714', 15);
const discover = realLooking('6011', 16);
const discover19 = realLooking('6506', 19);
const jcb = realLooking('3530', 16);
const diners = realLooking('3682', 14);
const diners300 = realLooking('3012', 14);
const unionpay = realLooking('6228', 16);

const flagged: Array<[string, string, string, string]> = [
  ['Visa in a string', 'a.js', `const card = '${visa}';`, visa],
  ['Visa 13 digits', 'a.ts', `const c = "${visa13}";`, visa13],
  ['Visa 19 digits', 'a.ts', `const c = "${visa19}";`, visa19],
  ['Mastercard with spaces', 'a.js', `pay({ number: '${group(mastercard, [4, 4, 4, 4], ' ')}' });`, group(mastercard, [4, 4, 4, 4], ' ')],
  ['Mastercard 2-series with dashes', 'a.js', `const c = '${group(mastercard2, [4, 4, 4, 4], '-')}';`, group(mastercard2, [4, 4, 4, 4], '-')],
  ['Amex 4-6-5', 'a.ts', `const c = '${group(amex, [4, 6, 5], ' ')}';`, group(amex, [4, 6, 5], ' ')],
  ['Discover', 'a.js', `const c = ${discover};`, discover],
  ['Discover 19 in groups 4-4-4-4-3', 'a.js', `const c = '${group(discover19, [4, 4, 4, 4, 3], ' ')}';`, group(discover19, [4, 4, 4, 4, 3], ' ')],
  ['JCB', 'a.js', `const c = '${jcb}';`, jcb],
  ['Diners 36', 'a.js', `const c = '${diners}';`, diners],
  ['Diners 300-305', 'a.js', `const c = '${diners300}';`, diners300],
  ['UnionPay', 'a.js', `const c = '${unionpay}';`, unionpay],
  ['comment', 'a.js', `// card ${visa} declined\nconst x = 1;`, visa],
  ['JSON', 'a.json', `{ "pan": "${visa}" }`, visa],
  ['YAML', 'a.yaml', `card: ${mastercard}\n`, mastercard],
  ['dotenv', '.env', `TEST_CARD=${visa}\n`, visa],
  ['shell', 'a.sh', `curl -d card=${visa} https://sandbox.ucanpay.com/v1/payments\n`, visa],
  ['Markdown', 'a.md', `The card ${group(visa, [4, 4, 4, 4], ' ')} was charged twice.\n`, group(visa, [4, 4, 4, 4], ' ')],
  ['HTML', 'a.html', `<input value="${visa}">`, visa],
  ['card word beats an id word', 'a.js', `const orderCard = '${visa}';`, visa],
];

const quiet: Array<[string, string, string]> = [
  ['published test numbers', 'a.js', [...publishedTestCards].map((n) => `'${n}'`).join(', ')],
  ['test numbers with spaces', 'a.js', "const c = ['4242 4242 4242 4242', '3782 822463 10005', '5555-5555-5555-4444'];"],
  ['repeated group', 'a.js', "const c = '4539453945394539';"],
  ['mostly zeros', 'a.js', "const c = '4000002760003184';"],
  ['Luhn-invalid', 'a.js', `const c = '${visa.slice(0, -1)}${(Number(visa.slice(-1)) + 1) % 10}';`],
  ['unknown range', 'a.js', "const c = '9999888877776666';"],
  ['Visa of a length Visa does not issue', 'a.js', `const c = '${realLooking('4539', 15)}';`],
  ['millisecond timestamp', 'a.js', 'const t = 1717171717171;'],
  ['nanosecond timestamp', 'a.js', 'const t = 1717171717171717171n;'],
  ['phone number', 'a.js', "const phone = '+4915112345678';"],
  ['inside a longer run of digits', 'a.js', `const n = '12${visa}34';`],
  ['inside a hex string', 'a.js', `const h = 'ab${visa}cd';`],
  ['inside a UUID', 'a.js', `const id = '${visa.slice(0, 8)}-${visa.slice(8, 12)}-4000-8000-${visa.slice(0, 12)}';`],
  ['decimal', 'a.js', `const x = ${visa}.5;`],
  ['version', 'a.js', `const v = '1.${visa}';`],
  ['URL path segment', 'a.js', `fetch('/orders/${visa}');`],
  ['order id', 'a.js', `const orderId = '${visa}';`],
  ['invoice number', 'a.md', `Invoice ${visa} is overdue.\n`],
  ['account number', 'a.json', `{ "accountNumber": "${visa}" }`],
  ['tracking number', 'a.yaml', `tracking: ${visa}\n`],
  ['longer dashed chain', 'a.js', `const c = '${group(visa, [4, 4, 4, 4], '-')}-1234';`],
  ['number in an identifier', 'a.js', `const x${visa} = 1;`],
];

describe('rule card-number-in-code', () => {
  for (const [title, path, text, expected] of flagged) {
    it(`flags: ${title}`, async () => {
      const findings = await ruleFindings(path, text);
      assert.deepStrictEqual(findings.map((f) => text.slice(f.startOffset, f.endOffset)), [expected]);
      assert.strictEqual(findings[0].severity, 'error');
    });
  }

  for (const [title, path, text] of quiet) {
    it(`stays quiet: ${title}`, async () => {
      const findings = await ruleFindings(path, text);
      assert.deepStrictEqual(findings.map((f) => text.slice(f.startOffset, f.endOffset)), []);
    });
  }

  it('names the network and only the last four digits', async () => {
    const [finding] = await ruleFindings('a.js', `const c = '${visa}';`);
    assert.match(finding.message, /Visa/);
    assert.ok(finding.message.includes(visa.slice(-4)));
    assert.ok(!finding.message.includes(visa.slice(0, 8)));
  });

  it('offers a preferred fix that puts a test number of the same network in place, with the same separators', async () => {
    const written = group(amex, [4, 6, 5], ' ');
    const text = `const card = { number: '${written}', cvc: '1234' };`;
    const [finding] = await ruleFindings('a.ts', text);
    const [fix] = finding.fixes;
    assert.strictEqual(fix.preferred, true);
    assert.strictEqual(fix.title, 'Replace with the American Express test number 3782 822463 10005');
    const fixed = applyEdits(text, fix.edits);
    assert.strictEqual(fixed, "const card = { number: '3782 822463 10005', cvc: '1234' };");
    assert.deepStrictEqual(await ruleFindings('a.ts', fixed), []);
    const dashed = `x = '${group(visa, [4, 4, 4, 4], '-')}'`;
    const [visaFinding] = await ruleFindings('a.js', dashed);
    assert.strictEqual(applyEdits(dashed, visaFinding.fixes[0].edits), "x = '4242-4242-4242-4242'");
  });

  it('offers no fix where no test number of that length exists', async () => {
    const [finding] = await ruleFindings('a.js', `const c = '${visa19}';`);
    assert.deepStrictEqual(finding.fixes, []);
  });

  it('keeps its test-card table honest: every entry is Luhn-valid and in a network range', () => {
    for (const number of publishedTestCards) {
      assert.ok(luhnValid(number), number);
      assert.ok(cardNetwork(number), number);
    }
  });
});
