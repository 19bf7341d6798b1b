import * as vscode from 'vscode';
import { CancelledError } from '../core/cancellation';
import type { Analyzer } from '../core/engine/analyzer';
import type { Finding } from '../core/findings';
import { fileKindForDocument } from '../core/files/fileKinds';
import { ruleIdOf, toDiagnostic, toRange } from './convert';
import { readDiagnosticsSettings } from './settings';

interface DocumentResult {
  /** The document version the findings were computed on: fixes apply only to that version. */
  readonly version: number;
  readonly findings: readonly Finding[];
}

const analysedSchemes = new Set(['file', 'untitled', 'vscode-remote']);

/**
 * Owns the Problems-panel entries of UCanPay: recomputes a document shortly after each edit,
 * drops diagnostics an edit touched at once (so a fixed problem never lingers), clears a document
 * on close, and recomputes everything when settings change.
 */
export class DiagnosticsManager implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('ucanpay');
  private readonly results = new Map<string, DocumentResult>();
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly running = new Map<string, vscode.CancellationTokenSource>();
  private readonly disposables: vscode.Disposable[] = [this.collection];

  constructor(
    private readonly analyzer: Analyzer,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.disposables.push(
      vscode.workspace.onDidOpenTextDocument((document) => this.schedule(document, 0)),
      vscode.workspace.onDidChangeTextDocument((event) => this.onDidChange(event)),
      vscode.workspace.onDidCloseTextDocument((document) => this.forget(document.uri)),
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (event.affectsConfiguration('ucanpay')) {
          this.refreshAll();
        }
      }),
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
  }

  private isCandidate(document: vscode.TextDocument): boolean {
    return analysedSchemes.has(document.uri.scheme) && fileKindForDocument(document.languageId, document.uri.path) !== undefined;
  }

  private onDidChange(event: vscode.TextDocumentChangeEvent): void {
    if (event.contentChanges.length === 0 || !this.isCandidate(event.document)) {
      return;
    }
    const key = event.document.uri.toString();
    const current = this.collection.get(event.document.uri) ?? [];
    const untouched = current.filter((diagnostic) =>
      event.contentChanges.every((change) => !change.range.intersection(diagnostic.range)),
    );
    if (untouched.length !== current.length) {
      this.collection.set(event.document.uri, untouched);
    }
    this.results.delete(key);
    this.schedule(event.document, readDiagnosticsSettings(event.document.uri).debounceMs);
  }

  private schedule(document: vscode.TextDocument, delayMs: number): void {
    if (!this.isCandidate(document)) {
      return;
    }
    const key = document.uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key);
        void this.analyze(document);
      }, delayMs),
    );
  }

  private async analyze(document: vscode.TextDocument): Promise<void> {
    const key = document.uri.toString();
    this.running.get(key)?.cancel();
    const cancellation = new vscode.CancellationTokenSource();
    this.running.set(key, cancellation);
    const settings = readDiagnosticsSettings(document.uri);
    const version = document.version;
    try {
      if (!settings.enable || document.isClosed) {
        this.forget(document.uri);
        return;
      }
      const result = await this.analyzer.analyze(
        {
          path: vscode.workspace.asRelativePath(document.uri, false),
          text: document.getText(),
          kind: fileKindForDocument(document.languageId, document.uri.path),
        },
        { ruleLevels: settings.rules, maxFileSize: settings.maxFileSizeKb * 1024 },
        cancellation.token,
      );
      if (cancellation.token.isCancellationRequested || document.isClosed || document.version !== version) {
        return;
      }
      if (result.skipped) {
        this.log.info(`Skipped ${document.uri.path}: ${result.skipped}`);
      }
      this.results.set(key, { version, findings: result.findings });
      this.collection.set(document.uri, result.findings.map(toDiagnostic));
    } catch (error) {
      if (!(error instanceof CancelledError)) {
        this.log.error(`Could not analyse ${document.uri.path}: ${error instanceof Error ? error.message : String(error)}`);
      }
    } finally {
      if (this.running.get(key) === cancellation) {
        this.running.delete(key);
      }
      cancellation.dispose();
    }
  }

  private forget(uri: vscode.Uri): void {
    const key = uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.delete(key);
    this.running.get(key)?.cancel();
    this.results.delete(key);
    this.collection.delete(uri);
  }

  dispose(): void {
    for (const timer of this.timers.values()) {
      clearTimeout(timer);
    }
    for (const source of this.running.values()) {
      source.cancel();
    }
    for (const disposable of this.disposables) {
      disposable.dispose();
    }
  }
}
