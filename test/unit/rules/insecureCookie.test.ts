import * as assert from 'assert';
import { itFixes, itFlags, itStaysQuiet, spans } from './ruleCases';
import { applyEdits, findingsFor } from '../helpers';

const rule = 'insecure-cookie';

async function ruleFindings(path: string, text: string) {
  return (await findingsFor(path, text)).filter((f) => f.ruleId === rule);
}

const flagged: Array<[string, string, string, string[]]> = [
  ['Express without options', 'a.js', "res.cookie('sid', token);", ['res.cookie']],
  ['Express missing flags', 'a.js', "res.cookie('sid', token, { maxAge: 1000 });", ['res.cookie']],
  ['Express secure: false', 'a.js', "res.cookie('sid', token, { httpOnly: true, secure: false, sameSite: 'lax' });", ['secure: false']],
  ['same-file options const', 'a.js', "const opts = { httpOnly: true };\nres.cookie('sid', token, opts);", ['res.cookie']],
  ['Koa misses only SameSite', 'a.js', "ctx.cookies.set('sid', v, { signed: true });", ['ctx.cookies.set']],
  ['Fastify', 'a.js', "reply.setCookie('sid', v, { httpOnly: true, path: '/' });", ['reply.setCookie']],
  ['cookie.serialize', 'a.js', "const c = cookie.serialize('sid', v, { secure: true, sameSite: 'strict' });", ['cookie.serialize']],
  ['named serialize', 'a.ts', "import { serialize } from 'cookie';\nconst c = serialize('sid', v);", ['serialize']],
  ['Next cookies()', 'a.ts', "import { cookies } from 'next/headers';\ncookies().set('session', v, { httpOnly: true });", ['cookies().set']],
  ['Next object form', 'a.ts', "(await cookies()).set({ name: 'session', value: v, secure: true, sameSite: 'lax' });", ['(await cookies()).set']],
  ['Next response cookies', 'a.ts', "response.cookies.set('session', v);", ['response.cookies.set']],
  ['Hono setCookie', 'a.ts', "import { setCookie } from 'hono/cookie';\nsetCookie(c, 'session', v, { httpOnly: false, secure: true, sameSite: 'Lax' });", ['httpOnly: false']],
  ['Set-Cookie header', 'a.js', "res.setHeader('Set-Cookie', 'sid=' + 'x' + '; Path=/');\nres.setHeader('Set-Cookie', 'sid=abc; Path=/; HttpOnly');", ["'sid=abc; Path=/; HttpOnly'"]],
  ['Set-Cookie in writeHead', 'a.js', "res.writeHead(302, { 'Set-Cookie': `sid=${sid}; Secure`, Location: '/' });", ['`sid=${sid}; Secure`']],
  ['express-session without cookie', 'a.js', "const session = require('express-session');\napp.use(session({ secret: s, resave: false }));", ['session']],
  ['express-session cookie secure: false', 'a.js', "app.use(session({ secret: s, resave: false, cookie: { secure: false, sameSite: 'lax', maxAge: 1 } }));", ['secure: false']],
  ['cookie-session httpOnly: false', 'a.js', "app.use(cookieSession({ keys: [k], maxAge: 1, sameSite: 'lax', httpOnly: false }));", ['httpOnly: false']],
  ['any cookie config secure: false', 'a.ts', 'export const options = { cookie: { secure: false, httpOnly: true } };', ['secure: false']],
  ['TSX', 'a.tsx', "export const C = () => { res.cookie('sid', v, {}); return <div />; };", ['res.cookie']],
];

const quiet: Array<[string, string, string]> = [
  ['all flags', 'a.js', "res.cookie('sid', v, { httpOnly: true, secure: true, sameSite: 'strict' });"],
  ['env-dependent secure', 'a.js', "res.cookie('sid', v, { httpOnly: true, secure: process.env.NODE_ENV === 'production', sameSite: 'lax' });"],
  ['unknown options', 'a.js', "res.cookie('sid', v, cookieOptions);"],
  ['spread options', 'a.js', "res.cookie('sid', v, { ...defaults, maxAge: 1000 });"],
  ['preference cookie', 'a.js', "res.cookie('theme', 'dark', { secure: true, sameSite: 'lax' });"],
  ['clearCookie', 'a.js', "res.clearCookie('sid');"],
  ['deleting a cookie', 'a.js', "res.cookie('sid', '', { expires: new Date(0) });"],
  ['complete Set-Cookie', 'a.js', "res.setHeader('Set-Cookie', 'sid=abc; Path=/; HttpOnly; Secure; SameSite=Lax');"],
  ['SvelteKit defaults', 'a.ts', "event.cookies.set('session', v, { path: '/' });"],
  ['bare cookies object', 'a.ts', "cookies.set('session', v, { path: '/' });"],
  ['client js-cookie', 'a.js', "Cookies.set('theme', 'dark');"],
  ['jQuery cookie', 'a.js', "$.cookie('sid', v);"],
  ['express-session with flags', 'a.js', "app.use(session({ secret: s, resave: false, cookie: { secure: true, sameSite: 'lax', maxAge: 1 } }));"],
  ['cookie-session defaults', 'a.js', "app.use(cookieSession({ keys: [k], maxAge: 1, sameSite: 'strict' }));"],
  ['Koa with SameSite', 'a.js', "ctx.cookies.set('sid', v, { sameSite: 'lax' });"],
  ['cookie config without false', 'a.ts', "export const options = { cookie: { path: '/' } };"],
];

