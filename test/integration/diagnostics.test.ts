import * as assert from 'assert';
import * as vscode from 'vscode';
import { extensionId, openWorkspaceFile, setWorkspaceSetting, ucanpayDiagnostics, waitForDiagnostics } from './helpers';

const insecureClient = [
  "import axios from 'axios';",
  '// The comment http://api.ucanpay.com/v1 is not a finding.',
  "export const client = axios.create({ baseURL: 'http://api.ucanpay.com/v1' });",
  '',
].join('\n');

async function quickFixes(uri: vscode.Uri, range: vscode.Range): Promise<vscode.CodeAction[]> {
  const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, range);
  // Other extensions (TypeScript's own) may offer actions too; ours are known by title.
  return actions.filter((action) => action.title === 'Use https://' || action.title.startsWith('Show documentation for'));
}

describe('diagnostics in the editor', () => {
  afterEach(async () => {
    await setWorkspaceSetting('ucanpay.rules', undefined);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('activates on a TypeScript file and flags the http:// UCanPay URL, not the comment', async () => {
    const editor = await openWorkspaceFile('src/client.ts', insecureClient);
    const [diagnostic, ...others] = await waitForDiagnostics(editor.document.uri, (d) => d.length > 0, 'the plain-http-url diagnostic');
    assert.strictEqual(others.length, 0, 'the URL in the comment must not be flagged');
    assert.ok(vscode.extensions.getExtension(extensionId)?.isActive, 'the extension is active');
    assert.strictEqual(diagnostic.severity, vscode.DiagnosticSeverity.Error);
    assert.deepStrictEqual(
      [diagnostic.range.start.line, diagnostic.range.start.character, diagnostic.range.end.character],
      [2, 47, 69],
    );
    assert.strictEqual(editor.document.getText(diagnostic.range), 'http://api.ucanpay.com');
    const code = diagnostic.code as { value: string; target: vscode.Uri };
    assert.strictEqual(code.value, 'plain-http-url');
    assert.match(code.target.toString(), /docs\/rules\/plain-http-url\.md$/);
  });

  it('applies the preferred quick fix, and the diagnostic goes away', async () => {
    const editor = await openWorkspaceFile('src/fix-me.js', "fetch('http://sandbox.ucanpay.com/v1/ping');\n");
    const uri = editor.document.uri;
    const [diagnostic] = await waitForDiagnostics(uri, (d) => d.length === 1, 'one diagnostic');
    const actions = await quickFixes(uri, diagnostic.range);
    const fix = actions.find((action) => action.isPreferred);
    assert.ok(fix?.edit, `a preferred fix is offered; got ${actions.map((a) => a.title).join(', ')}`);
    assert.strictEqual(fix.title, 'Use https://');
    assert.ok(actions.some((action) => action.title === 'Show documentation for plain-http-url'));
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    await waitForDiagnostics(uri, (d) => d.length === 0, 'the diagnostic to clear after the fix');
    assert.strictEqual(editor.document.getText(), "fetch('https://sandbox.ucanpay.com/v1/ping');\n");
  });

  it('never offers a fix computed on an older version of the document', async () => {
    const editor = await openWorkspaceFile('src/stale.js', "fetch('http://api.ucanpay.com/v1');\n");
    const uri = editor.document.uri;
    const [diagnostic] = await waitForDiagnostics(uri, (d) => d.length === 1, 'one diagnostic');
    // Shift the text: the old finding's offsets no longer point at "http".
    await editor.edit((builder) => builder.insert(new vscode.Position(0, 0), '// moved\n'));
    const actions = await quickFixes(uri, diagnostic.range);
    assert.ok(actions.length > 0 && !actions.some((action) => action.edit), `only documentation, no edit from the stale analysis; got ${actions.map((a) => a.title).join(', ')}`);
    const [fresh] = await waitForDiagnostics(uri, (d) => d.length === 1 && d[0].range.start.line === 1, 'the re-analysed diagnostic');
    const freshFix = (await quickFixes(uri, fresh.range)).find((action) => action.isPreferred);
    assert.ok(freshFix?.edit && (await vscode.workspace.applyEdit(freshFix.edit)));
    assert.strictEqual(editor.document.getText(), "// moved\nfetch('https://api.ucanpay.com/v1');\n");
  });

  it('updates as the user types: a new insecure line is flagged, deleting it clears it', async () => {
    const editor = await openWorkspaceFile('src/typing.ts', 'export const x = 1;\n');
    const uri = editor.document.uri;
    await waitForDiagnostics(uri, (d) => d.length === 0, 'a clean file');
    await editor.edit((builder) => builder.insert(new vscode.Position(1, 0), "const API_URL = 'http://api.ucanpay.com';\n"));
    await waitForDiagnostics(uri, (d) => d.length === 1, 'the typed line to be flagged');
    await editor.edit((builder) => builder.delete(new vscode.Range(1, 0, 2, 0)));
    await waitForDiagnostics(uri, (d) => d.length === 0, 'the diagnostic to clear');
  });

  it('follows the ucanpay.rules setting: off removes the diagnostic, warning changes its severity', async () => {
    const editor = await openWorkspaceFile('src/settings.js', "fetch('http://api.ucanpay.com/v1');\n");
    const uri = editor.document.uri;
    await waitForDiagnostics(uri, (d) => d.length === 1 && d[0].severity === vscode.DiagnosticSeverity.Error, 'an error');
    await setWorkspaceSetting('ucanpay.rules', { 'plain-http-url': 'off' });
    await waitForDiagnostics(uri, (d) => d.length === 0, 'the rule to be turned off');
    await setWorkspaceSetting('ucanpay.rules', { 'plain-http-url': 'warning' });
    await waitForDiagnostics(uri, (d) => d.length === 1 && d[0].severity === vscode.DiagnosticSeverity.Warning, 'a warning');
    assert.strictEqual(ucanpayDiagnostics(uri).length, 1);
  });

  it('keeps up with edits anywhere in a 3,000-line file (each re-parse starts from the previous tree)', async function () {
    this.timeout(120_000);
    // Every 150th line calls UCanPay over plain HTTP; the oracle is the text itself: after each
    // edit, exactly the lines holding `fetch('http://` must be flagged. A tree re-parsed from the
    // wrong edit would put findings on the wrong lines, or lose them.
    const lines = Array.from({ length: 3000 }, (_, i) =>
      i % 150 === 75 ? `  await fetch('http://api.ucanpay.com/v1/orders/${i}');` : `  const value${i} = compute(${i}, 'https://api.ucanpay.com/v1/x');`,
    );
    const editor = await openWorkspaceFile('src/big.js', `async function main() {\n${lines.join('\n')}\n}\n`);
    const uri = editor.document.uri;
    const expectedLines = (): number[] =>
      editor.document
        .getText()
        .split('\n')
        .flatMap((line, number) => (line.includes("fetch('http://") ? [number] : []));
    const settled = (what: string) =>
      waitForDiagnostics(
        uri,
        (d) => JSON.stringify(d.map((x) => x.range.start.line).sort((a, b) => a - b)) === JSON.stringify(expectedLines()),
        `${what}: findings on lines ${expectedLines().join(', ')}`,
      );
    await settled('the opened file');
    assert.strictEqual(expectedLines().length, 20);

    // Type a new insecure call in the middle, character by character as a person would.
    const typed = "  await fetch('http://api.ucanpay.com/v1/new');\n";
    for (const [i, character] of [...typed].entries()) {
      await editor.edit((builder) => builder.insert(new vscode.Position(1500, i), character), { undoStopBefore: false, undoStopAfter: false });
    }
    await settled('a line typed in the middle');
    // Fix one in place (http → https), delete a block of 100 lines above the rest, and make two
    // edits far apart in one go.
    const fixLine = expectedLines()[3];
    const at = editor.document.lineAt(fixLine).text.indexOf('http://') + 'http'.length;
    await editor.edit((builder) => builder.insert(new vscode.Position(fixLine, at), 's'));
    await settled('a call fixed in place');
    await editor.edit((builder) => builder.delete(new vscode.Range(10, 0, 110, 0)));
    await settled('a block deleted near the top');
    await editor.edit((builder) => {
      builder.insert(new vscode.Position(5, 0), "  await fetch('http://api.ucanpay.com/v1/top');\n");
      builder.replace(new vscode.Range(2800, 0, 2801, 0), '');
    });
    await settled('two edits far apart in one change');
    // Comment out a thousand lines in one change (their calls are no longer code), then bring them back.
    const outside = expectedLines().filter((line) => line < 1000 || line >= 2000);
    await editor.edit((builder) => {
      builder.insert(new vscode.Position(1000, 0), '/*\n');
      builder.insert(new vscode.Position(2000, 0), '*/\n');
    });
    await waitForDiagnostics(
      uri,
      (d) => JSON.stringify(d.map((x) => x.range.start.line).sort((a, b) => a - b)) === JSON.stringify(outside.map((line) => (line >= 2000 ? line + 2 : line))),
      'only the findings outside the commented-out block',
    );
    await editor.edit((builder) => {
      builder.delete(new vscode.Range(2001, 0, 2002, 0));
      builder.delete(new vscode.Range(1000, 0, 1001, 0));
    });
    await settled('the comment removed again');
  });
});
