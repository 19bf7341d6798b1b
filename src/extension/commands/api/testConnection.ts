import * as vscode from 'vscode';
import { testConnection as callTestConnection, type ConnectionTest } from '../../../core/api/calls';
import { resolveEnvironment } from '../../../core/api/environments';
import { renderConnectionTest, renderFailure } from '../../../core/report/httpsReport';
import { baseUrlSetting } from '../../api/apiSettings';
import type { ResultView } from '../../api/resultView';
import { optionsOrExplain, pickApiEnvironment, refuseIfUntrusted, runCall, type ApiCommandContext } from './callContext';

export const testConnectionCommand = 'ucanpay.testConnection';

/** What the command returns (for other commands and tests): a summary, never the key. */
export interface TestConnectionOutcome {
  readonly ok: boolean;
  readonly pingStatus?: number;
  readonly accountStatus?: number | 'skipped' | 'failed';
  readonly protocol?: string;
  readonly userMessage?: string;
  readonly view?: vscode.Uri;
}

/** GET /ping, then GET /account with the stored key; shows status, timing and the TLS facts. */
export async function testConnection(context: ApiCommandContext, view: ResultView, args?: unknown): Promise<TestConnectionOutcome | undefined> {
  if (refuseIfUntrusted()) {
    return undefined;
  }
  const environment = await pickApiEnvironment(context.keys, args, 'UCanPay: Test Connection');
  const options = environment && optionsOrExplain(context.log);
  if (!environment || !options) {
    return undefined;
  }
  const baseUrlOverride = baseUrlSetting(environment);
  const resolved = resolveEnvironment(environment, baseUrlOverride);
  const baseUrl = typeof resolved === 'string' ? baseUrlOverride ?? '' : resolved.baseUrl;
  const key = await (await context.keys.keyStore()).getKey(context.keys.profile, environment);
  const outcome = await runCall<ConnectionTest>(context.log, `UCanPay: Testing the ${environment} connection`, (token) =>
    callTestConnection({ environment, baseUrl: baseUrlOverride, key }, options, token),
  );
  if (!outcome.ok) {
    const uri = await view.show(`${environment}-connection`, renderFailure(environment, 'connection test', outcome.userMessage));
    return { ok: false, userMessage: outcome.userMessage, view: uri };
  }
  const result = outcome.value;
  context.log.info(
    `Test connection ${environment}: ping ${result.ping.status}, account ${result.account.status === 'ok' ? result.account.result.status : result.account.status}, ${result.ping.tls.protocol}, ${result.ping.timings.totalMs} ms`,
  );
  const uri = await view.show(`${environment}-connection`, renderConnectionTest(environment, baseUrl, result));
  if (result.account.status === 'failed') {
    void vscode.window.showWarningMessage(`UCanPay: the API answers, but GET /account failed: ${result.account.error.userMessage}`);
  }
  return {
    ok: result.account.status !== 'failed',
    pingStatus: result.ping.status,
    accountStatus: result.account.status === 'ok' ? result.account.result.status : result.account.status,
    protocol: result.ping.tls.protocol,
    view: uri,
  };
}
