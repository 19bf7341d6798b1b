import * as vscode from 'vscode';
import { fileKindForDocument, type FileKind } from '../core/files/fileKinds';
import { findRule } from '../core/rules/catalogue';
import { reasonPlaceholder, suppressionRuleId } from '../core/engine/suppressions';
import { ruleIdOf, toRange } from './convert';
import type { DiagnosticsManager } from './diagnosticsManager';
import { showRuleDocumentationCommand } from './commands/showRuleDocumentation';
import { moveKeyToKeychainCommand } from './commands/keys/moveKeyToKeychain';

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
        // On a hard-coded key, moving it to the keychain (below) is the better default.
        action.isPreferred = fix.preferred && ruleId !== 'ucanpay-key-in-code';
        action.edit = new vscode.WorkspaceEdit();
        for (const edit of fix.edits) {
          action.edit.replace(document.uri, toRange(edit.range), edit.newText);
        }
        actions.push(action);
      }
      if (ruleId === 'ucanpay-key-in-code' && finding) {
        const move = new vscode.CodeAction('Move this key to the OS keychain', vscode.CodeActionKind.QuickFix);
        move.diagnostics = [diagnostic];
        move.isPreferred = true;
        move.command = {
          command: moveKeyToKeychainCommand,
          title: move.title,
          arguments: [document.uri.toString(), finding.startOffset, finding.endOffset, document.version],
        };
        actions.push(move);
      }
      const suppress = suppressAction(document, diagnostic, ruleId);
      if (suppress) {
        actions.push(suppress);
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

/** How a line comment is written in each kind of file; strict JSON has none. */
function commentFor(kind: FileKind | undefined, path: string): ((body: string) => string) | undefined {
  switch (kind) {
    case 'javascript':
    case 'typescript':
    case 'tsx':
      return (body) => `// ${body}`;
    case 'json':
      return /\.(jsonc|code-workspace)$|\/\.vscode\/[^/]+\.json$|(^|\/)(tsconfig|jsconfig)[^/]*\.json$/.test(path) ? (body) => `// ${body}` : undefined;
    case 'markdown':
    case 'html':
      return (body) => `<!-- ${body} -->`;
    case 'sql':
      return (body) => `-- ${body}`;
    case 'prisma':
      return (body) => `// ${body}`;
    case undefined:
      return undefined;
    default:
      return (body) => `# ${body}`;
  }
}

/**
 * "Suppress <rule> on this line": inserts a suppression comment above the finding's line, with
 * the cursor where the reason goes (a suppression without one does not take effect).
 */
function suppressAction(document: vscode.TextDocument, diagnostic: vscode.Diagnostic, ruleId: string): vscode.CodeAction | undefined {
  if (ruleId === suppressionRuleId) {
    return undefined;
  }
  const comment = commentFor(fileKindForDocument(document.languageId, document.uri.path), document.uri.path);
  if (!comment) {
    return undefined;
  }
  const line = document.lineAt(diagnostic.range.start.line);
  const indent = line.text.slice(0, line.firstNonWhitespaceCharacterIndex);
  const action = new vscode.CodeAction(`Suppress ${ruleId} on this line…`, vscode.CodeActionKind.QuickFix);
  action.diagnostics = [diagnostic];
  action.edit = new vscode.WorkspaceEdit();
  const text = comment(`ucanpay-ignore-next-line ${ruleId} -- \${1:${reasonPlaceholder}}`).replace(/\$(?!\{1)/g, '\\$');
  action.edit.set(document.uri, [new vscode.SnippetTextEdit(new vscode.Range(line.range.start, line.range.start), new vscode.SnippetString(`${indent}${text}\n`))]);
  return action;
}
