import * as vscode from 'vscode';
import { callEndpoint } from '../../../core/api/calls';
import type { Endpoint } from '../../../core/api/endpoints';
import type { HttpsResult } from '../../../core/https';
import { renderFailure, renderResponse } from '../../../core/report/httpsReport';
import { baseUrlSetting, endpointCatalogue } from '../../api/apiSettings';
import type { ResultView } from '../../api/resultView';
import { optionsOrExplain, pickApiEnvironment, refuseIfUntrusted, runCall, type ApiCommandContext } from './callContext';

export const sendRequestCommand = 'ucanpay.sendRequest';

interface SendRequestArgs {
  readonly environment?: string;
  /** An endpoint id of the catalogue: skips the pick. */
  readonly endpoint?: string;
  readonly params?: Record<string, string>;
  /** JSON text: skips the body editor. */
  readonly body?: string;
}

async function pickEndpoint(catalogue: readonly Endpoint[], environment: string): Promise<Endpoint | undefined> {
  const picked = await vscode.window.showQuickPick(
    catalogue.map((endpoint) => ({
      label: endpoint.title,
      description: `${endpoint.method} ${endpoint.path}`,
      detail: `${endpoint.readOnly ? 'Read-only' : environment === 'live' ? 'Changes data: asks before sending in live' : 'Changes data (sandbox)'}${endpoint.description ? ` · ${endpoint.description}` : ''}`,
      endpoint,
    })),
    { title: `UCanPay: Send Request (${environment})`, placeHolder: 'Which endpoint?', matchOnDescription: true },
  );
  return picked?.endpoint;
}

async function askParams(endpoint: Endpoint): Promise<Record<string, string> | undefined> {
  const params: Record<string, string> = {};
  for (const [, name] of endpoint.path.matchAll(/\{([A-Za-z][A-Za-z0-9_]*)\}/g)) {
    const value = await vscode.window.showInputBox({ title: `${endpoint.title}: ${name}`, prompt: `The ${name} for ${endpoint.method} ${endpoint.path}`, ignoreFocusOut: true, validateInput: (v) => (v.trim() ? undefined : `Enter the ${name}.`) });
    if (value === undefined) {
      return undefined;
    }
    params[name] = value.trim();
  }
  return params;
}

/**
 * Opens the body template in an editor and waits for "Send" (or "Cancel"). The user edits the
 * JSON in a real editor, with JSON validation; nothing is saved to disk.
 */
async function editBody(endpoint: Endpoint): Promise<string | undefined> {
  const document = await vscode.workspace.openTextDocument({ language: 'json', content: `${JSON.stringify(endpoint.bodyTemplate ?? {}, null, 2)}\n` });
  await vscode.window.showTextDocument(document, { preview: false });
  for (;;) {
    const choice = await vscode.window.showInformationMessage(`UCanPay: edit the ${endpoint.title} body in the editor, then choose Send.`, 'Send', 'Cancel');
    if (choice !== 'Send') {
      return undefined;
    }
    const text = document.getText();
    try {
      JSON.parse(text);
      return text;
    } catch (error) {
      void vscode.window.showErrorMessage(`UCanPay: the body is not valid JSON (${error instanceof Error ? error.message : 'parse error'}). Fix it and choose Send again.`);
    }
  }
}

/** Sends one request of the endpoint catalogue and shows the response, redacted, with TLS facts. */
export async function sendRequest(context: ApiCommandContext, view: ResultView, rawArgs?: unknown): Promise<{ ok: boolean; status?: number; view?: vscode.Uri } | undefined> {
  if (refuseIfUntrusted()) {
    return undefined;
  }
  const args = (rawArgs ?? {}) as SendRequestArgs;
  const environment = await pickApiEnvironment(context.keys, args, 'UCanPay: Send Request');
  const options = environment && optionsOrExplain(context.log);
  if (!environment || !options) {
    return undefined;
  }
  const catalogue = endpointCatalogue(context.log);
  const endpoint = args.endpoint ? catalogue.find((e) => e.id === args.endpoint) : await pickEndpoint(catalogue, environment);
  if (!endpoint) {
    return undefined;
  }
  const params = args.params ?? (await askParams(endpoint));
  if (!params) {
    return undefined;
  }
  const body = endpoint.readOnly ? undefined : (args.body ?? (await editBody(endpoint)));
  if (!endpoint.readOnly && body === undefined) {
    return undefined;
  }
  let liveWriteConfirmed = false;
  if (environment === 'live' && !endpoint.readOnly) {
    const send = 'Send to Live';
    const choice = await vscode.window.showWarningMessage(
      `Send ${endpoint.method} ${endpoint.path} to the LIVE UCanPay API?`,
      { modal: true, detail: 'This is a real request on your live account: it can move real money.' },
      send,
    );
    if (choice !== send) {
      return undefined;
    }
    liveWriteConfirmed = true;
  }
  const key = endpoint.auth ? await (await context.keys.keyStore()).getKey(context.keys.profile, environment) : undefined;
  const outcome = await runCall<HttpsResult>(context.log, `UCanPay: ${endpoint.method} ${endpoint.path} (${environment})`, (token) =>
    callEndpoint({ environment, baseUrl: baseUrlSetting(environment), key }, { endpoint, params, body, liveWriteConfirmed }, options, token),
  );
  const title = `${endpoint.method} ${endpoint.path}`;
  if (!outcome.ok) {
    return { ok: false, view: await view.show(`${environment}-request`, renderFailure(environment, title, outcome.userMessage)) };
  }
  context.log.info(`${title} (${environment}): ${outcome.value.status} in ${outcome.value.timings.totalMs} ms`);
  return { ok: true, status: outcome.value.status, view: await view.show(`${environment}-request`, renderResponse(environment, title, outcome.value)) };
}
