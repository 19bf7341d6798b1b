import * as assert from 'assert';
import { itFlags, itStaysQuiet } from './ruleCases';
import { applyEdits, findingsFor } from '../helpers';

const rule = 'ecb-mode';

async function flaggedTexts(path: string, text: string): Promise<string[]> {
  return (await findingsFor(path, text)).filter((f) => f.ruleId === rule).map((f) => text.slice(f.startOffset, f.endOffset));
}

const flagged: Array<[string, string, string, string[]]> = [
  ['AES-256-ECB', 'a.js', "crypto.createCipheriv('aes-256-ecb', key, null);", ["'aes-256-ecb'"]],
  ['AES-128-ECB (reported once, here)', 'a.ts', "import { createDecipheriv } from 'crypto'; createDecipheriv('aes-128-ecb', key, null);", ["'aes-128-ecb'"]],
  ['upper case', 'a.js', "crypto.createCipheriv('AES-192-ECB', key, '');", ["'AES-192-ECB'"]],
  ['other block cipher', 'a.js', "crypto.createCipheriv('camellia-256-ecb', key, null);", ["'camellia-256-ecb'"]],
  ['through a const', 'a.js', "const MODE = 'aes-256-ecb';\ncrypto.createCipheriv(MODE, key, null);", ["'aes-256-ecb'"]],
  ['algorithm option', 'a.ts', "export const settings = { cipherAlgorithm: 'aes-256-ecb' };", ["'aes-256-ecb'"]],
  ['node-forge', 'a.js', "forge.cipher.createCipher('AES-ECB', key);", ["'AES-ECB'"]],
  ['CryptoJS mode', 'a.js', 'CryptoJS.AES.encrypt(msg, key, { mode: CryptoJS.mode.ECB });', ['CryptoJS.mode.ECB']],
  ['CryptoJS mode-ecb module', 'a.ts', "import ECB from 'crypto-js/mode-ecb';\nCryptoJS.AES.encrypt(msg, key, { mode: ECB });", ['ECB']],
  ['TSX', 'a.tsx', "export const C = () => <i>{crypto.createCipheriv('aes-256-ecb', k, null).final('hex')}</i>;", ["'aes-256-ecb'"]],
];

const quiet: Array<[string, string, string]> = [
  ['GCM', 'a.js', "crypto.createCipheriv('aes-256-gcm', key, iv);"],
  ['CBC', 'a.js', "crypto.createCipheriv('aes-256-cbc', key, iv);"],
  ['DES-ECB (weak-cipher reports it)', 'a.js', "crypto.createCipheriv('des-ecb', key, null);"],
  ['CryptoJS CBC', 'a.js', 'CryptoJS.AES.encrypt(msg, key, { mode: CryptoJS.mode.CBC });'],
  ['some other ECB', 'a.js', 'const m = { mode: Modes.ECB };'],
  ['a comment', 'a.js', "// never 'aes-256-ecb'\nconst x = 1;"],
  ['an unrelated string', 'a.js', "const reason = 'aes-256-ecb leaks patterns';"],
];

describe('rule ecb-mode', () => {
  itFlags(flagged, flaggedTexts);
  itStaysQuiet(quiet, flaggedTexts);

  it('offers no fix when no IV is passed (GCM needs one)', async () => {
    const [finding] = (await findingsFor('a.js', "crypto.createCipheriv('aes-256-ecb', key, null);")).filter((f) => f.ruleId === rule);
    assert.deepStrictEqual(finding.fixes, []);
  });

  it('offers AES-256-GCM where an IV is passed', async () => {
    const text = "crypto.createCipheriv('aes-256-ecb', key, iv);";
    const [finding] = (await findingsFor('a.js', text)).filter((f) => f.ruleId === rule);
    const fixed = applyEdits(text, finding.fixes[0].edits);
    assert.strictEqual(fixed, "crypto.createCipheriv('aes-256-gcm', key, iv);");
    assert.deepStrictEqual(await flaggedTexts('a.js', fixed), []);
  });

  it('does not also report aes-key-too-short for AES-128-ECB', async () => {
    const findings = await findingsFor('a.js', "crypto.createCipheriv('aes-128-ecb', key, null);");
    assert.deepStrictEqual(findings.map((f) => f.ruleId), ['ecb-mode']);
  });
});
