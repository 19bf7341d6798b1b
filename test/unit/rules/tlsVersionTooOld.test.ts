import * as assert from 'assert';
import { applyEdits, findingsFor } from '../helpers';

const rule = 'tls-version-too-old';

async function ruleFindings(path: string, text: string) {
  return (await findingsFor(path, text)).filter((f) => f.ruleId === rule);
}

/** Each case: a title, a file name, its text, the texts the rule must flag, and their severity. */
const flagged: Array<[string, string, string, string[], 'error' | 'warning']> = [
  ['minVersion TLSv1', 'a.js', "new https.Agent({ minVersion: 'TLSv1' });", ["minVersion: 'TLSv1'"], 'error'],
  ['minVersion TLSv1.1', 'a.ts', 'tls.connect({ host, minVersion: "TLSv1.1" });', ['minVersion: "TLSv1.1"'], 'error'],
  ['maxVersion TLSv1.1', 'a.tsx', "const a = new https.Agent({ maxVersion: 'TLSv1.1' }); export const C = () => <i/>;", ["maxVersion: 'TLSv1.1'"], 'error'],
  ['DEFAULT_MIN_VERSION', 'a.js', "tls.DEFAULT_MIN_VERSION = 'TLSv1';", ["tls.DEFAULT_MIN_VERSION = 'TLSv1'"], 'error'],
  ['secureProtocol TLSv1_method', 'a.js', "https.request({ host, secureProtocol: 'TLSv1_method' });", ["secureProtocol: 'TLSv1_method'"], 'error'],
  ['secureProtocol SSLv3 client', 'a.js', "tls.createSecureContext({ secureProtocol: 'SSLv3_client_method' });", ["secureProtocol: 'SSLv3_client_method'"], 'error'],
  ['secureProtocol SSLv23', 'a.js', "https.request({ host, secureProtocol: 'SSLv23_method' });", ["secureProtocol: 'SSLv23_method'"], 'warning'],
  ['NODE_OPTIONS assignment', 'a.js', "process.env.NODE_OPTIONS = '--tls-min-v1.0';", ['--tls-min-v1.0'], 'error'],
  ['execArgv', 'a.ts', "fork('w.js', [], { execArgv: ['--inspect', '--tls-min-v1.1'] });", ['--tls-min-v1.1'], 'error'],
  ['spawn node', 'a.js', "spawn('node', ['--tls-v1.0', 'app.js']);", ['--tls-v1.0'], 'error'],
  ['.env NODE_OPTIONS', '.env', 'NODE_OPTIONS="--max-old-space-size=4096 --tls-min-v1.0"\n', ['--tls-min-v1.0'], 'error'],
  ['shell node', 'a.sh', 'exec node --tls-min-v1.1 server.js\n', ['--tls-min-v1.1'], 'error'],
  ['curl --tls-max', 'a.sh', 'curl --tls-max 1.1 https://x.shop.io\n', ['--tls-max 1.1'], 'error'],
  ['curl --sslv3', 'a.sh', 'curl --sslv3 https://x.shop.io\n', ['--sslv3'], 'error'],
  ['curl --tlsv1.0 allows old versions', 'a.sh', 'curl --tlsv1.0 https://x.shop.io\n', ['--tlsv1.0'], 'warning'],
  ['wget --secure-protocol', 'a.sh', 'wget --secure-protocol=TLSv1_1 https://x.shop.io\n', ['--secure-protocol=TLSv1_1'], 'error'],
  ['Dockerfile CMD exec form', 'Dockerfile', 'FROM node:20\nCMD ["node", "--tls-min-v1.0", "server.js"]\n', ['--tls-min-v1.0'], 'error'],
  ['Dockerfile ENV NODE_OPTIONS', 'Dockerfile', 'FROM node:20\nENV NODE_OPTIONS=--tls-min-v1.0\n', ['--tls-min-v1.0'], 'error'],
  ['nginx', 'site.conf', 'server {\n  ssl_protocols SSLv3 TLSv1 TLSv1.2;\n}\n', ['SSLv3 TLSv1'], 'error'],
  ['Apache all', 'ssl.conf', 'SSLProtocol all -SSLv3\n', ['all -SSLv3'], 'error'],
  ['Apache explicit', 'ssl.conf', 'SSLProtocol +TLSv1.1 +TLSv1.2\n', ['+TLSv1.1 +TLSv1.2'], 'error'],
  ['HAProxy', 'haproxy.cfg', 'global\n  ssl-default-bind-options ssl-min-ver TLSv1.0 no-tls-tickets\n', ['TLSv1.0'], 'error'],
  ['HAProxy bind', 'haproxy.cfg', 'frontend web\n  bind :443 ssl crt /etc/ssl/site.pem ssl-min-ver TLSv1.1\n', ['TLSv1.1'], 'error'],
  ['PostgreSQL', 'postgresql.conf', "ssl_min_protocol_version = 'TLSv1.1'\n", ["'TLSv1.1'"], 'error'],
  ['Traefik', 'traefik.yml', 'tls:\n  options:\n    default:\n      minVersion: VersionTLS11\n', ['VersionTLS11'], 'error'],
  ['ingress-nginx', 'cm.yaml', 'data:\n  ssl-protocols: "TLSv1.1 TLSv1.2"\n', ['TLSv1.1'], 'error'],
  ['Kubernetes args', 'pod.yaml', 'containers:\n  - name: app\n    args: ["--tls-min-v1.0"]\n', ['--tls-min-v1.0'], 'error'],
  ['ARM template', 'azuredeploy.json', '{ "properties": { "minimumTlsVersion": "TLS1_0" } }', ['"TLS1_0"'], 'error'],
  ['App Service bare number', 'site.json', '{ "siteConfig": { "minTlsVersion": "1.0" } }', ['"1.0"'], 'error'],
  ['package.json script', 'package.json', '{ "scripts": { "start": "node --tls-min-v1.0 server.js" } }', ['--tls-min-v1.0'], 'error'],
];

