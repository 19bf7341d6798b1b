import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from '../harness/browser';
import { installExtension, provisionCodeServer, startCodeServer, type CodeServer } from '../harness/codeServer';
import { copyDir, freshDir, repoRoot, resultsDir } from '../harness/paths';
import { chooseMenuItem, editorText, goToLine, openFile, openQuickFixMenu, runCommand, selectors, waitForWorkbench } from './workbench';

/**
 * The packaged .vsix, installed into code-server the way a user installs it, driven through the
 * workbench in headless Chromium. Screenshots go to test-results/ (git-ignored).
 */
describe('UI end to end (packaged extension in code-server)', function () {
  let server: CodeServer;
  let browser: Browser;
  let page: Page;
  let workspace: string;

  async function screenshot(name: string): Promise<void> {
    fs.mkdirSync(resultsDir, { recursive: true });
    await page.screenshot({ path: path.join(resultsDir, `e2e-${name}.png`) });
  }

  before(async function () {
    const vsix = process.env.UCANPAY_VSIX;
    assert.ok(vsix && fs.existsSync(vsix), 'UCANPAY_VSIX must name the packaged extension');
    const bin = provisionCodeServer();
    const runDir = freshDir('e2e');
    workspace = path.join(runDir, 'workspace');
    copyDir(path.join(repoRoot, 'demo'), workspace);
    installExtension(bin, runDir, path.join(runDir, 'exts'), vsix);
    server = await startCodeServer(bin, { runDir });
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.goto(`${server.url}/?folder=${encodeURIComponent(workspace)}`);
    await waitForWorkbench(page);
  });

  after(async function () {
    if (this.currentTest?.state === 'failed' && page) {
      await screenshot('failure').catch(() => undefined);
    }
    await browser?.close();
    await server?.stop();
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
