import * as vscode from 'vscode';
import { CancelledError, neverCancelled } from '../core/cancellation';
import type { AnalysisInput, Analyzer } from '../core/engine/analyzer';
import type { FileResult } from '../core/engine/projectScan';
import { fileKindForDocument, fileKindForPath } from '../core/files/fileKinds';
import type { Finding } from '../core/findings';
import { ParseCache } from '../core/parsing/parseCache';
import { ruleIdOf, toDiagnostic, toRange } from './convert';
import type { ProjectState } from './projectState';
import { readDiagnosticsSettings } from './settings';

interface DocumentResult {
  /** The document version the findings were computed on: fixes apply only to that version. */
  readonly version: number;
  readonly findings: readonly Finding[];
}

const analysedSchemes = new Set(['file', 'untitled', 'vscode-remote']);

/**
 * Owns the Problems-panel entries of UCanPay. Open documents are recomputed shortly after each
 * edit (an edit drops the diagnostics it touches at once, so a fixed problem never lingers),
 * and when settings or `.ucanpay.jsonc` change. Files a workspace scan reported on stay in the
 * panel while closed, and are recomputed from disk when they change there.
 */
export class DiagnosticsManager implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('ucanpay');
  private readonly results = new Map<string, DocumentResult>();
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly running = new Map<string, vscode.CancellationTokenSource>();
  /** Files (URI strings) whose diagnostics came from a workspace scan rather than an editor. */
  private readonly scanned = new Set<string>();
  /** The last syntax tree of each open document, so that an edit re-parses only around itself. */
  private readonly trees = new ParseCache();
  private readonly disposables: vscode.Disposable[] = [this.collection];

  constructor(
    private readonly analyzer: Analyzer,
    private readonly project: ProjectState,
    private readonly log: vscode.LogOutputChannel,
  ) {
    const watcher = vscode.workspace.createFileSystemWatcher('**/*');
    this.disposables.push(
      watcher,
      // A watcher may fold a quick create-then-change into one create (and git checkouts
      // recreate files), so both count as a change.
      watcher.onDidCreate((uri) => this.onDiskChange(uri)),
      watcher.onDidChange((uri) => this.onDiskChange(uri)),
      watcher.onDidDelete((uri) => this.onDiskDelete(uri)),
      vscode.workspace.onDidOpenTextDocument((document) => this.schedule(document, 0)),
      vscode.workspace.onDidChangeTextDocument((event) => this.onDidChange(event)),
      vscode.workspace.onDidCloseTextDocument((document) => this.onDidClose(document)),
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (event.affectsConfiguration('ucanpay')) {
          this.refreshAll();
        }
      }),
      project.onDidChange(() => this.refreshAll()),
    );
    this.refreshAll();
  }

  /** The finding behind one of our diagnostics, if it was computed on the document as it is now. */
  findingFor(document: vscode.TextDocument, diagnostic: vscode.Diagnostic): Finding | undefined {
    const result = this.results.get(document.uri.toString());
    const ruleId = ruleIdOf(diagnostic);
    if (!result || result.version !== document.version || !ruleId) {
      return undefined;
    }
    return result.findings.find((finding) => finding.ruleId === ruleId && toRange(finding.range).isEqual(diagnostic.range));
  }

  refreshAll(): void {
    for (const document of vscode.workspace.textDocuments) {
      this.schedule(document, 0);
    }
    for (const key of this.scanned) {
      if (!this.isOpen(key)) {
        void this.analyzeFromDisk(vscode.Uri.parse(key));
      }
    }
  }

  /** Shows a workspace scan's results for the files of `folder` that are not open in an editor. */
  publishScan(folder: vscode.WorkspaceFolder, files: readonly FileResult[]): void {
    const prefix = folder.uri.toString();
    for (const key of [...this.scanned]) {
      if (key.startsWith(`${prefix}/`) && !this.isOpen(key)) {
        this.collection.delete(vscode.Uri.parse(key));
        this.scanned.delete(key);
      }
    }
    for (const file of files) {
      const uri = vscode.Uri.joinPath(folder.uri, file.path);
      const key = uri.toString();
      if (this.isOpen(key)) {
        continue;
      }
      this.scanned.add(key);
      this.collection.set(uri, file.findings.map(toDiagnostic));
    }
  }

  private isOpen(key: string): boolean {
    return vscode.workspace.textDocuments.some((document) => document.uri.toString() === key);
  }

  private isCandidate(document: vscode.TextDocument): boolean {
    return (
      analysedSchemes.has(document.uri.scheme) &&
      fileKindForDocument(document.languageId, document.uri.path) !== undefined &&
      !this.project.isIgnored(document.uri)
    );
  }

  private onDidChange(event: vscode.TextDocumentChangeEvent): void {
    if (event.contentChanges.length === 0 || !this.isCandidate(event.document)) {
      return;
    }
    const current = this.collection.get(event.document.uri) ?? [];
    const untouched = current.filter((diagnostic) =>
      event.contentChanges.every((change) => !change.range.intersection(diagnostic.range)),
    );
    if (untouched.length !== current.length) {
      this.collection.set(event.document.uri, untouched);
    }
    this.results.delete(event.document.uri.toString());
    this.schedule(event.document, readDiagnosticsSettings(event.document.uri).debounceMs);
  }

  private onDidClose(document: vscode.TextDocument): void {
    const key = document.uri.toString();
    this.cancel(key);
    this.results.delete(key);
    this.trees.delete(key);
    if (this.scanned.has(key)) {
      // Part of a workspace scan: keep it in the panel, as it is on disk.
      void this.analyzeFromDisk(document.uri);
    } else {
      this.collection.delete(document.uri);
    }
  }

  private onDiskChange(uri: vscode.Uri): void {
    const key = uri.toString();
    if (this.scanned.has(key) && !this.isOpen(key)) {
      void this.analyzeFromDisk(uri);
    }
  }

  private onDiskDelete(uri: vscode.Uri): void {
    const key = uri.toString();
    if (this.scanned.delete(key)) {
      this.collection.delete(uri);
    }
  }

  private schedule(document: vscode.TextDocument, delayMs: number): void {
    const key = document.uri.toString();
    if (!this.isCandidate(document)) {
      if (this.collection.has(document.uri) && !this.scanned.has(key)) {
        this.collection.delete(document.uri);
      }
      return;
    }
    clearTimeout(this.timers.get(key));
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key);
        void this.analyzeDocument(document);
      }, delayMs),
    );
  }

  private inputFor(uri: vscode.Uri, text: string, kind: AnalysisInput['kind']): AnalysisInput {
    return { path: this.project.relativePath(uri), text, kind, facts: { gitTracked: this.project.isTracked(uri) } };
  }

  private optionsFor(uri: vscode.Uri) {
    const settings = readDiagnosticsSettings(uri);
    const config = this.project.configFor(uri);
    return {
      settings,
      options: {
        // Local settings override the project's file: they are the user's own choice.
        ruleLevels: { ...config.rules, ...settings.rules },
        maxFileSize: settings.maxFileSizeKb * 1024,
        ruleOptions: { allowedHttpHosts: config.allowedHttpHosts },
      },
    };
  }

  private async analyzeDocument(document: vscode.TextDocument): Promise<void> {
    const key = document.uri.toString();
    this.cancel(key);
    const cancellation = new vscode.CancellationTokenSource();
    this.running.set(key, cancellation);
    const { settings, options } = this.optionsFor(document.uri);
    const version = document.version;
    try {
      if (!settings.enable || document.isClosed) {
        this.collection.delete(document.uri);
        this.results.delete(key);
        return;
      }
      const result = await this.analyzer.analyze(
        this.inputFor(document.uri, document.getText(), fileKindForDocument(document.languageId, document.uri.path)),
        { ...options, incremental: { cache: this.trees, key } },
        cancellation.token,
      );
      if (cancellation.token.isCancellationRequested || document.isClosed || document.version !== version) {
        return;
      }
      this.logResult(document.uri, result);
      this.results.set(key, { version, findings: result.findings });
      this.collection.set(document.uri, result.findings.map(toDiagnostic));
    } catch (error) {
      if (!(error instanceof CancelledError)) {
        this.log.error(`Could not analyse ${this.project.relativePath(document.uri)}: ${error instanceof Error ? error.message : String(error)}`);
      }
    } finally {
      if (this.running.get(key) === cancellation) {
        this.running.delete(key);
      }
      if (document.isClosed) {
        // Closed while it was analysed: the tree it left behind has no document any more.
        this.trees.delete(key);
      }
      cancellation.dispose();
    }
  }

  private async analyzeFromDisk(uri: vscode.Uri): Promise<void> {
    const { settings, options } = this.optionsFor(uri);
    if (!settings.enable || this.project.isIgnored(uri) || !fileKindForPath(uri.path)) {
      this.scanned.delete(uri.toString());
      this.collection.delete(uri);
      return;
    }
    try {
      const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
      const result = await this.analyzer.analyze(this.inputFor(uri, text, undefined), options, neverCancelled);
      if (!this.isOpen(uri.toString()) && this.scanned.has(uri.toString())) {
        this.logResult(uri, result);
        this.collection.set(uri, result.findings.map(toDiagnostic));
      }
    } catch (error) {
      this.log.warn(`Could not re-read ${this.project.relativePath(uri)}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  private logResult(uri: vscode.Uri, result: { skipped?: string; ruleErrors?: readonly string[] }): void {
    if (result.skipped) {
      this.log.info(`Skipped ${this.project.relativePath(uri)}: ${result.skipped}`);
    }
    for (const error of result.ruleErrors ?? []) {
      this.log.error(`Rule ${error} failed on ${this.project.relativePath(uri)} (a bug in UCanPay Secure; please report it)`);
    }
  }

  private cancel(key: string): void {
    this.running.get(key)?.cancel();
    clearTimeout(this.timers.get(key));
    this.timers.delete(key);
  }

  dispose(): void {
    for (const key of [...this.timers.keys(), ...this.running.keys()]) {
      this.cancel(key);
    }
    for (const disposable of this.disposables) {
      disposable.dispose();
    }
    this.trees.dispose();
  }
}
