import { runTests } from '@vscode/test-electron';
import * as path from 'path';
import { copyDir, freshDir, repoRoot } from '../harness/paths';
import { readResult } from '../harness/results';

/**
 * The same integration suites under desktop VS Code, through @vscode/test-electron, for machines
 * that have one: VSCODE_EXECUTABLE_PATH=/path/to/code npm run test:electron
 * (test-electron's own download of VS Code needs Microsoft's update servers, so the path is
 * required rather than downloaded.)
 */
async function main(): Promise<void> {
  const vscodeExecutablePath = process.env.VSCODE_EXECUTABLE_PATH;
  if (!vscodeExecutablePath) {
    console.error('Set VSCODE_EXECUTABLE_PATH to a desktop VS Code (1.100 or newer) executable.');
    process.exit(2);
  }
  const runDir = freshDir('electron');
  const workspace = path.join(runDir, 'workspace');
  copyDir(path.join(repoRoot, 'test', 'fixtures', 'integration-workspace'), workspace);
  const resultsFile = path.join(runDir, 'results.json');
  let failed = false;
  try {
    await runTests({
      vscodeExecutablePath,
      extensionDevelopmentPath: repoRoot,
      extensionTestsPath: path.join(repoRoot, 'out', 'test', 'integration', 'index.js'),
      extensionTestsEnv: { UCANPAY_TEST_RESULTS: resultsFile },
      launchArgs: [workspace, '--disable-extensions', '--user-data-dir', path.join(runDir, 'ud')],
    });
  } catch {
    failed = true;
  }
  const result = readResult(resultsFile);
  console.log(`integration (electron): ${result?.passed ?? 0} passed, ${result?.failed ?? 1} failed`);
  process.exitCode = failed || !result || result.failed > 0 ? 1 : 0;
}

void main();
