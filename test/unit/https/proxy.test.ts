import * as assert from 'assert';
import { randomBytes } from 'crypto';
import { neverCancelled } from '../../../src/core/cancellation';
import { ping } from '../../../src/core/api/calls';
import { httpsRequest, strictSslWarning } from '../../../src/core/https/client';
import { InvalidRequestError, ProxyError, TlsError } from '../../../src/core/https/errors';
import type { HttpsCallOptions } from '../../../src/core/https/types';
import { startConnectProxy, type ConnectProxy } from '../../harness/mockUcanpay/connectProxy';
import { rejection, useMock } from './mock';

describe('HTTPS client through a forward proxy (CONNECT tunnel)', () => {
  const mock = useMock();
  let proxy: ConnectProxy;
  let authProxy: ConnectProxy;

  before(async () => {
    proxy = await startConnectProxy();
    authProxy = await startConnectProxy({ credentials: 'alice:s3cret' });
  });
  after(async () => {
    await proxy.close();
    await authProxy.close();
  });
  beforeEach(() => mock().clearRecords());

  const via = (url: string, extra: HttpsCallOptions = {}): HttpsCallOptions => ({ extraCaPem: [mock().caPem], proxy: { url }, ...extra });

  it('tunnels to the server and validates end to end; the proxy never sees the key', async () => {
    const m = mock();
    const before = proxy.connects.length;
    const result = await httpsRequest(
      { method: 'GET', url: `${m.servers.good.baseUrl}/account`, credential: { key: m.sandboxKey, environment: 'sandbox', baseUrl: m.servers.good.baseUrl } },
      via(proxy.url, { pins: { localhost: [m.spki.server] }, strictSSLDisabledByUser: true }),
      neverCancelled,
    );
    assert.strictEqual(result.status, 200);
    assert.strictEqual(result.tls.viaProxy, true);
    assert.strictEqual(result.tls.pin.status, 'matched');
    assert.strictEqual(result.tls.chain[0].subjectCN, 'localhost');
    assert.ok(typeof result.timings.proxyMs === 'number');
    assert.deepStrictEqual(result.warnings, [strictSslWarning]);
    const connect = proxy.connects.slice(before);
    assert.deepStrictEqual(connect.map((c) => c.target), [`localhost:${m.servers.good.port}`]);
    assert.ok(!JSON.stringify(connect).includes(m.sandboxKey));
    assert.strictEqual(m.requestsTo('good')[0].headers.authorization, `Bearer ${m.sandboxKey}`);
  });

  it('still refuses a bad certificate or a pin mismatch through the tunnel', async () => {
    const m = mock();
    const expired = await rejection(ping({ environment: 'sandbox', baseUrl: m.servers.expired.baseUrl }, via(proxy.url), neverCancelled), TlsError);
    assert.strictEqual(expired.tlsKind, 'expired');
    const pinned = await rejection(ping({ environment: 'sandbox', baseUrl: m.servers.good.baseUrl }, via(proxy.url, { pins: { localhost: [randomBytes(32).toString('base64')] } }), neverCancelled), TlsError);
    assert.strictEqual(pinned.tlsKind, 'pinMismatch');
    await m.whenIdle('expired');
    await m.whenIdle('good');
    assert.deepStrictEqual(m.requestsTo('expired'), []);
    assert.deepStrictEqual(m.requestsTo('good'), []);
  });

  it('sends proxy credentials from the proxy URL, and reports a 407 without them', async () => {
    const m = mock();
    const ok = await ping({ environment: 'sandbox', baseUrl: m.servers.good.baseUrl }, via(authProxy.url.replace('http://', 'http://alice:s3cret@')), neverCancelled);
    assert.strictEqual(ok.status, 200);
    const error = await rejection(ping({ environment: 'sandbox', baseUrl: m.servers.good.baseUrl }, via(authProxy.url), neverCancelled), ProxyError);
    assert.strictEqual(error.status, 407);
    assert.match(error.userMessage, /proxy asked for credentials/);
    const wrong = await rejection(ping({ environment: 'sandbox', baseUrl: m.servers.good.baseUrl }, via(authProxy.url.replace('http://', 'http://alice:wrong@')), neverCancelled), ProxyError);
    assert.ok(!wrong.detail.includes('wrong'), wrong.detail);
  });

  it('goes direct for hosts in noProxy, and refuses a non-http proxy URL', async () => {
    const m = mock();
    const before = proxy.connects.length;
    const direct = await ping({ environment: 'sandbox', baseUrl: m.servers.good.baseUrl }, { extraCaPem: [m.caPem], proxy: { url: proxy.url, noProxy: ['example.com', 'localhost'] } }, neverCancelled);
    assert.strictEqual(direct.tls.viaProxy, false);
    assert.strictEqual(proxy.connects.length, before);
    await rejection(ping({ environment: 'sandbox', baseUrl: m.servers.good.baseUrl }, via(`https://127.0.0.1:${proxy.port}`), neverCancelled), InvalidRequestError);
  });
});
