import * as vscode from 'vscode';
import { maskKey } from '../../../core/keys/keyFormat';
import { KeyFormatError } from '../../../core/keys/keyStore';
import type { KeyService } from '../../keys/keyService';
import { environmentFromArgs, inputKey, pickEnvironment } from './prompts';

export const setApiKeyCommand = 'ucanpay.setApiKey';

export async function setApiKey(keys: KeyService, log: vscode.LogOutputChannel, args?: unknown): Promise<void> {
  const profile = keys.profile;
  const environment = environmentFromArgs(args) ?? (await pickEnvironment(`UCanPay: Set API Key (profile ${profile})`));
  if (!environment) {
    return;
  }
  const key = await inputKey(`UCanPay: Set ${environment} API Key (profile ${profile})`, environment);
  if (key === undefined || key === '') {
    return;
  }
  const store = await keys.keyStore();
  try {
    await store.setKey(profile, environment, key);
  } catch (error) {
    if (error instanceof KeyFormatError) {
      void vscode.window.showErrorMessage(`UCanPay: ${error.message} Nothing was changed.`);
    } else {
      log.error(`Storing the ${environment} key for ${profile} failed: ${error instanceof Error ? error.message : String(error)}`);
      void vscode.window.showErrorMessage(`UCanPay: ${store.backend.label} refused to store the key. Nothing was changed. "UCanPay: Show Log" has the details.`);
    }
    return;
  }
  keys.fireChanged();
  // The live check is the user's choice: Test Connection calls GET /account with the new key.
  const check = 'Test Connection';
  const openTerminal = 'Open Terminal with Key';
  void vscode.window
    .showInformationMessage(`UCanPay: stored ${maskKey(key)} for ${environment} (profile ${profile}) in ${store.backend.label}.`, check, openTerminal)
    .then((choice) =>
      choice === check
        ? vscode.commands.executeCommand('ucanpay.testConnection', { environment })
        : choice === openTerminal
          ? vscode.commands.executeCommand('ucanpay.openKeyTerminal', { environment })
          : undefined,
    );
}
