import * as assert from 'assert';
import { itFixes, itFlags, itStaysQuiet } from './ruleCases';
import { findingsFor } from '../helpers';

const rule = 'aes-key-too-short';

async function flaggedTexts(path: string, text: string): Promise<string[]> {
  return (await findingsFor(path, text)).filter((f) => f.ruleId === rule).map((f) => text.slice(f.startOffset, f.endOffset));
}

const flagged: Array<[string, string, string, string[]]> = [
  ['aes-128-gcm', 'a.js', "crypto.createCipheriv('aes-128-gcm', key, iv);", ["'aes-128-gcm'"]],
  ['aes-192-cbc', 'a.ts', "import { createDecipheriv } from 'node:crypto'; createDecipheriv('aes-192-cbc', key, iv);", ["'aes-192-cbc'"]],
  ['aes128 alias', 'a.js', "crypto.createCipheriv('aes128', key, iv);", ["'aes128'"]],
  ['id-aes128-gcm', 'a.js', "crypto.createCipheriv('id-aes128-GCM', key, iv);", ["'id-aes128-GCM'"]],
  ['algorithm constant', 'a.ts', "export const ENCRYPTION_ALGORITHM = 'aes-128-cbc';", ["'aes-128-cbc'"]],
  ['WebCrypto generateKey', 'a.ts', "await crypto.subtle.generateKey({ name: 'AES-GCM', length: 128 }, true, ['encrypt']);", ['128']],
  ['WebCrypto deriveKey', 'a.js', "subtle.deriveKey(params, base, { name: 'AES-CBC', length: 192 }, false, ['encrypt']);", ['192']],
  ['TSX', 'a.tsx', "const C = () => <i>{String(crypto.createCipheriv('aes-128-ctr', key, iv))}</i>;", ["'aes-128-ctr'"]],
];

const quiet: Array<[string, string, string]> = [
  ['aes-256-gcm', 'a.js', "crypto.createCipheriv('aes-256-gcm', key, iv);"],
  ['aes256', 'a.js', "crypto.createCipheriv('aes256', key, iv);"],
  ['WebCrypto 256', 'a.js', "subtle.generateKey({ name: 'AES-GCM', length: 256 }, true, ['encrypt']);"],
  ['HMAC key length', 'a.js', "subtle.generateKey({ name: 'HMAC', hash: 'SHA-256', length: 128 }, true, ['sign']);"],
  ['TLS cipher suite list', 'a.js', "const options = { ciphers: 'TLS_AES_128_GCM_SHA256' };"],
  ['a number that is no key length', 'a.js', 'const timeoutMs = 128;'],
  ['AES-128-ECB (ecb-mode reports it)', 'a.js', "crypto.createCipheriv('aes-128-ecb', key, null);"],
];

describe('rule aes-key-too-short', () => {
  itFlags(flagged, flaggedTexts);
  itStaysQuiet(quiet, flaggedTexts);

  itFixes(
    [
      ['aes-128-gcm', 'a.js', "crypto.createCipheriv('aes-128-gcm', key, iv);", "crypto.createCipheriv('aes-256-gcm', key, iv);"],
      ['aes192', 'a.js', "crypto.createCipheriv('aes192', key, iv);", "crypto.createCipheriv('aes256', key, iv);"],
      ['algorithm constant', 'a.js', "const ALGORITHM = 'aes-128-cbc';", "const ALGORITHM = 'aes-256-cbc';"],
      ['WebCrypto length', 'a.js', "subtle.generateKey({ name: 'AES-GCM', length: 128 }, true, ['encrypt']);", "subtle.generateKey({ name: 'AES-GCM', length: 256 }, true, ['encrypt']);"],
    ],
    async (path, text) => (await findingsFor(path, text)).filter((f) => f.ruleId === rule),
  );

  it('is a warning', async () => {
    const findings = (await findingsFor('a.js', "crypto.createCipheriv('aes-128-gcm', key, iv);")).filter((f) => f.ruleId === rule);
    assert.deepStrictEqual(findings.map((f) => f.severity), ['warning']);
  });
});
