import * as assert from 'assert';
import { itFlags, itStaysQuiet } from './ruleCases';
import { findingsFor } from '../helpers';

const rule = 'weak-hash-on-card-data';

async function ruleFindings(path: string, text: string) {
  return (await findingsFor(path, text)).filter((f) => f.ruleId === rule);
}

async function flaggedTexts(path: string, text: string): Promise<string[]> {
  return (await ruleFindings(path, text)).map((f) => text.slice(f.startOffset, f.endOffset));
}

const flagged: Array<[string, string, string, string[]]> = [
  ['MD5 chain', 'a.js', "crypto.createHash('md5').update(cardNumber).digest('hex');", ['cardNumber']],
  ['SHA-1 on a variable', 'a.js', "const h = crypto.createHash('sha1');\nh.update(card_number);\nh.digest();", ['card_number']],
  ['several updates', 'a.js', "crypto.createHash('md5').update(salt).update(pan).digest('hex');", ['pan']],
  ['card.number in a template', 'a.ts', "createHash('md4').update(`${card.number}|${card.expiry}`).digest();", ['card.number']],
  ['request body field', 'a.js', "require('crypto').createHash('md5').update(req.body.ccnum).digest('hex');", ['req.body.ccnum']],
  ['bracket access', 'a.js', "crypto.createHash('md5').update(body['card-number']).digest('hex');", ["body['card-number']"]],
  ['accountNumber', 'a.js', "crypto.createHash('sha1').update(String(accountNumber)).digest('hex');", ['accountNumber']],
  ['expiry', 'a.js', "crypto.createHash('md5').update(expiryDate).digest('hex');", ['expiryDate']],
  ['through a const', 'a.js', "const input = `${pan}:${expiry}`;\ncrypto.createHash('md5').update(input).digest('hex');", ['input']],
  ['crypto.hash', 'a.ts', "import * as crypto from 'node:crypto'; crypto.hash('sha1', cardNumber);", ['cardNumber']],
  ['md5 package', 'a.js', "const md5 = require('md5'); md5(payment.pan);", ['payment.pan']],
  ['CryptoJS.MD5', 'a.js', 'CryptoJS.MD5(creditCardNumber).toString();', ['creditCardNumber']],
  ['CryptoJS named import', 'a.ts', "import { SHA1 } from 'crypto-js'; SHA1(cardNo).toString();", ['cardNo']],
  ['WebCrypto digest', 'a.ts', "await crypto.subtle.digest('SHA-1', new TextEncoder().encode(cardNumber));", ['cardNumber']],
  ['a CVV', 'a.js', "crypto.createHash('sha256').update(cvv).digest('hex');", ['cvv']],
  ['unkeyed SHA-256', 'a.js', "crypto.createHash('sha256').update(cardNumber).digest('hex');", ['cardNumber']],
  ['TSX', 'a.tsx', "const C = ({ pan }: { pan: string }) => <i>{CryptoJS.MD5(pan).toString()}</i>;", ['pan']],
];

const quiet: Array<[string, string, string]> = [
  ['ETag', 'a.js', "crypto.createHash('md5').update(JSON.stringify(body)).digest('hex');"],
  ['cache key', 'a.js', "crypto.createHash('sha1').update(`${userId}:${page}`).digest('hex');"],
  ['last four digits', 'a.js', "crypto.createHash('md5').update(`${orderId}:${cardLast4}`).digest('hex');"],
  ['masked number', 'a.js', "crypto.createHash('md5').update(maskPan(cardNumber)).digest('hex');"],
  ['slice of the last four', 'a.js', "crypto.createHash('md5').update(cardNumber.slice(-4)).digest('hex');"],
  ['a token', 'a.js', "crypto.createHash('md5').update(cardToken).digest('hex');"],
  ['HMAC', 'a.js', "crypto.createHmac('sha256', key).update(cardNumber).digest('hex');"],
  ['a parameter named h', 'a.js', "const h = crypto.createHash('md5');\nfunction f(h) { h.update(cardNumber); }"],
  ['a gift card number', 'a.js', "crypto.createHash('md5').update(giftCard.number).digest('hex');"],
  ['a phone number', 'a.js', "crypto.createHash('md5').update(user.phoneNumber).digest('hex');"],
  ['a company name', 'a.js', "crypto.createHash('md5').update(company).digest('hex');"],
  ['an unknown algorithm', 'a.js', "crypto.createHash(algorithm).update(cardNumber).digest('hex');"],
  ['a comment', 'a.js', "// crypto.createHash('md5').update(cardNumber)\nconst x = 1;"],
];

describe('rule weak-hash-on-card-data', () => {
  itFlags(flagged, flaggedTexts);
  itStaysQuiet(quiet, flaggedTexts);

  it('is an error for MD5/SHA-1 and a warning for an unkeyed SHA-256, with no fix', async () => {
    const text = "crypto.createHash('md5').update(pan).digest();\ncrypto.createHash('sha256').update(cardNumber).digest();";
    const findings = await ruleFindings('a.js', text);
    assert.deepStrictEqual(findings.map((f) => f.severity), ['error', 'warning']);
    assert.ok(findings.every((f) => f.fixes.length === 0));
    assert.match(findings[0].message, /HMAC-SHA-256/);
    assert.match(findings[0].message, /AES-256-GCM/);
  });

  it('tells a hashed CVV to be dropped', async () => {
    const [finding] = await ruleFindings('a.js', "crypto.createHash('md5').update(card.cvc).digest();");
    assert.match(finding.message, /must not be kept after authorisation/);
  });
});
