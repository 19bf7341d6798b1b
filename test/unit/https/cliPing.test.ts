import * as assert from 'assert';
import * as os from 'os';
import { PassThrough } from 'stream';
import { run } from '../../../src/cli/run';
import { startConnectProxy } from '../../harness/mockUcanpay/connectProxy';
import { useMock } from './mock';

async function cli(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const out: string[] = [];
  const err: string[] = [];
  stdout.on('data', (chunk: Buffer) => out.push(chunk.toString()));
  stderr.on('data', (chunk: Buffer) => err.push(chunk.toString()));
  const code = await run(args, { stdout, stderr, cwd: os.tmpdir(), env });
  return { code, stdout: out.join(''), stderr: err.join('') };
}

describe('ucanpay ping', () => {
  const mock = useMock();

  it('pings the good server with --base-url and --ca-file: status, timings, TLS summary, exit 0', async () => {
    const m = mock();
    m.clearRecords();
    const result = await cli(['ping', '--base-url', m.servers.good.baseUrl, `--ca-file=${m.caFile}`]);
    assert.strictEqual(result.stderr, '');
    assert.strictEqual(result.code, 0);
    const lines = result.stdout.split('\n');
    assert.strictEqual(lines[0], `GET ${m.servers.good.baseUrl}/ping → 200 OK`);
    assert.match(lines[1], /^Timing {3}DNS \d+\.\d ms · connect \d+\.\d ms · TLS \d+\.\d ms · first byte \d+\.\d ms · total \d+\.\d ms$/);
    assert.match(lines[2], /^TLS {6}TLSv1\.[23], TLS_\w+$/);
    assert.match(lines[3], /^Cert {5}localhost, issued by UCanPay Mock Test CA, valid until \d{4}-\d{2}-\d{2} \(\d+ days\)$/);
    assert.ok(result.stdout.includes(`  SPKI   sha256/${m.spki.server}`));
    assert.match(result.stdout, /^Chain {4}localhost ← UCanPay Mock Test CA$/m);
    assert.match(result.stdout, /^Pin {6}not configured$/m);
    assert.match(result.stdout, /^HSTS {5}max-age=31536000; includeSubDomains$/m);
    assert.strictEqual(m.requestsTo('good')[0].headers.authorization, undefined, 'ping sends no key');
  });

  it('exits 1 with the generic message on an expired certificate', async () => {
    const m = mock();
    const result = await cli(['ping', '--env', 'sandbox', '--base-url', m.servers.expired.baseUrl, '--ca-file', m.caFile]);
    assert.strictEqual(result.code, 1);
    assert.strictEqual(result.stdout, '');
    assert.match(result.stderr, /^ucanpay ping: The server's certificate has expired — the connection was refused\.\n {2}detail: TLS CERT_HAS_EXPIRED from localhost:\d+/);
    await m.whenIdle('expired');
    assert.deepStrictEqual(m.requestsTo('expired'), []);
  });

  it('exits 1 on an HTTP error and on a CA it does not trust', async () => {
    const m = mock();
    const status = await cli(['ping', '--base-url', m.servers.serverError.baseUrl, '--ca-file', m.caFile]);
    assert.strictEqual(status.code, 1);
    assert.match(status.stderr, /server error \(500\)/);
    const untrusted = await cli(['ping', '--base-url', m.servers.good.baseUrl]);
    assert.strictEqual(untrusted.code, 1);
    assert.match(untrusted.stderr, /unknown certificate authority/);
  });

  it('goes through HTTPS_PROXY when it is set', async () => {
    const m = mock();
    const proxy = await startConnectProxy();
    try {
      const result = await cli(['ping', '--base-url', m.servers.good.baseUrl, '--ca-file', m.caFile], { HTTPS_PROXY: proxy.url });
      assert.strictEqual(result.code, 0, result.stderr);
      assert.match(result.stdout, /, through the proxy\n/);
      assert.strictEqual(proxy.connects.length, 1);
    } finally {
      await proxy.close();
    }
  });

  it('exits 2 on usage errors: unknown option, bad --env, http base URL, unreadable CA file', async () => {
    const m = mock();
    for (const args of [
      ['ping', '--insecure'],
      ['ping', '--env', 'staging'],
      ['ping', '--base-url', `http://localhost:${m.servers.plainHttp.port}/v1`],
      ['ping', '--ca-file', `${m.caFile}.missing`],
      ['ping', 'extra'],
    ]) {
      const result = await cli(args);
      assert.strictEqual(result.code, 2, args.join(' '));
      assert.match(result.stderr, /^ucanpay ping: /);
    }
    assert.strictEqual(m.connectionsTo('plainHttp'), 0);
    const help = await cli(['ping', '--help']);
    assert.strictEqual(help.code, 0);
    assert.match(help.stdout, /^Usage: ucanpay ping \[--env sandbox\|live\] \[--base-url URL\] \[--ca-file FILE\]/);
    assert.match((await cli(['--help'])).stdout, /ucanpay ping \[--env sandbox\|live\]/);
  });
});
