import * as assert from 'assert';
import { generateKey } from '../../harness/mockUcanpay/keys';
import {
  environments,
  isUnderBaseUrl,
  isWebhookSecret,
  keyEnvironment,
  normalizeBaseUrl,
  resolveEnvironment,
} from '../../../src/core/api/environments';
import { checkKey, maskKey } from '../../../src/core/keys/keyFormat';

describe('environments', () => {
  it('has sandbox and live with their default base URLs and key prefixes', () => {
    assert.strictEqual(environments.sandbox.defaultBaseUrl, 'https://sandbox.ucanpay.com/v1');
    assert.strictEqual(environments.live.defaultBaseUrl, 'https://api.ucanpay.com/v1');
    assert.strictEqual(environments.sandbox.keyPrefix, 'ucp_test_');
    assert.strictEqual(environments.live.keyPrefix, 'ucp_live_');
  });

  it('checks key formats per environment without echoing the key', () => {
    const sandbox = generateKey('sandbox');
    const live = generateKey('live');
    assert.deepStrictEqual(checkKey('sandbox', sandbox), { ok: true, key: sandbox });
    assert.deepStrictEqual(checkKey('live', live), { ok: true, key: live });
    const wrongEnv = checkKey('sandbox', live);
    assert.ok(!wrongEnv.ok && /live key/.test(wrongEnv.message) && !wrongEnv.message.includes(live.slice(9)));
    for (const bad of [sandbox.slice(0, -1), `${sandbox}x`, `${sandbox.slice(0, -1)}-`, sandbox.toUpperCase()]) {
      const result = checkKey('sandbox', bad);
      assert.ok(!result.ok, bad);
    }
    assert.strictEqual(keyEnvironment(live), 'live');
    assert.strictEqual(keyEnvironment('sk_live_x'), undefined);
    assert.ok(isWebhookSecret(`ucp_whsec_${sandbox.slice(9)}`));
    assert.ok(!isWebhookSecret(sandbox));
  });

  it('masks keys as prefix…last4', () => {
    const live = generateKey('live');
    assert.strictEqual(maskKey(live), `ucp_live_…${live.slice(-4)}`);
    assert.strictEqual(maskKey('ucp_live_short'), 'ucp_live_…');
  });

  it('normalises base URLs: https only, no credentials, query or trailing slash', () => {
    assert.strictEqual((normalizeBaseUrl('https://sandbox.ucanpay.com/v1/') as URL).href, 'https://sandbox.ucanpay.com/v1');
    assert.match(normalizeBaseUrl('http://sandbox.ucanpay.com/v1') as string, /https/);
    assert.match(normalizeBaseUrl('https://u:p@sandbox.ucanpay.com/v1') as string, /user name/);
    assert.match(normalizeBaseUrl('https://sandbox.ucanpay.com/v1?x=1') as string, /query/);
    assert.match(normalizeBaseUrl('not a url') as string, /not a URL/);
  });

  it('resolves an environment with the override or the default', () => {
    assert.strictEqual((resolveEnvironment('sandbox') as { baseUrl: string }).baseUrl, 'https://sandbox.ucanpay.com/v1');
    assert.strictEqual((resolveEnvironment('sandbox', '  ') as { baseUrl: string }).baseUrl, 'https://sandbox.ucanpay.com/v1');
    assert.strictEqual((resolveEnvironment('live', 'https://localhost:8443/v1/') as { baseUrl: string }).baseUrl, 'https://localhost:8443/v1');
    assert.strictEqual(typeof resolveEnvironment('live', 'http://localhost/v1'), 'string');
  });

  it('decides what is under a base URL by origin and path, after resolving dot segments', () => {
    const base = 'https://sandbox.ucanpay.com/v1';
    for (const inside of [base, `${base}/`, `${base}/account`, `${base}/payments/pay_1?expand=x`, 'https://SANDBOX.ucanpay.com:443/v1/ping']) {
      assert.ok(isUnderBaseUrl(inside, base), inside);
    }
    for (const outside of [
      'https://sandbox.ucanpay.com/v10/account',
      'https://sandbox.ucanpay.com/v2/account',
      'https://sandbox.ucanpay.com/v1/../admin',
      'https://sandbox.ucanpay.com/v1/%2e%2e/admin',
      'https://sandbox.ucanpay.com:8443/v1/account',
      'http://sandbox.ucanpay.com/v1/account',
      'https://sandbox.ucanpay.com.evil.example/v1/account',
      'https://evil.example/v1/account',
      'https://user@sandbox.ucanpay.com/v1/account',
      'not a url',
    ]) {
      assert.ok(!isUnderBaseUrl(outside, base), outside);
    }
  });
});
