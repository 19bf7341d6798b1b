import * as assert from 'assert';
import { applyEdits, findingsFor } from '../helpers';

const rule = 'plain-http-url';

async function ruleFindings(path: string, text: string, allowedHttpHosts: string[] = []) {
  return (await findingsFor(path, text, { ruleOptions: { allowedHttpHosts } })).filter((f) => f.ruleId === rule);
}

/** Each case: a file name, its text, and the `http://…` texts the rule must flag (in order). */
const flagged: Array<[string, string, string, string[]]> = [
  ['fetch to UCanPay', 'a.js', 'fetch("http://api.ucanpay.com/v1/ping");', ['http://api.ucanpay.com']],
  ['axios baseURL', 'a.ts', "const c = axios.create({ baseURL: 'http://sandbox.ucanpay.com/v1' });", ['http://sandbox.ucanpay.com']],
  ['UCanPay URL in any string', 'a.ts', "const msg = `calling http://api.ucanpay.com/v1/payments now`;", ['http://api.ucanpay.com']],
  ['template with path', 'a.ts', 'await fetch(`http://api.ucanpay.com/v1/payments/${id}`);', ['http://api.ucanpay.com']],
  ['upper-case scheme', 'a.js', "const API_URL = 'HTTP://api.ucanpay.com/v1';", ['HTTP://api.ucanpay.com']],
  ['other host fetched', 'a.js', "fetch('http://payments.internal.corp/charge', { method: 'POST' });", ['http://payments.internal.corp']],
  ['other host in endpoint name', 'a.ts', "export const WEBHOOK_ENDPOINT = 'http://hooks.shop.io/ucanpay';", ['http://hooks.shop.io']],
  ['http.request', 'a.js', "http.request('http://10.0.0.5:8080/pay', cb);", ['http://10.0.0.5']],
  ['new URL', 'a.ts', "const u = new URL('http://shop.io/pay');", ['http://shop.io']],
  ['env fallback', 'a.ts', "const apiBase = process.env.API_BASE || 'http://api.shop.io';", ['http://api.shop.io']],
  ['class field', 'a.ts', "class C { private baseUrl = 'http://api.shop.io/v1'; }", ['http://api.shop.io']],
  ['default parameter', 'a.ts', "function connect(endpoint = 'http://api.shop.io') {}", ['http://api.shop.io']],
  ['host concatenated', 'a.js', "const url = 'http://' + host + '/v1';", ['http://']],
  ['XHR open', 'a.js', "xhr.open('GET', 'http://api.shop.io/pay');", ['http://api.shop.io']],
  ['JSX', 'a.jsx', "const App = () => { useEffect(() => { fetch('http://api.ucanpay.com/v1'); }); return <div/>; };", ['http://api.ucanpay.com']],
  ['TSX', 'a.tsx', "export const C = () => <Pay url={'http://api.shop.io/pay'} />; const apiUrl: string = 'http://api.shop.io';", ['http://api.shop.io']],
];

const quiet: Array<[string, string, string]> = [
  ['line comment', 'a.js', '// fetch("http://api.ucanpay.com/v1")\nconst x = 1;'],
  ['block comment', 'a.ts', '/* baseURL: http://api.ucanpay.com */ export {};'],
  ['already https', 'a.js', "fetch('https://api.ucanpay.com/v1/ping');"],
  ['localhost', 'a.js', "fetch('http://localhost:3000/api');"],
  ['loopback', 'a.ts', "const API_URL = 'http://127.0.0.1:8080';"],
  ['IPv6 loopback', 'a.ts', "fetch('http://[::1]:8080/');"],
  ['example domain', 'a.ts', "const apiUrl = 'http://api.example.com/v1';"],
  ['XML namespace', 'a.js', "document.createElementNS('http://www.w3.org/2000/svg', 'svg');"],
  ['namespace in endpoint-ish name', 'a.js', "const xmlns = 'http://www.w3.org/1999/xhtml';"],
  ['proxy setting', 'a.js', "const proxyUrl = 'http://proxy.corp:3128';"],
  ['prose in unrelated string', 'a.js', "const help = 'see http://docs.shop.io for details';"],
  ['unrelated variable', 'a.js', "const homepageText = 'http://shop.io';"],
  ['unrelated call', 'a.js', "console.log('http://shop.io');"],
  ['allowed host', 'a.js', "fetch('http://ci-mock.internal/pay');"],
  ['not a supported file', 'a.py', "requests.get('http://api.ucanpay.com')"],
  ['ws url', 'a.js', "new WebSocket('ws://api.shop.io');"],
];

describe('rule plain-http-url', () => {
  for (const [title, path, text, expected] of flagged) {
    it(`flags: ${title}`, async () => {
      const findings = await ruleFindings(path, text);
      assert.deepStrictEqual(
        findings.map((f) => text.slice(f.startOffset, f.endOffset)),
        expected,
      );
    });
  }

  for (const [title, path, text] of quiet) {
    it(`stays quiet: ${title}`, async () => {
      const findings = await ruleFindings(path, text, ['ci-mock.internal']);
      assert.deepStrictEqual(findings.map((f) => text.slice(f.startOffset, f.endOffset)), []);
    });
  }

  it('is an error for UCanPay hosts and a warning for others', async () => {
    const text = "fetch('http://api.ucanpay.com/v1'); fetch('http://shop.io/x');";
    const findings = await ruleFindings('a.js', text);
    assert.deepStrictEqual(findings.map((f) => f.severity), ['error', 'warning']);
  });

  it('offers a preferred fix that rewrites the scheme to https and leaves nothing to flag', async () => {
    const text = "const é = 1;\nconst client = axios.create({ baseURL: 'http://api.ucanpay.com/v1' });\n";
    const [finding] = await ruleFindings('a.ts', text);
    assert.ok(finding);
    const [fix] = finding.fixes;
    assert.strictEqual(fix.preferred, true);
    const fixed = applyEdits(text, fix.edits);
    assert.strictEqual(fixed, "const é = 1;\nconst client = axios.create({ baseURL: 'https://api.ucanpay.com/v1' });\n");
    assert.deepStrictEqual(await ruleFindings('a.ts', fixed), []);
  });

  it('reports exact line and UTF-16 character positions after non-ASCII text', async () => {
    const text = "const note = '💳 carte bancaire';\n  fetch('http://api.ucanpay.com');";
    const [finding] = await ruleFindings('a.js', text);
    assert.deepStrictEqual(finding.range, {
      start: { line: 1, character: 9 },
      end: { line: 1, character: 31 },
    });
  });
});
