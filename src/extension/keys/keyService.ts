import * as vscode from 'vscode';
import { isEnvironment, type Environment } from '../../core/keys/keyFormat';
import { openKeytarBackend } from '../../core/keys/keytarBackend';
import { defaultProfile, KeyStore, type KeyStatus } from '../../core/keys/keyStore';
import { secretStorageBackend } from './secretStorageBackend';

const noticeKey = 'ucanpay.keyStoreNotice';

/**
 * The extension's access to API keys: opens the OS keychain on first use (falling back to VS
 * Code's SecretStorage, and saying so once), knows the current profile and environment from
 * settings, and tells listeners when a key changes.
 */
export class KeyService implements vscode.Disposable {
  private store: Promise<KeyStore> | undefined;
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  keyStore(): Promise<KeyStore> {
    this.store ??= this.open();
    return this.store;
  }

  private async open(): Promise<KeyStore> {
    const opened = await openKeytarBackend();
    if ('backend' in opened) {
      this.log.info(`API keys are kept in ${opened.backend.label}.`);
      return new KeyStore(opened.backend);
    }
    this.log.warn(`The OS keychain is not available: ${opened.unavailable}. Using VS Code's secret storage.`);
    const backend = secretStorageBackend(this.context.secrets);
    if (this.context.globalState.get(noticeKey) !== backend.kind) {
      await this.context.globalState.update(noticeKey, backend.kind);
      void vscode.window.showInformationMessage(
        "UCanPay keeps your API keys in VS Code's secret storage on this machine, because no OS keychain is available here. They are never written to settings or files.",
      );
    }
    return new KeyStore(backend);
  }

  get profile(): string {
    return vscode.workspace.getConfiguration('ucanpay').get<string>('profile') || defaultProfile;
  }

  get environment(): Environment {
    const value = vscode.workspace.getConfiguration('ucanpay').get<string>('environment');
    return isEnvironment(value) ? value : 'sandbox';
  }

  async status(environment: Environment = this.environment): Promise<KeyStatus | undefined> {
    return (await this.keyStore()).status(this.profile, environment);
  }

  fireChanged(): void {
    this.changed.fire();
  }

  dispose(): void {
    this.changed.dispose();
  }
}
