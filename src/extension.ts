import * as vscode from 'vscode';
import { Analyzer } from './core/engine/analyzer';
import { watchedEditorLanguageIds } from './core/files/fileKinds';
import { TreeSitterHost } from './core/parsing/treeSitter';
import { allRules } from './core/rules/catalogue';
import { CodeActions } from './extension/codeActions';
import { scanWorkspace, scanWorkspaceCommand } from './extension/commands/scanWorkspace';
import {
  RuleDocumentProvider,
  ruleDocScheme,
  showRuleDocumentation,
  showRuleDocumentationCommand,
} from './extension/commands/showRuleDocumentation';
import { DiagnosticsManager } from './extension/diagnosticsManager';
import { ProjectState } from './extension/projectState';
import { openKeyTerminal, openKeyTerminalCommand } from './extension/commands/keys/openKeyTerminal';
import { removeApiKey, removeApiKeyCommand } from './extension/commands/keys/removeApiKey';
import { rotateApiKey, rotateApiKeyCommand } from './extension/commands/keys/rotateApiKey';
import { setApiKey, setApiKeyCommand } from './extension/commands/keys/setApiKey';
import { showKeyStatus, showKeyStatusCommand } from './extension/commands/keys/showKeyStatus';
import { switchProfile, switchProfileCommand } from './extension/commands/keys/switchProfile';
import { KeyService } from './extension/keys/keyService';
import { moveKeyToKeychain, moveKeyToKeychainCommand } from './extension/commands/keys/moveKeyToKeychain';
import { remindToRotate } from './extension/keys/rotationReminder';
import { KeyStatusBar } from './extension/keys/statusBar';
import { ResultView, resultScheme } from './extension/api/resultView';
import { inspectCertificate, inspectCertificateCommand } from './extension/commands/api/inspectCertificate';
import { sendRequest, sendRequestCommand } from './extension/commands/api/sendRequest';
import { testConnection, testConnectionCommand } from './extension/commands/api/testConnection';
import { verifyKeyWithAccount } from './extension/api/verifyKey';

// Only wiring lives here: every feature is a file under src/extension/.
export function activate(context: vscode.ExtensionContext): void {
  const log = vscode.window.createOutputChannel('UCanPay', { log: true });
  const treeSitter = new TreeSitterHost(context.asAbsolutePath('dist/grammars'));
  const analyzer = new Analyzer(treeSitter, allRules);
  const project = new ProjectState(new Set(allRules.map((rule) => rule.id)), log);
  const diagnostics = new DiagnosticsManager(analyzer, project, log);
  const selector = [...watchedEditorLanguageIds.map((language) => ({ language })), { pattern: '**/.env*' }];

  context.subscriptions.push(
    log,
    { dispose: () => treeSitter.dispose() },
    project,
    diagnostics,
    vscode.languages.registerCodeActionsProvider(selector, new CodeActions(diagnostics), {
      providedCodeActionKinds: CodeActions.providedCodeActionKinds,
    }),
    vscode.workspace.registerTextDocumentContentProvider(ruleDocScheme, new RuleDocumentProvider()),
    vscode.commands.registerCommand(showRuleDocumentationCommand, showRuleDocumentation),
    vscode.commands.registerCommand(scanWorkspaceCommand, () => scanWorkspace(analyzer, project, diagnostics, log)),
    vscode.commands.registerCommand('ucanpay.showLog', () => log.show()),
  );

  const keys = new KeyService(context, log);
  const statusBar = new KeyStatusBar(keys);
  context.subscriptions.push(
    keys,
    statusBar,
    vscode.commands.registerCommand(setApiKeyCommand, (args?: unknown) => setApiKey(keys, log, args)),
    vscode.commands.registerCommand(rotateApiKeyCommand, (args?: unknown) => rotateApiKey(keys, log, verifyKeyWithAccount(log), args)),
    vscode.commands.registerCommand(removeApiKeyCommand, (args?: unknown) => removeApiKey(keys, args)),
    vscode.commands.registerCommand(showKeyStatusCommand, () => showKeyStatus(keys)),
    vscode.commands.registerCommand(switchProfileCommand, () => switchProfile(keys)),
    vscode.commands.registerCommand(openKeyTerminalCommand, (args?: unknown) => openKeyTerminal(keys, args)),
    vscode.commands.registerCommand(moveKeyToKeychainCommand, (uri: string, start: number, end: number, version: number) =>
      moveKeyToKeychain(keys, uri, start, end, version),
    ),
  );
  const results = new ResultView();
  const api = { keys, log };
  context.subscriptions.push(
    results,
    vscode.workspace.registerTextDocumentContentProvider(resultScheme, results),
    vscode.commands.registerCommand(testConnectionCommand, (args?: unknown) => testConnection(api, results, args)),
    vscode.commands.registerCommand(sendRequestCommand, (args?: unknown) => sendRequest(api, results, args)),
    vscode.commands.registerCommand(inspectCertificateCommand, (args?: unknown) => inspectCertificate(api, results, args)),
  );
  // The keychain opens after activation, off the critical path.
  void statusBar.refresh().then(() => remindToRotate(context, keys));
  // The configuration and git's view of the files arrive asynchronously; results are
  // recomputed when they do (ProjectState.onDidChange).
  void project.initialize();
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
