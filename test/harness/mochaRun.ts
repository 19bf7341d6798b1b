import Mocha from 'mocha';
import * as fs from 'fs';
import * as path from 'path';
import type { TierResult } from './results';

/** Every file under `dir` (recursively) whose name ends with `suffix`. */
export function findFiles(dir: string, suffix: string): string[] {
  if (!fs.existsSync(dir)) {
    return [];
  }
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) =>
      entry.isDirectory()
        ? findFiles(path.join(dir, entry.name), suffix)
        : entry.name.endsWith(suffix)
          ? [path.join(dir, entry.name)]
          : [],
    )
    .sort();
}

/**
 * Runs mocha on `files` in this process with the spec reporter, and returns the counts and
 * failures. Used for the Node tiers and, inside the extension host, for the integration tier.
 */
export async function runMocha(files: readonly string[], options: Mocha.MochaOptions): Promise<TierResult> {
  const mocha = new Mocha({ ui: 'bdd', color: false, ...options });
  for (const file of files) {
    mocha.addFile(file);
  }
  await mocha.loadFilesAsync();
  const result: TierResult = { passed: 0, failed: 0, skipped: 0, failures: [], lines: [] };
  await new Promise<void>((resolve) => {
    const runner = mocha.run(() => resolve());
    runner.on('pass', (test) => {
      result.passed++;
      result.lines?.push(`  ✔ ${test.fullTitle()}`);
    });
    runner.on('pending', (test) => {
      result.skipped++;
      result.lines?.push(`  - ${test.fullTitle()}`);
    });
    runner.on('fail', (test, error: Error) => {
      result.failed++;
      result.lines?.push(`  ✘ ${test.fullTitle()}`);
      result.failures.push({ title: test.fullTitle(), message: String(error?.message ?? error), stack: error?.stack });
    });
  });
  mocha.dispose();
  return result;
}
