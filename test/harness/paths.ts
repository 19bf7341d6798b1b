import * as fs from 'fs';
import * as path from 'path';

/** The repository root (this file compiles to out/test/harness/). */
export const repoRoot = path.resolve(__dirname, '..', '..', '..');

/** Git-ignored cache: code-server installs, per-run folders, the packaged .vsix. */
export const cacheDir = path.join(repoRoot, '.vscode-test');

/** Git-ignored folder for screenshots and logs that a person may want to look at. */
export const resultsDir = path.join(repoRoot, 'test-results');

/** A fresh, empty folder for one run of something (code-server state, a workspace copy). */
export function freshDir(...segments: string[]): string {
  const dir = path.join(cacheDir, 'runs', ...segments);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}

export function copyDir(from: string, to: string): void {
  fs.cpSync(from, to, { recursive: true });
}
