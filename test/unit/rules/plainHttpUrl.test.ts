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

/** Configuration, scripts and documentation: a file name, its text, the `http://…` texts flagged (in order). */
const flaggedInText: Array<[string, string, string, string[]]> = [
  ['.env endpoint', '.env', 'UCANPAY_API_URL=http://api.ucanpay.com/v1\n', ['http://api.ucanpay.com']],
  ['.env other host, quoted', '.env', 'WEBHOOK_ENDPOINT="http://hooks.shop.io/ucanpay"\n', ['http://hooks.shop.io']],
  ['.env UCanPay host in any value', '.env', 'WELCOME_TEXT="Calls go to http://sandbox.ucanpay.com"\n', ['http://sandbox.ucanpay.com']],
  ['YAML key', 'config.yml', 'ucanpay:\n  baseUrl: http://api.shop.io/v1\n', ['http://api.shop.io']],
  ['YAML env list', 'compose.yaml', 'environment:\n  - API_URL=http://api.shop.io\n', ['http://api.shop.io']],
  ['Kubernetes name/value', 'k8s.yaml', 'env:\n  - name: API_URL\n    value: http://api.shop.io\n', ['http://api.shop.io']],
  ['OpenAPI servers', 'openapi.yaml', 'servers:\n  - url: http://api.shop.io/v1\n', ['http://api.shop.io']],
  ['CI run block', 'ci.yml', 'steps:\n  - run: |\n      curl -fsS http://api.shop.io/health\n', ['http://api.shop.io']],
  ['JSON endpoint', 'config.json', '{ "payments": { "endpoint": "http://pay.shop.io" } }', ['http://pay.shop.io']],
  ['JSON list under an endpoint key', 'config.json', '{ "apiUrls": ["https://a.shop.io", "http://b.shop.io"] }', ['http://b.shop.io']],
  ['package.json script', 'package.json', '{ "scripts": { "ping": "wget -qO- http://api.shop.io/ping" } }', ['http://api.shop.io']],
  ['.npmrc registry', '.npmrc', 'registry=http://registry.shop.io/\n', ['http://registry.shop.io']],
  ['INI', 'app.ini', '[ucanpay]\napi_base = http://api.shop.io\n', ['http://api.shop.io']],
  ['Dockerfile ENV', 'Dockerfile', 'FROM node:20\nENV API_URL http://api.shop.io\n', ['http://api.shop.io']],
  ['Dockerfile ADD', 'Dockerfile', 'FROM node:20\nADD http://dl.shop.io/a.tgz /tmp/\n', ['http://dl.shop.io']],
  ['Dockerfile RUN curl', 'Dockerfile', 'FROM node:20\nRUN curl -fsSL http://dl.shop.io/setup | sh\n', ['http://dl.shop.io']],
  ['shell export', 'a.sh', 'export API_URL="http://api.shop.io"\n', ['http://api.shop.io']],
  ['shell curl, URL last', 'a.sh', 'curl -X POST -H "Content-Type: application/json" -d @body.json http://api.shop.io/pay\n', ['http://api.shop.io']],
  ['shell HTTPie', 'a.sh', 'http POST http://api.shop.io/pay amount=100\n', ['http://api.shop.io']],
  ['shell endpoint option', 'a.sh', 'shopctl sync --base-url http://api.shop.io\n', ['http://api.shop.io']],
  ['docker -e', 'a.sh', 'docker run -e API_URL=http://api.shop.io shop/app\n', ['http://api.shop.io']],
  ['Markdown prose, UCanPay', 'README.md', 'Point the client at http://api.ucanpay.com/v1.\n', ['http://api.ucanpay.com']],
  ['Markdown link, UCanPay', 'README.md', 'See [the API](http://api.ucanpay.com/v1).\n', ['http://api.ucanpay.com']],
  ['Markdown untyped fence, UCanPay', 'README.md', '```\nGET http://api.ucanpay.com/v1/ping\n```\n', ['http://api.ucanpay.com']],
  ['Markdown shell fence', 'README.md', '```sh\ncurl http://api.shop.io/v1\n```\n', ['http://api.shop.io']],
];