const quiet: Array<[string, string, string]> = [
  ['TLSv1.2', 'a.js', "new https.Agent({ minVersion: 'TLSv1.2' });"],
  ['TLSv1.3 max', 'a.ts', "tls.connect({ maxVersion: 'TLSv1.3' });"],
  ['value not visible', 'a.js', 'new https.Agent({ minVersion: process.env.TLS_MIN });'],
  ['secureProtocol TLSv1_2_method', 'a.js', "https.request({ secureProtocol: 'TLSv1_2_method' });"],
  ['string that mentions it', 'a.js', "const note = 'minVersion: TLSv1 is not allowed, nor --tls-min-v1.0';"],
  ['comment', 'a.js', "// tls.DEFAULT_MIN_VERSION = 'TLSv1';\nexport {};"],
  ['unrelated minVersion', 'a.js', "const app = { minVersion: '1.0' };"],
  ['node flag 1.2', '.env', 'NODE_OPTIONS=--tls-min-v1.2\n'],
  ['node flag in prose', 'package.json', '{ "description": "never run with --tls-min-v1.0" }'],
  ['echo', 'a.sh', 'echo "do not pass --tls-min-v1.0"\n'],
  ['curl modern', 'a.sh', 'curl --tlsv1.2 --tls-max 1.3 https://x.shop.io\n'],
  ['nginx modern', 'site.conf', 'ssl_protocols TLSv1.2 TLSv1.3;\n'],
  ['nginx comment', 'site.conf', '# ssl_protocols TLSv1 TLSv1.1;\n'],
  ['HAProxy modern', 'haproxy.cfg', 'global\n  ssl-default-bind-options ssl-min-ver TLSv1.2\n'],
  ['Apache modern', 'ssl.conf', 'SSLProtocol -all +TLSv1.2 +TLSv1.3\n'],
  ['Apache all minus old', 'ssl.conf', 'SSLProtocol all -SSLv3 -TLSv1 -TLSv1.1\n'],
  ['app version key', 'a.yml', 'minVersion: 1.0\n'],
  ['Traefik modern', 'traefik.yml', 'minVersion: VersionTLS12\n'],
  ['JSON modern', 'azuredeploy.json', '{ "minimumTlsVersion": "TLS1_2" }'],
];

