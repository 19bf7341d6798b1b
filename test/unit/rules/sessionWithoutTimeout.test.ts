import * as assert from 'assert';
import { itFlags, itStaysQuiet, spans } from './ruleCases';
import { applyEdits, findingsFor } from '../helpers';

const rule = 'session-without-timeout';

async function ruleFindings(path: string, text: string) {
  return (await findingsFor(path, text)).filter((f) => f.ruleId === rule);
}

const header = "const session = require('express-session');\nconst cookieSession = require('cookie-session');\n";

const flagged: Array<[string, string, string, string[]]> = [
  ['no cookie', 'a.js', `${header}app.use(session({ secret: s, resave: false }));`, ['session']],
  ['cookie without maxAge', 'a.js', `${header}app.use(session({ secret: s, cookie: { secure: true } }));`, ['cookie']],
  ['maxAge null', 'a.js', `${header}app.use(session({ secret: s, cookie: { maxAge: null } }));`, ['cookie']],
  ['without the import', 'a.js', 'app.use(session({ secret: s, resave: false, saveUninitialized: true }));', ['session']],
  ['require call', 'a.js', "app.use(require('express-session')({ secret: s }));", ["require('express-session')"]],
  ['same-file options', 'a.ts', `${header}const opts = { secret: s, resave: false };\napp.use(session(opts));`, ['session']],
  ['cookie-session', 'a.js', `${header}app.use(cookieSession({ name: 'session', keys: [k] }));`, ['cookieSession']],
  ['koa-session browser session', 'a.js', "const session = require('koa-session');\napp.use(session({ maxAge: 'session' }, app));", ["maxAge: 'session'"]],
  ['long maxAge (info)', 'a.js', `${header}app.use(session({ secret: s, cookie: { maxAge: 30 * 24 * 60 * 60 * 1000 } }));`, ['maxAge: 30 * 24 * 60 * 60 * 1000']],
  ['TSX', 'a.tsx', `${header}server.use(session({ secret: s }));\nexport const P = () => <p />;`, ['session']],
];

const quiet: Array<[string, string, string]> = [
  ['maxAge', 'a.js', `${header}app.use(session({ secret: s, rolling: true, cookie: { maxAge: 15 * 60 * 1000 } }));`],
  ['expires', 'a.js', `${header}app.use(session({ secret: s, cookie: { expires: new Date(Date.now() + 900000) } }));`],
  ['store ttl', 'a.js', `${header}app.use(session({ secret: s, store: new RedisStore({ client, ttl: 900 }) }));`],
  ['unknown options', 'a.js', `${header}app.use(session(config.session));`],
  ['spread options', 'a.js', `${header}app.use(session({ ...base, secret: s }));`],
  ['cookie from elsewhere', 'a.js', `${header}app.use(session({ secret: s, cookie: cookieConfig }));`],
  ['cookie-session maxAge', 'a.js', `${header}app.use(cookieSession({ keys: [k], maxAge: 900000 }));`],
  ['koa-session default', 'a.js', "const session = require('koa-session');\napp.use(session({ key: 'shop.sess' }, app));"],
  ['a day', 'a.js', `${header}app.use(session({ secret: s, cookie: { maxAge: 24 * 60 * 60 * 1000 } }));`],
  ['another session function', 'a.js', 'const s = session({ user: 1 });'],
];

describe('rule session-without-timeout', () => {
  itFlags(flagged, (path, text) => spans(ruleFindings(path, text), text));

  itStaysQuiet(quiet, (path, text) => spans(ruleFindings(path, text), text));

  it('reports a very long session as info', async () => {
    const [finding] = await ruleFindings('a.js', `${header}app.use(session({ secret: s, cookie: { maxAge: 30 * 24 * 60 * 60 * 1000 } }));`);
    assert.strictEqual(finding.severity, 'info');
    assert.match(finding.message, /30 days/);
    assert.strictEqual(finding.fixes[0].preferred, false);
  });

  const fixes: Array<[string, string, string]> = [
    [
      'adds rolling and a secure cookie',
      `${header}app.use(session({ secret: s, resave: false }));`,
      `${header}app.use(session({ secret: s, resave: false, rolling: true, cookie: { maxAge: 15 * 60 * 1000, httpOnly: true, secure: true, sameSite: 'lax' } }));`,
    ],
    [
      'adds maxAge to the cookie and rolling',
      `${header}app.use(session({ secret: s, cookie: { secure: true } }));`,
      `${header}app.use(session({ secret: s, cookie: { maxAge: 15 * 60 * 1000, secure: true }, rolling: true }));`,
    ],
    [
      'keeps an explicit rolling',
      `${header}app.use(session({ secret: s, rolling: false, cookie: { secure: true } }));`,
      `${header}app.use(session({ secret: s, rolling: false, cookie: { maxAge: 15 * 60 * 1000, secure: true } }));`,
    ],
    ['cookie-session maxAge', `${header}app.use(cookieSession({ keys: [k] }));`, `${header}app.use(cookieSession({ keys: [k], maxAge: 15 * 60 * 1000 }));`],
  ];
  for (const [title, text, expected] of fixes) {
    it(`fix: ${title}`, async () => {
      const [finding] = await ruleFindings('a.js', text);
      assert.ok(finding, 'a finding');
      assert.strictEqual(finding.fixes[0].preferred, true);
      const fixed = applyEdits(text, finding.fixes[0].edits);
      assert.strictEqual(fixed, expected);
      assert.deepStrictEqual(await ruleFindings('a.js', fixed), []);
    });
  }

  it('the fix for a session without a cookie also satisfies insecure-cookie', async () => {
    const text = `${header}app.use(session({ secret: s, resave: false }));`;
    const [finding] = await ruleFindings('a.js', text);
    const fixed = applyEdits(text, finding.fixes[0].edits);
    assert.deepStrictEqual((await findingsFor('a.js', fixed)).filter((f) => f.ruleId === 'insecure-cookie'), []);
  });
});
