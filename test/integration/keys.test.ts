import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { openKeytarBackend } from '../../src/core/keys/keytarBackend';
import { KeyStore } from '../../src/core/keys/keyStore';
import { generateKey } from '../unit/keys/generate';

/** Keys this run stored, for the leak scan after the run (see test/harness/hostTests.ts). */
function recordKey(key: string): void {
  const file = process.env.UCANPAY_TEST_KEYS_FILE;
  if (file) {
    fs.appendFileSync(file, `${key}\n`);
  }
}

describe('API keys in the extension host', () => {
  let store: KeyStore;

  before(async () => {
    const opened = await openKeytarBackend();
    assert.ok('backend' in opened, 'the extension host shares the test session keychain');
    store = new KeyStore(opened.backend);
  });

  afterEach(async () => {
    await store.removeKey('default', 'sandbox');
    for (const terminal of vscode.window.terminals) {
      terminal.dispose();
    }
  });

  it('opens a terminal whose shell has UCANPAY_API_KEY and UCANPAY_ENV, without persisting them', async () => {
    const key = generateKey('sandbox');
    recordKey(key);
    await store.setKey('default', 'sandbox', key);
    const terminal = await vscode.commands.executeCommand<vscode.Terminal>('ucanpay.openKeyTerminal');
    assert.ok(terminal);
    const options = terminal.creationOptions as vscode.TerminalOptions;
    assert.strictEqual(options.isTransient, true, 'a transient terminal is not restored (with its environment) after a reload');
    // The shell itself must see the key: it writes the key's length and last four characters
    // (never the key) to a file, and the test waits for the file.
    const folder = vscode.workspace.workspaceFolders![0].uri;
    const proofFile = path.join(folder.fsPath, 'terminal-proof.txt');
    const created = new Promise<void>((resolve) => {
      const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(folder, 'terminal-proof.txt'));
      const done = () => {
        watcher.dispose();
        resolve();
      };
      watcher.onDidCreate(done);
      watcher.onDidChange(done);
    });
    terminal.sendText(`printf '%s:%s:%s' "\${#UCANPAY_API_KEY}" "\${UCANPAY_API_KEY: -4}" "$UCANPAY_ENV" > '${proofFile}'`);
    await created;
    assert.strictEqual(fs.readFileSync(proofFile, 'utf8'), `${key.length}:${key.slice(-4)}:sandbox`);
    fs.rmSync(proofFile);
  });

  it('does not open a terminal without a stored key', async () => {
    // The warning it shows offers "Set API Key"; the command returns without a terminal.
    const before = vscode.window.terminals.length;
    const result = await Promise.race([
      vscode.commands.executeCommand<vscode.Terminal | undefined>('ucanpay.openKeyTerminal', { environment: 'live' }),
      new Promise<'pending'>((resolve) => setImmediate(() => resolve('pending'))),
    ]);
    assert.ok(result === undefined || result === 'pending');
    assert.strictEqual(vscode.window.terminals.length, before);
  });
});
