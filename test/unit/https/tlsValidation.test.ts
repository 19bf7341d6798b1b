import * as assert from 'assert';
import { randomBytes } from 'crypto';
import * as tls from 'tls';
import { neverCancelled } from '../../../src/core/cancellation';
import { httpsRequest, inspectTls } from '../../../src/core/https/client';
import { InvalidRequestError, TlsError, type TlsErrorKind } from '../../../src/core/https/errors';
import { readCaFile, trustedCas } from '../../../src/core/https/trust';
import type { ServerName } from '../../harness/mockUcanpay/server';
import { rejection, useMock } from './mock';

/**
 * Every misbehaving server is refused with the right typed error and message, and the mock's
 * record proves it never received a request, so never a key: each call carries the key with a
 * base URL that is that very server, so the key would have gone out had validation passed.
 */
describe('HTTPS client: certificate and protocol validation', () => {
  const mock = useMock();

  const cases: Array<[ServerName, TlsErrorKind, RegExp]> = [
    ['expired', 'expired', /^The server's certificate has expired — the connection was refused\.$/],
    ['notYetValid', 'notYetValid', /^The server's certificate is not valid yet — the connection was refused\./],
    ['wrongHost', 'hostnameMismatch', /^The server's certificate is not valid for localhost — the connection was refused\./],
    ['selfSigned', 'selfSigned', /^The server's certificate is self-signed and not trusted — the connection was refused\./],
    ['unknownCa', 'unknownCa', /^The server's certificate was issued by an unknown certificate authority — the connection was refused\./],
    ['tls11', 'protocolTooOld', /^The server offers only TLS versions older than 1\.2 — the connection was refused\.$/],
  ];

  for (const [name, kind, message] of cases) {
    it(`refuses the ${name} server (${kind}) before sending anything`, async () => {
      const m = mock();
      const server = m.servers[name];
      const error = await rejection(
        httpsRequest({ method: 'GET', url: `${server.baseUrl}/account`, credential: { key: m.sandboxKey, environment: 'sandbox', baseUrl: server.baseUrl } }, { extraCaPem: [m.caPem] }, neverCancelled),
        TlsError,
      );
      assert.strictEqual(error.tlsKind, kind, error.detail);
      assert.match(error.userMessage, message);
      assert.strictEqual(error.message, error.userMessage);
      assert.match(error.detail, new RegExp(`^TLS \\S+ from localhost:${server.port}`));
      assert.ok(!error.detail.includes(m.sandboxKey) && !error.userMessage.includes(m.sandboxKey));
      await m.whenIdle(name);
      assert.ok(m.connectionsTo(name) >= 1, 'the client did reach the server');
      assert.deepStrictEqual(m.requestsTo(name), [], 'no request (and so no Authorization header) reached it');
    });
  }

  it('reports what a refused server presented (for the certificate view)', async () => {
    const m = mock();
    const error = await rejection(inspectTls(m.servers.expired.baseUrl, { extraCaPem: [m.caPem] }, neverCancelled), TlsError);
    assert.strictEqual(error.tlsKind, 'expired');
    assert.strictEqual(error.chain?.[0].subjectCN, 'localhost');
    assert.ok(Date.parse(error.chain![0].validTo) < Date.now());
    assert.match(error.detail, /CERT_HAS_EXPIRED.*valid .* to /);
  });

  it('the TLS 1.1 server really serves TLS 1.1: the refusal is the client\'s minimum version', async () => {
    const m = mock();
    const protocol = await new Promise<string | null>((resolve, reject) => {
      // A deliberately legacy client, in the test only, to prove what the server offers.
      const socket = tls.connect(
        { host: '127.0.0.1', port: m.servers.tls11.port, servername: 'localhost', ca: [m.caPem], minVersion: 'TLSv1', maxVersion: 'TLSv1.1', ciphers: 'DEFAULT:@SECLEVEL=0' },
        () => {
          resolve(socket.getProtocol());
          socket.end();
        },
      );
      socket.on('error', reject);
    });
    assert.strictEqual(protocol, 'TLSv1.1');
  });

  it('refuses a pin mismatch on a good certificate, after the host name check, before any request', async () => {
    const m = mock();
    m.clearRecords();
    const wrongPin = randomBytes(32).toString('base64');
    const error = await rejection(
      httpsRequest(
        { method: 'GET', url: `${m.servers.good.baseUrl}/account`, credential: { key: m.sandboxKey, environment: 'sandbox', baseUrl: m.servers.good.baseUrl } },
        { extraCaPem: [m.caPem], pins: { localhost: [wrongPin] } },
        neverCancelled,
      ),
      TlsError,
    );
    assert.strictEqual(error.tlsKind, 'pinMismatch');
    assert.match(error.userMessage, /^The server's public key does not match the pins configured for localhost — the connection was refused\./);
    assert.ok(error.detail.includes(wrongPin) && error.detail.includes(m.spki.server), error.detail);
    await m.whenIdle('good');
    assert.strictEqual(m.connectionsTo('good'), 1);
    assert.deepStrictEqual(m.requestsTo('good'), []);
  });

  it('a wrong host name fails even when a pin for it matches (pins add a check, never replace one)', async () => {
    const m = mock();
    const error = await rejection(httpsRequest({ method: 'GET', url: `${m.servers.wrongHost.baseUrl}/ping` }, { extraCaPem: [m.caPem], pins: { localhost: [m.spki.server] } }, neverCancelled), TlsError);
    assert.strictEqual(error.tlsKind, 'hostnameMismatch');
  });

  it('still refuses when NODE_TLS_REJECT_UNAUTHORIZED=0 is in the environment', async () => {
    const m = mock();
    const previous = process.env.NODE_TLS_REJECT_UNAUTHORIZED;
    const warn = process.emitWarning;
    process.emitWarning = () => undefined; // Node's warning about the variable is expected here.
    process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0';
    try {
      for (const name of ['expired', 'selfSigned', 'unknownCa'] as const) {
        await rejection(httpsRequest({ method: 'GET', url: `${m.servers[name].baseUrl}/ping` }, { extraCaPem: [m.caPem] }, neverCancelled), TlsError);
      }
    } finally {
      if (previous === undefined) delete process.env.NODE_TLS_REJECT_UNAUTHORIZED;
      else process.env.NODE_TLS_REJECT_UNAUTHORIZED = previous;
      process.emitWarning = warn;
    }
  });

  it('trusts the test CA only through the extra-CA option, on top of Node\'s roots', async () => {
    const m = mock();
    const error = await rejection(httpsRequest({ method: 'GET', url: `${m.servers.good.baseUrl}/ping` }, {}, neverCancelled), TlsError);
    assert.strictEqual(error.tlsKind, 'unknownCa');
    const cas = trustedCas([m.caPem]);
    assert.strictEqual(cas.length, tls.rootCertificates.length + 1);
    assert.deepStrictEqual(cas.slice(0, -1), [...tls.rootCertificates]);
    const ok = await httpsRequest({ method: 'GET', url: `${m.servers.good.baseUrl}/ping` }, { extraCaPem: readCaFile(m.caFile) }, neverCancelled);
    assert.strictEqual(ok.status, 200);
  });

  it('reads an extra CA file, and refuses a missing or non-PEM one with a message that says what to do', () => {
    const m = mock();
    assert.deepStrictEqual(readCaFile(m.caFile), [m.caPem.trim()]);
    assert.throws(() => readCaFile(`${m.caFile}.missing`), (e: unknown) => e instanceof InvalidRequestError && /cannot be read \(ENOENT\)/.test(e.userMessage));
    assert.throws(() => readCaFile(__filename), (e: unknown) => e instanceof InvalidRequestError && /no PEM certificate/.test(e.userMessage));
  });

  it('refuses any scheme but https before connecting', async () => {
    const m = mock();
    const before = m.connectionsTo('plainHttp');
    for (const url of [`${m.servers.plainHttp.baseUrl}/ping`, 'ftp://localhost/x', 'file:///etc/passwd', `wss://localhost:${m.servers.good.port}/v1`]) {
      const error = await rejection(httpsRequest({ method: 'GET', url }, {}, neverCancelled), InvalidRequestError);
      assert.match(error.userMessage, /^Only HTTPS URLs can be called; \w+ was refused and nothing was sent\.$/);
    }
    const creds = await rejection(httpsRequest({ method: 'GET', url: `https://u:p@localhost:${m.servers.good.port}/v1/ping` }, {}, neverCancelled), InvalidRequestError);
    assert.ok(!creds.detail.includes(':p@'), creds.detail);
    assert.strictEqual(m.connectionsTo('plainHttp'), before);
  });

  it('refuses malformed pins before connecting', async () => {
    const m = mock();
    const error = await rejection(httpsRequest({ method: 'GET', url: `${m.servers.good.baseUrl}/ping` }, { pins: { localhost: ['not-a-pin'] } }, neverCancelled), InvalidRequestError);
    assert.match(error.userMessage, /not a base64 SHA-256 digest/);
  });
});
