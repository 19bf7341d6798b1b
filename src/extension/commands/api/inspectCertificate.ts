import type * as vscode from 'vscode';
import { resolveEnvironment } from '../../../core/api/environments';
import { inspectTls, type TlsInspection } from '../../../core/https';
import { renderFailure, renderInspection } from '../../../core/report/httpsReport';
import { baseUrlSetting } from '../../api/apiSettings';
import type { ResultView } from '../../api/resultView';
import { optionsOrExplain, pickApiEnvironment, refuseIfUntrusted, runCall, type ApiCommandContext } from './callContext';

export const inspectCertificateCommand = 'ucanpay.inspectCertificate';

/** The full TLS report of an environment's host: handshake and validation only, no request. */
export async function inspectCertificate(context: ApiCommandContext, view: ResultView, args?: unknown): Promise<{ ok: boolean; daysToExpiry?: number; view?: vscode.Uri } | undefined> {
  if (refuseIfUntrusted()) {
    return undefined;
  }
  const environment = await pickApiEnvironment(context.keys, args, 'UCanPay: Inspect TLS Certificate');
  const options = environment && optionsOrExplain(context.log);
  if (!environment || !options) {
    return undefined;
  }
  const resolved = resolveEnvironment(environment, baseUrlSetting(environment));
  if (typeof resolved === 'string') {
    return { ok: false, view: await view.show(`${environment}-certificate`, renderFailure(environment, 'TLS certificate', resolved)) };
  }
  const outcome = await runCall<TlsInspection>(context.log, `UCanPay: Inspecting the ${environment} certificate`, (token) => inspectTls(resolved.baseUrl, options, token));
  if (!outcome.ok) {
    return { ok: false, view: await view.show(`${environment}-certificate`, renderFailure(environment, 'TLS certificate', outcome.userMessage)) };
  }
  return { ok: true, daysToExpiry: outcome.value.tls.daysToExpiry, view: await view.show(`${environment}-certificate`, renderInspection(environment, outcome.value)) };
}
