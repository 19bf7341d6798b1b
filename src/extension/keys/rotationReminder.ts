import * as vscode from 'vscode';
import { environments } from '../../core/keys/keyFormat';
import type { KeyService } from './keyService';
import { readKeySettings } from '../settings';

const lastReminderKey = 'ucanpay.rotationReminder.lastShown';

/**
 * Past `ucanpay.keyRotation.maxAgeDays`, offers to rotate — at most once a day, and "Remind Me
 * Tomorrow" is the snooze.
 */
export async function remindToRotate(context: vscode.ExtensionContext, keys: KeyService): Promise<void> {
  const today = new Date().toISOString().slice(0, 10);
  if (context.globalState.get<string>(lastReminderKey) === today) {
    return;
  }
  const { maxAgeDays } = readKeySettings();
  for (const environment of environments) {
    const status = await keys.status(environment);
    if (!status || status.ageDays <= maxAgeDays) {
      continue;
    }
    await context.globalState.update(lastReminderKey, today);
    const rotate = 'Rotate Now';
    const choice = await vscode.window.showWarningMessage(
      `Your UCanPay ${environment} API key (${status.masked}) is ${status.ageDays} days old. Regenerate it in the UCanPay dashboard and rotate it here.`,
      rotate,
      'Remind Me Tomorrow',
    );
    if (choice === rotate) {
      await vscode.commands.executeCommand('ucanpay.rotateApiKey', { environment });
    }
    return;
  }
}
