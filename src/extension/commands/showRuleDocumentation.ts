import * as vscode from 'vscode';
import { allRules, findRule } from '../../core/rules/catalogue';
import { renderRuleDoc } from '../../core/rules/docs';

export const showRuleDocumentationCommand = 'ucanpay.showRuleDocumentation';
export const ruleDocScheme = 'ucanpay-rule';

/** Serves `ucanpay-rule:/<id>.md` from the rule metadata, so documentation works offline. */
export class RuleDocumentProvider implements vscode.TextDocumentContentProvider {
  provideTextDocumentContent(uri: vscode.Uri): string {
    const id = uri.path.replace(/^\//, '').replace(/\.md$/, '');
    const rule = findRule(id);
    return rule ? renderRuleDoc(rule) : `# Unknown rule \`${id}\`\n\nRun "UCanPay: Show Rule Documentation" to pick one.\n`;
  }
}

export function ruleDocUri(ruleId: string): vscode.Uri {
  return vscode.Uri.from({ scheme: ruleDocScheme, path: `/${ruleId}.md` });
}

/** Opens a rule's page in the Markdown preview; without an id, asks which rule. */
export async function showRuleDocumentation(ruleId?: unknown): Promise<void> {
  let id = typeof ruleId === 'string' && findRule(ruleId) ? ruleId : undefined;
  if (!id) {
    const picked = await vscode.window.showQuickPick(
      allRules.map((rule) => ({ label: rule.id, description: rule.title, detail: rule.section })),
      { title: 'UCanPay: Show Rule Documentation', placeHolder: 'Pick a rule', matchOnDescription: true },
    );
    id = picked?.label;
  }
  if (id) {
    await vscode.commands.executeCommand('markdown.showPreview', ruleDocUri(id));
  }
}
