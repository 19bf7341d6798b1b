import { execFile } from 'child_process';

/**
 * Which files git tracks: the `gitTracked` fact the key rules need (a `.env` that git tracks is
 * committed; one it does not track is a local file). Runs `git` directly, never through a shell,
 * and answers `undefined` rather than failing when there is no git or no repository.
 */

const timeoutMs = 15_000;
const maxBuffer = 256 * 1024 * 1024;

function git(root: string, args: readonly string[]): Promise<string | undefined> {
  return new Promise((resolve) => {
    try {
      execFile(
        'git',
        // Pathspecs are literal file names, never globs or `:(magic)`.
        ['--literal-pathspecs', ...args],
        { cwd: root, timeout: timeoutMs, maxBuffer, windowsHide: true, encoding: 'utf8' },
        (error, stdout) => resolve(error ? undefined : stdout),
      );
    } catch {
      // A cwd that does not exist throws synchronously on some platforms.
      resolve(undefined);
    }
  });
}

function splitNul(output: string): string[] {
  return output.split('\0').filter((entry) => entry.length > 0);
}

/**
 * The files git tracks under `root`, as paths relative to `root` with forward slashes (what the
 * engine's `path` is). Undefined when `root` is not in a git work tree or git cannot be run.
 */
export async function gitTrackedFiles(root: string): Promise<Set<string> | undefined> {
  const output = await git(root, ['ls-files', '-z']);
  return output === undefined ? undefined : new Set(splitNul(output));
}

/**
 * Whether git tracks `relPath` (relative to `root`, either slash). Undefined when that cannot be
 * known (no repository, no git).
 */
export async function isGitTracked(root: string, relPath: string): Promise<boolean | undefined> {
  const path = relPath.replace(/\\/g, '/').replace(/^\.\//, '');
  if (path === '' || path.startsWith('../') || path.startsWith('/')) {
    return undefined;
  }
  const output = await git(root, ['ls-files', '-z', '--', path]);
  return output === undefined ? undefined : splitNul(output).includes(path);
}
