import * as assert from 'assert';
import { itFlags, itStaysQuiet } from './ruleCases';
import { applyEdits, findingsFor } from '../helpers';

const rule = 'weak-cipher';

async function flaggedTexts(path: string, text: string): Promise<string[]> {
  return (await findingsFor(path, text)).filter((f) => f.ruleId === rule).map((f) => text.slice(f.startOffset, f.endOffset));
}

const flagged: Array<[string, string, string, string[]]> = [
  ['3DES via require', 'a.js', "const crypto = require('crypto'); crypto.createCipheriv('des-ede3-cbc', key, iv);", ["'des-ede3-cbc'"]],
  ['DES via node: namespace import', 'a.ts', "import * as c from 'node:crypto'; c.createDecipheriv('des-cbc', key, iv);", ["'des-cbc'"]],
  ['default import', 'a.ts', "import crypto from 'crypto'; crypto.createCipheriv('des3', key, iv);", ["'des3'"]],
  ['aliased named import', 'a.ts', "import { createCipheriv as cc } from 'crypto'; cc('RC2-CBC', key, iv);", ["'RC2-CBC'"]],
  ['destructured require', 'a.js', "const { createDecipheriv } = require('node:crypto'); createDecipheriv('bf-ecb', key, null);", ["'bf-ecb'"]],
  ['require in place', 'a.js', "require('crypto').createCipheriv('cast5-cbc', key, iv);", ["'cast5-cbc'"]],
  ['RC4 without IV', 'a.js', "crypto.createCipheriv('rc4', key, null);", ["'rc4'"]],
  ['IDEA', 'a.js', "crypto.createCipheriv('idea-cbc', key, iv);", ["'idea-cbc'"]],
  ['DES-EDE (two-key 3DES)', 'a.js', "crypto.createCipheriv('des-ede', key, null);", ["'des-ede'"]],
  ['NULL cipher', 'a.js', "crypto.createCipheriv('null', key, null);", ["'null'"]],
  ['deprecated createCipher', 'a.js', "crypto.createCipher('des', password);", ["'des'"]],
  ['through a const', 'a.ts', "const ALGO = 'des-ede3-cbc';\nexport const c = (k: Buffer, iv: Buffer) => crypto.createCipheriv(ALGO, k, iv);", ["'des-ede3-cbc'"]],
  ['template literal', 'a.js', 'crypto.createCipheriv(`des-ede3-cbc`, key, iv);', ['`des-ede3-cbc`']],
  ['algorithm-like name', 'a.ts', "export const CIPHER_ALGORITHM = 'des-ede3-cbc';", ["'des-ede3-cbc'"]],
  ['algorithm option', 'a.js', "module.exports = { encryption: { algorithm: 'bf-cbc' } };", ["'bf-cbc'"]],
  ['node-forge', 'a.js', "forge.cipher.createCipher('3DES-CBC', key);", ["'3DES-CBC'"]],
  ['CryptoJS.DES', 'a.js', 'CryptoJS.DES.encrypt(msg, key);', ['DES']],
  ['CryptoJS.TripleDES via require', 'a.js', "const CJS = require('crypto-js'); CJS.TripleDES.decrypt(blob, key);", ['TripleDES']],
  ['CryptoJS.Rabbit', 'a.ts', "import CryptoJS from 'crypto-js'; CryptoJS.Rabbit.encrypt(msg, key);", ['Rabbit']],
  ['CryptoJS submodule', 'a.js', "const rc4 = require('crypto-js/rc4'); rc4.encrypt(msg, key);", ['rc4']],
  ['TSX', 'a.tsx', "const C = () => <b>{CryptoJS.RC4.encrypt(pan, key).toString()}</b>;", ['RC4']],
];

const quiet: Array<[string, string, string]> = [
  ['AES-256-GCM', 'a.js', "crypto.createCipheriv('aes-256-gcm', key, iv);"],
  ['ChaCha20-Poly1305', 'a.js', "crypto.createCipheriv('chacha20-poly1305', key, iv, { authTagLength: 16 });"],
  ['a comment', 'a.js', "// crypto.createCipheriv('des-ede3-cbc', key, iv)\nconst x = 1;"],
  ['prose in a string', 'a.js', "const note = 'we migrated off des-ede3-cbc';"],
  ['bare word in an algorithm name', 'a.js', "const config = { algorithm: 'des' };"],
  ['TLS cipher list', 'a.js', "tls.connect({ ciphers: 'DES-CBC3-SHA:RC4-SHA' });"],
  ['SSH cipher list', 'a.js', "conn.connect({ algorithms: { cipher: ['3des-cbc', 'aes128-ctr'] } });"],
  ['unrelated createCipher', 'a.js', "myLib.createCipher('des');"],
  ['hash algorithm', 'a.js', "const ALGORITHM = 'sha256';"],
  ['CryptoJS AES', 'a.js', 'CryptoJS.AES.encrypt(msg, key);'],
  ['a DES member of something else', 'a.js', 'Ciphers.DES.encrypt(msg, key);'],
  ['a parameter', 'a.js', 'function f(alg, key, iv) { return crypto.createCipheriv(alg, key, iv); }'],
  ['a word that starts like a cipher', 'a.js', "const ideas = { algorithm: 'idea-board' };"],
];

describe('rule weak-cipher', () => {
  itFlags(flagged, flaggedTexts);
  itStaysQuiet(quiet, flaggedTexts);

  it('offers AES-256-GCM (not preferred) where the name is written in the call and an IV is passed', async () => {
    const text = "const decipher = crypto.createDecipheriv('bf-cbc', key, iv);\n";
    const [finding] = (await findingsFor('a.js', text)).filter((f) => f.ruleId === rule);
    assert.strictEqual(finding.fixes.length, 1);
    assert.strictEqual(finding.fixes[0].preferred, false);
    const fixed = applyEdits(text, finding.fixes[0].edits);
    assert.strictEqual(fixed, "const decipher = crypto.createDecipheriv('aes-256-gcm', key, iv);\n");
    assert.deepStrictEqual(await flaggedTexts('a.js', fixed), []);
  });

  it('offers no fix without an IV, through a constant, for createCipher or for forge', async () => {
    for (const text of [
      "crypto.createCipheriv('rc4', key, null);",
      "crypto.createCipheriv('des-ede3', key, '');",
      "const A = 'des-cbc'; crypto.createCipheriv(A, key, iv);",
      "crypto.createCipher('des', password);",
      "forge.cipher.createCipher('DES-CBC', key);",
    ]) {
      const findings = (await findingsFor('a.js', text)).filter((f) => f.ruleId === rule);
      assert.strictEqual(findings.length, 1, text);
      assert.deepStrictEqual(findings[0].fixes, [], text);
    }
  });

  it('reports a name used by several calls once, and names only seen by name as warnings', async () => {
    const text = "const A = 'des-ede3-cbc';\ncrypto.createCipheriv(A, k, iv);\ncrypto.createDecipheriv(A, k, iv);\n";
    const findings = (await findingsFor('a.js', text)).filter((f) => f.ruleId === rule);
    assert.deepStrictEqual(findings.map((f) => [f.range.start.line, f.severity]), [[0, 'error']]);
    const byName = (await findingsFor('a.js', "export const ALGORITHM = 'des-ede3-cbc';")).filter((f) => f.ruleId === rule);
    assert.deepStrictEqual(byName.map((f) => f.severity), ['warning']);
  });
});
