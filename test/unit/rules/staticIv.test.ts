import * as assert from 'assert';
import { itFlags, itStaysQuiet } from './ruleCases';
import { findingsFor } from '../helpers';

const rule = 'static-iv';

async function flaggedTexts(path: string, text: string): Promise<string[]> {
  return (await findingsFor(path, text)).filter((f) => f.ruleId === rule).map((f) => text.slice(f.startOffset, f.endOffset));
}

const flagged: Array<[string, string, string, string[]]> = [
  ['zero buffer', 'a.js', "crypto.createCipheriv('aes-256-gcm', key, Buffer.alloc(12));", ['Buffer.alloc(12)']],
  ['filled buffer', 'a.js', "crypto.createCipheriv('aes-256-cbc', key, Buffer.alloc(16, 1));", ['Buffer.alloc(16, 1)']],
  ['uninitialised buffer', 'a.js', "crypto.createCipheriv('aes-256-cbc', key, Buffer.allocUnsafe(16));", ['Buffer.allocUnsafe(16)']],
  ['string literal', 'a.js', "crypto.createCipheriv('aes-256-cbc', key, 'abcdefghijklmnop');", ["'abcdefghijklmnop'"]],
  ['Buffer.from literal', 'a.ts', "createCipheriv('aes-256-cbc', key, Buffer.from('0123456789abcdef0123456789abcdef', 'hex'));", ["Buffer.from('0123456789abcdef0123456789abcdef', 'hex')"]],
  ['byte array', 'a.js', "crypto.createCipheriv('aes-256-gcm', key, Buffer.from([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]));", ['Buffer.from([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0])']],
  ['typed array', 'a.js', "crypto.createCipheriv('aes-256-gcm', key, new Uint8Array(12));", ['new Uint8Array(12)']],
  ['module const', 'a.js', "const IV = Buffer.alloc(16);\nfunction enc(k, d) { return crypto.createCipheriv('aes-256-cbc', k, IV).update(d); }", ['Buffer.alloc(16)']],
  ['local const', 'a.ts', "function enc(k: Buffer) { const iv = Buffer.from('fixed-iv-1234'); return crypto.createCipheriv('aes-256-gcm', k, iv); }", ["Buffer.from('fixed-iv-1234')"]],
  ['chained consts', 'a.js', "const RAW = '0000000000000000';\nconst IV = Buffer.from(RAW);\ncrypto.createCipheriv('aes-256-cbc', k, IV);", ["'0000000000000000'"]],
  ['IV from configuration', 'a.js', "crypto.createCipheriv('aes-256-cbc', k, Buffer.from(process.env.IV, 'hex'));", ['process.env.IV']],
  ['fallback IV', 'a.js', "crypto.createCipheriv('aes-256-cbc', k, process.env.IV || '1234567890123456');", ["'1234567890123456'"]],
  ['WebCrypto', 'a.ts', "await crypto.subtle.encrypt({ name: 'AES-GCM', iv: new Uint8Array(12) }, key, data);", ['new Uint8Array(12)']],
  ['WebCrypto shorthand', 'a.js', "const iv = new Uint8Array(12);\nawait crypto.subtle.encrypt({ name: 'AES-GCM', iv }, key, data);", ['new Uint8Array(12)']],
  ['WebCrypto CTR counter', 'a.js', "await subtle.encrypt({ name: 'AES-CTR', counter: new Uint8Array(16), length: 64 }, key, data);", ['new Uint8Array(16)']],
  ['TSX', 'a.tsx', "const C = () => <i>{String(crypto.createCipheriv('aes-256-gcm', k, Buffer.alloc(12)))}</i>;", ['Buffer.alloc(12)']],
];

const quiet: Array<[string, string, string]> = [
  ['randomBytes', 'a.js', "crypto.createCipheriv('aes-256-gcm', key, crypto.randomBytes(12));"],
  ['random const', 'a.js', "const iv = crypto.randomBytes(12); crypto.createCipheriv('aes-256-gcm', key, iv);"],
  ['getRandomValues', 'a.js', "const iv = crypto.getRandomValues(new Uint8Array(12)); subtle.encrypt({ name: 'AES-GCM', iv }, key, data);"],
  ['a parameter', 'a.js', "function enc(key, iv) { return crypto.createCipheriv('aes-256-gcm', key, iv); }"],
  ['a parameter shadowing a constant', 'a.js', "const iv = Buffer.alloc(12);\nfunction enc(key, iv) { return crypto.createCipheriv('aes-256-gcm', key, iv); }"],
  ['a let that may change', 'a.js', "let iv = Buffer.alloc(12); iv = crypto.randomBytes(12); crypto.createCipheriv('aes-256-gcm', key, iv);"],
  ['the decrypting side', 'a.js', "crypto.createDecipheriv('aes-256-gcm', key, Buffer.from(stored.iv, 'base64'));"],
  ['a constant on the decrypting side', 'a.js', "crypto.createDecipheriv('aes-256-cbc', key, Buffer.alloc(16));"],
  ['ECB takes no IV', 'a.js', "crypto.createCipheriv('aes-256-ecb', key, null);"],
  ['RC4 takes no IV', 'a.js', "crypto.createCipheriv('rc4', key, '');"],
  ['ECB with an ignored IV', 'a.js', "crypto.createCipheriv('aes-256-ecb', key, Buffer.alloc(0));"],
  ['a zero buffer elsewhere', 'a.js', 'const padding = Buffer.alloc(16);'],
  ['filled with random bytes later', 'a.js', "const iv = Buffer.alloc(16);\ncrypto.randomFillSync(iv);\ncrypto.createCipheriv('aes-256-cbc', key, iv);"],
  ['getRandomValues into a typed array', 'a.ts', "const iv = new Uint8Array(12);\ncrypto.getRandomValues(iv);\nawait crypto.subtle.encrypt({ name: 'AES-GCM', iv }, key, data);"],
  ['a counter nonce', 'a.js', "function seal(key, n, data) { const nonce = Buffer.alloc(12); nonce.writeBigUInt64BE(n, 4); return crypto.createCipheriv('aes-256-gcm', key, nonce).update(data); }"],
];

describe('rule static-iv', () => {
  itFlags(flagged, flaggedTexts);
  itStaysQuiet(quiet, flaggedTexts);

  it('reports a constant IV once however many calls use it, without a fix', async () => {
    const text = "const IV = Buffer.alloc(16);\ncrypto.createCipheriv('aes-256-cbc', a, IV);\ncrypto.createCipheriv('aes-256-cbc', b, IV);\n";
    const findings = (await findingsFor('a.js', text)).filter((f) => f.ruleId === rule);
    assert.strictEqual(findings.length, 1);
    assert.deepStrictEqual(findings[0].fixes, []);
    assert.match(findings[0].message, /randomBytes\(12\)/);
  });
});
