import * as vscode from 'vscode';
import { environments, type Environment } from '../../../core/keys/keyFormat';
import type { KeyService } from '../../keys/keyService';
import { environmentFromArgs, pickEnvironment } from './prompts';

export const removeApiKeyCommand = 'ucanpay.removeApiKey';

export async function removeApiKey(keys: KeyService, args?: unknown): Promise<void> {
  const profile = keys.profile;
  const store = await keys.keyStore();
  const stored: Environment[] = [];
  for (const environment of environments) {
    if (await store.status(profile, environment)) {
      stored.push(environment);
    }
  }
  if (stored.length === 0) {
    void vscode.window.showInformationMessage(`UCanPay: no API key is stored for profile ${profile}.`);
    return;
  }
  const requested = environmentFromArgs(args);
  const environment = requested && stored.includes(requested) ? requested : await pickEnvironment(`UCanPay: Remove API Key (profile ${profile})`, stored);
  const status = environment && (await store.status(profile, environment));
  if (!environment || !status) {
    return;
  }
  const remove = 'Remove';
  const choice = await vscode.window.showWarningMessage(
    `Remove the ${environment} API key ${status.masked} (profile ${profile}) from ${store.backend.label}?`,
    { modal: true, detail: 'Code that reads UCANPAY_API_KEY from a UCanPay terminal will stop working until you set a key again.' },
    remove,
  );
  if (choice !== remove) {
    return;
  }
  await store.removeKey(profile, environment);
  keys.fireChanged();
  void vscode.window.showInformationMessage(`UCanPay: removed the ${environment} key ${status.masked} (profile ${profile}).`);
}
