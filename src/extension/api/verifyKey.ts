import * as vscode from 'vscode';
import { getAccount } from '../../core/api/calls';
import type { EnvironmentId } from '../../core/api/environments';
import { describeError, HttpStatusError } from '../../core/https';
import { baseUrlSetting, callOptions } from './apiSettings';

/**
 * A new key's live check before it replaces the old one: `GET /account` over the validated
 * client. A 401/403 means the key is wrong, and the rotation stops. Where the API cannot be
 * reached at all (a firewall, no network), the user decides whether to store the key unverified.
 */
export function verifyKeyWithAccount(log: vscode.LogOutputChannel): (environment: EnvironmentId, key: string) => Promise<void> {
  return async (environment, key) => {
    if (!vscode.workspace.isTrusted) {
      // Never send a key from a workspace the user has not trusted.
      throw new Error('The new key was not checked against the API in Restricted Mode.');
    }
    const source = new vscode.CancellationTokenSource();
    try {
      await getAccount({ environment, baseUrl: baseUrlSetting(environment), key }, callOptions(), source.token);
    } catch (error) {
      const { userMessage, detail } = describeError(error);
      log.warn(`Verifying the new ${environment} key with GET /account: ${detail}`);
      if (error instanceof HttpStatusError && (error.status === 401 || error.status === 403)) {
        throw new Error(`UCanPay refused the new key (${error.status}). Check that you copied the new ${environment} key.`);
      }
      const store = 'Store Unverified';
      const choice = await vscode.window.showWarningMessage(
        `The new key could not be checked: ${userMessage}`,
        { modal: true, detail: 'Store it anyway? The old key is replaced only if you do.' },
        store,
      );
      if (choice !== store) {
        throw new Error('Rotation cancelled: the new key was not verified.');
      }
    } finally {
      source.dispose();
    }
  };
}