describe('rule tls-version-too-old', () => {
  for (const [title, path, text, expected, severity] of flagged) {
    it(`flags: ${title}`, async () => {
      const findings = await ruleFindings(path, text);
      assert.deepStrictEqual(
        findings.map((f) => text.slice(f.startOffset, f.endOffset)),
        expected,
      );
      assert.ok(findings.every((f) => f.severity === severity), findings.map((f) => f.severity).join());
    });
  }

  for (const [title, path, text] of quiet) {
    it(`stays quiet: ${title}`, async () => {
      const findings = await ruleFindings(path, text);
      assert.deepStrictEqual(findings.map((f) => text.slice(f.startOffset, f.endOffset)), []);
    });
  }

  /** Each case: file, text, and the text after the preferred fix. */
  const fixes: Array<[string, string, string]> = [
    ['a.js', "new https.Agent({ minVersion: 'TLSv1' });", "new https.Agent({ minVersion: 'TLSv1.2' });"],
    ['a.js', "tls.DEFAULT_MIN_VERSION = 'TLSv1.1';", "tls.DEFAULT_MIN_VERSION = 'TLSv1.2';"],
    ['a.js', 'https.request({ host, secureProtocol: "TLSv1_method" });', 'https.request({ host, minVersion: "TLSv1.2" });'],
    ['a.js', "process.env.NODE_OPTIONS = '--tls-min-v1.0 --inspect';", "process.env.NODE_OPTIONS = '--tls-min-v1.2 --inspect';"],
    ['a.sh', 'curl --tlsv1.1 https://x.shop.io\n', 'curl --tlsv1.2 https://x.shop.io\n'],
    ['a.sh', 'wget --secure-protocol=SSLv3 https://x.shop.io\n', 'wget --secure-protocol=TLSv1_2 https://x.shop.io\n'],
    ['site.conf', 'ssl_protocols TLSv1 TLSv1.1 TLSv1.2 TLSv1.3;\n', 'ssl_protocols TLSv1.2 TLSv1.3;\n'],
    ['site.conf', 'ssl_protocols TLSv1 TLSv1.1;\n', 'ssl_protocols TLSv1.2;\n'],
    ['ssl.conf', 'SSLProtocol all -SSLv3\n', 'SSLProtocol all -SSLv3 -TLSv1 -TLSv1.1\n'],
    ['ssl.conf', 'SSLProtocol TLSv1\n', 'SSLProtocol +TLSv1.2\n'],
    ['postgresql.conf', "ssl_min_protocol_version = 'TLSv1'\n", "ssl_min_protocol_version = 'TLSv1.2'\n"],
    ['traefik.yml', 'minVersion: VersionTLS10\n', 'minVersion: VersionTLS12\n'],
    ['azuredeploy.json', '{ "minimumTlsVersion": "TLS1_0" }', '{ "minimumTlsVersion": "TLS1_2" }'],
  ];
  for (const [path, text, expected] of fixes) {
    it(`fixes ${path}: ${JSON.stringify(text.trim())}`, async () => {
      const [finding] = await ruleFindings(path, text);
      assert.ok(finding, 'a finding');
      const fix = finding.fixes.find((f) => f.preferred);
      assert.ok(fix, 'a preferred fix');
      const fixed = applyEdits(text, fix.edits);
      assert.strictEqual(fixed, expected);
      assert.deepStrictEqual(await ruleFindings(path, fixed), []);
    });
  }
});
