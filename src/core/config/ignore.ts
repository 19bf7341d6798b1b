import picomatch from 'picomatch';

/**
 * Matches project-relative paths (forward slashes) against `.ucanpay.jsonc` ignore globs.
 * A pattern without a slash matches at any depth, as in .gitignore (`*.min.js`).
 */
export function ignoreMatcher(globs: readonly string[]): (relativePath: string) => boolean {
  if (globs.length === 0) {
    return () => false;
  }
  const matchers = globs.map((glob) => picomatch(glob, { dot: true, basename: !glob.includes('/') }));
  return (relativePath) => {
    const normalized = relativePath.replace(/\\/g, '/').replace(/^\.\//, '');
    return matchers.some((match) => match(normalized));
  };
}
