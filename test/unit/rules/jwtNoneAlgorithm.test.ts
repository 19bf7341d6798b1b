import { itFixes, itFlags, itStaysQuiet } from './ruleCases';
import { findingsFor } from '../helpers';

const rule = 'jwt-none-algorithm';

async function flaggedTexts(path: string, text: string): Promise<string[]> {
  return (await findingsFor(path, text)).filter((f) => f.ruleId === rule).map((f) => text.slice(f.startOffset, f.endOffset));
}

const jwt = "const jwt = require('jsonwebtoken');\n";

const flagged: Array<[string, string, string, string[]]> = [
  ['verify accepting none', 'a.js', `${jwt}jwt.verify(t, k, { algorithms: ['HS256', 'none'] });`, ["'none'"]],
  ['upper case, double quotes', 'a.ts', `${jwt}jwt.verify(t, k, { algorithms: ["RS256", "NONE"] });`, ['"NONE"']],
  ['only none', 'a.js', `${jwt}jwt.verify(t, k, { algorithms: ['none'] });`, ["'none'"]],
  ['through a const list', 'a.js', `${jwt}const ALGS = ['HS256', 'none'];\njwt.verify(t, k, { algorithms: ALGS });`, ["'none'"]],
  ['sign with none', 'a.js', `${jwt}jwt.sign(p, '', { algorithm: 'none' });`, ["'none'"]],
  ['a header with alg none', 'a.js', `${jwt}jwt.sign(p, k, { header: { alg: 'none', typ: 'JWT' } });`, ["'none'"]],
  ['express-jwt', 'a.js', "const { expressjwt } = require('express-jwt');\napp.use(expressjwt({ secret: s, algorithms: ['HS256', 'none'] }));", ["'none'"]],
  ['jose unsecured token', 'a.ts', "import { UnsecuredJWT } from 'jose';\nconst t = new UnsecuredJWT({ sub: '1' }).encode();", ['UnsecuredJWT']],
  ['jose unsecured decode', 'a.ts', "import { UnsecuredJWT } from 'jose';\nconst c = UnsecuredJWT.decode(token);", ['UnsecuredJWT.decode']],
  ['jose 1 JWK.None', 'a.js', "const { JWK, JWT } = require('jose');\nJWT.verify(token, JWK.None);", ['JWK.None']],
  ['a hand-written verifier that lets none through', 'a.ts', `${jwt}switch (parsed.header.alg) {\n  case 'HS256': check(parsed); break;\n  case 'none': break;\n  default: throw new Error('alg');\n}`, ["'none'"]],
  ['… normalised first', 'a.ts', `${jwt}switch (jwt.header.alg.toString().toLowerCase()) {\n  case 'none': break;\n}`, ["'none'"]],
  ['TSX', 'a.tsx', `${jwt}const C = () => <i>{String(jwt.verify(t, k, { algorithms: ['none', 'HS256'] }))}</i>;`, ["'none'"]],
];

const quiet: Array<[string, string, string]> = [
  ['HS256 only', 'a.js', `${jwt}jwt.verify(t, k, { algorithms: ['HS256'] });`],
  ['an algorithm option of something else', 'a.js', "const zip = { algorithm: 'none' };"],
  ['none as a word in a JWT file', 'a.js', `${jwt}const style = { display: 'none' }; jwt.verify(t, k);`],
  ['a list replaced before use', 'a.js', `${jwt}let ALGS = ['HS256', 'none'];\nALGS = config.jwtAlgorithms;\njwt.verify(t, k, { algorithms: ALGS });`],
  ['a test that forges a none token to see it refused', 'test/auth.test.js', `${jwt}const forged = jwt.sign(p, '', { algorithm: 'none' });`],
  ['a hand-written verifier that refuses none', 'a.ts', `${jwt}switch (header.alg) {\n  case 'none': throw new Error('unsigned');\n  case 'HS256': check(parsed); break;\n}`],
  ['a switch over something else', 'a.js', `${jwt}switch (mode) { case 'none': break; }`],
  ['in a comment', 'a.js', `${jwt}// never: jwt.verify(t, k, { algorithms: ['none'] })`],
];

describe('rule jwt-none-algorithm', () => {
  itFlags(flagged, flaggedTexts);
  itStaysQuiet(quiet, flaggedTexts);

  itFixes(
    [
      ['last in the list', 'a.js', `${jwt}jwt.verify(t, k, { algorithms: ['HS256', 'none'] });`, `${jwt}jwt.verify(t, k, { algorithms: ['HS256'] });`],
      ['first in the list', 'a.js', `${jwt}jwt.verify(t, k, { algorithms: ['none', 'HS256'] });`, `${jwt}jwt.verify(t, k, { algorithms: ['HS256'] });`],
      ['in the middle', 'a.js', `${jwt}jwt.verify(t, k, { algorithms: ['RS256', 'none', 'ES256'] });`, `${jwt}jwt.verify(t, k, { algorithms: ['RS256', 'ES256'] });`],
    ],
    async (path, text) => (await findingsFor(path, text)).filter((f) => f.ruleId === rule),
  );

  it('offers no fix when none is the only algorithm (the choice of another is the developer’s)', async () => {
    const text = `${jwt}jwt.verify(t, k, { algorithms: ['none'] });`;
    const [finding] = (await findingsFor('a.js', text)).filter((f) => f.ruleId === rule);
    if (finding.fixes.length !== 0) {
      throw new Error(`unexpected fix ${JSON.stringify(finding.fixes)}`);
    }
  });
});
