import * as assert from 'assert';
import { applyEdits, findingsFor } from '../helpers';

const rule = 'tls-verification-disabled';

async function ruleFindings(path: string, text: string) {
  return (await findingsFor(path, text)).filter((f) => f.ruleId === rule);
}

/** Each case: a title, a file name, its text, and the texts the rule must flag (in order). */
const flagged: Array<[string, string, string, string[]]> = [
  ['https.Agent option', 'a.js', 'const agent = new https.Agent({ rejectUnauthorized: false });', ['rejectUnauthorized: false']],
  ['quoted key and !1', 'a.js', "https.get(url, { 'rejectUnauthorized': !1 }, cb);", ["'rejectUnauthorized': !1"]],
  ['got https options', 'a.ts', 'export const c = got.extend({ https: { rejectUnauthorized: false } });', ['rejectUnauthorized: false']],
  ['tls.connect', 'a.ts', 'tls.connect(443, host, { servername: host, rejectUnauthorized: false as boolean });', ['rejectUnauthorized: false as boolean']],
  ['request strictSSL', 'a.js', 'request({ url, strictSSL: false }, cb);', ['strictSSL: false']],
  ['global agent assignment', 'a.js', 'https.globalAgent.options.rejectUnauthorized = false;', ['https.globalAgent.options.rejectUnauthorized = false']],
  ['env assignment', 'a.js', "process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0';", ["process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0'"]],
  ['env bracket number', 'a.ts', "process.env['NODE_TLS_REJECT_UNAUTHORIZED'] = 0 as any;", ["process.env['NODE_TLS_REJECT_UNAUTHORIZED'] = 0 as any"]],
  ['child env object', 'a.js', "spawn('node', ['w.js'], { env: { ...process.env, NODE_TLS_REJECT_UNAUTHORIZED: '0' } });", ["NODE_TLS_REJECT_UNAUTHORIZED: '0'"]],
  ['checkServerIdentity arrow', 'a.js', 'tls.connect({ host, checkServerIdentity: () => undefined });', ['checkServerIdentity: () => undefined']],
  ['checkServerIdentity empty function', 'a.js', 'tls.connect({ host, checkServerIdentity: function (h, c) {} });', ['checkServerIdentity: function (h, c) {}']],
  ['checkServerIdentity method', 'a.ts', 'const o = { checkServerIdentity(host: string) { return undefined; } };', ['checkServerIdentity']],
  ['checkServerIdentity noop', 'a.js', 'tls.connect({ host, checkServerIdentity: _.noop });', ['checkServerIdentity: _.noop']],
  ['superagent', 'a.js', 'superagent.get(url).disableTLSCerts().end(cb);', ['disableTLSCerts()']],
  ['execSync curl -k', 'a.js', "execSync('curl -fsSk https://api.ucanpay.com/v1/ping');", ['-fsSk']],
  ['spawn sh -c', 'a.js', "spawn('sh', ['-c', 'wget --no-check-certificate https://x.shop.io/a']);", ['--no-check-certificate']],
  ['TSX', 'a.tsx', 'const agent = new Agent({ connect: { rejectUnauthorized: false } }); export const A = () => <div/>;', ['rejectUnauthorized: false']],
  ['.env', '.env', 'NODE_TLS_REJECT_UNAUTHORIZED=0\n', ['NODE_TLS_REJECT_UNAUTHORIZED=0']],
  ['.env quoted, export', '.env.local', "export NODE_TLS_REJECT_UNAUTHORIZED='0'\n", ["NODE_TLS_REJECT_UNAUTHORIZED='0'"]],
  ['GIT_SSL_NO_VERIFY any value', '.env', 'GIT_SSL_NO_VERIFY=false\n', ['GIT_SSL_NO_VERIFY=false']],
  ['shell export', 'a.sh', 'export NODE_TLS_REJECT_UNAUTHORIZED=0\n', ['NODE_TLS_REJECT_UNAUTHORIZED=0']],
  ['shell prefix', 'a.sh', 'NODE_TLS_REJECT_UNAUTHORIZED=0 node app.js\n', ['NODE_TLS_REJECT_UNAUTHORIZED=0']],
  ['docker run -e', 'a.sh', 'docker run -e NODE_TLS_REJECT_UNAUTHORIZED=0 shop/checkout\n', ['NODE_TLS_REJECT_UNAUTHORIZED=0']],
  ['curl --insecure', 'a.sh', 'curl --insecure https://x.shop.io\n', ['--insecure']],
  ['curl after sudo and pipe', 'a.sh', 'cat body.json | sudo curl -sk -d @- https://x.shop.io\n', ['-sk']],
  ['curl continued line', 'a.sh', 'curl -fsS \\\n  -k https://x.shop.io\n', ['-k']],
  ['HTTPie', 'a.sh', 'http --verify=no POST https://x.shop.io/pay\n', ['--verify=no']],
  ['git config', 'a.sh', 'git config --global http.sslVerify false\n', ['http.sslVerify false']],
  ['git config per URL', 'a.sh', 'git config http.https://git.shop.io/.sslVerify false\n', ['http.https://git.shop.io/.sslVerify false']],
  ['git -c', 'a.sh', 'git -c http.sslVerify=false clone https://git.shop.io/a.git\n', ['-c http.sslVerify=false']],
  ['npm config', 'a.sh', 'npm config set strict-ssl false\n', ['strict-ssl false']],
  ['npm flag', 'a.sh', 'npm install --strict-ssl=false\n', ['--strict-ssl=false']],
  ['yarn berry', 'a.sh', 'yarn config set enableStrictSsl false\n', ['enableStrictSsl false']],
  ['.curlrc', '.curlrc', '# defaults\ninsecure\n', ['insecure']],
  ['Dockerfile ENV (old form)', 'Dockerfile', 'FROM node:20\nENV NODE_TLS_REJECT_UNAUTHORIZED 0\n', ['NODE_TLS_REJECT_UNAUTHORIZED 0']],
  ['Dockerfile RUN exec form', 'Dockerfile', 'FROM alpine\nRUN ["curl", "-k", "https://x.shop.io"]\n', ['"-k"']],
  ['Dockerfile heredoc', 'Dockerfile', 'FROM alpine\nRUN <<EOF\ncurl -k https://x.shop.io\nEOF\n', ['-k']],
  ['YAML env map', 'compose.yaml', 'services:\n  a:\n    environment:\n      NODE_TLS_REJECT_UNAUTHORIZED: "0"\n', ['NODE_TLS_REJECT_UNAUTHORIZED: "0"']],
  ['YAML env list', 'compose.yaml', 'services:\n  a:\n    environment:\n      - NODE_TLS_REJECT_UNAUTHORIZED=0\n', ['NODE_TLS_REJECT_UNAUTHORIZED=0']],
  ['Kubernetes name/value', 'k8s.yaml', 'env:\n  - name: NODE_TLS_REJECT_UNAUTHORIZED\n    value: "0"\n', ['"0"']],
  ['GitLab script list', '.gitlab-ci.yml', 'test:\n  script:\n    - curl -k https://x.shop.io\n', ['-k']],
  ['Ansible', 'play.yml', '- get_url:\n    url: https://x.shop.io/a\n    validate_certs: no\n', ['validate_certs: no']],
  ['Prometheus', 'prometheus.yml', 'tls_config:\n  insecure_skip_verify: true\n', ['insecure_skip_verify: true']],
  ['VS Code settings', '.vscode/settings.json', '{ "http.proxyStrictSSL": false }', ['"http.proxyStrictSSL": false']],
  ['launch.json env', '.vscode/launch.json', '{ "configurations": [{ "env": { "NODE_TLS_REJECT_UNAUTHORIZED": "0" } }] }', ['"NODE_TLS_REJECT_UNAUTHORIZED": "0"']],
  ['JSON strict-ssl', 'config.json', '{ "strict-ssl": false }', ['"strict-ssl": false']],
  ['package.json script', 'package.json', '{ "scripts": { "dev": "NODE_TLS_REJECT_UNAUTHORIZED=0 next dev" } }', ['NODE_TLS_REJECT_UNAUTHORIZED=0']],
  ['.npmrc', '.npmrc', 'strict-ssl=false\n', ['strict-ssl=false']],
  ['.yarnrc (v1)', '.yarnrc', 'strict-ssl false\n', ['strict-ssl false']],
  ['.gitconfig', '.gitconfig', '[http]\n\tsslVerify = false\n', ['sslVerify = false']],
  ['MongoDB option', 'a.ts', 'await MongoClient.connect(uri, { tls: true, tlsAllowInvalidCertificates: true });', ['tlsAllowInvalidCertificates: true']],
  ['MongoDB connection string', 'a.js', "const uri = 'mongodb+srv://cluster0.shop.io/pay?retryWrites=true&tlsInsecure=true';", ['tlsInsecure=true']],
  ['MongoDB connection string in .env', '.env', 'MONGODB_URI=mongodb://db.shop.io/pay?tls=true&tlsAllowInvalidHostnames=true\n', ['tlsAllowInvalidHostnames=true']],
  ['prefixed variable', '.env', 'DB_SSL_REJECT_UNAUTHORIZED=false\n', ['DB_SSL_REJECT_UNAUTHORIZED=false']],
];

