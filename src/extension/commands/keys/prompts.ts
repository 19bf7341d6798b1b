import * as vscode from 'vscode';
import { checkKey, environments, isEnvironment, keyPrefixes, type Environment } from '../../../core/keys/keyFormat';

/** Arguments a command may be given (from another command or a notification button). */
export interface KeyCommandArgs {
  readonly environment?: Environment;
}

export function environmentFromArgs(args: unknown): Environment | undefined {
  const environment = (args as KeyCommandArgs | undefined)?.environment;
  return isEnvironment(environment) ? environment : undefined;
}

export async function pickEnvironment(title: string, only?: readonly Environment[]): Promise<Environment | undefined> {
  const choices = (only ?? environments).map((environment) => ({
    label: environment === 'sandbox' ? 'Sandbox' : 'Live',
    description: `${keyPrefixes[environment]}…`,
    detail: environment === 'sandbox' ? 'Test payments; no money moves.' : 'Real payments. Keep this key especially safe.',
    environment,
  }));
  if (choices.length === 1) {
    return choices[0].environment;
  }
  return (await vscode.window.showQuickPick(choices, { title, placeHolder: 'Which environment?', ignoreFocusOut: true }))?.environment;
}

/**
 * A password input (never echoed, never kept in the input history) that checks the key's
 * format as it is typed or pasted. Undefined when the user cancels.
 */
export async function inputKey(title: string, environment: Environment, extraCheck?: (key: string) => string | undefined): Promise<string | undefined> {
  return vscode.window.showInputBox({
    title,
    prompt: `Paste the ${environment} API key from the UCanPay dashboard (${keyPrefixes[environment]}…). It goes straight to the keychain.`,
    password: true,
    ignoreFocusOut: true,
    validateInput: (value) => {
      if (value.length === 0) {
        return undefined;
      }
      const checked = checkKey(environment, value);
      return checked.ok ? extraCheck?.(checked.key) : checked.message;
    },
  });
}
