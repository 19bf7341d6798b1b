import * as vscode from 'vscode';
import { environments, maskKey, type Environment } from '../../../core/keys/keyFormat';
import { KeyFormatError } from '../../../core/keys/keyStore';
import type { KeyService } from '../../keys/keyService';
import { environmentFromArgs, inputKey, pickEnvironment } from './prompts';

export const rotateApiKeyCommand = 'ucanpay.rotateApiKey';

/**
 * Guided rotation: the new key is checked (format, differs from the old), verified when a
 * verifier is given (a live GET /account), then replaces the old one; the date is recorded.
 */
export async function rotateApiKey(keys: KeyService, log: vscode.LogOutputChannel, verify?: (environment: 'sandbox' | 'live', key: string) => Promise<void>, args?: unknown): Promise<void> {
  const profile = keys.profile;
  const store = await keys.keyStore();
  const stored: Environment[] = [];
  for (const environment of environments) {
    if (await store.status(profile, environment)) {
      stored.push(environment);
    }
  }
  if (stored.length === 0) {
    const set = 'Set API Key';
    const choice = await vscode.window.showInformationMessage(`UCanPay: there is no key to rotate for profile ${profile}.`, set);
    if (choice === set) {
      await vscode.commands.executeCommand('ucanpay.setApiKey');
    }
    return;
  }
  const requested = environmentFromArgs(args);
  const environment = requested && stored.includes(requested) ? requested : await pickEnvironment(`UCanPay: Rotate API Key (profile ${profile})`, stored);
  if (!environment) {
    return;
  }
  const old = await store.status(profile, environment);
  const key = await inputKey(`UCanPay: Rotate ${environment} API Key — step 1 of 2: the new key`, environment, (candidate) =>
    old && candidate.slice(-4) === old.last4 ? 'That looks like the key already stored. Generate a new key in the UCanPay dashboard first.' : undefined,
  );
  if (key === undefined || key === '') {
    return;
  }
  try {
    await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `UCanPay: Rotating the ${environment} key — step 2 of 2: verifying the new key` },
      () => store.rotateKey(profile, environment, key, verify ? (candidate) => verify(environment, candidate) : undefined),
    );
  } catch (error) {
    if (error instanceof KeyFormatError) {
      void vscode.window.showErrorMessage(`UCanPay: ${error.message} The old key is still in place.`);
    } else {
      log.error(`Rotating the ${environment} key failed: ${error instanceof Error ? error.message : String(error)}`);
      const reason = error instanceof Error ? error.message : 'the new key could not be verified or stored.';
      void vscode.window.showErrorMessage(`UCanPay: ${reason} The old key is still in place.`);
    }
    return;
  }
  keys.fireChanged();
  void vscode.window.showInformationMessage(
    `UCanPay: the ${environment} key is now ${maskKey(key)}${old ? `, replacing ${old.masked}` : ''}. Revoke the old key in the UCanPay dashboard.`,
  );
}
