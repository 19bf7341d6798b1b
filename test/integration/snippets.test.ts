import * as assert from 'assert';
import * as vscode from 'vscode';
import { loadSnippets, type SnippetLanguage } from '../unit/snippets/catalogue';
import { expandSnippet } from '../unit/snippets/expand';
import { extensionId, openWorkspaceFile } from './helpers';

/** Resolves when the document's text satisfies `predicate`, checking now and on every change. */
function waitForText(document: vscode.TextDocument, predicate: (text: string) => boolean, what: string, deadlineMs = 10_000): Promise<string> {
  return new Promise((resolve, reject) => {
    const check = (): void => {
      if (predicate(document.getText())) {
        cleanup();
        resolve(document.getText());
      }
    };
    const subscription = vscode.workspace.onDidChangeTextDocument((event) => {
      if (event.document === document) {
        check();
      }
    });
    const timer = setTimeout(() => {
      cleanup();
      reject(new Error(`Timed out waiting for ${what}; the document holds ${document.getText().length} characters`));
    }, deadlineMs);
    function cleanup(): void {
      clearTimeout(timer);
      subscription.dispose();
    }
    check();
  });
}

/** Lines without their indentation: VS Code re-indents a snippet's tabs to the editor's settings. */
function contentLines(text: string): string[] {
  return text.split(/\r?\n/).map((line) => line.trim());
}

// One snippet per editor language the extension contributes snippets for, inserted the way a
// keybinding or another extension would: by language and name, which only works if VS Code
// loaded our contributed snippet files for that language.
const cases: Array<{ editorLanguage: string; language: SnippetLanguage; file: string; prefix: string; expected: string }> = [
  { editorLanguage: 'javascript', language: 'javascript', file: 'src/snippet-client.js', prefix: 'ucanpay-client', expected: 'signal: AbortSignal.timeout(UCANPAY_TIMEOUT_MS),' },
  { editorLanguage: 'javascriptreact', language: 'javascript', file: 'src/snippet-cookie.jsx', prefix: 'ucanpay-cookie', expected: "res.cookie(name, value, { httpOnly: true, secure: true, sameSite: 'strict', path: '/', maxAge: maxAgeMs });" },
  { editorLanguage: 'typescript', language: 'typescript', file: 'src/snippet-webhook.ts', prefix: 'ucanpay-webhook', expected: "return signatures.some((candidate) => timingSafeEqual(candidate, expected));" },
  { editorLanguage: 'typescriptreact', language: 'typescript', file: 'src/snippet-aes.tsx', prefix: 'ucanpay-aes-gcm', expected: "const iv = randomBytes(12);" },
  { editorLanguage: 'python', language: 'python', file: 'src/snippet_webhook.py', prefix: 'ucanpay-webhook', expected: 'return any(hmac.compare_digest(expected, candidate) for candidate in signatures)' },
];

describe('secure snippets in the editor', () => {
  afterEach(async () => {
    // Saved first, so that closing never asks about unsaved changes, even after a failure.
    await vscode.workspace.saveAll(false);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  for (const { editorLanguage, language, file, prefix, expected } of cases) {
    it(`inserts ${prefix} into a ${editorLanguage} file through VS Code's snippet API`, async () => {
      const extension = vscode.extensions.getExtension(extensionId);
      assert.ok(extension, 'the extension is installed');
      const snippet = loadSnippets(extension.extensionPath, language).find((s) => s.prefix === prefix);
      assert.ok(snippet, `${prefix} is in the contributed ${language} snippets`);

      const editor = await openWorkspaceFile(file, '');
      assert.strictEqual(editor.document.languageId, editorLanguage);
      await vscode.commands.executeCommand('editor.action.insertSnippet', { langId: editorLanguage, name: snippet.name });
      const text = await waitForText(editor.document, (t) => t.includes(expected), `${prefix} to be inserted`);

      // What VS Code inserted is what the unit tests compile and analyse: the same expansion,
      // placeholders at their defaults and choices at their first option.
      assert.deepStrictEqual(contentLines(text), contentLines(expandSnippet(snippet.body, { file: editor.document.uri.fsPath })));
      await editor.document.save();
    });
  }
});
