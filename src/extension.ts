import * as vscode from 'vscode';
import { Analyzer } from './core/engine/analyzer';
import { editorLanguageIds } from './core/languages';
import { TreeSitterHost } from './core/parsing/treeSitter';
import { allRules } from './core/rules/catalogue';
import { CodeActions } from './extension/codeActions';
import {
  RuleDocumentProvider,
  ruleDocScheme,
  showRuleDocumentation,
  showRuleDocumentationCommand,
} from './extension/commands/showRuleDocumentation';
import { DiagnosticsManager } from './extension/diagnosticsManager';

// Only wiring lives here: every feature is a file under src/extension/.
export function activate(context: vscode.ExtensionContext): void {
  const log = vscode.window.createOutputChannel('UCanPay', { log: true });
  const treeSitter = new TreeSitterHost(context.asAbsolutePath('dist/grammars'));
  const analyzer = new Analyzer(treeSitter, allRules);
  const diagnostics = new DiagnosticsManager(analyzer, log);
  const selector = editorLanguageIds.map((language) => ({ language }));

  context.subscriptions.push(
    log,
    { dispose: () => treeSitter.dispose() },
    diagnostics,
    vscode.languages.registerCodeActionsProvider(selector, new CodeActions(diagnostics), {
      providedCodeActionKinds: CodeActions.providedCodeActionKinds,
    }),
    vscode.workspace.registerTextDocumentContentProvider(ruleDocScheme, new RuleDocumentProvider()),
    vscode.commands.registerCommand(showRuleDocumentationCommand, showRuleDocumentation),
    vscode.commands.registerCommand('ucanpay.showLog', () => log.show()),
  );
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
