import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { openKeytarBackend } from '../../src/core/keys/keytarBackend';
import { KeyStore } from '../../src/core/keys/keyStore';
import { startMockUcanpay, type MockUcanpay } from '../harness/mockUcanpay/server';

interface Outcome {
  readonly ok: boolean;
  readonly pingStatus?: number;
  readonly accountStatus?: number | string;
  readonly protocol?: string;
  readonly userMessage?: string;
  readonly status?: number;
  readonly daysToExpiry?: number;
  readonly view?: vscode.Uri;
}

async function setUserSetting(key: string, value: unknown): Promise<void> {
  await vscode.workspace.getConfiguration('ucanpay').update(key, value, vscode.ConfigurationTarget.Global);
}

/**
 * The result page once it shows `expected`: the view reuses one document per environment and
 * kind, and VS Code refreshes an open one on the provider's change event.
 */
async function pageShowing(outcome: Outcome | undefined, expected: RegExp): Promise<string> {
  assert.ok(outcome?.view, 'the command shows its result');
  const uri = outcome.view;
  const document = await vscode.workspace.openTextDocument(uri);
  if (expected.test(document.getText())) {
    return document.getText();
  }
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      subscription.dispose();
      reject(new Error(`the result page never showed ${expected}: ${document.getText()}`));
    }, 10_000);
    const subscription = vscode.workspace.onDidChangeTextDocument((event) => {
      if (event.document.uri.toString() === uri.toString() && expected.test(event.document.getText())) {
        clearTimeout(timer);
        subscription.dispose();
        resolve(event.document.getText());
      }
    });
  });
}

/**
 * The test-call commands against the local HTTPS mock of the UCanPay API, with certificates the
 * run generates. The mock's CA is trusted only through the extra-CA user setting.
 */
