import * as assert from 'assert';
import { isCredentialName, looksLikeSecret, shannonEntropy } from '../../../src/core/rules/keys/secrets';
import { findingsFor } from '../helpers';
import { fakeKey, fakeSecret } from './fakeSecrets';

const rule = 'secret-in-code';

async function ruleFindings(path: string, text: string, gitTracked?: boolean) {
  return (await findingsFor(path, text, {}, gitTracked === undefined ? {} : { gitTracked })).filter((f) => f.ruleId === rule);
}

const s = fakeSecret();
const hex = 'a3f1c9e07b5d4286f0e19c7a5b3d2e8f4c6a1b9d';

const flagged: Array<[string, string, string]> = [
  ['const apiKey', 'a.js', `const apiKey = '${s}';`],
  ['SCREAMING_SNAKE', 'a.ts', `export const CLIENT_SECRET = "${s}";`],
  ['assignment to a property', 'a.js', `config.authToken = '${s}';`],
  ['object property', 'a.ts', `const opts = { password: '${s}' };`],
  ['quoted property', 'a.js', `const h = { 'x-api-key': '${s}' };`],
  ['Authorization header with a Bearer prefix', 'a.js', `const h = { Authorization: 'Bearer ${s}' };`],
  ['class field', 'a.ts', `class Db { private passwd = '${s}'; }`],
  ['parameter default', 'a.ts', `function connect(privateKey = '${s}') {}`],
  ['environment fallback', 'a.js', `const token = process.env.TOKEN || '${s}';`],
  ['template string without substitutions', 'a.js', `const signingKey = \`${s}\`;`],
  ['hex token of 40 characters', 'a.js', `const githubToken = '${hex}';`],
  ['JSX attribute', 'a.tsx', `export const A = () => <Provider clientSecret="${s}" />;`],
  ['JSX attribute expression', 'a.jsx', `export const A = () => <Provider apiKey={'${s}'} />;`],
  ['.env.example', '.env.example', `JWT_SECRET=${s}\n`],
  ['JSON', 'config/app.json', `{ "db": { "password": "${s}" } }`],
  ['a typed password under a password name', 'a.js', "const password = 'hunter2';"],
  ['a typed password in YAML', 'config/app.yaml', 'db:\n  password: Tr0ub4dor&3\n'],
  ['YAML', 'config/app.yaml', `db:\n  password: '${s}' # prod\n`],
  ['properties', 'app.properties', `spring.datasource.password = ${s}\n`],
  ['TOML', 'config.toml', `[db]\npassword = "${s}"\n`],
  ['.npmrc auth token', '.npmrc', `//registry.npmjs.org/:_authToken=${s}\n`],
  ['shell export', 'deploy.sh', `export DEPLOY_TOKEN="${s}"\n`],
  ['Dockerfile ENV', 'Dockerfile', `ENV API_TOKEN=${s} NODE_ENV=production\n`],
  ['Dockerfile legacy ENV', 'Dockerfile', `ENV SESSION_SECRET ${s}\n`],
  ['a token compared with a literal', 'a.js', `if (token === '${s}') {}`],
  ['a typed password compared with a literal', 'a.js', "if (req.body.email === 'admin@shop.io' && req.body.password === 'hunter2') {}"],
  ['a header compared with a literal', 'a.ts', `if (req.headers['x-api-key'] !== '${s}') { throw new Error(); }`],
];

const quiet: Array<[string, string, string]> = [
  ['publicKey', 'a.js', `const publicKey = '${s}';`],
  ['tokenType', 'a.js', `const tokenType = '${s}';`],
  ['secretName', 'a.js', `const secretName = '${s}';`],
  ['passwordPolicy', 'a.js', `const passwordPolicy = '${s}';`],
  ['apiKeyHeader', 'a.js', `const apiKeyHeader = '${s}';`],
  ['nextPageToken', 'a.js', `const nextPageToken = '${s}';`],
  ['passwordHash', 'a.js', `const passwordHash = '${s}';`],
  ['author', 'a.js', `const author = '${s}';`],
  ['unrelated name', 'a.js', `const requestId = '${s}';`],
  ['process.env', 'a.js', 'const apiKey = process.env.API_KEY;'],
  ['password shorter than six characters', 'a.js', "const password = 'hunt2';"],
  ['password in a test file', 'test/login.test.js', "const password = 'hunter2';"],
  ['password field settings', 'a.js', "const input = { type: 'password', autocomplete: 'new-password', passwordName: 'pw1' };"],
  ['placeholder', 'a.js', "const apiKey = 'your-api-key-goes-here-please';"],
  ['changeme', 'a.js', "const password = 'changeme-changeme-changeme';"],
  ['angle brackets', 'a.js', "const secret = '<paste the secret from the dashboard>';"],
  ['interpolated template', 'a.js', 'const token = `${prefix}-abcdefghijklmnop1234567890`;'],
  ['lower-case words', 'a.js', "const secret = 'correcthorsebatterystaple';"],
  ['camelCase words without digits', 'a.js', "const token = 'AuthorizationHeaderMissingError';"],
  ['URL', 'a.js', "const tokenSource = 'https://auth.shop.io/oauth2/v2.0/token'; const secret = 'https://vault.shop.io/v1/secret/data/app2';"],
  ['file path', 'a.js', "const privateKey = './certs/server-2024-private.pem';"],
  ['UUID', 'a.js', "const apiKey = '3f2b8c1e-4d5a-4b6c-9e7f-8a9b0c1d2e3f';"],
  ['constant name', 'a.js', "const apiKey = 'UCANPAY_API_KEY_2024_ROTATED';"],
  ['base64 image', 'a.js', "const authLogo = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk';"],
  ['data URI', 'a.js', "const bearerIcon = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAAB';"],
  ['comparison in a test file', 'test/auth.test.js', `if (token === '${s}') {}`],
  ['password comparison in a test file', 'test/login.test.js', "if (req.body.password === 'hunter2') {}"],
  ['comparison with a name that is not a credential', 'a.js', `if (requestId === '${s}') {}`],
  ['comparison with a call', 'a.js', `if (getToken() === '${s}') {}`],
  ['ordering, not equality', 'a.js', "if (user.password < 'hunter2') {}"],
  ['call argument', 'a.js', `log('${s}');`],
  ['UCanPay key (ucanpay-key-in-code reports it)', 'a.js', `const apiKey = '${fakeKey('live')}';`],
  ['lockfile', 'package-lock.json', `{ "packages": { "": { "token": "${s}" } } }`],
  ['pnpm lockfile', 'pnpm-lock.yaml', `token: ${s}\n`],
  ['untracked local .env', '.env', `JWT_SECRET=${s}\n`],
  ['tracked .env (key-in-tracked-file reports it)', '.env', `JWT_SECRET=${s}\n`],
  ['YAML variable', 'ci.yml', 'env:\n  token: ${{ secrets.DEPLOY_TOKEN }}\n'],
  ['YAML interpolation', 'compose.yaml', 'environment:\n  DB_PASSWORD: ${DB_PASSWORD}\n'],
  ['shell parameter', 'run.sh', 'export DEPLOY_TOKEN="${CI_TOKEN:?}"\n'],
  ['properties placeholder', 'app.properties', 'spring.datasource.password=${DB_PASSWORD}\n'],
  ['YAML block scalar', 'k8s.yaml', 'private_key: |\n  abc\n'],
  ['comment', 'a.js', `// const apiKey = '${s}';`],
];

