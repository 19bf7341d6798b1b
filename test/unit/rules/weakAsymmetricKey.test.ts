import * as assert from 'assert';
import { itFixes, itFlags, itStaysQuiet } from './ruleCases';
import { findingsFor } from '../helpers';
import { curveBits } from '../../../src/core/rules/crypto/weakAsymmetricKey';

const rule = 'weak-asymmetric-key';

async function flaggedTexts(path: string, text: string): Promise<string[]> {
  return (await findingsFor(path, text)).filter((f) => f.ruleId === rule).map((f) => text.slice(f.startOffset, f.endOffset));
}

const flagged: Array<[string, string, string, string[]]> = [
  ['RSA 1024', 'a.js', "crypto.generateKeyPairSync('rsa', { modulusLength: 1024 });", ['1024']],
  ['RSA-PSS 1536 with a separator', 'a.js', "crypto.generateKeyPair('rsa-pss', { modulusLength: 1_536 }, cb);", ['1_536']],
  ['DSA', 'a.ts', "import { generateKeyPairSync } from 'crypto'; generateKeyPairSync('dsa', { modulusLength: 1024 });", ['1024']],
  ['DH prime length', 'a.js', "crypto.generateKeyPairSync('dh', { primeLength: 1024 });", ['1024']],
  ['a size through a const', 'a.js', "const BITS = 1024; crypto.generateKeyPairSync('rsa', { modulusLength: BITS });", ['BITS']],
  ['options through a const', 'a.js', "const options = { modulusLength: 768 }; crypto.generateKeyPair('rsa', options, cb);", ['768']],
  ['EC curve', 'a.js', "crypto.generateKeyPairSync('ec', { namedCurve: 'prime192v1' });", ["'prime192v1'"]],
  ['ECDH curve', 'a.js', "const ecdh = crypto.createECDH('sect163k1');", ["'sect163k1'"]],
  ['WTLS curve', 'a.js', "crypto.createECDH('wap-wsg-idm-ecid-wtls7');", ["'wap-wsg-idm-ecid-wtls7'"]],
  ['createDiffieHellman', 'a.js', 'crypto.createDiffieHellman(1024);', ['1024']],
  ['getDiffieHellman modp1', 'a.js', "crypto.getDiffieHellman('modp1');", ["'modp1'"]],
  ['WebCrypto RSA', 'a.ts', "await crypto.subtle.generateKey({ name: 'RSA-OAEP', modulusLength: 1024, publicExponent, hash: 'SHA-256' }, true, ['encrypt']);", ['1024']],
  ['node-forge', 'a.js', 'forge.pki.rsa.generateKeyPair(512);', ['512']],
  ['TSX', 'a.tsx', "const C = () => <i>{String(crypto.generateKeyPairSync('rsa', { modulusLength: 1024 }))}</i>;", ['1024']],
];

const quiet: Array<[string, string, string]> = [
  ['RSA 2048', 'a.js', "crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });"],
  ['RSA 4096', 'a.js', "crypto.generateKeyPairSync('rsa', { modulusLength: 4096 });"],
  ['P-256', 'a.js', "crypto.generateKeyPairSync('ec', { namedCurve: 'prime256v1' });"],
  ['secp256k1', 'a.js', "crypto.createECDH('secp256k1');"],
  ['ed25519 ignores modulusLength', 'a.js', "crypto.generateKeyPairSync('ed25519', { modulusLength: 1024 });"],
  ['modp14', 'a.js', "crypto.getDiffieHellman('modp14');"],
  ['a size that is not given to a key API', 'a.js', 'const layout = { modulusLength: 1024 };'],
  ['a generateKeyPair of something else', 'a.js', 'board.generateKeyPair(1024);'],
  ['a size read at run time', 'a.js', "crypto.generateKeyPairSync('rsa', { modulusLength: Number(process.env.RSA_BITS) });"],
];

describe('rule weak-asymmetric-key', () => {
  itFlags(flagged, flaggedTexts);
  itStaysQuiet(quiet, flaggedTexts);

  itFixes(
    [
      ['RSA size', 'a.js', "crypto.generateKeyPairSync('rsa', { modulusLength: 1024 });", "crypto.generateKeyPairSync('rsa', { modulusLength: 3072 });"],
      ['the const it reads', 'a.js', "const BITS = 1024; crypto.generateKeyPairSync('rsa', { modulusLength: BITS });", "const BITS = 3072; crypto.generateKeyPairSync('rsa', { modulusLength: BITS });"],
      ['curve, in its own quotes', 'a.js', 'crypto.createECDH("secp112r1");', 'crypto.createECDH("prime256v1");'],
      ['node-forge bits', 'a.js', 'forge.pki.rsa.generateKeyPair({ bits: 1024, e: 0x10001 });', 'forge.pki.rsa.generateKeyPair({ bits: 3072, e: 0x10001 });'],
    ],
    async (path, text) => (await findingsFor(path, text)).filter((f) => f.ruleId === rule),
  );

  it('offers no mechanical fix for a Diffie-Hellman group or prime length (the peer must agree)', async () => {
    for (const text of ["crypto.getDiffieHellman('modp2');", 'crypto.createDiffieHellman(1024);']) {
      const [finding] = (await findingsFor('a.js', text)).filter((f) => f.ruleId === rule);
      assert.deepStrictEqual(finding.fixes, [], text);
    }
  });

  it('reads the size of a curve from its name', () => {
    assert.deepStrictEqual(
      ['secp112r1', 'c2tnb191v1', 'brainpoolP160t1', 'prime256v1', 'secp384r1', 'P-521', 'wap-wsg-idm-ecid-wtls12', 'Oakley-EC2N-3'].map(curveBits),
      [112, 191, 160, 256, 384, 521, 112, undefined],
    );
  });
});
