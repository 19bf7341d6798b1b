import * as vscode from 'vscode';
import type { EnvironmentId } from '../../../core/api/environments';
import { isEnvironmentId } from '../../../core/api/environments';
import { CancelledError } from '../../../core/cancellation';
import { describeError, type HttpsCallOptions } from '../../../core/https';
import { callOptions } from '../../api/apiSettings';
import type { KeyService } from '../../keys/keyService';

/** What a test-call command needs from the rest of the extension. */
export interface ApiCommandContext {
  readonly keys: KeyService;
  readonly log: vscode.LogOutputChannel;
}

/** Test calls send the user's key: never from a workspace the user has not trusted. */
export function refuseIfUntrusted(): boolean {
  if (vscode.workspace.isTrusted) {
    return false;
  }
  void vscode.window.showWarningMessage(
    'UCanPay: test calls are off in Restricted Mode, so a repository you have not trusted cannot make VS Code send your API key. Trust the workspace to use them.',
  );
  return true;
}

export async function pickApiEnvironment(keys: KeyService, args: unknown, title: string): Promise<EnvironmentId | undefined> {
  const given = (args as { environment?: unknown } | undefined)?.environment;
  if (isEnvironmentId(given)) {
    return given;
  }
  const current = keys.environment;
  const picked = await vscode.window.showQuickPick(
    [
      { label: 'Sandbox', description: current === 'sandbox' ? 'current' : undefined, id: 'sandbox' as const },
      { label: 'Live', description: current === 'live' ? 'current · read-only calls unless you confirm' : 'read-only calls unless you confirm', id: 'live' as const },
    ],
    { title, placeHolder: 'Which environment?' },
  );
  return picked?.id;
}

/** Client options from settings, or undefined after telling the user what to fix. */
export function optionsOrExplain(log: vscode.LogOutputChannel): HttpsCallOptions | undefined {
  try {
    return callOptions();
  } catch (error) {
    const { userMessage, detail } = describeError(error);
    const message = error instanceof Error && !userMessage.startsWith('The call failed unexpectedly') ? userMessage : error instanceof Error ? error.message : String(error);
    log.error(`Test call settings: ${detail}`);
    void vscode.window.showErrorMessage(`UCanPay: ${message}`, 'Open Settings').then((choice) =>
      choice ? vscode.commands.executeCommand('workbench.action.openSettings', 'ucanpay.tls') : undefined,
    );
    return undefined;
  }
}

/**
 * Runs a call under a cancellable progress notification. A failure shows the client's generic,
 * actionable message and logs the redacted detail; cancellation is quiet.
 */
export async function runCall<T>(
  log: vscode.LogOutputChannel,
  title: string,
  call: (token: vscode.CancellationToken) => Promise<T>,
): Promise<{ ok: true; value: T } | { ok: false; userMessage: string }> {
  try {
    const value = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, (_progress, token) => call(token));
    return { ok: true, value };
  } catch (error) {
    const { userMessage, detail } = describeError(error);
    if (error instanceof CancelledError) {
      log.info(`${title}: cancelled`);
    } else {
      log.error(`${title}: ${detail}`);
      void vscode.window.showErrorMessage(`UCanPay: ${userMessage}`);
    }
    return { ok: false, userMessage };
  }
}
