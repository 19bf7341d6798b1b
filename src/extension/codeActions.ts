import * as vscode from 'vscode';
import { findRule } from '../core/rules/catalogue';
import { ruleIdOf, toRange } from './convert';
import type { DiagnosticsManager } from './diagnosticsManager';
import { showRuleDocumentationCommand } from './commands/showRuleDocumentation';

/**
 * Quick fixes for our diagnostics: the rule's own fixes (the mechanical one preferred) and
 * "show documentation". Fixes come from the analysis of the current document version only, so a
 * stale edit is never offered.
 */
export class CodeActions implements vscode.CodeActionProvider {
  static readonly providedCodeActionKinds = [vscode.CodeActionKind.QuickFix];

  constructor(private readonly diagnostics: DiagnosticsManager) {}

  provideCodeActions(
    document: vscode.TextDocument,
    _range: vscode.Range | vscode.Selection,
    context: vscode.CodeActionContext,
  ): vscode.CodeAction[] {
    const actions: vscode.CodeAction[] = [];
    const documented = new Set<string>();
    for (const diagnostic of context.diagnostics) {
      const ruleId = ruleIdOf(diagnostic);
      if (!ruleId) {
        continue;
      }
      const finding = this.diagnostics.findingFor(document, diagnostic);
      for (const fix of finding?.fixes ?? []) {
        const action = new vscode.CodeAction(fix.title, vscode.CodeActionKind.QuickFix);
        action.diagnostics = [diagnostic];
        action.isPreferred = fix.preferred;
        action.edit = new vscode.WorkspaceEdit();
        for (const edit of fix.edits) {
          action.edit.replace(document.uri, toRange(edit.range), edit.newText);
        }
        actions.push(action);
      }
      if (!documented.has(ruleId) && findRule(ruleId)) {
        documented.add(ruleId);
        const action = new vscode.CodeAction(`Show documentation for ${ruleId}`, vscode.CodeActionKind.QuickFix);
        action.diagnostics = [diagnostic];
        action.command = { command: showRuleDocumentationCommand, title: action.title, arguments: [ruleId] };
        actions.push(action);
      }
    }
    return actions;
  }
}
