import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import type { Browser, Page } from 'playwright-core';
import { installExtension, provisionCodeServer, startCodeServer, type CodeServer } from '../harness/codeServer';
import { findLeaks } from '../harness/leakScan';
import { copyDir, freshDir, repoRoot, resultsDir } from '../harness/paths';
import { generateKey } from '../unit/keys/generate';
import { openWorkbench, runCommand, selectors } from './workbench';

/**
 * VS Code on a machine where no OS keychain answers (no D-Bus session, as on many remote hosts):
 * the extension falls back to VS Code's SecretStorage, says so once, and still keeps the key out
 * of every file a leak scan can read.
 */
describe('UI end to end without an OS keychain (SecretStorage fallback)', function () {
  let server: CodeServer;
  let browser: Browser;
  let page: Page;
  let runDir: string;
  const key = generateKey('sandbox');

  before(async function () {
    const vsix = process.env.UCANPAY_VSIX;
    assert.ok(vsix && fs.existsSync(vsix), 'UCANPAY_VSIX must name the packaged extension');
    const bin = provisionCodeServer();
    runDir = freshDir('e2e-no-keychain');
    const workspace = path.join(runDir, 'workspace');
    copyDir(path.join(repoRoot, 'demo'), workspace);
    installExtension(bin, runDir, path.join(runDir, 'exts'), vsix);
    server = await startCodeServer(bin, { runDir, unsetEnv: ['DBUS_SESSION_BUS_ADDRESS', 'DISPLAY'] });
    ({ browser, page } = await openWorkbench(server.url, workspace));
  });

  after(async function () {
    if (this.currentTest?.state === 'failed' && page) {
      fs.mkdirSync(resultsDir, { recursive: true });
      await page.screenshot({ path: path.join(resultsDir, 'e2e-no-keychain-failure.png') }).catch(() => undefined);
    }
    await browser?.close();
    await server?.stop();
  });

  it('stores the key in VS Code\'s secret storage, and says so', async () => {
    await runCommand(page, 'UCanPay: Set API Key');
    await page.waitForSelector(`${selectors.quickInputRow}[aria-label*="Sandbox"]`);
    await page.keyboard.type('Sandbox');
    await page.keyboard.press('Enter');
    await page.waitForSelector(`${selectors.quickInputBox}[type="password"]`);
    await page.keyboard.type(key);
    await page.keyboard.press('Enter');
    await page.locator(selectors.notification, { hasText: "keeps your API keys in VS Code's secret storage on this machine" }).first().waitFor({ timeout: 20_000 });
    await page.locator(selectors.notification, { hasText: `stored ucp_test_…${key.slice(-4)} for sandbox (profile default) in VS Code's secret storage` }).first().waitFor();
    await runCommand(page, 'UCanPay: Show Key Status');
    await page.locator(selectors.notification, { hasText: `sandbox: ucp_test_…${key.slice(-4)}, 0 day(s) old, in VS Code's secret storage` }).first().waitFor();
    fs.mkdirSync(resultsDir, { recursive: true });
    await page.screenshot({ path: path.join(resultsDir, 'e2e-no-keychain.png') });
  });

  it('left no key value in any file of that VS Code (settings, storage, logs, workspace)', () => {
    assert.deepStrictEqual(findLeaks([runDir], [key]), []);
  });
});
