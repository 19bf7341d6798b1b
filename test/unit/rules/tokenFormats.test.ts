import * as assert from 'assert';
import { randomBytes } from 'crypto';
import { tokenFormatOf, urlPasswordIn, urlPathKeyIn } from '../../../src/core/rules/keys/tokenFormats';
import { isPlaceholderValue } from '../../../src/core/rules/keys/secrets';
import { findingsFor } from '../helpers';
import { fakeSecret, randomAlnum } from './fakeSecrets';

/** Random characters of `alphabet`, never a placeholder (no run or typed sequence). Generated so no key-shaped literal is committed. */
function randomOf(alphabet: string, length: number): string {
  for (;;) {
    let out = '';
    for (const byte of randomBytes(length)) {
      out += alphabet[byte % alphabet.length];
    }
    if (!isPlaceholderValue(out) && !/(.)\1{3}/.test(out)) {
      return out;
    }
  }
}

const upper = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const base32 = `${upper}234567`;
const alnum = `${upper}abcdefghijklmnopqrstuvwxyz0123456789`;
const urlSafe = `${alnum}_-`;
const hexDigits = '0123456789abcdef';

/** `make()` until the whole value is not a placeholder by our own test (random text can spell `xxx` or `todo`). */
function real(make: () => string): string {
  for (;;) {
    const value = make();
    if (!isPlaceholderValue(value)) {
      return value;
    }
  }
}

/** One fake of each provider format, made at run time. */
function fakes(): Array<[string, string]> {
  const makers: Array<[string, () => string]> = [
    ['an AWS access key ID', () => `AKIA${randomOf(base32, 16)}`],
    ['a GitHub token', () => `ghp_${randomAlnum(36)}`],
    ['a GitHub token', () => `github_pat_${randomAlnum(22)}_${randomAlnum(59)}`],
    ['a GitLab token', () => `glpat-${randomOf(urlSafe, 20)}`],
    ['a Slack token', () => `xoxb-${randomOf('0123456789', 11)}-${randomOf('0123456789', 12)}-${randomAlnum(24)}`],
    ['a Stripe secret key', () => `sk_live_${randomAlnum(40)}`],
    ['a Google API key', () => `AIza${randomOf(urlSafe, 35)}`],
    ['a SendGrid API key', () => `SG.${randomOf(urlSafe, 22)}.${randomOf(urlSafe, 43)}`],
    ['an npm access token', () => `npm_${randomAlnum(36)}`],
    ['a Shopify access token', () => `shpat_${randomOf(hexDigits, 32)}`],
    ['an OpenAI API key', () => `sk-proj-${randomOf(urlSafe, 48)}`],
  ];
  return makers.map(([label, make]) => [label, real(make)]);
}

function pem(): string {
  return `-----BEGIN RSA PRIVATE KEY-----\\n${randomOf(alnum + '+/', 64)}\\n${randomOf(alnum + '+/', 64)}\\n-----END RSA PRIVATE KEY-----`;
}

/** Where each file kind puts a value under a name that says nothing (`gh`, `settings.value`). */
const carriers: Array<[string, (value: string) => string, Record<string, boolean>]> = [
  ['src/deploy.js', (v) => `const gh = '${v}';\n`, {}],
  ['src/deploy.ts', (v) => `export const settings = { value: "${v}" };\n`, {}],
  ['config/app.yaml', (v) => `deploy:\n  value: ${v}\n`, {}],
  ['config/app.json', (v) => `{ "deploy": { "value": "${v}" } }\n`, {}],
  ['.env.example', (v) => `DEPLOY_VALUE=${v}\n`, {}],
  ['.env', (v) => `DEPLOY_VALUE=${v}\n`, { gitTracked: true }],
];

