import { keychainService, type SecretBackend } from './secretBackend';

interface Keytar {
  getPassword(service: string, account: string): Promise<string | null>;
  setPassword(service: string, account: string, password: string): Promise<void>;
  deletePassword(service: string, account: string): Promise<boolean>;
  findCredentials(service: string): Promise<Array<{ account: string; password: string }>>;
}

export type KeytarOpenResult = { readonly backend: SecretBackend } | { readonly unavailable: string };

const probeTimeoutMs = 5000;

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${what} did not answer within ${ms / 1000} s`)), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}

/**
 * Opens the OS keychain through keytar (a native module shipped beside the bundle), and checks
 * that a keychain actually answers: keytar loads fine on a machine with no Secret Service and
 * only fails on first use ("Cannot autolaunch D-Bus without X11 $DISPLAY").
 */
// keytar is a native addon, external to the bundle and loaded on first use only.
// eslint-disable-next-line @typescript-eslint/no-require-imports
export async function openKeytarBackend(load: () => unknown = () => require('keytar')): Promise<KeytarOpenResult> {
  let keytar: Keytar;
  try {
    keytar = load() as Keytar;
  } catch (error) {
    return { unavailable: `the keytar module could not load (${error instanceof Error ? error.message.split('\n')[0] : String(error)})` };
  }
  try {
    // findCredentials returns passwords too; only whether it answers matters here.
    await withTimeout(keytar.findCredentials(keychainService), probeTimeoutMs, 'The OS keychain');
  } catch (error) {
    return { unavailable: `the OS keychain did not answer (${error instanceof Error ? error.message.split('\n')[0] : String(error)})` };
  }
  return {
    backend: {
      kind: 'os-keychain',
      label: process.platform === 'darwin' ? 'the macOS Keychain' : process.platform === 'win32' ? 'the Windows Credential Manager' : 'the OS keychain (Secret Service)',
      get: async (account) => (await keytar.getPassword(keychainService, account)) ?? undefined,
      set: (account, value) => keytar.setPassword(keychainService, account, value),
      delete: (account) => keytar.deletePassword(keychainService, account),
    },
  };
}
