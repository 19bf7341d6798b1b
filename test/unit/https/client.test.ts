import * as assert from 'assert';
import { CancellationTokenSource, CancelledError, neverCancelled, type CancellationToken } from '../../../src/core/cancellation';
import { callEndpoint, ping, testConnection } from '../../../src/core/api/calls';
import { defaultEndpoints } from '../../../src/core/api/endpoints';
import { httpsRequest, inspectTls, strictSslWarning } from '../../../src/core/https/client';
import { describeError, HttpStatusError, InvalidRequestError, RedirectRefused, ResponseTooLarge, TimeoutError } from '../../../src/core/https/errors';
import { REDACTED } from '../../../src/core/https/redact';
import type { HttpsCallOptions } from '../../../src/core/https/types';
import { generateKey } from '../../harness/mockUcanpay/keys';
import { rejection, useMock } from './mock';

const endpoint = (id: string) => defaultEndpoints.find((e) => e.id === id)!;

describe('HTTPS client against the good server', () => {
  const mock = useMock();
  const options = (extra: HttpsCallOptions = {}): HttpsCallOptions => ({ extraCaPem: [mock().caPem], ...extra });
  const sandbox = () => ({ environment: 'sandbox' as const, baseUrl: mock().servers.good.baseUrl, key: mock().sandboxKey });

  beforeEach(() => mock().clearRecords());

  it('pings without the key, with timings and TLS facts', async () => {
    const m = mock();
    const result = await ping(sandbox(), options(), neverCancelled);
    assert.strictEqual(result.status, 200);
    assert.deepStrictEqual(result.json, { object: 'ping', ok: true, livemode: false });
    assert.strictEqual(result.authorization, 'notRequested');
    assert.strictEqual(m.requestsTo('good')[0].headers.authorization, undefined);
    const { timings, tls } = result;
    for (const value of [timings.dnsMs, timings.connectMs, timings.tlsMs, timings.firstByteMs, timings.totalMs]) {
      assert.ok(typeof value === 'number' && value >= 0, JSON.stringify(timings));
    }
    assert.ok(timings.totalMs >= timings.tlsMs + timings.firstByteMs!, JSON.stringify(timings));
    assert.match(tls.protocol, /^TLSv1\.[23]$/);
    assert.ok(tls.cipher.length > 0);
    assert.deepStrictEqual(
      tls.chain.map((c) => [c.subjectCN, c.issuerCN, c.isCA]),
      [
        ['localhost', 'UCanPay Mock Test CA', false],
        ['UCanPay Mock Test CA', 'UCanPay Mock Test CA', true],
      ],
    );
    assert.deepStrictEqual(tls.chain[0].subjectAltNames, ['DNS:localhost', 'IP Address:127.0.0.1']);
    assert.strictEqual(tls.chain[0].spkiSha256, m.spki.server);
    assert.match(tls.chain[0].fingerprintSha256, /^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
    assert.ok(Date.parse(tls.chain[0].validFrom) < Date.now() && Date.parse(tls.chain[0].validTo) > Date.now());
    assert.ok(tls.daysToExpiry >= 88 && tls.daysToExpiry <= 90, String(tls.daysToExpiry));
    assert.strictEqual(tls.expiryWarning, undefined);
    assert.deepStrictEqual(tls.pin, { status: 'notConfigured' });
    assert.deepStrictEqual(tls.hsts, { header: 'max-age=31536000; includeSubDomains', maxAgeSeconds: 31536000, includeSubDomains: true, preload: false });
    assert.strictEqual(tls.viaProxy, false);
    assert.deepStrictEqual(result.warnings, []);
  });

  it('calls /account with the key as a Bearer token, and never returns the key', async () => {
    const m = mock();
    const result = await callEndpoint(sandbox(), { endpoint: endpoint('get-account') }, options(), neverCancelled);
    assert.strictEqual(result.status, 200);
    assert.strictEqual(result.authorization, 'sent');
    assert.strictEqual((result.json as { id: string }).id, 'acct_mock');
    assert.strictEqual(m.requestsTo('good')[0].headers.authorization, `Bearer ${m.sandboxKey}`);
    assert.strictEqual(result.request.headers.authorization, `Bearer ${REDACTED}`);
    assert.ok(!JSON.stringify(result).includes(m.sandboxKey.slice(9)));
  });

  it('matches pins on the leaf or on the CA, in bare or sha256/ form', async () => {
    const m = mock();
    const leaf = await ping(sandbox(), options({ pins: { localhost: [m.spki.server] } }), neverCancelled);
    assert.deepStrictEqual(leaf.tls.pin, { status: 'matched', pin: m.spki.server, certificate: 'CN=localhost, O=UCanPay Secure tests' });
    const ca = await ping(sandbox(), options({ pins: { localhost: [`sha256/${m.spki.ca}`] } }), neverCancelled);
    assert.strictEqual(ca.tls.pin.status, 'matched');
    const otherHost = await ping(sandbox(), options({ pins: { 'api.ucanpay.com': [m.spki.ca] } }), neverCancelled);
    assert.deepStrictEqual(otherHost.tls.pin, { status: 'notConfigured' });
  });

  it('warns when the certificate expires in under 30 days', async () => {
    const m = mock();
    const result = await httpsRequest({ method: 'GET', url: `${m.servers.expiringSoon.baseUrl}/ping` }, options(), neverCancelled);
    assert.ok(result.tls.daysToExpiry >= 9 && result.tls.daysToExpiry <= 10);
    assert.match(result.tls.expiryWarning!, /^The server's certificate expires in (9|10) days \(\d{4}-\d{2}-\d{2}\)\.$/);
    assert.deepStrictEqual(result.warnings, [result.tls.expiryWarning]);
  });

  it('inspects TLS without sending a request', async () => {
    const m = mock();
    const report = await inspectTls(m.servers.good.baseUrl, options({ pins: { localhost: [m.spki.server] } }), neverCancelled);
    assert.strictEqual(report.tls.chain[0].subjectCN, 'localhost');
    assert.strictEqual(report.tls.pin.status, 'matched');
    assert.strictEqual(report.timings.firstByteMs, undefined);
    await m.whenIdle('good');
    assert.deepStrictEqual(m.requestsTo('good'), []);
  });

  it('says where a redirect wanted to go and never follows it', async () => {
    const m = mock();
    const cases = [
      ['redirectHttp', 'plainHttp', `${m.servers.plainHttp.baseUrl}/ping`, /to plain HTTP \(http:\/\/localhost:\d+\/v1\/ping\)/],
      ['redirectOtherHost', 'otherHost', `https://127.0.0.1:${m.servers.good.port}/v1/ping`, /to another host \(https:\/\/127\.0\.0\.1:\d+\/v1\/ping\)/],
      ['redirectSameHost', 'sameHost', `${m.servers.redirectSameHost.origin}/v2/ping`, /redirected the request to https:\/\/localhost:\d+\/v2\/ping/],
    ] as const;
    for (const [name, reason, location, message] of cases) {
      const server = m.servers[name];
      const error = await rejection(
        httpsRequest({ method: 'GET', url: `${server.baseUrl}/ping`, credential: { key: m.sandboxKey, environment: 'sandbox', baseUrl: server.baseUrl } }, options(), neverCancelled),
        RedirectRefused,
      );
      assert.strictEqual(error.reason, reason);
      assert.strictEqual(error.location, location);
      assert.match(error.userMessage, message);
      assert.match(error.userMessage, /does not follow redirects/);
      assert.ok(error.status >= 300 && error.status < 400);
      assert.strictEqual(m.requestsTo(name).length, 1, 'one request, no retry');
    }
    assert.deepStrictEqual(m.requestsTo('plainHttp'), []);
    assert.deepStrictEqual(m.requestsTo('good'), []);
    assert.strictEqual(m.connectionsTo('plainHttp'), 0);
  });

  it('stops a call at its timeout', async () => {
    const m = mock();
    const started = Date.now();
    const error = await rejection(httpsRequest({ method: 'GET', url: `${m.servers.slow.baseUrl}/ping` }, options({ timeoutMs: 400 }), neverCancelled), TimeoutError);
    assert.strictEqual(error.phase, 'response');
    assert.strictEqual(error.userMessage, 'The server did not answer within 0.4 seconds — the call was stopped. Check your network or proxy, and try again.');
    assert.ok(Date.now() - started < 5000);
    await m.whenIdle('slow');
  });

  it('stops a call when its token is cancelled (event or polled), and does not start one already cancelled', async () => {
    const m = mock();
    const source = new CancellationTokenSource();
    const pending = httpsRequest({ method: 'GET', url: `${m.servers.slow.baseUrl}/ping` }, options(), source.token);
    await m.nextRequest('slow');
    source.cancel();
    await rejection(pending, CancelledError);
    await m.whenIdle('slow');

    let cancelled = false;
    const polled: CancellationToken = {
      get isCancellationRequested() {
        return cancelled;
      },
    };
    const second = httpsRequest({ method: 'GET', url: `${m.servers.slow.baseUrl}/ping` }, options(), polled);
    await m.nextRequest('slow');
    cancelled = true;
    await rejection(second, CancelledError);

    const before = m.connectionsTo('good');
    await rejection(ping(sandbox(), options(), { isCancellationRequested: true }), CancelledError);
    assert.strictEqual(m.connectionsTo('good'), before);
    assert.deepStrictEqual(describeError(new CancelledError()), { userMessage: 'The call was cancelled.', detail: 'cancelled by the user' });
  });

  it('caps the response body: streamed or announced', async () => {
    const m = mock();
    const streamed = await rejection(httpsRequest({ method: 'GET', url: `${m.servers.huge.baseUrl}/ping` }, options(), neverCancelled), ResponseTooLarge);
    assert.strictEqual(streamed.limitBytes, 1024 * 1024);
    assert.strictEqual(streamed.announced, false);
    assert.match(streamed.userMessage, /larger than 1 MiB/);
    const announced = await rejection(ping(sandbox(), options({ maxBodyBytes: 10 }), neverCancelled), ResponseTooLarge);
    assert.strictEqual(announced.announced, true);
    assert.match(announced.userMessage, /larger than 10 bytes/);
    await m.whenIdle('huge');
  });

  it('maps 401, 429 (with Retry-After) and 500 to typed errors with the API error parsed', async () => {
    const m = mock();
    const get = (name: 'unauthorized' | 'rateLimited' | 'serverError') => httpsRequest({ method: 'GET', url: `${m.servers[name].baseUrl}/ping` }, options(), neverCancelled);
    const unauthorized = await rejection(get('unauthorized'), HttpStatusError);
    assert.deepStrictEqual([unauthorized.status, unauthorized.statusKind, unauthorized.apiError?.code], [401, 'unauthorized', 'invalid_api_key']);
    assert.match(unauthorized.userMessage, /did not accept the API key \(401\)/);
    const limited = await rejection(get('rateLimited'), HttpStatusError);
    assert.deepStrictEqual([limited.status, limited.statusKind, limited.retryAfterSeconds, limited.apiError?.type], [429, 'rateLimited', 7, 'rate_limit_error']);
    assert.strictEqual(limited.userMessage, 'UCanPay is limiting the rate of calls (429). Try again in 7 seconds.');
    assert.match(limited.detail, /retry-after=7s/);
    const failed = await rejection(get('serverError'), HttpStatusError);
    assert.deepStrictEqual([failed.status, failed.statusKind, failed.apiError?.message], [500, 'server', 'Something went wrong on our side.']);
    assert.strictEqual(failed.response.status, 500);
    assert.ok(failed.response.tls.chain.length > 0, 'the result view still has the TLS facts');

    const wrongKey = await rejection(callEndpoint({ ...sandbox(), key: generateKey('sandbox') }, { endpoint: endpoint('get-account') }, options(), neverCancelled), HttpStatusError);
    assert.strictEqual(wrongKey.statusKind, 'unauthorized');
  });

  it('sends the key only under its environment\'s base URL', async () => {
    const m = mock();
    const credential = { key: m.sandboxKey, environment: 'sandbox' as const, baseUrl: m.servers.good.baseUrl };
    const elsewhere = [
      `https://localhost:${m.servers.good.port}/v2/account`, // same origin, outside the base path
      `https://localhost:${m.servers.good.port}/v1/../account`,
      `https://127.0.0.1:${m.servers.good.port}/v1/account`, // same server, another origin
    ];
    for (const url of elsewhere) {
      m.clearRecords();
      const error = await rejection(httpsRequest({ method: 'GET', url, credential }, options(), neverCancelled), HttpStatusError);
      assert.strictEqual(error.response.authorization, 'withheld');
      assert.match(error.response.warnings.join('\n'), /^The API key was not sent: https:\/\/\S+ is not under the sandbox base URL https:\/\/localhost:\d+\/v1\.$/m);
      assert.strictEqual(m.requestsTo('good').length, 1);
      assert.strictEqual(m.requestsTo('good')[0].headers.authorization, undefined, url);
    }
    const otherServer = await rejection(httpsRequest({ method: 'GET', url: `${m.servers.unauthorized.baseUrl}/account`, credential }, options(), neverCancelled), HttpStatusError);
    assert.strictEqual(otherServer.response.authorization, 'withheld');
    assert.strictEqual(m.requestsTo('unauthorized').at(-1)!.headers.authorization, undefined);
  });

  it('refuses a key of the wrong environment or shape, and a hand-made Authorization header, before connecting', async () => {
    const m = mock();
    const before = m.connectionsTo('good');
    const live = generateKey('live');
    const wrongEnv = await rejection(callEndpoint({ ...sandbox(), key: live }, { endpoint: endpoint('get-account') }, options(), neverCancelled), InvalidRequestError);
    assert.match(wrongEnv.userMessage, /^The sandbox key is not usable: This is a live key/);
    assert.ok(!wrongEnv.userMessage.includes(live.slice(9)));
    await rejection(httpsRequest({ method: 'GET', url: `${m.servers.good.baseUrl}/account`, headers: { Authorization: `Bearer ${m.sandboxKey}` } }, options(), neverCancelled), InvalidRequestError);
    await rejection(callEndpoint({ environment: 'sandbox', baseUrl: m.servers.good.baseUrl }, { endpoint: endpoint('get-account') }, options(), neverCancelled), InvalidRequestError);
    assert.strictEqual(m.connectionsTo('good'), before);
  });

  it('adds an Idempotency-Key to every POST, or sends the one given', async () => {
    const m = mock();
    const body = JSON.stringify({ amount: 1500, currency: 'eur', source: 'tok_visa' });
    const created = await callEndpoint(sandbox(), { endpoint: endpoint('create-payment'), body }, options(), neverCancelled);
    assert.strictEqual(created.status, 201);
    assert.match(created.idempotencyKey!, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    assert.strictEqual(m.requestsTo('good')[0].headers['idempotency-key'], created.idempotencyKey);
    const paymentId = (created.json as { id: string }).id;

    const given = 'order-42-attempt-1';
    const first = await callEndpoint(sandbox(), { endpoint: endpoint('create-payment'), body, idempotencyKey: given }, options(), neverCancelled);
    const replay = await callEndpoint(sandbox(), { endpoint: endpoint('create-payment'), body, idempotencyKey: given }, options(), neverCancelled);
    assert.strictEqual((replay.json as { id: string }).id, (first.json as { id: string }).id);
    assert.strictEqual(replay.headers['idempotent-replayed'], 'true');

    const fetched = await callEndpoint(sandbox(), { endpoint: endpoint('get-payment'), params: { id: paymentId } }, options(), neverCancelled);
    assert.strictEqual((fetched.json as { amount: number }).amount, 1500);
    const refund = await callEndpoint(sandbox(), { endpoint: endpoint('create-refund'), body: JSON.stringify({ payment: paymentId, amount: 500 }) }, options(), neverCancelled);
    assert.strictEqual(refund.status, 201);
    assert.ok(m.requestsTo('good').at(-1)!.headers['idempotency-key'], 'refunds get one too');
    const missing = await rejection(callEndpoint(sandbox(), { endpoint: endpoint('get-payment'), params: { id: 'pay_nope' } }, options(), neverCancelled), HttpStatusError);
    assert.strictEqual(missing.statusKind, 'notFound');
    const invalid = await rejection(callEndpoint(sandbox(), { endpoint: endpoint('create-payment'), body: '{"amount": -1, "currency": "usd", "source": "tok_visa"}' }, options(), neverCancelled), HttpStatusError);
    assert.strictEqual(invalid.userMessage, 'UCanPay refused the request (400, parameter_invalid). Check the request body; details are in the log.');
    assert.match(invalid.detail, /message="amount must be a positive integer/);
  });

  it('redacts card data and secrets in what it returns, whatever was sent', async () => {
    const m = mock();
    const body = JSON.stringify({ amount: 100, currency: 'usd', source: 'tok_visa', description: 'test', cvv: '123' });
    const result = await callEndpoint(sandbox(), { endpoint: endpoint('create-payment'), body }, options(), neverCancelled);
    assert.strictEqual(result.request.body, body.replace('"cvv":"123"', `"cvv":"${REDACTED}"`));
    assert.ok(m.requestsTo('good')[0].body.includes('"cvv":"123"'), 'the request itself is sent as given');
  });

  it('refuses a body on GET and a body that is not JSON', async () => {
    const m = mock();
    await rejection(httpsRequest({ method: 'GET', url: `${m.servers.good.baseUrl}/ping`, body: '{}' }, options(), neverCancelled), InvalidRequestError);
    const notJson = await rejection(callEndpoint(sandbox(), { endpoint: endpoint('create-payment'), body: '{amount: 1' }, options(), neverCancelled), InvalidRequestError);
    assert.match(notJson.userMessage, /not valid JSON/);
  });

  it('refuses a live write unless the user confirmed it, before connecting', async () => {
    const m = mock();
    const before = m.connectionsTo('good');
    const live = { environment: 'live' as const, baseUrl: m.servers.good.baseUrl, key: generateKey('live') };
    const error = await rejection(callEndpoint(live, { endpoint: endpoint('create-payment'), body: '{}' }, options(), neverCancelled), InvalidRequestError);
    assert.match(error.userMessage, /changes data in live mode and needs your confirmation/);
    assert.strictEqual(m.connectionsTo('good'), before);
    const read = await callEndpoint(live, { endpoint: endpoint('ping') }, options(), neverCancelled);
    assert.strictEqual(read.status, 200);
    const confirmed = await rejection(callEndpoint(live, { endpoint: endpoint('create-payment'), body: '{}', liveWriteConfirmed: true }, options(), neverCancelled), HttpStatusError);
    assert.strictEqual(confirmed.status, 401, 'sent once confirmed (the mock only knows the sandbox key)');
  });

  it('tests a connection: ping, then the account with the key', async () => {
    const ok = await testConnection(sandbox(), options(), neverCancelled);
    assert.strictEqual(ok.ping.status, 200);
    assert.strictEqual(ok.account.status, 'ok');
    const badKey = await testConnection({ ...sandbox(), key: generateKey('sandbox') }, options(), neverCancelled);
    assert.strictEqual(badKey.account.status, 'failed');
    assert.ok(badKey.account.status === 'failed' && badKey.account.error instanceof HttpStatusError);
    const noKey = await testConnection({ environment: 'sandbox', baseUrl: mock().servers.good.baseUrl }, options(), neverCancelled);
    assert.deepStrictEqual(noKey.account, { status: 'skipped' });
  });

  it('warns that proxyStrictSSL=false changes nothing', async () => {
    const result = await ping(sandbox(), options({ strictSSLDisabledByUser: true }), neverCancelled);
    assert.deepStrictEqual(result.warnings, [strictSslWarning]);
    assert.strictEqual(strictSslWarning, "VS Code's http.proxyStrictSSL is false; UCanPay Secure still validates certificates.");
  });

  it('reports a refused connection as a network error', async () => {
    const m = mock();
    const closed = m.servers.good.port === 1 ? 2 : 1;
    const error = await rejection(httpsRequest({ method: 'GET', url: `https://127.0.0.1:${closed}/v1/ping` }, options(), neverCancelled), Error);
    assert.deepStrictEqual(describeError(error).userMessage, 'The connection to 127.0.0.1 was refused. Check the base URL, and that the server is running.');
  });
});
