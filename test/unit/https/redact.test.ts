import * as assert from 'assert';
import { randomInt } from 'crypto';
import { generateKey } from '../../harness/mockUcanpay/keys';
import { luhnValid, REDACTED, redactHeaders, redactText, redactUrl } from '../../../src/core/https/redact';

/** A Luhn-valid number of `length` digits, random per run (no card number in the repository). */
function cardNumber(length = 16): string {
  let digits = String(randomInt(1, 10));
  while (digits.length < length - 1) digits += String(randomInt(10));
  for (let check = 0; check < 10; check++) {
    if (luhnValid(digits + check)) return digits + check;
  }
  throw new Error('unreachable');
}

function notLuhn(valid: string): string {
  const last = Number(valid.at(-1));
  return valid.slice(0, -1) + String((last + 1) % 10);
}

function alnum(length: number): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  return Array.from({ length }, () => alphabet[randomInt(alphabet.length)]).join('');
}

describe('redaction', () => {
  it('Authorization headers keep only their scheme; cookies and API-key headers go entirely', () => {
    const key = generateKey('live');
    const out = redactHeaders({ Authorization: `Bearer ${key}`, 'Proxy-Authorization': 'Basic dXNlcjpwYXNz', Cookie: 'sid=abc', 'set-cookie': ['a=1', 'b=2'], 'X-Api-Key': key, accept: 'application/json', 'content-length': 12 });
    assert.deepStrictEqual(out, {
      authorization: `Bearer ${REDACTED}`,
      'proxy-authorization': `Basic ${REDACTED}`,
      cookie: REDACTED,
      'set-cookie': REDACTED,
      'x-api-key': REDACTED,
      accept: 'application/json',
      'content-length': '12',
    });
  });

  it('redacts UCanPay keys and webhook secrets by prefix anywhere, keeping the prefix', () => {
    const live = generateKey('live');
    const test = generateKey('sandbox');
    const secret = `ucp_whsec_${alnum(32)}`;
    const text = `key=${live}&x; "k":"${test}" prefix_${live} ${secret} whsec_${alnum(24)}`;
    const out = redactText(text);
    for (const value of [live, test, secret]) assert.ok(!out.includes(value.slice(9)), out);
    assert.strictEqual(out, `key=ucp_live_${REDACTED}&x; "k":"ucp_test_${REDACTED}" prefix_ucp_live_${REDACTED} ucp_whsec_${REDACTED} whsec_${REDACTED}`);
  });

  it('redacts Authorization values and bearer tokens in free text and JSON', () => {
    assert.strictEqual(redactText('Authorization: Bearer abc.def-ghi'), `Authorization: ${REDACTED}`);
    assert.strictEqual(redactText('{"authorization": "Basic Zm9vOmJhcg=="}'), `{"authorization": "${REDACTED}"}`);
    assert.strictEqual(redactText('sent with Bearer abcdef123456'), `sent with Bearer ${REDACTED}`);
  });

  it('redacts Luhn-valid card numbers of 13 to 19 digits, grouped or not, and nothing else', () => {
    for (const length of [13, 15, 16, 19]) {
      const number = cardNumber(length);
      assert.strictEqual(redactText(`card ${number} end`), `card ${REDACTED} end`, number);
    }
    const card = cardNumber(16);
    const grouped = card.replace(/(\d{4})(?=\d)/g, '$1 ');
    const dashed = card.replace(/(\d{4})(?=\d)/g, '$1-');
    assert.strictEqual(redactText(`"number": "${grouped}"`), `"number": "${REDACTED}"`);
    assert.strictEqual(redactText(dashed), REDACTED);
    const untouched = [notLuhn(card), cardNumber(12), `${cardNumber(16)}1234`, '2026-11-28 12:00:00', 'order 123456789012'];
    for (const text of untouched) assert.strictEqual(redactText(text), text);
  });

  it('redacts CVV/CVC and secret fields in JSON and forms', () => {
    assert.strictEqual(redactText('{"cvv": "123", "cvc":456, "card_cvc": "7890"}'), `{"cvv": "${REDACTED}", "cvc":"${REDACTED}", "card_cvc": "${REDACTED}"}`);
    assert.strictEqual(redactText('{"security_code":"123","amount":1000}'), `{"security_code":"${REDACTED}","amount":1000}`);
    assert.strictEqual(redactText('{"webhook_secret": "abc", "password": "p\\"w"}'), `{"webhook_secret": "${REDACTED}", "password": "${REDACTED}"}`);
    assert.strictEqual(redactText('amount=5&cvv=123&currency=usd'), `amount=5&cvv=${REDACTED}&currency=usd`);
  });

  it('redacts URLs: credentials, sensitive query values, keys in the path', () => {
    const key = generateKey('sandbox');
    assert.strictEqual(redactUrl('http://user:secret@proxy.local:3128/'), `http://${REDACTED}@proxy.local:3128/`);
    assert.strictEqual(redactUrl(`https://h/v1/x?api_key=${key}&page=2&token=abc`), `https://h/v1/x?api_key=${REDACTED}&page=2&token=${REDACTED}`);
    assert.strictEqual(redactUrl(`https://h/v1/keys/${key}`), `https://h/v1/keys/ucp_test_${REDACTED}`);
  });

  it('luhnValid', () => {
    assert.ok(luhnValid('79927398713'));
    assert.ok(!luhnValid('79927398710'));
    assert.ok(!luhnValid('7992a398713'));
  });
});
