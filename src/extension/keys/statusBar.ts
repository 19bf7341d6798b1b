import * as vscode from 'vscode';
import type { KeyService } from './keyService';
import { readKeySettings } from '../settings';

/**
 * One status bar item: environment, profile and key state at a glance; a warning colour when
 * the key is older than the rotation age. Clicking shows the key status.
 */
export class KeyStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('ucanpay.keyStatus', vscode.StatusBarAlignment.Left, 10);
  private readonly disposables: vscode.Disposable[] = [this.item];

  constructor(private readonly keys: KeyService) {
    this.item.name = 'UCanPay API Key';
    this.item.command = 'ucanpay.showKeyStatus';
    this.disposables.push(
      keys.onDidChange(() => void this.refresh()),
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (event.affectsConfiguration('ucanpay.profile') || event.affectsConfiguration('ucanpay.environment') || event.affectsConfiguration('ucanpay.keyRotation')) {
          void this.refresh();
        }
      }),
    );
  }

  async refresh(): Promise<void> {
    const environment = this.keys.environment;
    const profile = this.keys.profile;
    const status = await this.keys.status(environment);
    const where = profile === 'default' ? environment : `${environment} · ${profile}`;
    const tooltip = new vscode.MarkdownString(undefined, true);
    if (!status) {
      this.item.text = `$(key) UCanPay ${where}: no key`;
      this.item.backgroundColor = undefined;
      tooltip.appendMarkdown(`No ${environment} API key for profile **${profile}**. Run *UCanPay: Set API Key*.`);
    } else {
      const old = status.ageDays > readKeySettings().maxAgeDays;
      this.item.text = `$(${old ? 'warning' : 'key'}) UCanPay ${where}`;
      this.item.backgroundColor = old ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
      tooltip.appendMarkdown(
        `**${environment}** key for profile **${profile}**: \`${status.masked}\`  \n${status.ageDays} day(s) old${old ? ' — time to rotate it' : ''}  \nStored in ${status.store}`,
      );
    }
    this.item.tooltip = tooltip;
    this.item.show();
  }

  dispose(): void {
    for (const disposable of this.disposables) {
      disposable.dispose();
    }
  }
}