describe('rule insecure-cookie', () => {
  itFlags(flagged, (path, text) => spans(ruleFindings(path, text), text));

  itStaysQuiet(quiet, (path, text) => spans(ruleFindings(path, text), text));

  it('names every missing flag in one finding, as a warning', async () => {
    const [finding, ...rest] = await ruleFindings('a.js', "res.cookie('sid', token);");
    assert.strictEqual(rest.length, 0);
    assert.strictEqual(finding.severity, 'warning');
    assert.match(finding.message, /'sid' has no HttpOnly, Secure or SameSite flag/);
  });

  it('is an error when secure or httpOnly is explicitly false', async () => {
    const findings = await ruleFindings('a.js', "res.cookie('a', v, { httpOnly: true, secure: false, sameSite: 'lax' }); res.cookie('b', v, { sameSite: false, httpOnly: true, secure: true });");
    assert.deepStrictEqual(findings.map((f) => f.severity), ['error', 'warning']);
  });

  const fixes: Array<[string, string, string, string]> = [
    ['appends an options object', 'a.js', "res.cookie('sid', token);", "res.cookie('sid', token, { httpOnly: true, secure: true, sameSite: 'lax' });"],
    ['adds to the options object', 'a.js', "res.cookie('sid', token, { maxAge: 900000 });", "res.cookie('sid', token, { maxAge: 900000, httpOnly: true, secure: true, sameSite: 'lax' });"],
    ['fills an empty object', 'a.js', "res.cookie('sid', token, {});", "res.cookie('sid', token, { httpOnly: true, secure: true, sameSite: 'lax' });"],
    ['turns false into true', 'a.js', "res.cookie('sid', t, { httpOnly: true, secure: false, sameSite: 'lax' });", "res.cookie('sid', t, { httpOnly: true, secure: true, sameSite: 'lax' });"],
    ['Koa adds only SameSite', 'a.js', "ctx.cookies.set('sid', v);", "ctx.cookies.set('sid', v, { sameSite: 'lax' });"],
    ['follows double quotes', 'a.ts', 'res.cookie("sid", token);', 'res.cookie("sid", token, { httpOnly: true, secure: true, sameSite: "lax" });'],
    ['Set-Cookie attributes', 'a.js', "res.setHeader('Set-Cookie', 'sid=abc; Path=/');", "res.setHeader('Set-Cookie', 'sid=abc; Path=/; HttpOnly; Secure; SameSite=Lax');"],
    ['Set-Cookie ending with ;', 'a.js', "res.setHeader('Set-Cookie', `sid=${v};`);", "res.setHeader('Set-Cookie', `sid=${v}; HttpOnly; Secure; SameSite=Lax`);"],
    [
      'session cookie object',
      'a.js',
      'app.use(session({ secret: s, resave: false, cookie: { maxAge: 60000, secure: false } }));',
      "app.use(session({ secret: s, resave: false, cookie: { maxAge: 60000, secure: true, sameSite: 'lax' } }));",
    ],
  ];
  itFixes(fixes, ruleFindings);

  it('edits the same-file options const', async () => {
    const text = "const opts = { httpOnly: true };\nres.cookie('sid', token, opts);\n";
    const [finding] = await ruleFindings('a.js', text);
    assert.strictEqual(applyEdits(text, finding.fixes[0].edits), "const opts = { httpOnly: true, secure: true, sameSite: 'lax' };\nres.cookie('sid', token, opts);\n");
  });

  it('counts a flag the file sets later as set, and reports and fixes only the others (express-session README)', async () => {
    const text = [
      "const session = require('express-session');",
      'const sess = { secret: process.env.S, cookie: {} };',
      "if (app.get('env') === 'production') { sess.cookie.secure = true; }",
      'app.use(session(sess));',
      '',
    ].join('\n');
    const [finding, ...more] = await ruleFindings('a.js', text);
    assert.deepStrictEqual(more, []);
    assert.match(finding.message, /no SameSite flag/);
    assert.doesNotMatch(finding.message, /Secure/);
    assert.strictEqual(applyEdits(text, finding.fixes[0].edits).split('\n')[1], "const sess = { secret: process.env.S, cookie: { sameSite: 'lax' } };");
  });

  it('does the same for res.cookie options set later', async () => {
    const text = "const opts = { httpOnly: true };\nif (production) opts.secure = true;\nres.cookie('sid', token, opts);\n";
    const [finding, ...more] = await ruleFindings('a.js', text);
    assert.deepStrictEqual(more, []);
    assert.match(finding.message, /no SameSite flag/);
    assert.doesNotMatch(finding.message, /Secure/);
    const complete = "const opts = { httpOnly: true, sameSite: 'lax' };\nif (production) opts.secure = true;\nres.cookie('sid', token, opts);\n";
    assert.deepStrictEqual(await ruleFindings('a.js', complete), []);
  });

  it('judges nothing of an options object the file replaces or assigns into as a whole', async () => {
    for (const change of ['sess.cookie = cookieOptions();', 'Object.assign(sess, overrides);', 'sess[key] = value;']) {
      const text = `const session = require('express-session');\nconst sess = { secret: process.env.S, cookie: {} };\n${change}\napp.use(session(sess));\n`;
      assert.deepStrictEqual(await ruleFindings('a.js', text), [], change);
    }
  });

  it('leaves a session without a cookie object to the session-without-timeout fix', async () => {
    const [finding] = await ruleFindings('a.js', "const session = require('express-session');\napp.use(session({ secret: s, resave: false }));");
    assert.deepStrictEqual(finding.fixes, []);
  });
});
