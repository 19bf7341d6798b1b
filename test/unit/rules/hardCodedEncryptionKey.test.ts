import * as assert from 'assert';
import { itFlags, itStaysQuiet } from './ruleCases';
import { findingsFor } from '../helpers';

const rule = 'hard-coded-encryption-key';

async function flaggedTexts(path: string, text: string): Promise<string[]> {
  return (await findingsFor(path, text)).filter((f) => f.ruleId === rule).map((f) => text.slice(f.startOffset, f.endOffset));
}

// Keys are made at run time so that no key-shaped literal sits in the repository.
const fakeKey = ['not', 'a', 'real', 'key'].join('-').padEnd(32, 'x');

const flagged: Array<[string, string, string, string[]]> = [
  ['string key', 'a.js', `crypto.createCipheriv('aes-256-gcm', '${fakeKey}', iv);`, [`'${fakeKey}'`]],
  ['Buffer.from key', 'a.ts', `createDecipheriv('aes-256-gcm', Buffer.from('${fakeKey}', 'utf8'), iv);`, [`Buffer.from('${fakeKey}', 'utf8')`]],
  ['module const', 'a.js', `const KEY = '${fakeKey}';\ncrypto.createCipheriv('aes-256-gcm', Buffer.from(KEY), iv);`, [`'${fakeKey}'`]],
  ['zero key', 'a.js', "crypto.createCipheriv('aes-256-gcm', Buffer.alloc(32), iv);", ['Buffer.alloc(32)']],
  ['byte array key', 'a.js', 'crypto.createHmac(\'sha256\', Buffer.from([1, 2, 3, 4]));', ['Buffer.from([1, 2, 3, 4])']],
  ['env with a fallback', 'a.js', `crypto.createCipheriv('aes-256-gcm', process.env.KEY ?? '${fakeKey}', iv);`, [`'${fakeKey}'`]],
  ['HMAC secret', 'a.js', "crypto.createHmac('sha256', 'shared-webhook-secret').update(body);", ["'shared-webhook-secret'"]],
  ['createCipher password', 'a.js', "crypto.createCipher('aes-256-cbc', 'hunter2');", ["'hunter2'"]],
  ['derived from a literal password', 'a.ts', "const key = scryptSync('letmein-please', salt, 32);\ncreateCipheriv('aes-256-gcm', key, iv);", ["'letmein-please'"]],
  ['WebCrypto raw import', 'a.ts', "await crypto.subtle.importKey('raw', new TextEncoder().encode('some key text'), 'AES-GCM', false, ['encrypt']);", ["new TextEncoder().encode('some key text')"]],
  ['WebCrypto JWK import', 'a.js', "subtle.importKey('jwk', { kty: 'oct', k: 'c29tZSBrZXkgdGV4dA' }, 'AES-GCM', false, ['decrypt']);", ["'c29tZSBrZXkgdGV4dA'"]],
  ['CryptoJS passphrase', 'a.js', "CryptoJS.AES.encrypt(data, 'passphrase in code');", ["'passphrase in code'"]],
  ['CryptoJS HMAC', 'a.js', "CryptoJS.HmacSHA256(data, 'hmac key in code');", ["'hmac key in code'"]],
  ['TSX', 'a.tsx', "const C = () => <i>{CryptoJS.AES.encrypt(note, 'passphrase in code').toString()}</i>;", ["'passphrase in code'"]],
];

const quiet: Array<[string, string, string]> = [
  ['environment', 'a.js', "crypto.createCipheriv('aes-256-gcm', Buffer.from(process.env.DATA_KEY, 'base64'), iv);"],
  ['environment with an empty fallback', 'a.js', "crypto.createCipheriv('aes-256-gcm', Buffer.from(process.env.DATA_KEY ?? '', 'base64'), iv);"],
  ['random key', 'a.js', "crypto.createCipheriv('aes-256-gcm', crypto.randomBytes(32), iv);"],
  ['KMS plaintext', 'a.js', "const { Plaintext } = await kms.decrypt(params); crypto.createCipheriv('aes-256-gcm', Buffer.from(Plaintext), iv);"],
  ['derived from a parameter', 'a.js', "function k(pw, salt) { return crypto.createCipheriv('aes-256-gcm', crypto.scryptSync(pw, salt, 32), iv); }"],
  ['a parameter', 'a.js', "function enc(key) { return crypto.createCipheriv('aes-256-gcm', key, iv); }"],
  ['empty HMAC key', 'a.js', "crypto.createHmac('sha256', '').update(body);"],
  ['a key read from a file', 'a.js', "crypto.createCipheriv('aes-256-gcm', fs.readFileSync('/run/secrets/data-key'), iv);"],
  ['a key elsewhere in a string', 'a.js', "const label = 'encryption key rotated';"],
  ['a buffer filled with random bytes', 'a.js', "const key = Buffer.alloc(32);\ncrypto.randomFillSync(key);\ncrypto.createCipheriv('aes-256-gcm', key, iv);"],
];

describe('rule hard-coded-encryption-key', () => {
  itFlags(flagged, flaggedTexts);
  itStaysQuiet(quiet, flaggedTexts);

  it('never repeats the key in its message, and offers no fix', async () => {
    const text = `const KEY = '${fakeKey}';\ncrypto.createCipheriv('aes-256-gcm', KEY, iv);\ncrypto.createDecipheriv('aes-256-gcm', KEY, iv);\n`;
    const findings = (await findingsFor('a.js', text)).filter((f) => f.ruleId === rule);
    assert.strictEqual(findings.length, 1);
    assert.ok(!findings[0].message.includes(fakeKey));
    assert.deepStrictEqual(findings[0].fixes, []);
  });
});