describe('credentials by their format (secret-in-code, key-in-tracked-file)', () => {
  it('recognises each provider format, a private key and a URL password, and only the whole value', () => {
    for (const [label, value] of fakes()) {
      assert.strictEqual(tokenFormatOf(value), label, value.slice(0, 8));
      assert.strictEqual(tokenFormatOf(`x${value}`), undefined, `${label} inside a longer word`);
      assert.strictEqual(tokenFormatOf(`${value}/path`), undefined, `${label} followed by a path`);
    }
    assert.strictEqual(tokenFormatOf(pem()), 'a private key');
    assert.strictEqual(tokenFormatOf('-----BEGIN PRIVATE KEY-----\\n...\\n-----END PRIVATE KEY-----'), undefined, 'a template of a key');
    const url = `postgres://app:${fakeSecret(16)}@db.shop.internal:5432/payments`;
    const at = urlPasswordIn(url);
    assert.ok(at);
    assert.strictEqual(url.slice(at.start, at.end).length, 16);
  });

  it('leaves placeholders, examples and local or templated URLs alone', () => {
    for (const value of [
      'AKIAIOSFODNN7EXAMPLE',
      'ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx',
      'sk_live_XXXXXXXXXXXXXXXXXXXXXXXXXXXX',
      'sk_test_your_stripe_secret_key_here_000',
      'AIzaAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
      'npm_0000000000000000000000000000000000000',
      'sk-dashed-words-that-are-not-a-key-at-all',
    ]) {
      assert.strictEqual(tokenFormatOf(value), undefined, value);
    }
    for (const url of [
      'postgres://postgres:postgres@localhost:5432/shop',
      'postgres://app:secret@db.internal/shop',
      'mongodb://admin:${MONGO_PASSWORD}@mongo:27017',
      'redis://:<password>@cache.internal:6379',
      'https://user:password@api.example.com/v1',
      'mysql://root:Xk9mQ2vLp8Tz@127.0.0.1/shop',
      'amqp://guest:guest@rabbit.internal',
      'https://api.shop.example/v1/orders?user=a@b.c',
      'postgres://app:****@db.internal/shop',
    ]) {
      assert.strictEqual(urlPasswordIn(url), undefined, url);
    }
    for (const url of [
      'https://eth-mainnet.g.alchemy.com/v2/your-api-key',
      'https://eth-mainnet.g.alchemy.com/v2/${ALCHEMY_KEY}',
      'https://eth-mainnet.g.alchemy.com/v2/XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX',
      'https://eth-mainnet.g.alchemy.com/v2/demo',
      'https://mainnet.infura.io/v3/00000000000000000000000000000000',
      'https://mainnet.infura.io/v3/<project-id>',
      'https://docs.alchemy.com/v2/reference',
    ]) {
      assert.strictEqual(urlPathKeyIn(url), undefined, url);
    }
  });

  it('reports each under any name in code and configuration, once, at the value, without repeating it', async () => {
    const values: Array<[string, string, number]> = [
      ...fakes().map(([label, value]): [string, string, number] => [label, value, value.length]),
      ['a private key', pem(), -1],
    ];
    const password = fakeSecret(18);
    values.push(['a password in a URL', `postgres://app:${password}@db.shop.internal/payments`, password.length]);
    values.push(['an Alchemy API key', `wss://eth-sepolia.g.alchemy.com/v2/${real(() => randomOf(urlSafe, 32))}`, 32]);
    values.push(['an Infura API key', `https://mainnet.infura.io/v3/${real(() => randomOf(hexDigits, 32))}`, 32]);
    values.push(['a Discord webhook URL', `https://discord.com/api/webhooks/${randomOf('0123456789', 18)}/${real(() => randomOf(urlSafe, 68))}`, 68]);
    values.push(['a Telegram bot token', `https://api.telegram.org/bot${randomOf('0123456789', 10)}:${real(() => randomOf(urlSafe, 35))}/sendMessage`, 46]);
    for (const [label, value, length] of values) {
      for (const [path, wrap, facts] of carriers) {
        if (label === 'a private key' && !path.endsWith('.js') && !path.endsWith('.ts') && !path.endsWith('.json')) {
          continue; // a PEM block with escaped line breaks is a JS or JSON string
        }
        const text = wrap(value);
        const findings = (await findingsFor(path, text, {}, facts)).filter((f) => f.ruleId === 'secret-in-code' || f.ruleId === 'key-in-tracked-file');
        assert.strictEqual(findings.length, 1, `${label} in ${path}: ${findings.map((f) => f.ruleId).join(', ')}`);
        const [finding] = findings;
        assert.strictEqual(finding.ruleId, facts.gitTracked ? 'key-in-tracked-file' : 'secret-in-code', `${label} in ${path}`);
        const reported = text.slice(finding.startOffset, finding.endOffset);
        assert.ok(value.includes(reported), `${label} in ${path}: the range is inside the value`);
        if (length > 0) assert.strictEqual(reported.length, length, `${label} in ${path}: the whole key or the password`);
        assert.ok(!finding.message.includes(reported), `${label} in ${path}: the message does not repeat it`);
        const says = label === 'a password in a URL' ? /password/ : new RegExp(label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
        assert.match(finding.message, says, `${label} in ${path}: the message says what it is`);
      }
    }
  });

  it('stays quiet on an untracked .env, where secrets belong', async () => {
    const [, value] = fakes()[0];
    const findings = await findingsFor('.env', `AWS_KEY=${value}\n`, {}, { gitTracked: false });
    assert.deepStrictEqual(findings.map((f) => f.ruleId), []);
  });
});
