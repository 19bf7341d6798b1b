import * as assert from 'assert';
import { execFileSync, spawnSync } from 'child_process';
import * as path from 'path';
import { openKeytarBackend } from '../../../src/core/keys/keytarBackend';
import { KeyFormatError, KeyStore } from '../../../src/core/keys/keyStore';
import { keychainService, type SecretBackend } from '../../../src/core/keys/secretBackend';
import { generateKey } from './generate';

/** What `secret-tool` (libsecret's own CLI) finds in the keychain: an outside view. */
function secretToolLookup(account: string): string | undefined {
  const result = spawnSync('secret-tool', ['lookup', 'service', keychainService, 'account', account], { encoding: 'utf8' });
  return result.status === 0 ? result.stdout : undefined;
}

describe('key store on the real OS keychain (gnome-keyring via keytar)', () => {
  let backend: SecretBackend;
  // A profile of its own per run: nothing else in the keychain is touched.
  const profile = `test-${process.pid}-${Date.now()}`;

  before(async function () {
    const opened = await openKeytarBackend();
    assert.ok('backend' in opened, `the OS keychain must answer (npm test runs inside a D-Bus session with gnome-keyring): ${'unavailable' in opened ? opened.unavailable : ''}`);
    backend = opened.backend;
  });

  it('stores a key where secret-tool finds it, with metadata that holds no secret', async () => {
    const store = new KeyStore(backend, () => new Date('2026-01-01T10:00:00Z'));
    const key = generateKey('sandbox');
    const metadata = await store.setKey(profile, 'sandbox', key);
    assert.strictEqual(secretToolLookup(`${profile}/sandbox`), key);
    const rawMetadata = secretToolLookup(`${profile}/sandbox#meta`) ?? '';
    assert.ok(!rawMetadata.includes(key.slice(9, -4)), 'metadata never holds the key');
    assert.deepStrictEqual(metadata, { profile, environment: 'sandbox', last4: key.slice(-4), storedAt: '2026-01-01T10:00:00.000Z' });
    assert.strictEqual(await store.getKey(profile, 'sandbox'), key);
  });

  it('reports status masked, with age and store, and lists it', async () => {
    const store = new KeyStore(backend, () => new Date('2026-03-02T10:00:00Z'));
    const status = await store.status(profile, 'sandbox');
    assert.ok(status);
    assert.match(status.masked, /^ucp_test_…[A-Za-z0-9]{4}$/);
    assert.strictEqual(status.ageDays, 60);
    assert.match(status.store, /OS keychain/);
    assert.ok((await store.list()).some((s) => s.profile === profile && s.environment === 'sandbox'));
    assert.ok((await store.profiles()).includes(profile));
  });

  it('leaves the stored key as it was on bad input', async () => {
    const store = new KeyStore(backend);
    const before = await store.getKey(profile, 'sandbox');
    for (const bad of ['', ' ', `${generateKey('sandbox')}\n`, generateKey('live'), 'x'.repeat(10_000)]) {
      await assert.rejects(store.setKey(profile, 'sandbox', bad), KeyFormatError);
    }
    assert.strictEqual(await store.getKey(profile, 'sandbox'), before);
  });

  it('rotates only after the new key is verified, and records the date', async () => {
    const store = new KeyStore(backend, () => new Date('2026-04-01T00:00:00Z'));
    const old = await store.getKey(profile, 'sandbox');
    const rejected = generateKey('sandbox');
    await assert.rejects(store.rotateKey(profile, 'sandbox', rejected, async () => Promise.reject(new Error('401 from GET /account'))), /401/);
    assert.strictEqual(await store.getKey(profile, 'sandbox'), old, 'a key that failed verification replaces nothing');
    const fresh = generateKey('sandbox');
    const rotated = await store.rotateKey(profile, 'sandbox', fresh, async () => undefined);
    assert.strictEqual(rotated.rotatedAt, '2026-04-01T00:00:00.000Z');
    assert.strictEqual(secretToolLookup(`${profile}/sandbox`), fresh);
    await assert.rejects(store.rotateKey(profile, 'sandbox', fresh), /already stored/);
  });

  it('removes the key and its metadata from the keychain', async () => {
    const store = new KeyStore(backend);
    assert.strictEqual(await store.removeKey(profile, 'sandbox'), true);
    assert.strictEqual(secretToolLookup(`${profile}/sandbox`), undefined);
    assert.strictEqual(secretToolLookup(`${profile}/sandbox#meta`), undefined);
    assert.ok(!(await store.list()).some((s) => s.profile === profile));
    assert.strictEqual(await store.removeKey(profile, 'sandbox'), false);
  });

  it('says the keychain is unavailable, and why, when no Secret Service answers', () => {
    const env = { ...process.env };
    delete env.DBUS_SESSION_BUS_ADDRESS;
    delete env.DISPLAY;
    const script = `require(${JSON.stringify(path.join(__dirname, '..', '..', '..', 'src', 'core', 'keys', 'keytarBackend.js'))}).openKeytarBackend().then((r) => console.log(JSON.stringify(r)))`;
    const output = execFileSync(process.execPath, ['-e', script], { env, encoding: 'utf8' });
    const result = JSON.parse(output) as { unavailable?: string };
    assert.match(result.unavailable ?? '', /OS keychain did not answer .*D-Bus/);
  });
});
