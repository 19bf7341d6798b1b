import { execFile } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { throwIfCancelled, type CancellationToken } from '../cancellation';
import { gitTrackedFiles } from '../git/tracking';
import { fileKindForPath } from './fileKinds';

export interface ProjectFiles {
  /** Project-relative paths (forward slashes) of the files the engine can analyse. */
  readonly files: readonly string[];
  /** The subset git tracks; undefined when the folder is not in a git work tree. */
  readonly tracked?: ReadonlySet<string>;
}

// Folders that hold dependencies or build output, never the project's own code (used when git
// cannot tell us what is ignored).
const skippedFolders = new Set(['node_modules', '.git', 'dist', 'out', 'build', 'coverage', '.next', '.nuxt', '.vscode-test', 'vendor', '__pycache__', '.venv']);

/** Files git does not track and does not ignore (new files of the project). */
function gitUntrackedFiles(root: string): Promise<string[] | undefined> {
  return new Promise((resolve) => {
    execFile('git', ['-C', root, 'ls-files', '-z', '--others', '--exclude-standard'], { maxBuffer: 256 * 1024 * 1024, encoding: 'utf8' }, (error, stdout) =>
      resolve(error ? undefined : stdout.split('\0').filter(Boolean)),
    );
  });
}

/**
 * The files of a project the engine should look at. In a git work tree, git decides: tracked
 * files plus untracked ones it does not ignore (so .gitignore is honoured exactly as git reads
 * it). Elsewhere, a walk that skips dependency and build folders.
 */
export async function listProjectFiles(root: string, token: CancellationToken): Promise<ProjectFiles> {
  const tracked = await gitTrackedFiles(root);
  const untracked = tracked === undefined ? undefined : await gitUntrackedFiles(root);
  throwIfCancelled(token);
  if (tracked !== undefined && untracked !== undefined) {
    const candidates = [...new Set([...tracked, ...untracked])];
    // git lists deleted-but-not-committed files too; dependencies are never the project's code,
    // even where a repository forgot to ignore them.
    const files = candidates
      .filter((file) => fileKindForPath(file) && !isInSkippedFolder(file) && fs.existsSync(path.join(root, file)))
      .sort();
    return { files, tracked };
  }
  const files: string[] = [];
  const walk = (dir: string, prefix: string) => {
    throwIfCancelled(token);
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      const relative = prefix ? `${prefix}/${entry.name}` : entry.name;
      if (entry.isDirectory()) {
        if (!skippedFolders.has(entry.name)) {
          walk(path.join(dir, entry.name), relative);
        }
      } else if (entry.isFile() && fileKindForPath(entry.name)) {
        files.push(relative);
      }
    }
  };
  walk(root, '');
  return { files: files.sort() };
}

function isInSkippedFolder(file: string): boolean {
  return file.split('/').slice(0, -1).some((segment) => segment === 'node_modules' || segment === '.vscode-test');
}