describe('validated test calls against the UCanPay mock', function () {
  let mock: MockUcanpay;
  let store: KeyStore;
  const workspaceSettings = () => path.join(vscode.workspace.workspaceFolders![0].uri.fsPath, '.vscode', 'settings.json');

  before(async function () {
    // Commands return live objects (a Terminal) only when they run in this host, registered:
    // activate first rather than let the first command's activation route the call elsewhere.
    await vscode.extensions.getExtension('ucanpay.ucanpay-secure')!.activate();
    mock = await startMockUcanpay();
    const opened = await openKeytarBackend();
    assert.ok('backend' in opened);
    store = new KeyStore(opened.backend);
    await store.setKey('default', 'sandbox', mock.sandboxKey);
    if (process.env.UCANPAY_TEST_KEYS_FILE) {
      fs.appendFileSync(process.env.UCANPAY_TEST_KEYS_FILE, `${mock.sandboxKey}\n`);
    }
    await setUserSetting('tls.extraCaFile', mock.caFile);
    await setUserSetting('api.sandboxBaseUrl', mock.servers.good.baseUrl);
  });

  after(async () => {
    await setUserSetting('tls.extraCaFile', undefined);
    await setUserSetting('api.sandboxBaseUrl', undefined);
    await store.removeKey('default', 'sandbox');
    fs.rmSync(workspaceSettings(), { force: true });
    await mock.close();
  });

  beforeEach(() => mock.clearRecords());

  it('Test Connection: ping and account with the stored key, status, timing and TLS facts shown', async () => {
    const outcome = await vscode.commands.executeCommand<Outcome>('ucanpay.testConnection', { environment: 'sandbox' });
    assert.deepStrictEqual([outcome.ok, outcome.pingStatus, outcome.accountStatus], [true, 200, 200]);
    assert.match(outcome.protocol ?? '', /^TLSv1\.[23]$/);
    const account = mock.requestsTo('good').find((request) => request.path === '/v1/account');
    assert.strictEqual(account?.headers.authorization, `Bearer ${mock.sandboxKey}`);
    const page = await pageShowing(outcome, /GET \/ping: 200/);
    assert.match(page, /Certificate chain and host name: \*\*validated\*\*/);
    assert.match(page, /first byte [\d.]+ ms/);
    assert.ok(!page.includes(mock.sandboxKey), 'the result view never shows the key');
  });

  it('refuses an expired certificate with a plain message, and the server never sees the key', async () => {
    await setUserSetting('api.sandboxBaseUrl', mock.servers.expired.baseUrl);
    try {
      const outcome = await vscode.commands.executeCommand<Outcome>('ucanpay.testConnection', { environment: 'sandbox' });
      assert.strictEqual(outcome.ok, false);
      assert.match(outcome.userMessage ?? '', /certificate has expired/);
      assert.deepStrictEqual(mock.requestsTo('expired'), []);
      await pageShowing(outcome, /The call failed/);
    } finally {
      await setUserSetting('api.sandboxBaseUrl', mock.servers.good.baseUrl);
    }
  });

  it('ignores a workspace that tries to redirect the base URL or add a CA: no key leaves for it', async () => {
    fs.mkdirSync(path.dirname(workspaceSettings()), { recursive: true });
    // A resource-scoped marker in the same file tells when VS Code has read it (event-driven),
    // so the call below really runs with the workspace's attempt in place.
    fs.writeFileSync(
      workspaceSettings(),
      JSON.stringify({
        'ucanpay.api.sandboxBaseUrl': mock.servers.serverError.baseUrl,
        'ucanpay.tls.extraCaFile': mock.caFile,
        'ucanpay.diagnostics.debounceMs': 321,
      }),
    );
    await new Promise<void>((resolve) => {
      const loaded = () => vscode.workspace.getConfiguration('ucanpay').get('diagnostics.debounceMs') === 321;
      const subscription = vscode.workspace.onDidChangeConfiguration(() => {
        if (loaded()) {
          subscription.dispose();
          resolve();
        }
      });
      if (loaded()) {
        subscription.dispose();
        resolve();
      }
    });
    const outcome = await vscode.commands.executeCommand<Outcome>('ucanpay.testConnection', { environment: 'sandbox' });
    assert.strictEqual(outcome.ok, true);
    assert.deepStrictEqual(mock.requestsTo('serverError'), [], 'the workspace base URL received nothing');
    assert.ok(mock.requestsTo('good').length >= 2, 'the user-configured server was called');

    // Without the user's extra CA, the workspace's CA setting adds no trust.
    await setUserSetting('tls.extraCaFile', undefined);
    try {
      const untrusted = await vscode.commands.executeCommand<Outcome>('ucanpay.testConnection', { environment: 'sandbox' });
      assert.strictEqual(untrusted.ok, false);
      assert.match(untrusted.userMessage ?? '', /not trusted|unknown|certificate/i);
    } finally {
      await setUserSetting('tls.extraCaFile', mock.caFile);
      fs.rmSync(workspaceSettings(), { force: true });
    }
  });

  it('Send Request: creates a payment with an Idempotency-Key and shows the response', async () => {
    const outcome = await vscode.commands.executeCommand<Outcome>('ucanpay.sendRequest', {
      environment: 'sandbox',
      endpoint: 'create-payment',
      body: JSON.stringify({ amount: 1000, currency: 'usd', source: 'tok_visa' }),
    });
    assert.strictEqual(outcome.ok, true);
    const sent = mock.requestsTo('good').find((request) => request.method === 'POST' && request.path === '/v1/payments');
    assert.match(String(sent?.headers['idempotency-key']), /^[0-9a-f-]{36}$/);
    await pageShowing(outcome, new RegExp(`POST /payments: ${outcome.status}`));
  });

  it('Inspect TLS Certificate: the chain and expiry, without sending a request', async () => {
    const outcome = await vscode.commands.executeCommand<Outcome>('ucanpay.inspectCertificate', { environment: 'sandbox' });
    assert.strictEqual(outcome.ok, true);
    assert.ok((outcome.daysToExpiry ?? 0) > 30);
    assert.deepStrictEqual(mock.requestsTo('good'), []);
    await pageShowing(outcome, /SPKI SHA-256/);
  });
});