describe('rule secret-in-code', () => {
  for (const [title, path, text] of flagged) {
    it(`flags: ${title}`, async () => {
      const findings = await ruleFindings(path, text);
      assert.strictEqual(findings.length, 1, JSON.stringify(findings.map((f) => text.slice(f.startOffset, f.endOffset))));
      assert.ok([s, `Bearer ${s}`, hex, 'hunter2', 'Tr0ub4dor&3'].includes(text.slice(findings[0].startOffset, findings[0].endOffset)));
      assert.strictEqual(findings[0].severity, 'warning');
      assert.ok(!findings[0].message.includes(s));
    });
  }

  for (const [title, path, text] of quiet) {
    it(`stays quiet: ${title}`, async () => {
      const findings = await ruleFindings(path, text, title.startsWith('tracked') ? true : undefined);
      assert.deepStrictEqual(findings.map((f) => text.slice(f.startOffset, f.endOffset)), []);
    });
  }

  it('says a compared credential is checked against the code', async () => {
    const [finding] = await ruleFindings('a.js', "if (req.body.password === 'admin123') {}");
    assert.match(finding.message, /^`password` is checked against a value written into this file/);
  });

  it('names the variable in its message', async () => {
    const [finding] = await ruleFindings('a.js', `const apiSecret = '${s}';`);
    assert.match(finding.message, /`apiSecret`/);
  });

  it('leaves session, JWT and encryption-key names to the rules made for them, outside tests', async () => {
    for (const name of ['jwtSecret', 'SESSION_SECRET', 'cookieSecret', 'encryptionKey', 'AES_KEY']) {
      const text = `const ${name} = '${s}';`;
      assert.deepStrictEqual(await ruleFindings('src/a.js', text), [], name);
      const all = await findingsFor('src/a.js', text);
      assert.strictEqual(all.length, 1, `${name}: one finding, from the specific rule`);
      assert.match(all[0].ruleId, /^hard-coded-(?:session-secret|encryption-key)$/, name);
      // hard-coded-session-secret skips test files, so there this rule speaks; hard-coded-encryption-key does not.
      const inTest = await findingsFor('test/a.test.js', text);
      assert.strictEqual(inTest.length, 1, `${name} in a test: one finding`);
      assert.strictEqual(inTest[0].ruleId, /key$/i.test(name) ? 'hard-coded-encryption-key' : 'secret-in-code', `${name} in a test`);
    }
  });

  describe('heuristics', () => {
    it('computes Shannon entropy in bits per character', () => {
      assert.strictEqual(shannonEntropy(''), 0);
      assert.strictEqual(shannonEntropy('aaaa'), 0);
      assert.strictEqual(shannonEntropy('abcd'), 2);
      assert.ok(Math.abs(shannonEntropy('aabb') - 1) < 1e-9);
    });

    it('tells credential names from names about credentials', () => {
      for (const name of ['apiKey', 'API_KEY', 'APIKey', 'x-api-key', 'clientSecret', 'password', 'db_passwd', '_authToken', 'Authorization', 'privateKey', 'credentials', 'bearer', 'ucanpaySecretKey']) {
        assert.ok(isCredentialName(name), name);
      }
      for (const name of ['publicKey', 'tokenType', 'secretName', 'passwordPolicy', 'key', 'monkey', 'author', 'keyboard', 'tokenizer', 'sortKey', 'cacheKey', 'apiKeyId', 'secretArn']) {
        assert.ok(!isCredentialName(name), name);
      }
    });

    it('tells generated values from typed ones', () => {
      assert.ok(looksLikeSecret(s));
      assert.ok(looksLikeSecret(`Bearer ${s}`));
      for (const value of ['short1A', 'aaaaaaaaaaaaaaaaaaaaaaaaaa', 'abcdefghijklmnopqrstuvwxyz', 'ThisIsJustASentenceOfWords', 'has spaces in 12345 it ok', 'abc123abc123abc123abc123'.slice(0, 19)]) {
        assert.ok(!looksLikeSecret(value), value);
      }
    });
  });
});
