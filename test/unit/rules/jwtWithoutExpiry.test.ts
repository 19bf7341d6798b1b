import * as assert from 'assert';
import { itFlags, itStaysQuiet, spans } from './ruleCases';
import { applyEdits, findingsFor } from '../helpers';

const rule = 'jwt-without-expiry';

async function ruleFindings(path: string, text: string) {
  return (await findingsFor(path, text)).filter((f) => f.ruleId === rule);
}

const flagged: Array<[string, string, string, string[]]> = [
  ['no options', 'a.js', 'jwt.sign({ sub: id }, secret);', ['jwt.sign']],
  ['options without expiresIn', 'a.js', "jwt.sign({ sub: id }, secret, { algorithm: 'RS256' });", ['jwt.sign']],
  ['callback', 'a.js', 'jwt.sign({ sub: id }, secret, (err, token) => done(token));', ['jwt.sign']],
  ['same-file payload', 'a.js', 'const payload = { sub: id };\njwt.sign(payload, secret);', ['jwt.sign']],
  ['same-file options', 'a.ts', "const opts = { algorithm: 'HS256' as const };\njwt.sign({ a: 1 }, secret, opts);", ['jwt.sign']],
  ['named import', 'a.ts', "import { sign as signToken } from 'jsonwebtoken';\nsignToken({ sub: id }, secret);", ['signToken']],
  ['module alias', 'a.js', "const token = require('jsonwebtoken');\ntoken.sign({ sub: id }, secret);", ['token.sign']],
  ['jose', 'a.ts', "await new SignJWT({ sub }).setProtectedHeader({ alg: 'HS256' }).setIssuedAt().sign(key);", ['sign']],
  ['jose without payload', 'a.ts', "await new SignJWT().setProtectedHeader({ alg: 'HS256' }).sign(key);", ['sign']],
  ['TSX', 'a.tsx', 'const t = jwt.sign({ a: 1 }, s);\nexport const C = () => <p>{t}</p>;', ['jwt.sign']],
];

const quiet: Array<[string, string, string]> = [
  ['expiresIn', 'a.js', "jwt.sign({ sub: id }, secret, { expiresIn: '15m' });"],
  ['exp claim', 'a.js', 'jwt.sign({ sub: id, exp: Math.floor(Date.now() / 1000) + 900 }, secret);'],
  ['unknown payload', 'a.js', 'function f(payload) { return jwt.sign(payload, secret); }'],
  ['unknown options', 'a.js', 'jwt.sign({ sub: id }, secret, signOptions);'],
  ['spread payload', 'a.js', 'jwt.sign({ ...claims, sub: id }, secret);'],
  ['spread options', 'a.js', 'jwt.sign({ sub: id }, secret, { ...defaults });'],
  ['computed claim names', 'a.ts', 'const payload = { [Claims.EXPIRATION_TIME]: exp, [Claims.SUBJECT]: sub };\njwt.sign(payload, key, { header });'],
  ['string payload', 'a.js', "jwt.sign('raw', secret);"],
  ['verify', 'a.js', 'jwt.verify(token, secret);'],
  ['jose with expiry', 'a.ts', "await new SignJWT({ sub }).setProtectedHeader({ alg: 'HS256' }).setExpirationTime('2h').sign(key);"],
  ['jose exp in payload', 'a.ts', "await new SignJWT({ sub, exp: 1 }).setProtectedHeader({ alg: 'HS256' }).sign(key);"],
  ['other sign', 'a.js', 'signer.sign(data); crypto.sign(null, data, key); jwtService.sign({ sub });'],
];

describe('rule jwt-without-expiry', () => {
  itFlags(flagged, (path, text) => spans(ruleFindings(path, text), text));

  itStaysQuiet(quiet, (path, text) => spans(ruleFindings(path, text), text));

  const fixes: Array<[string, string, string, string]> = [
    ['adds options', 'a.js', 'jwt.sign({ sub: id }, secret);', "jwt.sign({ sub: id }, secret, { expiresIn: '15m' });"],
    ['adds expiresIn', 'a.js', "jwt.sign({ sub: id }, secret, { algorithm: 'RS256' });", "jwt.sign({ sub: id }, secret, { algorithm: 'RS256', expiresIn: '15m' });"],
    ['before the callback', 'a.js', 'jwt.sign({ sub: id }, secret, cb);\nfunction cb() {}', 'jwt.sign({ sub: id }, secret, cb);\nfunction cb() {}'],
    ['inline callback', 'a.js', 'jwt.sign({ sub: id }, secret, (e, t) => t);', "jwt.sign({ sub: id }, secret, { expiresIn: '15m' }, (e, t) => t);"],
    ['jose', 'a.ts', "await new SignJWT({ sub }).setIssuedAt()\n  .sign(key);", "await new SignJWT({ sub }).setIssuedAt().setExpirationTime('15m')\n  .sign(key);"],
  ];
  for (const [title, path, text, expected] of fixes) {
    it(`fix: ${title}`, async () => {
      const findings = await ruleFindings(path, text);
      if (text === expected) {
        // A callback passed by name is an unknown third argument: nothing to report.
        assert.deepStrictEqual(findings, []);
        return;
      }
      const [finding] = findings;
      assert.ok(finding, 'a finding');
      assert.strictEqual(finding.fixes[0].preferred, true);
      const fixed = applyEdits(text, finding.fixes[0].edits);
      assert.strictEqual(fixed, expected);
      assert.deepStrictEqual(await ruleFindings(path, fixed), []);
    });
  }
});
