import type { Browser, Locator, Page } from 'playwright-core';
import { launchBrowser } from '../harness/browser';

/**
 * The workbench's CSS selectors are internal to VS Code and change between releases: they are
 * kept here, in one place, for the UI tests.
 */
export const selectors = {
  workbench: '.monaco-workbench',
  explorerRow: '.explorer-folders-view .monaco-list-row',
  quickInput: '.quick-input-widget',
  quickInputBox: '.quick-input-widget .quick-input-box input',
  quickInputRow: '.quick-input-widget .monaco-list-row',
  activeTab: '.tabs-container .tab.active',
  tab: '.tabs-container .tab',
  editorLines: '.monaco-editor .view-lines',
  problemsPanel: '.markers-panel',
  problemRow: '.markers-panel .monaco-list-row',
  actionWidget: '.action-widget',
  webviewFrame: 'iframe.webview.ready',
  notification: '.notifications-toasts .notification-toast',
  statusBarItem: '.statusbar-item',
  quickInputMessage: '.quick-input-widget .quick-input-message',
  dialog: '.monaco-dialog-box',
  dialogButton: '.monaco-dialog-box .monaco-button',
  webviewContent: 'iframe#active-frame',
  actionWidgetItem: '.action-widget .monaco-list-row.action',
  actionWidgetFocused: '.action-widget .monaco-list-row.action.focused',
} as const;

export async function waitForWorkbench(page: Page): Promise<void> {
  await page.waitForSelector(selectors.workbench, { timeout: 60_000 });
  await page.waitForSelector(selectors.explorerRow, { timeout: 60_000 });
}

/** A headless Chromium with code-server's workbench open on `workspace`, ready for commands. */
export async function openWorkbench(serverUrl: string, workspace: string): Promise<{ browser: Browser; page: Page }> {
  const browser = await launchBrowser();
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  await page.goto(`${serverUrl}/?folder=${encodeURIComponent(workspace)}`);
  await waitForWorkbench(page);
  return { browser, page };
}

/**
 * Presses `key` (F1, Ctrl+P, Ctrl+G) until the quick input opens. A key pressed while focus is in
 * a webview or a notification, or while the workbench is still restoring, opens nothing; a user
 * would press it again, after Escape.
 */
async function openQuickInput(page: Page, key: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    await page.keyboard.press(key);
    try {
      await page.waitForSelector(selectors.quickInputBox, { timeout: attempt < 3 ? 5_000 : 30_000 });
      return;
    } catch (error) {
      if (attempt >= 3) throw error;
      await page.keyboard.press('Escape');
    }
  }
}

/** Quick Open (Ctrl+P) a file by name. */
export async function openFile(page: Page, name: string): Promise<void> {
  await openQuickInput(page, 'Control+P');
  await page.keyboard.type(name);
  await page.waitForSelector(`${selectors.quickInputRow}[aria-label*="${name}"]`);
  await page.keyboard.press('Enter');
  await page.waitForSelector(`${selectors.activeTab}[aria-label*="${name}"]`);
}

/** F1, the command's title, Enter: how a user runs a command from the palette. */
export async function runCommand(page: Page, title: string): Promise<void> {
  await openQuickInput(page, 'F1');
  await page.keyboard.type(title);
  await page.waitForSelector(`${selectors.quickInputRow}[aria-label*="${title}"]`);
  await page.keyboard.press('Enter');
}

/** The visible text of the active editor (Monaco renders spaces as no-break spaces). */
export async function editorText(page: Page): Promise<string> {
  return (await page.locator(selectors.editorLines).first().innerText()).replace(/\u00a0/g, ' ');
}

/** Ctrl+G to a 1-based line and column of the active editor. */
export async function goToLine(page: Page, line: number, column: number): Promise<void> {
  await openQuickInput(page, 'Control+G');
  await page.keyboard.type(`${line}:${column}`);
  await page.keyboard.press('Enter');
  await page.waitForSelector(selectors.quickInput, { state: 'hidden' });
}

/**
 * Ctrl+. until the quick-fix menu lists `title`. VS Code waits for every provider, and the
 * TypeScript server answers only once it has analysed the project, so the first menus of a fresh
 * workbench can come up empty; a user would press Ctrl+. again too.
 */
export async function openQuickFixMenu(page: Page, title: string, attempts = 10): Promise<Locator> {
  const item = page.locator(selectors.actionWidgetItem, { hasText: title }).first();
  for (let attempt = 1; ; attempt++) {
    await page.keyboard.press('Control+.');
    try {
      await item.waitFor({ timeout: 5_000 });
      return item;
    } catch (error) {
      if (attempt >= attempts) {
        throw error;
      }
      await page.keyboard.press('Escape');
    }
  }
}

/**
 * Chooses an item of the open quick-fix menu with the keyboard (the menu's pointer shield eats
 * synthetic clicks): arrow down to it, then Enter.
 */
export async function chooseMenuItem(page: Page, title: string): Promise<void> {
  const count = await page.locator(selectors.actionWidgetItem).count();
  for (let i = 0; i <= count; i++) {
    const focused = await page.locator(selectors.actionWidgetFocused).first().innerText().catch(() => '');
    if (focused.includes(title)) {
      await page.keyboard.press('Enter');
      await page.waitForSelector(selectors.actionWidget, { state: 'hidden' });
      return;
    }
    await page.keyboard.press('ArrowDown');
  }
  throw new Error(`"${title}" is not in the menu`);
}
