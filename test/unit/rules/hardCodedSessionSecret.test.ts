import * as assert from 'assert';
import { itFlags, itStaysQuiet, spans } from './ruleCases';
import { applyEdits, findingsFor } from '../helpers';
import { fakeSecret, randomAlnum } from './fakeSecrets';

const rule = 'hard-coded-session-secret';

async function ruleFindings(path: string, text: string) {
  return (await findingsFor(path, text)).filter((f) => f.ruleId === rule);
}

const session = "const session = require('express-session');\n";

const flagged: Array<[string, string, string, string[]]> = [
  ['express-session', 'a.js', `${session}app.use(session({ secret: 'keyboard cat', resave: false }));`, ["'keyboard cat'"]],
  ['express-session list', 'a.js', `${session}app.use(session({ secret: ['new', 'old'] }));`, ["['new', 'old']"]],
  ['template literal', 'a.ts', `${session}app.use(session({ secret: \`s3cr3t\` }));`, ['`s3cr3t`']],
  ['fallback', 'a.js', `${session}app.use(session({ secret: process.env.SESSION_SECRET || 'dev' }));`, ["'dev'"]],
  ['cookie-session keys', 'a.js', "app.use(cookieSession({ name: 's', keys: ['k1', 'k2'] }));", ["['k1', 'k2']"]],
  ['literal among env keys', 'a.js', "app.use(cookieSession({ keys: [process.env.K, 'legacy'] }));", ["'legacy'"]],
  ['cookie-parser', 'a.js', "app.use(cookieParser('signing'));", ["'signing'"]],
  ['Koa keys', 'a.js', "app.keys = ['im a newer secret', 'i like turtle'];", ["['im a newer secret', 'i like turtle']"]],
  ['jwt.sign', 'a.js', "jwt.sign({ sub }, 'secret', { expiresIn: '1h' });", ["'secret'"]],
  ['jwt.verify', 'a.ts', "import * as jsonwebtoken from 'jsonwebtoken';\njsonwebtoken.verify(token, 'secret');", ["'secret'"]],
  ['named verify', 'a.ts', "import { verify } from 'jsonwebtoken';\nverify(token, 'secret');", ["'secret'"]],
  ['Buffer secret', 'a.js', "jwt.verify(token, Buffer.from('secret'));", ["Buffer.from('secret')"]],
  ['jose sign', 'a.ts', "await new SignJWT({}).setExpirationTime('1h').sign(new TextEncoder().encode('secret'));", ["new TextEncoder().encode('secret')"]],
  ['passport-jwt', 'a.js', "new JwtStrategy({ secretOrKey: 'secret', jwtFromRequest }, verify);", ["'secret'"]],
  ['express-jwt', 'a.js', "app.use(expressjwt({ secret: 'secret', algorithms: ['HS256'] }));", ["'secret'"]],
  ['NestJS JwtModule', 'a.ts', "JwtModule.register({ secret: 'secret', signOptions: { expiresIn: '60s' } });", ["'secret'"]],
  ['fastify plugin', 'a.js', "fastify.register(require('@fastify/jwt'), { secret: 'supersecret' });", ["'supersecret'"]],
  ['iron-session', 'a.ts', "export const o = { cookieName: 'app', password: 'complex_password_at_least_32_characters_long' };", ["'complex_password_at_least_32_characters_long'"]],
  ['TSX', 'a.tsx', "const t = jwt.sign({ a: 1 }, 'secret', { expiresIn: '1m' });\nexport const C = () => <p>{t}</p>;", ["'secret'"]],
];

