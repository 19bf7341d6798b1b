import * as vscode from 'vscode';
import { fileKindForDocument } from '../../../core/files/fileKinds';
import { maskKey, type Environment } from '../../../core/keys/keyFormat';
import type { KeyService } from '../../keys/keyService';

export const moveKeyToKeychainCommand = 'ucanpay.moveKeyToKeychain';

const apiKey = /ucp_(live|test)_[A-Za-z0-9]{32}/;

/** How the file's language reads UCANPAY_API_KEY from the environment. */
function environmentLookup(document: vscode.TextDocument): { text: string; replacesQuotes: boolean } {
  switch (fileKindForDocument(document.languageId, document.uri.path)) {
    case 'javascript':
    case 'typescript':
    case 'tsx':
      return { text: 'process.env.UCANPAY_API_KEY', replacesQuotes: true };
    case 'shell':
    case 'dockerfile':
    case 'yaml':
      return { text: '${UCANPAY_API_KEY}', replacesQuotes: false };
    default:
      // .env, JSON, Markdown…: the value simply goes; the key terminal provides it.
      return { text: '', replacesQuotes: false };
  }
}

/**
 * The quick fix on a hard-coded UCanPay key: stores the key in the keychain for the current
 * profile, replaces the literal with an environment lookup in the file's language, and offers
 * the key terminal. Refuses when the document changed since the finding (a stale fix).
 */
export async function moveKeyToKeychain(keys: KeyService, uriText: string, rangeStart: number, rangeEnd: number, version: number): Promise<void> {
  const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uriText);
  if (!document || document.version !== version) {
    void vscode.window.showWarningMessage('UCanPay: the file changed since the key was found. Try the quick fix again.');
    return;
  }
  const start = document.positionAt(rangeStart);
  const end = document.positionAt(rangeEnd);
  const found = apiKey.exec(document.getText(new vscode.Range(start, end)));
  if (!found) {
    return;
  }
  const key = found[0];
  const environment: Environment = found[1] === 'live' ? 'live' : 'sandbox';
  const profile = keys.profile;
  const store = await keys.keyStore();
  const existing = await store.status(profile, environment);
  if (existing && existing.last4 !== key.slice(-4)) {
    const replace = 'Replace Stored Key';
    const choice = await vscode.window.showWarningMessage(
      `A ${environment} key (${existing.masked}) is already stored for profile ${profile}. Replace it with ${maskKey(key)}?`,
      { modal: true },
      replace,
    );
    if (choice !== replace) {
      return;
    }
  }
  await store.setKey(profile, environment, key);
  keys.fireChanged();

  const keyStart = rangeStart + found.index;
  const keyEnd = keyStart + key.length;
  const lookup = environmentLookup(document);
  const text = document.getText();
  const quote = text.charAt(keyStart - 1);
  const quoted = lookup.replacesQuotes && `'"\``.includes(quote) && quote !== '' && text.charAt(keyEnd) === quote;
  const edit = new vscode.WorkspaceEdit();
  edit.replace(
    document.uri,
    new vscode.Range(document.positionAt(quoted ? keyStart - 1 : keyStart), document.positionAt(quoted ? keyEnd + 1 : keyEnd)),
    lookup.text,
  );
  if (document.version !== version || !(await vscode.workspace.applyEdit(edit))) {
    void vscode.window.showWarningMessage(`UCanPay: the key is stored in ${store.backend.label}, but the file changed meanwhile; remove the literal by hand.`);
    return;
  }
  const open = 'Open Terminal with Key';
  void vscode.window
    .showInformationMessage(
      `UCanPay: ${maskKey(key)} is now in ${store.backend.label} (profile ${profile}, ${environment})${lookup.text ? ` and the code reads ${lookup.text}` : ''}. Save the file, and rotate the key if it was ever committed.`,
      open,
    )
    .then((choice) => (choice === open ? vscode.commands.executeCommand('ucanpay.openKeyTerminal', { environment }) : undefined));
}
