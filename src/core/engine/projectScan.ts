import * as fs from 'fs';
import * as path from 'path';
import { throwIfCancelled, type CancellationToken } from '../cancellation';
import { ignoreMatcher } from '../config/ignore';
import type { ProjectConfig } from '../config/projectConfig';
import type { Finding, SeverityLevel } from '../findings';
import { fileKindForPath } from '../files/fileKinds';
import { listProjectFiles } from '../files/projectFiles';
import type { AnalysisInput, AnalysisOptions, AnalysisResult } from './analyzer';

/** What analyses one file: the `Analyzer` itself, or a pool of them in worker threads (the CLI). */
export interface FileAnalyzer {
  analyze(input: AnalysisInput, options: AnalysisOptions, token: CancellationToken): Promise<AnalysisResult>;
}

export interface FileResult {
  /** Project-relative, forward slashes. */
  readonly path: string;
  readonly findings: readonly Finding[];
  readonly skipped?: string;
  readonly ruleErrors?: readonly string[];
}

export interface ProjectScanOptions {
  readonly config: ProjectConfig;
  /** Levels that override the project file's (editor settings). */
  readonly ruleLevels?: Readonly<Record<string, SeverityLevel>>;
  readonly maxFileSize?: number;
  /**
   * Only files at or under these project-relative paths ('' is the whole project). A file named
   * here is scanned even when git ignores it: the user asked for it.
   */
  readonly only?: readonly string[];
  /**
   * Files in flight at once (useful when `analyzer` spreads them over threads), or a function of
   * how many files the scan has; 1 by default.
   */
  readonly concurrency?: number | ((fileCount: number) => number);
  onProgress?(done: number, total: number, file: string): void;
}

export interface ProjectScanResult {
  readonly files: readonly FileResult[];
  readonly bytes: number;
}

/**
 * Analyses every file of a project that git does not ignore and `.ucanpay.jsonc` does not
 * exclude: the workspace scan of the extension and `ucanpay scan` both run this.
 */
export async function scanProject(analyzer: FileAnalyzer, root: string, options: ProjectScanOptions, token: CancellationToken): Promise<ProjectScanResult> {
  const listed = await listProjectFiles(root, token);
  const ignored = ignoreMatcher(options.config.ignore);
  const prefixes = options.only?.map((prefix) => {
    let normalized = prefix.replace(/\\/g, '/');
    while (normalized.startsWith('./')) normalized = normalized.slice(2);
    while (normalized.endsWith('/')) normalized = normalized.slice(0, -1);
    return normalized === '.' ? '' : normalized;
  });
  const under = (file: string) => !prefixes || prefixes.some((prefix) => prefix === '' || file === prefix || file.startsWith(`${prefix}/`));
  const named = (prefixes ?? []).filter((prefix) => fileKindForPath(prefix) && !listed.files.includes(prefix) && isFile(path.join(root, prefix)));
  const files = [...listed.files.filter(under), ...named].filter((file) => !ignored(file));
  const ruleLevels = { ...options.config.rules, ...options.ruleLevels };
  // Results keep the listing's order whatever order the files finish in.
  const results: FileResult[] = new Array<FileResult>(files.length);
  let bytes = 0;
  let next = 0;
  let done = 0;
  const scanOne = async (index: number): Promise<void> => {
    const file = files[index];
    let text: string;
    try {
      text = await fs.promises.readFile(path.join(root, file), 'utf8');
    } catch (error) {
      results[index] = { path: file, findings: [], skipped: `unreadable: ${(error as NodeJS.ErrnoException).code ?? 'error'}` };
      return;
    }
    bytes += text.length;
    const result = await analyzer.analyze(
      { path: file, text, facts: { gitTracked: listed.tracked?.has(file) } },
      { ruleLevels, maxFileSize: options.maxFileSize, ruleOptions: { allowedHttpHosts: options.config.allowedHttpHosts } },
      token,
    );
    results[index] = { path: file, ...result };
  };
  const worker = async (): Promise<void> => {
    while (next < files.length) {
      throwIfCancelled(token);
      const index = next++;
      options.onProgress?.(done, files.length, files[index]);
      await scanOne(index);
      done++;
    }
  };
  const concurrency = typeof options.concurrency === 'function' ? options.concurrency(files.length) : (options.concurrency ?? 1);
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, files.length)) }, worker));
  options.onProgress?.(files.length, files.length, '');
  return { files: results, bytes };
}

function isFile(file: string): boolean {
  try {
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}
