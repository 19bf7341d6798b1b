import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import type { Browser, Page } from 'playwright-core';
import { spawnSync } from 'child_process';
import { findLeaks } from '../harness/leakScan';
import { startMockUcanpay, type MockUcanpay } from '../harness/mockUcanpay/server';
import { keychainService } from '../../src/core/keys/secretBackend';
import { generateKey } from '../unit/keys/generate';
import { installExtension, provisionCodeServer, startCodeServer, type CodeServer } from '../harness/codeServer';
import { copyDir, freshDir, repoRoot, resultsDir } from '../harness/paths';
import { chooseMenuItem, editorText, goToLine, openFile, openQuickFixMenu, openWorkbench, runCommand, selectors, waitForWorkbench } from './workbench';

/** What libsecret's own CLI finds in the session keychain: the outside view of what we stored. */
function keychainLookup(account: string): string | undefined {
  const result = spawnSync('secret-tool', ['lookup', 'service', keychainService, 'account', account], { encoding: 'utf8' });
  return result.status === 0 ? result.stdout : undefined;
}

function keychainStore(account: string, value: string): void {
  // keytar looks entries up under libsecret's generic schema, so the entry carries it too.
  const result = spawnSync(
    'secret-tool',
    ['store', '--label', `${keychainService} ${account}`, 'xdg:schema', 'org.freedesktop.Secret.Generic', 'service', keychainService, 'account', account],
    { input: value, encoding: 'utf8' },
  );
  assert.strictEqual(result.status, 0, result.stderr);
}

/**
 * The packaged .vsix, installed into code-server the way a user installs it, driven through the
 * workbench in headless Chromium. Screenshots go to test-results/ (git-ignored).
 */