const quiet: Array<[string, string, string]> = [
  ['env', 'a.js', `${session}app.use(session({ secret: process.env.SESSION_SECRET }));`],
  ['config', 'a.js', "app.use(cookieParser(config.get('cookieSecret'))); jwt.sign(p, config.jwt.secret, { expiresIn: '1h' });"],
  ['env keys', 'a.js', 'app.keys = [process.env.KEY_1, process.env.KEY_2];'],
  ['no secret', 'a.js', 'app.use(cookieParser());'],
  ['empty string', 'a.js', "app.use(cookieParser(''));"],
  ['other sign', 'a.js', "crypto.sign('sha256', data, key); jwtService.sign({ sub });"],
  ['other password', 'a.js', "const user = { email: 'a@b.c', password: 'hunter2' };"],
  ['tests', 'test/auth.test.js', "jwt.sign({ sub: 1 }, 'test-secret');"],
  ['spec folder', 'src/__tests__/session.ts', "app.use(cookieParser('test'));"],
  ['secret in a string', 'a.js', "const help = \"session({ secret: 'x' })\";"],
];

describe('rule hard-coded-session-secret', () => {
  itFlags(flagged, (path, text) => spans(ruleFindings(path, text), text));

  itStaysQuiet(quiet, (path, text) => spans(ruleFindings(path, text), text));

  it('never repeats the secret in its message', async () => {
    const [finding] = await ruleFindings('a.js', `${session}app.use(session({ secret: 'hunter2-very-secret' }));`);
    assert.ok(!finding.message.includes('hunter2'));
    assert.strictEqual(finding.severity, 'error');
  });

  it('is a warning for a fallback', async () => {
    const [finding] = await ruleFindings('a.js', `${session}app.use(session({ secret: process.env.S ?? 'dev' }));`);
    assert.strictEqual(finding.severity, 'warning');
  });

  const fixes: Array<[string, string, string, string]> = [
    ['session (JS)', 'a.js', `${session}app.use(session({ secret: 'cat' }));`, `${session}app.use(session({ secret: process.env.SESSION_SECRET }));`],
    ['session (TS)', 'a.ts', `${session}app.use(session({ secret: 'cat' }));`, `${session}app.use(session({ secret: process.env.SESSION_SECRET as string }));`],
    ['keys list', 'a.js', "app.keys = ['a', 'b'];", 'app.keys = [process.env.SESSION_SECRET];'],
    ['JWT', 'a.ts', "jwt.sign(p, 'cat', { expiresIn: '1h' });", "jwt.sign(p, process.env.JWT_SECRET as string, { expiresIn: '1h' });"],
    ['jose', 'a.js', "await jwtVerify(t, new TextEncoder().encode('cat'));", 'await jwtVerify(t, new TextEncoder().encode(process.env.JWT_SECRET));'],
    ['fallback removed', 'a.ts', `${session}app.use(session({ secret: process.env.SESSION_SECRET || 'dev' }));`, `${session}app.use(session({ secret: process.env.SESSION_SECRET as string }));`],
    ['NextAuth', 'a.ts', "export default NextAuth({ secret: 'cat', providers });", 'export default NextAuth({ secret: process.env.NEXTAUTH_SECRET as string, providers });'],
  ];
  for (const [title, path, text, expected] of fixes) {
    it(`fix: ${title}`, async () => {
      const [finding] = await ruleFindings(path, text);
      assert.ok(finding, 'a finding');
      assert.strictEqual(finding.fixes[0].preferred, true);
      const fixed = applyEdits(text, finding.fixes[0].edits);
      assert.strictEqual(fixed, expected);
      assert.deepStrictEqual(await ruleFindings(path, fixed), []);
    });
  }

  it('is the only rule to report a secret it owns (secret-in-code stays quiet on it)', async () => {
    const pem = `-----BEGIN RSA PRIVATE KEY-----\\n${randomAlnum(64)}\\n${randomAlnum(64)}\\n-----END RSA PRIVATE KEY-----`;
    const text = [
      `${session}app.use(session({ secret: '${fakeSecret(40)}', resave: false }));`,
      `const token = jwt.sign(payload, '${pem}', { algorithm: 'RS256', expiresIn: '1h' });`,
    ].join('\n');
    const findings = (await findingsFor('src/server.js', text)).filter((f) => f.ruleId === rule || f.ruleId === 'secret-in-code');
    assert.deepStrictEqual(
      findings.map((f) => `${f.range.start.line}:${f.ruleId}`),
      ['1:hard-coded-session-secret', '2:hard-coded-session-secret'],
    );
  });
});
