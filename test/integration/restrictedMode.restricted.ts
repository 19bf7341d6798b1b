import * as assert from 'assert';
import * as vscode from 'vscode';
import { openWorkspaceFile, waitForDiagnostics } from './helpers';

/**
 * Runs in a separate extension host whose workspace is NOT trusted (Restricted Mode): the
 * orchestrator starts code-server with workspace trust on for this suite.
 */
describe('Restricted Mode (an untrusted workspace)', () => {
  it('is really untrusted', () => {
    assert.strictEqual(vscode.workspace.isTrusted, false);
  });

  it('still flags insecure code', async () => {
    const editor = await openWorkspaceFile('restricted.js', "fetch('http://api.ucanpay.com/v1/ping');\n");
    await waitForDiagnostics(editor.document.uri, (d) => d.length === 1, 'the diagnostic in Restricted Mode');
  });

  it('refuses test calls, so no key can be sent from a workspace the user has not trusted', async () => {
    for (const command of ['ucanpay.testConnection', 'ucanpay.sendRequest', 'ucanpay.inspectCertificate']) {
      // `enablement: isWorkspaceTrusted` hides them in the palette; a direct call is refused too.
      const outcome = await vscode.commands.executeCommand(command, { environment: 'sandbox', endpoint: 'get-account' }).then(
        (value) => value,
        (error: unknown) => error,
      );
      assert.ok(outcome === undefined || outcome instanceof Error, `${command} did nothing (got ${JSON.stringify(outcome)})`);
    }
  });
});
