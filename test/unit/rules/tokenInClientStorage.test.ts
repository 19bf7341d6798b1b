import * as assert from 'assert';
import { itFlags, itStaysQuiet, spans } from './ruleCases';
import { findingsFor } from '../helpers';
import { isAuthName } from '../../../src/core/rules/sessions/tokenInClientStorage';

const rule = 'token-in-client-storage';

async function ruleFindings(path: string, text: string) {
  return (await findingsFor(path, text)).filter((f) => f.ruleId === rule);
}

const flagged: Array<[string, string, string, string[]]> = [
  ['localStorage.setItem', 'a.js', "localStorage.setItem('token', t);", ["localStorage.setItem('token', t)"]],
  ['sessionStorage', 'a.ts', "sessionStorage.setItem('access_token', t);", ["sessionStorage.setItem('access_token', t)"]],
  ['window.localStorage', 'a.js', "window.localStorage.setItem('jwt', t);", ["window.localStorage.setItem('jwt', t)"]],
  ['constant key', 'a.js', "const KEY = 'authState';\nlocalStorage.setItem(KEY, s);", ['localStorage.setItem(KEY, s)']],
  ['unknown constant named for a token', 'a.js', 'localStorage.setItem(config.TOKEN_KEY, t);', ['localStorage.setItem(config.TOKEN_KEY, t)']],
  ['property assignment', 'a.js', 'localStorage.refreshToken = t;', ['localStorage.refreshToken']],
  ['subscript assignment', 'a.js', "localStorage['session'] = s;", ["localStorage['session']"]],
  ['document.cookie template', 'a.js', 'document.cookie = `token=${t}; path=/`;', ['document.cookie']],
  ['document.cookie concat', 'a.js', "document.cookie = 'connect.sid=' + sid + '; path=/';", ['document.cookie']],
  ['js-cookie', 'a.ts', "import Cookies from 'js-cookie';\nCookies.set('id_token', t);", ['Cookies.set']],
  ['API key', 'a.js', "localStorage.setItem('ucanpay-api-key', k);", ["localStorage.setItem('ucanpay-api-key', k)"]],
  ['TSX', 'a.tsx', "const C = () => { localStorage.setItem('authToken', t); return <div />; };", ["localStorage.setItem('authToken', t)"]],
];

const quiet: Array<[string, string, string]> = [
  ['other keys', 'a.js', "localStorage.setItem('theme', 'dark'); localStorage.setItem('cart', c); localStorage.setItem('author', a);"],
  ['reading and removing', 'a.js', "localStorage.getItem('token'); localStorage.removeItem('token'); const t = localStorage.token;"],
  ['clearing', 'a.js', "localStorage.setItem('token', '');"],
  ['CSRF cookie', 'a.js', "document.cookie = 'XSRF-TOKEN=' + csrf;"],
  ['push token', 'a.js', "localStorage.setItem('fcmToken', t);"],
  ['other cookie', 'a.js', "document.cookie = 'theme=dark; path=/';"],
  ['dynamic cookie name', 'a.js', "document.cookie = name + '=' + value;"],
  ['reading the cookie', 'a.js', 'const c = document.cookie;'],
  ['server cookies', 'a.js', "res.cookie('token', t, { httpOnly: true, secure: true, sameSite: 'lax' }); ctx.cookies.set('session', s);"],
  ['in a comment', 'a.js', "// localStorage.setItem('token', t);\nconst x = 1;"],
  ['HTML prose', 'a.html', "<p>localStorage.setItem('token', t)</p>"],
  ['HTML JSON script', 'a.html', "<script type=\"application/json\">{\"x\": \"localStorage.setItem('token', t)\"}</script>"],
  ['HTML comment in script', 'a.html', "<script>\n  // localStorage.setItem('token', t);\n</script>"],
];

describe('rule token-in-client-storage', () => {
  itFlags(flagged, (path, text) => spans(ruleFindings(path, text), text));

  itStaysQuiet(quiet, (path, text) => spans(ruleFindings(path, text), text));

  it('reads inline scripts of HTML, Vue and Svelte files', async () => {
    const text = "<template><p/></template>\n<script setup lang=\"ts\">\nlocalStorage.setItem('token', t);\ndocument.cookie = \"sid=\" + s;\n</script>";
    for (const path of ['a.html', 'a.vue', 'a.svelte']) {
      assert.deepStrictEqual((await ruleFindings(path, text)).map((f) => text.slice(f.startOffset, f.endOffset)), ['localStorage.setItem', 'document.cookie'], path);
    }
  });

  it('says where the credential should live, with no fix', async () => {
    const [finding] = await ruleFindings('a.js', "localStorage.setItem('token', t);");
    assert.match(finding.message, /HttpOnly/);
    assert.deepStrictEqual(finding.fixes, []);
  });

  it('tells credential names from others', () => {
    for (const name of ['token', 'accessToken', 'auth_token', 'JWT', 'session', 'sessionId', 'sid', 'apiKey', 'api-key', 'authState', 'password']) {
      assert.ok(isAuthName(name), name);
    }
    for (const name of ['theme', 'cart', 'author', 'authorName', 'XSRF-TOKEN', 'csrfToken', 'locale', 'keyboard', 'tokenizer']) {
      assert.ok(!isAuthName(name), name);
    }
  });
});
