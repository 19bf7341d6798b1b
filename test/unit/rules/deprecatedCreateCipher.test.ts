import * as assert from 'assert';
import { itFlags, itStaysQuiet } from './ruleCases';
import { findingsFor } from '../helpers';

const rule = 'deprecated-create-cipher';

async function flaggedTexts(path: string, text: string): Promise<string[]> {
  return (await findingsFor(path, text)).filter((f) => f.ruleId === rule).map((f) => text.slice(f.startOffset, f.endOffset));
}

const flagged: Array<[string, string, string, string[]]> = [
  ['crypto.createCipher', 'a.js', "const crypto = require('crypto'); crypto.createCipher('aes-256-cbc', pw);", ['createCipher']],
  ['crypto.createDecipher without an import in view', 'a.js', "crypto.createDecipher('aes-256-cbc', pw);", ['createDecipher']],
  ['named import', 'a.ts', "import { createCipher } from 'node:crypto'; createCipher('aes-256-cbc', pw);", ['createCipher']],
  ['aliased destructuring', 'a.js', "const { createDecipher: dec } = require('crypto'); dec('aes192', pw);", ['dec']],
  ['require in place', 'a.js', "require('crypto').createCipher('aes-256-cbc', pw);", ['createCipher']],
  ['namespace with another name', 'a.ts', "import * as nc from 'crypto'; nc.createCipher('aes-256-cbc', pw);", ['createCipher']],
  ['TSX', 'a.tsx', "const C = () => <i>{crypto.createCipher('aes-256-cbc', pw).final('hex')}</i>;", ['createCipher']],
];

const quiet: Array<[string, string, string]> = [
  ['createCipheriv', 'a.js', "crypto.createCipheriv('aes-256-gcm', key, iv);"],
  ['node-forge', 'a.js', "forge.cipher.createCipher('AES-GCM', key);"],
  ['a function of its own', 'a.js', "function createCipher(a) { return a; } createCipher('x');"],
  ['another library', 'a.ts', "import { createCipher } from './cipher'; createCipher('aes');"],
  ['a comment', 'a.js', "// crypto.createCipher('aes-256-cbc', pw)\nconst x = 1;"],
];

describe('rule deprecated-create-cipher', () => {
  itFlags(flagged, flaggedTexts);
  itStaysQuiet(quiet, flaggedTexts);

  it('offers no fix and says what to use instead', async () => {
    const [finding] = (await findingsFor('a.js', "crypto.createDecipher('aes-256-cbc', pw);")).filter((f) => f.ruleId === rule);
    assert.deepStrictEqual(finding.fixes, []);
    assert.match(finding.message, /createDecipheriv\('aes-256-gcm'/);
    assert.match(finding.message, /randomBytes\(12\)/);
  });
});
