import * as vscode from 'vscode';

export const resultScheme = 'ucanpay-result';

/**
 * Read-only Markdown documents (`ucanpay-result:/…`) holding the latest result of each test
 * call, shown in the Markdown preview. Nothing is written to disk.
 */
export class ResultView implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly pages = new Map<string, string>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.pages.get(uri.path) ?? '# No result yet\n';
  }

  async show(name: string, markdown: string): Promise<vscode.Uri> {
    const uri = vscode.Uri.from({ scheme: resultScheme, path: `/${name}.md` });
    this.pages.set(uri.path, markdown);
    this.changed.fire(uri);
    await vscode.commands.executeCommand('markdown.showPreview', uri);
    return uri;
  }

  dispose(): void {
    this.changed.dispose();
  }
}
