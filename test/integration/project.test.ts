import * as assert from 'assert';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as vscode from 'vscode';
import { openWorkspaceFile, ucanpayDiagnostics, waitForDiagnostics } from './helpers';

function workspaceUri(relativePath: string): vscode.Uri {
  return vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0].uri, relativePath);
}

async function writeFile(relativePath: string, text: string): Promise<vscode.Uri> {
  const uri = workspaceUri(relativePath);
  await vscode.workspace.fs.writeFile(uri, Buffer.from(text, 'utf8'));
  return uri;
}

async function removeFile(relativePath: string): Promise<void> {
  await vscode.workspace.fs.delete(workspaceUri(relativePath), { recursive: true, useTrash: false }).then(undefined, () => undefined);
}

const insecure = "fetch('http://api.ucanpay.com/v1/ping');\n";

describe('.ucanpay.jsonc, suppressions and the workspace scan', () => {
  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await removeFile('.ucanpay.jsonc');
  });

  it('applies .ucanpay.jsonc as it changes, and keeps the last good one while it is invalid', async () => {
    const editor = await openWorkspaceFile('project/config.js', insecure);
    const uri = editor.document.uri;
    await waitForDiagnostics(uri, (d) => d.length === 1, 'the finding');
    const config = await writeFile('.ucanpay.jsonc', '{\n  // the CI mock\n  "rules": { "plain-http-url": "off" },\n}\n');
    await waitForDiagnostics(uri, (d) => d.length === 0, 'the rule to be turned off by .ucanpay.jsonc');

    await writeFile('.ucanpay.jsonc', '{\n  "rules": { "plain-http-url": "of" }\n}\n');
    const problem = await new Promise<vscode.Diagnostic>((resolve) => {
      const check = () => {
        const [first] = vscode.languages.getDiagnostics(config);
        if (first) {
          subscription.dispose();
          resolve(first);
        }
      };
      const subscription = vscode.languages.onDidChangeDiagnostics(check);
      check();
    });
    assert.match(problem.message, /"error", "warning", "info" or "off"/);
    assert.deepStrictEqual([problem.range.start.line, problem.range.start.character], [1, 31]);
    assert.strictEqual(ucanpayDiagnostics(uri).length, 0, 'the last good configuration stays in force');

    await writeFile('.ucanpay.jsonc', '{ "rules": { "plain-http-url": "warning" } }\n');
    await waitForDiagnostics(uri, (d) => d.length === 1 && d[0].severity === vscode.DiagnosticSeverity.Warning, 'the new level');
    assert.strictEqual(vscode.languages.getDiagnostics(config).length, 0, 'the config problem is gone');
  });

  it('"Suppress on this line" inserts a directive that works once it has a reason', async () => {
    const editor = await openWorkspaceFile('project/suppress.js', `function f() {\n  ${insecure}}\n`);
    const uri = editor.document.uri;
    const [diagnostic] = await waitForDiagnostics(uri, (d) => d.length === 1, 'the finding');
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, diagnostic.range);
    const suppress = actions.find((action) => action.title === 'Suppress plain-http-url on this line…');
    assert.ok(suppress?.edit, actions.map((a) => a.title).join(', '));
    assert.ok(await vscode.workspace.applyEdit(suppress.edit));
    assert.strictEqual(editor.document.lineAt(1).text, '  // ucanpay-ignore-next-line plain-http-url -- why this is safe here');
    // The placeholder is no reason: the finding stays and the directive is reported.
    await waitForDiagnostics(
      uri,
      (d) => d.some((x) => (x.code as { value: string }).value === 'invalid-suppression') && d.some((x) => (x.code as { value: string }).value === 'plain-http-url'),
      'the directive without a reason to be reported',
    );
    const reason = editor.document.lineAt(1).text.indexOf('why this is safe here');
    await editor.edit((builder) => builder.replace(new vscode.Range(1, reason, 1, reason + 'why this is safe here'.length), 'the sandbox proxy terminates TLS'));
    await waitForDiagnostics(uri, (d) => d.length === 0, 'the suppression to take effect');
  });

  it('reads SQL migrations: a CVV column is flagged, and the suppression is an SQL comment', async () => {
    const editor = await openWorkspaceFile('project/db/001_cards.sql', 'CREATE TABLE cards (\n  id SERIAL PRIMARY KEY,\n  cvv CHAR(4)\n);\n');
    const uri = editor.document.uri;
    const [diagnostic] = await waitForDiagnostics(uri, (d) => d.length === 1, 'the card-data-stored-unencrypted finding');
    assert.strictEqual((diagnostic.code as { value: string }).value, 'card-data-stored-unencrypted');
    assert.strictEqual(editor.document.getText(diagnostic.range), 'cvv');
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, diagnostic.range);
    const suppress = actions.find((action) => action.title === 'Suppress card-data-stored-unencrypted on this line…');
    assert.ok(suppress?.edit, actions.map((a) => a.title).join(', '));
    assert.ok(await vscode.workspace.applyEdit(suppress.edit));
    assert.strictEqual(editor.document.lineAt(2).text, '  -- ucanpay-ignore-next-line card-data-stored-unencrypted -- why this is safe here');
  });

  it('Scan Workspace fills the Problems panel for closed files, honouring .gitignore and ignore globs, and stays current', async () => {
    execFileSync('git', ['init', '-q', vscode.workspace.workspaceFolders![0].uri.fsPath]);
    await writeFile('.gitignore', 'generated/\n');
    const closed = await writeFile('scan/closed.ts', `export const ping = () => ${insecure}`);
    const gitIgnored = await writeFile('generated/bundle.js', insecure);
    const configIgnored = await writeFile('legacy/old.js', insecure);
    const envFile = await writeFile('scan/clean.js', "fetch('https://api.ucanpay.com/v1/ping');\n");
    await writeFile('.ucanpay.jsonc', '{ "ignore": ["legacy/**"] }\n');
    await vscode.commands.executeCommand('ucanpay.scanWorkspace');
    const [finding] = await waitForDiagnostics(closed, (d) => d.length === 1, 'the scan result for a closed file');
    assert.strictEqual((finding.code as { value: string }).value, 'plain-http-url');
    assert.strictEqual(ucanpayDiagnostics(gitIgnored).length, 0, '.gitignore is honoured');
    assert.strictEqual(ucanpayDiagnostics(configIgnored).length, 0, 'ignore globs are honoured');
    assert.strictEqual(ucanpayDiagnostics(envFile).length, 0);
    // Fixed outside the editor (a git checkout, another tool): the result follows the disk.
    fs.writeFileSync(closed.fsPath, "export const ping = () => fetch('https://api.ucanpay.com/v1/ping');\n");
    await waitForDiagnostics(closed, (d) => d.length === 0, 'the stale scan result to clear');
  });
});
