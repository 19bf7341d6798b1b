import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { openKeytarBackend } from '../../src/core/keys/keytarBackend';
import { KeyStore } from '../../src/core/keys/keyStore';
import { generateKey } from '../unit/keys/generate';
import { waitForDiagnostics } from './helpers';

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
    // Commands return live objects (a Terminal) only when they run in this host, registered:
    // activate first rather than let the first command's activation route the call elsewhere.
    await vscode.extensions.getExtension('ucanpay.ucanpay-secure')!.activate();
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

describe('"Move this key to the OS keychain" on a hard-coded key', () => {
  it('stores the key, replaces the literal with process.env.UCANPAY_API_KEY, and the finding goes', async () => {
    const opened = await openKeytarBackend();
    assert.ok('backend' in opened);
    const store = new KeyStore(opened.backend);
    await store.removeKey('default', 'live');
    const key = generateKey('live');
    recordKey(key);
    const folder = vscode.workspace.workspaceFolders![0].uri;
    const uri = vscode.Uri.joinPath(folder, 'src', 'hardcoded.ts');
    await vscode.workspace.fs.writeFile(uri, Buffer.from(`export const client = new UCanPay('${key}');\n`, 'utf8'));
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document);
    const [diagnostic] = await waitForDiagnostics(uri, (d) => d.some((x) => (x.code as { value: string }).value === 'ucanpay-key-in-code'), 'the hard-coded key finding');
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, diagnostic.range);
    const move = actions.find((action) => action.title === 'Move this key to the OS keychain');
    assert.ok(move?.command && move.isPreferred, actions.map((a) => a.title).join(', '));
    await vscode.commands.executeCommand(move.command.command, ...(move.command.arguments ?? []));
    assert.strictEqual(document.getText(), 'export const client = new UCanPay(process.env.UCANPAY_API_KEY);\n');
    assert.strictEqual(await store.getKey('default', 'live'), key);
    await waitForDiagnostics(uri, (d) => !d.some((x) => (x.code as { value: string }).value === 'ucanpay-key-in-code'), 'the finding to go');
    // Saved, so no copy of the key stays on disk (the leak scan checks the workspace).
    await document.save();
    await store.removeKey('default', 'live');
  });
});