const quiet: Array<[string, string, string]> = [
  ['validation on', 'a.js', 'new https.Agent({ rejectUnauthorized: true });'],
  ['value not visible', 'a.js', 'new https.Agent({ rejectUnauthorized: config.tls });'],
  ['string that mentions it', 'a.js', "const tip = 'rejectUnauthorized: false is unsafe';"],
  ['comment', 'a.ts', '// new https.Agent({ rejectUnauthorized: false })\nexport {};'],
  ['NODE_TLS_REJECT_UNAUTHORIZED=1', 'a.js', "process.env.NODE_TLS_REJECT_UNAUTHORIZED = '1';"],
  ['not process.env', 'a.js', "const flags = {}; flags.NODE_TLS_REJECT_UNAUTHORIZED = '0' + suffix;"],
  ['checkServerIdentity that checks', 'a.js', 'tls.connect({ checkServerIdentity: (h, c) => tls.checkServerIdentity(h, c) });'],
  ['checkServerIdentity () => true fails closed', 'a.js', 'tls.connect({ checkServerIdentity: () => true });'],
  ['exec without curl -k', 'a.js', "execSync('curl -fsS --cacert ca.pem https://x.shop.io');"],
  ['.env other value', '.env', 'NODE_TLS_REJECT_UNAUTHORIZED=1\nNODE_EXTRA_CA_CERTS=/ca.pem\n'],
  ['.env comment', '.env', '# NODE_TLS_REJECT_UNAUTHORIZED=0\n'],
  ['.env empty GIT_SSL_NO_VERIFY', '.env', 'GIT_SSL_NO_VERIFY=\n'],
  ['curl -K config', 'a.sh', 'curl -K ~/.config/curl https://x.shop.io\n'],
  ['curl -o file named -k', 'a.sh', 'curl -o -k https://x.shop.io\n'],
  ['-k of another program', 'a.sh', 'sort -k 2 file.txt\n'],
  ['curl -k in a quoted argument', 'a.sh', 'echo "never use curl -k" && curl -H "X: -k" https://x.shop.io\n'],
  ['curl -k in a comment', 'a.sh', 'curl https://x.shop.io # not -k\n'],
  ['here-document data', 'a.sh', 'cat <<EOF > notes.txt\ncurl -k is bad\nEOF\n'],
  ['echo NAME=value', 'a.sh', 'echo NODE_TLS_REJECT_UNAUTHORIZED=0 is dangerous\n'],
  ['git sslVerify true', 'a.sh', 'git config --global http.sslVerify true\n'],
  ['npm strict-ssl true', 'a.sh', 'npm config set strict-ssl true\n'],
  ['YAML name/value of another variable', 'k8s.yaml', 'env:\n  - name: RETRIES\n    value: "0"\n  - name: NODE_TLS_REJECT_UNAUTHORIZED\n    value: "1"\n'],
  ['YAML text block', 'a.yml', 'description: |\n  curl -k is not allowed\n'],
  ['VS Code settings true', '.vscode/settings.json', '{ "http.proxyStrictSSL": true }'],
  ['JSON comment', 'settings.json', '{\n  // "http.proxyStrictSSL": false\n}'],
  ['.npmrc comment', '.npmrc', '; strict-ssl=false\nstrict-ssl=true\n'],
  ['Dockerfile comment', 'Dockerfile', 'FROM alpine\n# RUN curl -k https://x.shop.io\n'],
  ['curl -k to this machine only', 'Dockerfile', 'FROM alpine\nHEALTHCHECK CMD curl -fk https://localhost:8443/health || exit 1\n'],
  ['MongoDB validation on', 'a.ts', "await MongoClient.connect('mongodb://db.shop.io/?tls=true&tlsInsecure=false', { tlsAllowInvalidCertificates: false });"],
  ['negated prefix', '.env', 'NO_REJECT_UNAUTHORIZED=false\nSKIP_STRICT_SSL=false\n'],
];