describe('UI end to end (packaged extension in code-server)', function () {
  let server: CodeServer;
  let browser: Browser;
  let page: Page;
  let workspace: string;
  let runDir: string;
  const sandboxKey = generateKey('sandbox');
  const rotatedKey = generateKey('sandbox');
  const usedKeys: string[] = [];
  let mock: MockUcanpay;

  async function screenshot(name: string): Promise<void> {
    fs.mkdirSync(resultsDir, { recursive: true });
    await page.screenshot({ path: path.join(resultsDir, `e2e-${name}.png`) });
  }

  before(async function () {
    const vsix = process.env.UCANPAY_VSIX;
    assert.ok(vsix && fs.existsSync(vsix), 'UCANPAY_VSIX must name the packaged extension');
    const bin = provisionCodeServer();
    runDir = freshDir('e2e');
    workspace = path.join(runDir, 'workspace');
    copyDir(path.join(repoRoot, 'demo'), workspace);
    installExtension(bin, runDir, path.join(runDir, 'exts'), vsix);
    // The mock answers GET /account for the rotation's live check; its CA is trusted through
    // user settings, as a user with a corporate CA would do.
    mock = await startMockUcanpay({ keys: [rotatedKey] });
    server = await startCodeServer(bin, {
      runDir,
      userSettings: { 'ucanpay.api.sandboxBaseUrl': mock.servers.good.baseUrl, 'ucanpay.tls.extraCaFile': mock.caFile },
    });
    ({ browser, page } = await openWorkbench(server.url, workspace));
  });

  after(async function () {
    if (this.currentTest?.state === 'failed' && page) {
      await screenshot('failure').catch(() => undefined);
    }
    await browser?.close();
    await server?.stop();
    await mock?.close();
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed') {
      await screenshot(`failed-${this.currentTest.title.replace(/\W+/g, '-')}`).catch(() => undefined);
    }
  });

  it('shows the plain-http-url diagnostic of the demo file in the Problems panel', async () => {
    await openFile(page, 'payments.js');
    await page.keyboard.press('Control+Shift+M');
    const row = page.locator(selectors.problemRow, { hasText: 'The UCanPay API is called over plain HTTP' });
    await row.first().waitFor({ timeout: 30_000 });
    const text = await page.locator(selectors.problemsPanel).innerText();
    assert.match(text, /UCanPay/);
    assert.match(text, /plain-http-url/);
    await screenshot('problems-panel');
  });

  it('applies the quick fix from the editor, and the problem goes away', async () => {
    // Put the cursor inside the flagged URL (line 5 of the demo file), then Ctrl+. as a user would.
    await goToLine(page, 5, 50);
    await openQuickFixMenu(page, 'Use https://');
    await screenshot('quick-fix-menu');
    await chooseMenuItem(page, 'Use https://');
    await page
      .locator(selectors.problemRow, { hasText: 'The UCanPay API is called over plain HTTP' })
      .first()
      .waitFor({ state: 'detached', timeout: 15_000 });
    // The other demo finding (a warning) is still listed: only the fixed one went away.
    assert.strictEqual(await page.locator(selectors.problemRow, { hasText: 'Plain HTTP request to warehouse.internal.shop' }).count(), 1);
    assert.match(await editorText(page), /baseURL: 'https:\/\/api\.ucanpay\.com\/v1'/);
    await screenshot('after-quick-fix');
  });

  it('sets an API key through the password box: it lands in the OS keychain and the status bar shows it', async () => {
    await runCommand(page, 'UCanPay: Set API Key');
    await page.waitForSelector(`${selectors.quickInputRow}[aria-label*="Sandbox"]`);
    await page.keyboard.type('Sandbox');
    await page.keyboard.press('Enter');
    await page.waitForSelector(`${selectors.quickInputBox}[type="password"]`);
    await page.keyboard.type(sandboxKey);
    await page.keyboard.press('Enter');
    await page.locator(selectors.notification, { hasText: `stored ucp_test_…${sandboxKey.slice(-4)} for sandbox` }).first().waitFor({ timeout: 15_000 });
    assert.strictEqual(keychainLookup('default/sandbox'), sandboxKey);
    await page.locator(selectors.statusBarItem, { hasText: 'UCanPay sandbox' }).first().waitFor();
    assert.ok(!(await page.locator(selectors.statusBarItem, { hasText: 'no key' }).count()));
    await screenshot('key-stored');
  });

  it('refuses a live key offered for the sandbox as it is pasted, and keeps the stored key', async () => {
    await runCommand(page, 'UCanPay: Set API Key');
    await page.waitForSelector(`${selectors.quickInputRow}[aria-label*="Sandbox"]`);
    await page.keyboard.type('Sandbox');
    await page.keyboard.press('Enter');
    await page.waitForSelector(`${selectors.quickInputBox}[type="password"]`);
    await page.keyboard.type(generateKey('live'));
    await page.locator(selectors.quickInputMessage, { hasText: 'This is a live key' }).waitFor();
    await screenshot('key-refused');
    await page.keyboard.press('Escape');
    assert.strictEqual(keychainLookup('default/sandbox'), sandboxKey);
  });

  it('rotates the key: the new one is checked against GET /account, then replaces the old one', async () => {
    await runCommand(page, 'UCanPay: Rotate API Key');
    await page.waitForSelector(`${selectors.quickInputBox}[type="password"]`);
    await page.keyboard.type(rotatedKey);
    await page.keyboard.press('Enter');
    await page.locator(selectors.notification, { hasText: `the sandbox key is now ucp_test_…${rotatedKey.slice(-4)}` }).first().waitFor({ timeout: 20_000 });
    assert.strictEqual(keychainLookup('default/sandbox'), rotatedKey);
    const checked = mock.requestsTo('good').find((request) => request.path === '/v1/account');
    assert.strictEqual(checked?.headers.authorization, `Bearer ${rotatedKey}`);
    await screenshot('key-rotated');
  });

  it('shows the key status masked, and removes the key after confirmation', async () => {
    await runCommand(page, 'UCanPay: Show Key Status');
    await page.locator(selectors.notification, { hasText: `sandbox: ucp_test_…${rotatedKey.slice(-4)}, 0 day(s) old, in the OS keychain` }).first().waitFor();
    await runCommand(page, 'UCanPay: Remove API Key');
    await page.locator(selectors.dialog, { hasText: `Remove the sandbox API key ucp_test_…${rotatedKey.slice(-4)}` }).waitFor();
    await screenshot('key-remove-confirm');
    await page.locator(selectors.dialogButton, { hasText: 'Remove' }).first().click();
    await page.locator(selectors.statusBarItem, { hasText: 'no key' }).first().waitFor();
    assert.strictEqual(keychainLookup('default/sandbox'), undefined);
  });

  it('switches to a new profile: the status bar shows it, with no key yet', async () => {
    await runCommand(page, 'UCanPay: Switch Profile');
    await page.waitForSelector(`${selectors.quickInputRow}[aria-label*="New profile"]`);
    await page.keyboard.type('New profile');
    await page.keyboard.press('Enter');
    await page.waitForSelector(selectors.quickInputBox);
    await page.keyboard.type('merchant-b');
    await page.keyboard.press('Enter');
    await page.locator(selectors.statusBarItem, { hasText: 'UCanPay sandbox · merchant-b: no key' }).first().waitFor({ timeout: 15_000 });
    await screenshot('profile-switched');
  });

  it('reminds to rotate a key older than the rotation age, once a day, with a warning in the status bar', async () => {
    // A key stored 120 days ago, written into the keychain from outside (as the CLI or an older
    // version would have left it), for the profile now in use.
    const oldKey = generateKey('sandbox');
    usedKeys.push(oldKey);
    const storedAt = new Date(Date.now() - 120 * 86_400_000).toISOString();
    keychainStore('merchant-b/sandbox', oldKey);
    keychainStore('merchant-b/sandbox#meta', JSON.stringify({ profile: 'merchant-b', environment: 'sandbox', last4: oldKey.slice(-4), storedAt }));
    keychainStore('#index', JSON.stringify(['merchant-b/sandbox']));
    await runCommand(page, 'Developer: Reload Window');
    await waitForWorkbench(page);
    await page.locator(selectors.notification, { hasText: `Your UCanPay sandbox API key (ucp_test_…${oldKey.slice(-4)}) is 120 days old` }).first().waitFor({ timeout: 30_000 });
    await page.locator(selectors.statusBarItem, { hasText: 'UCanPay sandbox · merchant-b' }).first().waitFor();
    await screenshot('rotation-reminder');
    // Once a day: a second start the same day does not nag.
    await runCommand(page, 'Developer: Reload Window');
    await waitForWorkbench(page);
    await page.locator(selectors.statusBarItem, { hasText: 'UCanPay sandbox · merchant-b' }).first().waitFor({ timeout: 30_000 });
    assert.strictEqual(await page.locator(selectors.notification, { hasText: 'is 120 days old' }).count(), 0);
  });

  it('left no key value in settings, storage, logs or the workspace', () => {
    assert.deepStrictEqual(findLeaks([runDir], [sandboxKey, rotatedKey, ...usedKeys]), []);
  });

  it('runs "UCanPay: Show Rule Documentation" from the command palette', async () => {
    await runCommand(page, 'UCanPay: Show Rule Documentation');
    await page.waitForSelector(`${selectors.quickInputRow}[aria-label*="plain-http-url"]`);
    await page.keyboard.type('plain-http-url');
    await page.keyboard.press('Enter');
    await page.locator(selectors.tab, { hasText: 'Preview plain-http-url.md' }).first().waitFor({ timeout: 30_000 });
    // The preview is a webview: the rendered page lives two iframes down.
    const heading = page.frameLocator(selectors.webviewFrame).frameLocator(selectors.webviewContent).locator('h1');
    await heading.waitFor({ timeout: 30_000 });
    assert.match(await heading.innerText(), /plain-http-url.*Plain HTTP URL used for an API call/);
    await screenshot('rule-documentation');
  });
});
