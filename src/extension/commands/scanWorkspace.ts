import * as vscode from 'vscode';
import { CancelledError } from '../../core/cancellation';
import type { Analyzer } from '../../core/engine/analyzer';
import { scanProject } from '../../core/engine/projectScan';
import type { DiagnosticsManager } from '../diagnosticsManager';
import type { ProjectState } from '../projectState';
import { readDiagnosticsSettings } from '../settings';

export const scanWorkspaceCommand = 'ucanpay.scanWorkspace';

/**
 * Scans every workspace folder (files git does not ignore, minus the `.ucanpay.jsonc` ignore
 * globs) with a cancellable progress notification, and fills the Problems panel.
 */
export async function scanWorkspace(analyzer: Analyzer, project: ProjectState, diagnostics: DiagnosticsManager, log: vscode.LogOutputChannel): Promise<void> {
  const folders = (vscode.workspace.workspaceFolders ?? []).filter((folder) => folder.uri.scheme === 'file');
  if (folders.length === 0) {
    void vscode.window.showInformationMessage('UCanPay: open a folder to scan it. Open files are checked as you edit them.');
    return;
  }
  let findings = 0;
  let files = 0;
  const started = Date.now();
  try {
    await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: 'UCanPay: Scanning workspace', cancellable: true },
      async (progress, token) => {
        for (const folder of folders) {
          const settings = readDiagnosticsSettings(folder.uri);
          let reported = 0;
          const result = await scanProject(
            analyzer,
            folder.uri.fsPath,
            {
              config: await project.refreshConfig(folder),
              ruleLevels: settings.rules,
              maxFileSize: settings.maxFileSizeKb * 1024,
              onProgress: (done, total, file) => {
                const percent = total === 0 ? 100 : Math.floor((done / total) * 100);
                progress.report({ message: `${done}/${total} ${file}`, increment: (percent - reported) / folders.length });
                reported = percent;
              },
            },
            token,
          );
          diagnostics.publishScan(folder, result.files);
          files += result.files.length;
          findings += result.files.reduce((n, file) => n + file.findings.length, 0);
          for (const file of result.files) {
            for (const error of file.ruleErrors ?? []) {
              log.error(`Rule ${error} failed on ${file.path} (a bug in UCanPay Secure; please report it)`);
            }
          }
        }
      },
    );
  } catch (error) {
    if (error instanceof CancelledError) {
      void vscode.window.showInformationMessage('UCanPay: workspace scan cancelled.');
      return;
    }
    log.error(`Workspace scan failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
    void vscode.window.showErrorMessage('UCanPay: the workspace scan failed. "UCanPay: Show Log" has the details.');
    return;
  }
  log.info(`Workspace scan: ${findings} problem(s) in ${files} file(s), ${Date.now() - started} ms`);
  const show = 'Show Problems';
  // Not awaited: the command is done when the Problems panel is filled, not when the user
  // dismisses the summary.
  void vscode.window
    .showInformationMessage(
      findings === 0 ? `UCanPay: no problems in ${files} files.` : `UCanPay: ${findings} problem${findings === 1 ? '' : 's'} in ${files} files.`,
      ...(findings ? [show] : []),
    )
    .then((choice) => (choice === show ? vscode.commands.executeCommand('workbench.actions.view.problems') : undefined));
}
