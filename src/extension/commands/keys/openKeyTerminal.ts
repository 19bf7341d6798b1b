import * as vscode from 'vscode';
import type { KeyService } from '../../keys/keyService';
import { environmentFromArgs } from './prompts';

export const openKeyTerminalCommand = 'ucanpay.openKeyTerminal';

/**
 * A terminal whose environment carries UCANPAY_API_KEY, UCANPAY_ENV and UCANPAY_PROFILE, so the
 * user's own code reads process.env and no .env file is needed. The key is given only to this
 * terminal's process: not through an environment variable collection (which VS Code persists),
 * and the terminal is transient (not restored, with its environment, after a reload).
 */
export async function openKeyTerminal(keys: KeyService, args?: unknown): Promise<vscode.Terminal | undefined> {
  const environment = environmentFromArgs(args) ?? keys.environment;
  const profile = keys.profile;
  const key = await (await keys.keyStore()).getKey(profile, environment);
  if (!key) {
    const set = 'Set API Key';
    const choice = await vscode.window.showWarningMessage(`UCanPay: no ${environment} API key is stored for profile ${profile}.`, set);
    if (choice === set) {
      await vscode.commands.executeCommand('ucanpay.setApiKey', { environment });
    }
    return undefined;
  }
  const terminal = vscode.window.createTerminal({
    name: `UCanPay ${environment}${profile === 'default' ? '' : ` (${profile})`}`,
    env: { UCANPAY_API_KEY: key, UCANPAY_ENV: environment, UCANPAY_PROFILE: profile },
    isTransient: true,
    iconPath: new vscode.ThemeIcon('key'),
  });
  terminal.show();
  return terminal;
}
