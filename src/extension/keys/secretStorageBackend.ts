import type * as vscode from 'vscode';
import type { SecretBackend } from '../../core/keys/secretBackend';

/**
 * VS Code's SecretStorage, for where no OS keychain answers (a remote host without a Secret
 * Service, VS Code in a browser). VS Code encrypts it with its own keychain access or, failing
 * that, keeps it in its encrypted state store; never in settings or plain files.
 */
export function secretStorageBackend(secrets: vscode.SecretStorage): SecretBackend {
  return {
    kind: 'vscode-secret-storage',
    label: "VS Code's secret storage",
    get: async (account) => (await secrets.get(`ucanpay:${account}`)) ?? undefined,
    set: (account, value) => Promise.resolve(secrets.store(`ucanpay:${account}`, value)),
    delete: async (account) => {
      const existed = (await secrets.get(`ucanpay:${account}`)) !== undefined;
      await secrets.delete(`ucanpay:${account}`);
      return existed;
    },
  };
}
