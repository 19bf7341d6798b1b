import * as vscode from 'vscode';
import { environments } from '../../../core/keys/keyFormat';
import type { KeyService } from '../../keys/keyService';
import { readKeySettings } from '../../settings';

export const showKeyStatusCommand = 'ucanpay.showKeyStatus';

/** Masked key, age and store for each environment of the current profile. */
export async function showKeyStatus(keys: KeyService): Promise<void> {
  const profile = keys.profile;
  const { maxAgeDays } = readKeySettings();
  const lines: string[] = [];
  let any = false;
  for (const environment of environments) {
    const status = await keys.status(environment);
    any ||= status !== undefined;
    lines.push(
      status
        ? `${environment}: ${status.masked}, ${status.ageDays} day(s) old${status.ageDays > maxAgeDays ? ' (rotate it)' : ''}, in ${status.store}`
        : `${environment}: no key`,
    );
  }
  const actions = any ? ['Rotate API Key', 'Open Terminal with Key'] : ['Set API Key'];
  const choice = await vscode.window.showInformationMessage(`UCanPay keys (profile ${profile}) — ${lines.join(' · ')}`, ...actions);
  const commands: Record<string, string> = {
    'Rotate API Key': 'ucanpay.rotateApiKey',
    'Open Terminal with Key': 'ucanpay.openKeyTerminal',
    'Set API Key': 'ucanpay.setApiKey',
  };
  if (choice) {
    await vscode.commands.executeCommand(commands[choice]);
  }
}
