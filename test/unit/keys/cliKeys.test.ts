import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as path from 'path';
import { keychainService } from '../../../src/core/keys/secretBackend';
import { generateKey } from './generate';

const cliMain = path.join(__dirname, '..', '..', '..', 'src', 'cli', 'main.js');

function cli(args: string[], input?: string, env: NodeJS.ProcessEnv = process.env) {
  const result = spawnSync(process.execPath, [cliMain, ...args], { input, encoding: 'utf8', env });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('ucanpay keys and ucanpay exec (real OS keychain)', () => {
  const profile = `cli-${process.pid}-${Date.now()}`;
  const key = generateKey('sandbox');

  after(() => {
    cli(['keys', 'remove', '--profile', profile]);
  });

  it('keys set reads the key from stdin and stores it in the keychain entry the extension uses', () => {
    const result = cli(['keys', 'set', '--profile', profile], `${key}\n`);
    assert.strictEqual(result.code, 0, result.stderr);
    assert.match(result.stdout, new RegExp(`Stored ucp_test_…${key.slice(-4)} for ${profile}/sandbox in the OS keychain`));
    const stored = spawnSync('secret-tool', ['lookup', 'service', keychainService, 'account', `${profile}/sandbox`], { encoding: 'utf8' });
    assert.strictEqual(stored.stdout, key);
    assert.ok(!result.stdout.includes(key) && !result.stderr.includes(key), 'the key is never printed');
  });

  it('refuses a key on the command line, and bad input leaves the stored key unchanged', () => {
    const onArgv = cli(['keys', 'set', '--profile', profile, generateKey('sandbox')]);
    assert.strictEqual(onArgv.code, 2);
    assert.match(onArgv.stderr, /never pass a key as an argument/);
    const live = cli(['keys', 'set', '--profile', profile], generateKey('live'));
    assert.strictEqual(live.code, 2);
    assert.match(live.stderr, /This is a live key.*Nothing was changed/);
    assert.match(cli(['keys', 'status', '--profile', profile]).stdout, new RegExp(`…${key.slice(-4)}`));
  });

  it('keys status and list show the key masked, with its age and store', () => {
    const status = cli(['keys', 'status', '--profile', profile]);
    assert.strictEqual(status.code, 0);
    assert.match(status.stdout, new RegExp(`^${profile}/sandbox: ucp_test_…${key.slice(-4)}, stored 0 day\\(s\\) ago, in the OS keychain`));
    assert.match(cli(['keys', 'list']).stdout, new RegExp(`${profile}/sandbox: ucp_test_…`));
    assert.strictEqual(cli(['keys', 'status', '--profile', profile, '--env', 'live']).code, 1);
  });

  it('exec runs a command with the key in its environment, and passes its exit code through', () => {
    const script = "process.stdout.write(process.env.UCANPAY_ENV + ':' + (process.env.UCANPAY_API_KEY || '').length + ':' + process.env.UCANPAY_API_KEY.slice(-4)); process.exit(3)";
    const result = cli(['exec', '--profile', profile, '--', process.execPath, '-e', script]);
    assert.strictEqual(result.code, 3);
    assert.strictEqual(result.stdout, `sandbox:${key.length}:${key.slice(-4)}`);
  });

  it('keys remove deletes the entry', () => {
    assert.strictEqual(cli(['keys', 'remove', '--profile', profile]).code, 0);
    const stored = spawnSync('secret-tool', ['lookup', 'service', keychainService, 'account', `${profile}/sandbox`], { encoding: 'utf8' });
    assert.notStrictEqual(stored.status, 0);
    assert.strictEqual(cli(['exec', '--profile', profile, '--', 'true']).code, 2);
  });

  it('says clearly that no keychain is available when none answers, and stores nothing', () => {
    const env = { ...process.env };
    delete env.DBUS_SESSION_BUS_ADDRESS;
    delete env.DISPLAY;
    const result = cli(['keys', 'set', '--profile', profile], generateKey('sandbox'), env);
    assert.strictEqual(result.code, 2);
    assert.match(result.stderr, /no OS keychain is available/);
  });
});