const quietInText: Array<[string, string, string]> = [
  ['.env https', '.env', 'API_URL=https://api.ucanpay.com/v1\n'],
  ['.env comment', '.env', '# API_URL=http://api.ucanpay.com/v1\n'],
  ['.env loopback', '.env', 'API_URL=http://127.0.0.1:8080\nCALLBACK_URL=http://host.docker.internal:3000\n'],
  ['.env proxy', '.env', 'HTTP_PROXY=http://proxy.corp:3128\nhttps_proxy=http://proxy.corp:3128\n'],
  ['.env example domain', '.env.example', 'API_URL=http://api.example.com\n'],
  ['.env not an endpoint', '.env', 'HOMEPAGE_TEXT=http://shop.io\n'],
  ['.env link for people', '.env', 'DOCS_URL=http://docs.shop.io\n'],
  ['.env URL in prose', '.env', 'API_URL_HELP="see http://docs.shop.io"\n'],
  ['allowed host', '.env', 'API_URL=http://ci-mock.internal/pay\n'],
  ['YAML $schema, xmlns', 'a.yml', '$schema: http://json-schema.org/draft-07/schema#\nxmlns: http://shop.io/ns\n'],
  ['YAML comment', 'a.yml', 'api:\n  # baseUrl: http://api.ucanpay.com\n  baseUrl: https://api.ucanpay.com\n'],
  ['YAML text block', 'a.yml', 'description: |\n  The base URL used to be http://api.shop.io\n'],
  ['JSON metadata', 'package.json', '{ "repository": { "url": "http://git.shop.io/a.git" }, "bugs": { "url": "http://bugs.shop.io" } }'],
  ['JSON comment', 'config.json', '{\n  // "endpoint": "http://api.ucanpay.com"\n  "endpoint": "https://api.ucanpay.com"\n}'],
  ['JSON-LD context', 'ld.json', '{ "@context": "http://schema.org", "@id": "http://shop.io/#org" }'],
  ['nginx proxy_pass', 'site.conf', 'location / {\n  proxy_pass http://checkout_backend;\n}\n'],
  ['Dockerfile LABEL', 'Dockerfile', 'FROM node:20\nLABEL org.opencontainers.image.url="http://shop.io"\n'],
  ['Dockerfile comment', 'Dockerfile', 'FROM node:20\n# RUN curl http://api.ucanpay.com\n'],
  ['curl proxy and referer', 'a.sh', 'curl -x http://proxy.corp:3128 -e http://shop.io https://api.shop.io\n'],
  ['echo', 'a.sh', 'echo "Deployed to http://shop.io"\n'],
  ['git clone of another host', 'a.sh', 'git clone http://git.shop.io/a.git\n'],
  ['shell comment', 'a.sh', 'curl https://api.shop.io # was http://api.shop.io\n'],
  ['Markdown prose, other host', 'README.md', 'Our blog: http://blog.shop.io and [status](http://status.shop.io).\n'],
  ['Markdown HTML comment', 'README.md', '<!--\nhttp://api.ucanpay.com\n-->\n'],
  ['Markdown fence comment', 'README.md', '```sh\n# curl http://api.ucanpay.com/v1\n```\n'],
  ['listen addresses and match patterns', 'Dockerfile', 'FROM mcr.microsoft.com/dotnet/aspnet:8.0\nENV ASPNETCORE_URLS=http://+:8080\n'],
  ['browser extension host permissions', 'manifest.json', '{ "host_permissions": ["http://*/*"] }'],
];

describe('rule plain-http-url in configuration, scripts and Markdown', () => {
  for (const [title, path, text, expected] of flaggedInText) {
    it(`flags: ${title}`, async () => {
      const findings = await ruleFindings(path, text);
      assert.deepStrictEqual(
        findings.map((f) => text.slice(f.startOffset, f.endOffset)),
        expected,
      );
    });
  }

  for (const [title, path, text] of quietInText) {
    it(`stays quiet: ${title}`, async () => {
      const findings = await ruleFindings(path, text, ['ci-mock.internal']);
      assert.deepStrictEqual(findings.map((f) => text.slice(f.startOffset, f.endOffset)), []);
    });
  }

  it('is an error for UCanPay hosts and a warning for others, in text too', async () => {
    const text = 'API_URL=http://api.ucanpay.com\nLEDGER_URL=http://ledger.shop.io\n';
    const findings = await ruleFindings('.env', text);
    assert.deepStrictEqual(findings.map((f) => f.severity), ['error', 'warning']);
  });

  for (const [path, text, expected] of [
    ['.env', 'API_URL="http://api.ucanpay.com/v1"\n', 'API_URL="https://api.ucanpay.com/v1"\n'],
    ['a.sh', "curl -fsS 'http://api.shop.io/ping'\n", "curl -fsS 'https://api.shop.io/ping'\n"],
    ['config.json', '{ "baseUrl": "http://api.shop.io" }', '{ "baseUrl": "https://api.shop.io" }'],
    ['README.md', 'Use <http://api.ucanpay.com/v1>.\n', 'Use <https://api.ucanpay.com/v1>.\n'],
  ]) {
    it(`rewrites the scheme in ${path}`, async () => {
      const [finding] = await ruleFindings(path, text);
      assert.ok(finding);
      const fix = finding.fixes.find((f) => f.preferred);
      assert.ok(fix);
      const fixed = applyEdits(text, fix.edits);
      assert.strictEqual(fixed, expected);
      assert.deepStrictEqual(await ruleFindings(path, fixed), []);
    });
  }
});
