import * as assert from 'assert';
import * as vscode from 'vscode';

describe('commands', () => {
  it('contributes every command under the UCanPay category, and each is registered', async () => {
    const extension = vscode.extensions.getExtension('ucanpay.ucanpay-secure');
    assert.ok(extension);
    await extension.activate();
    const contributed = (extension.packageJSON.contributes.commands as Array<{ command: string; category: string }>);
    const registered = new Set(await vscode.commands.getCommands(true));
    for (const { command, category } of contributed) {
      assert.strictEqual(category, 'UCanPay', command);
      assert.ok(registered.has(command), `${command} is registered`);
    }
  });

  it('Show Rule Documentation opens the rule page in the Markdown preview', async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    const opened = new Promise<void>((resolve) => {
      const subscription = vscode.window.tabGroups.onDidChangeTabs(() => {
        if (vscode.window.tabGroups.all.some((group) => group.tabs.some((tab) => tab.label.includes('plain-http-url')))) {
          subscription.dispose();
          resolve();
        }
      });
    });
    await vscode.commands.executeCommand('ucanpay.showRuleDocumentation', 'plain-http-url');
    await opened;
    const page = await vscode.workspace.openTextDocument(vscode.Uri.parse('ucanpay-rule:/plain-http-url.md'));
    assert.match(page.getText(), /^# `plain-http-url` — Plain HTTP URL used for an API call/);
    assert.match(page.getText(), /PCI DSS v4\.0: Req\. 4\.2\.1/);
  });
});