describe('rule tls-verification-disabled', () => {
  for (const [title, path, text, expected] of flagged) {
    it(`flags: ${title}`, async () => {
      const findings = await ruleFindings(path, text);
      assert.deepStrictEqual(
        findings.map((f) => text.slice(f.startOffset, f.endOffset)),
        expected,
      );
      assert.ok(findings.every((f) => f.severity === 'error'));
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
    ['a.js', 'const agent = new https.Agent({ rejectUnauthorized: false });', 'const agent = new https.Agent({ rejectUnauthorized: true });'],
    ['a.js', "const x = 1;\nprocess.env.NODE_TLS_REJECT_UNAUTHORIZED = '0';\nrun();\n", 'const x = 1;\nrun();\n'],
    ['a.js', "spawn('n', [], { env: { NODE_TLS_REJECT_UNAUTHORIZED: '0', A: '1' } });", "spawn('n', [], { env: { A: '1' } });"],
    ['a.js', "spawn('n', [], { env: { A: '1', NODE_TLS_REJECT_UNAUTHORIZED: '0' } });", "spawn('n', [], { env: { A: '1' } });"],
    ['a.js', 'superagent.get(url).disableTLSCerts().end(cb);', 'superagent.get(url).end(cb);'],
    ['a.ts', 'connect(uri, { tlsInsecure: true });', 'connect(uri, { tlsInsecure: false });'],
    ['.env', 'MONGODB_URI=mongodb://db.shop.io/?tlsInsecure=true\n', 'MONGODB_URI=mongodb://db.shop.io/?tlsInsecure=false\n'],
    ['.env', 'A=1\nNODE_TLS_REJECT_UNAUTHORIZED=0\nB=2\n', 'A=1\nB=2\n'],
    ['a.sh', 'NODE_TLS_REJECT_UNAUTHORIZED=0 node app.js\n', 'node app.js\n'],
    ['a.sh', 'curl -k https://x.shop.io\n', 'curl https://x.shop.io\n'],
    ['a.sh', 'curl -fsSk https://x.shop.io\n', 'curl -fsS https://x.shop.io\n'],
    ['a.sh', 'curl https://x.shop.io --insecure\n', 'curl https://x.shop.io\n'],
    ['a.sh', 'git config --global http.sslVerify false\n', 'git config --global http.sslVerify true\n'],
    ['Dockerfile', 'FROM alpine\nENV NODE_TLS_REJECT_UNAUTHORIZED=0\nRUN true\n', 'FROM alpine\nRUN true\n'],
    ['Dockerfile', 'FROM alpine\nRUN ["curl", "-k", "https://x.shop.io"]\n', 'FROM alpine\nRUN ["curl", "https://x.shop.io"]\n'],
    ['.vscode/settings.json', '{ "http.proxyStrictSSL": false }', '{ "http.proxyStrictSSL": true }'],
    ['.npmrc', 'strict-ssl=false\n', 'strict-ssl=true\n'],
    ['play.yml', 'validate_certs: No\n', 'validate_certs: Yes\n'],
    ['prometheus.yml', 'insecure_skip_verify: true\n', 'insecure_skip_verify: false\n'],
  ];
  for (const [path, text, expected] of fixes) {
    it(`fixes ${path}: ${JSON.stringify(text.split('\n').find((line) => line && !line.startsWith('FROM')))}`, async () => {
      const [finding] = await ruleFindings(path, text);
      assert.ok(finding, 'a finding');
      const fix = finding.fixes.find((f) => f.preferred);
      assert.ok(fix, 'a preferred fix');
      const fixed = applyEdits(text, fix.edits);
      assert.strictEqual(fixed, expected);
      assert.deepStrictEqual(await ruleFindings(path, fixed), []);
    });
  }

  it('is a warning in test code', async () => {
    for (const path of ['test/client.test.ts', 'src/__tests__/pay.js', 'api.spec.tsx', '.env.test', 'e2e/setup.sh']) {
      const text = path.endsWith('.sh') ? 'curl -k https://x.shop.io\n' : path.startsWith('.env') ? 'NODE_TLS_REJECT_UNAUTHORIZED=0\n' : 'new https.Agent({ rejectUnauthorized: false });';
      const findings = await ruleFindings(path, text);
      assert.deepStrictEqual(findings.map((f) => f.severity), ['warning'], path);
    }
  });

  it('offers no fix that would leave an empty YAML map', async () => {
    const [finding] = await ruleFindings('compose.yaml', 'environment:\n  NODE_TLS_REJECT_UNAUTHORIZED: "0"\n');
    assert.deepStrictEqual(finding.fixes, []);
  });

  it('says what to do instead', async () => {
    const [finding] = await ruleFindings('a.sh', 'curl -k https://x.shop.io\n');
    assert.match(finding.message, /--cacert/);
  });
});
