import * as vscode from 'vscode';
import { ignoreMatcher } from '../core/config/ignore';
import { emptyProjectConfig, parseProjectConfig, projectConfigFileName, type ProjectConfig } from '../core/config/projectConfig';
import { gitTrackedFiles } from '../core/git/tracking';
import { toRange } from './convert';
import { LineIndex } from '../core/text/lineIndex';

interface FolderState {
  /** The last valid `.ucanpay.jsonc` (an invalid edit keeps this one in force). */
  config: ProjectConfig;
  isIgnored: (relativePath: string) => boolean;
  /** Project-relative paths git tracks; undefined outside a git work tree or until known. */
  tracked?: ReadonlySet<string>;
}

/**
 * What the engine needs to know about each workspace folder beyond a file's text: its
 * `.ucanpay.jsonc` (with problems shown at their exact position), and which files git tracks.
 */
export class ProjectState implements vscode.Disposable {
  private readonly folders = new Map<string, FolderState>();
  private readonly configProblems = vscode.languages.createDiagnosticCollection('ucanpay-config');
  private readonly changed = new vscode.EventEmitter<void>();
  private readonly disposables: vscode.Disposable[] = [this.configProblems, this.changed];
  private trackingTimer: ReturnType<typeof setTimeout> | undefined;

  /** Fires when a configuration or the tracked-file set changed: results must be recomputed. */
  readonly onDidChange = this.changed.event;

  constructor(
    private readonly knownRuleIds: ReadonlySet<string>,
    private readonly log: vscode.LogOutputChannel,
  ) {
    const configWatcher = vscode.workspace.createFileSystemWatcher(`**/${projectConfigFileName}`);
    const indexWatcher = vscode.workspace.createFileSystemWatcher('**/.git/index');
    this.disposables.push(
      configWatcher,
      indexWatcher,
      configWatcher.onDidCreate((uri) => void this.reloadConfig(uri)),
      configWatcher.onDidChange((uri) => void this.reloadConfig(uri)),
      configWatcher.onDidDelete((uri) => void this.reloadConfig(uri)),
      // Unsaved edits count too: the user sees a problem as they type, not after saving.
      vscode.workspace.onDidChangeTextDocument((event) => {
        if (isConfigFile(event.document.uri)) {
          this.applyConfigText(event.document.uri, event.document.getText());
        }
      }),
      indexWatcher.onDidChange(() => this.scheduleTrackingRefresh()),
      indexWatcher.onDidCreate(() => this.scheduleTrackingRefresh()),
      vscode.workspace.onDidCreateFiles(() => this.scheduleTrackingRefresh()),
      vscode.workspace.onDidDeleteFiles(() => this.scheduleTrackingRefresh()),
      vscode.workspace.onDidRenameFiles(() => this.scheduleTrackingRefresh()),
      vscode.workspace.onDidChangeWorkspaceFolders(() => void this.initialize()),
    );
  }

  async initialize(): Promise<void> {
    for (const folder of vscode.workspace.workspaceFolders ?? []) {
      await this.reloadConfig(vscode.Uri.joinPath(folder.uri, projectConfigFileName));
    }
    await this.refreshTracking();
  }

  private folderFor(uri: vscode.Uri): vscode.WorkspaceFolder | undefined {
    return vscode.workspace.getWorkspaceFolder(uri);
  }

  private state(folder: vscode.WorkspaceFolder): FolderState {
    const key = folder.uri.toString();
    let state = this.folders.get(key);
    if (!state) {
      state = { config: emptyProjectConfig, isIgnored: () => false };
      this.folders.set(key, state);
    }
    return state;
  }

  /** Re-reads a folder's `.ucanpay.jsonc` now (the workspace scan does, rather than trust a watcher). */
  async refreshConfig(folder: vscode.WorkspaceFolder): Promise<ProjectConfig> {
    await this.reloadConfig(vscode.Uri.joinPath(folder.uri, projectConfigFileName));
    return this.state(folder).config;
  }

  configFor(uri: vscode.Uri): ProjectConfig {
    const folder = this.folderFor(uri);
    return folder ? this.state(folder).config : emptyProjectConfig;
  }

  /** The path the engine sees: relative to the workspace folder, forward slashes. */
  relativePath(uri: vscode.Uri): string {
    return vscode.workspace.asRelativePath(uri, false);
  }

  isIgnored(uri: vscode.Uri): boolean {
    const folder = this.folderFor(uri);
    return folder ? this.state(folder).isIgnored(this.relativePath(uri)) : false;
  }

  isTracked(uri: vscode.Uri): boolean | undefined {
    const folder = this.folderFor(uri);
    const tracked = folder ? this.state(folder).tracked : undefined;
    return tracked ? tracked.has(this.relativePath(uri)) : undefined;
  }

  private async reloadConfig(uri: vscode.Uri): Promise<void> {
    const open = vscode.workspace.textDocuments.find((document) => document.uri.toString() === uri.toString());
    if (open) {
      this.applyConfigText(uri, open.getText());
      return;
    }
    try {
      const bytes = await vscode.workspace.fs.readFile(uri);
      this.applyConfigText(uri, new TextDecoder().decode(bytes));
    } catch {
      this.applyConfigText(uri, undefined);
    }
  }

  private applyConfigText(uri: vscode.Uri, text: string | undefined): void {
    const folder = this.folderFor(uri);
    if (!folder || vscode.Uri.joinPath(folder.uri, projectConfigFileName).toString() !== uri.toString()) {
      return;
    }
    const state = this.state(folder);
    if (text === undefined) {
      this.configProblems.delete(uri);
      this.setConfig(state, emptyProjectConfig);
      return;
    }
    const parsed = parseProjectConfig(text, this.knownRuleIds);
    const lines = new LineIndex(text);
    this.configProblems.set(
      uri,
      parsed.problems.map((problem) => {
        const diagnostic = new vscode.Diagnostic(toRange(lines.rangeAt(problem.start, problem.end)), problem.message, vscode.DiagnosticSeverity.Error);
        diagnostic.source = 'UCanPay';
        return diagnostic;
      }),
    );
    if (parsed.config) {
      this.setConfig(state, parsed.config);
    } else {
      this.log.warn(`${this.relativePath(uri)} has ${parsed.problems.length} problem(s); the last valid configuration stays in force.`);
    }
  }

  private setConfig(state: FolderState, config: ProjectConfig): void {
    if (JSON.stringify(state.config) === JSON.stringify(config)) {
      return;
    }
    state.config = config;
    state.isIgnored = ignoreMatcher(config.ignore);
    this.changed.fire();
  }

  private scheduleTrackingRefresh(): void {
    clearTimeout(this.trackingTimer);
    this.trackingTimer = setTimeout(() => void this.refreshTracking(), 500);
  }

  private async refreshTracking(): Promise<void> {
    let changed = false;
    for (const folder of vscode.workspace.workspaceFolders ?? []) {
      if (folder.uri.scheme !== 'file') {
        continue;
      }
      const tracked = await gitTrackedFiles(folder.uri.fsPath);
      const state = this.state(folder);
      const before = state.tracked ? [...state.tracked].join('\0') : '';
      state.tracked = tracked;
      changed ||= before !== (state.tracked ? [...state.tracked].join('\0') : '');
    }
    if (changed) {
      this.changed.fire();
    }
  }

  dispose(): void {
    clearTimeout(this.trackingTimer);
    for (const disposable of this.disposables) {
      disposable.dispose();
    }
  }
}

function isConfigFile(uri: vscode.Uri): boolean {
  return uri.path.endsWith(`/${projectConfigFileName}`);
}
