/**
 * Where secrets live: the OS keychain (keytar) or, where it is missing, VS Code's SecretStorage.
 * The store above it is the same either way.
 */
export interface SecretBackend {
  readonly kind: 'os-keychain' | 'vscode-secret-storage';
  /** For people: "the OS keychain (Secret Service)", "VS Code's secret storage". */
  readonly label: string;
  get(account: string): Promise<string | undefined>;
  set(account: string, value: string): Promise<void>;
  delete(account: string): Promise<boolean>;
}

/** The keychain service name every entry is stored under (what `secret-tool` shows as `service`). */
export const keychainService = 'UCanPay Secure';
