import * as fs from 'fs';
import * as path from 'path';
import { findFiles, runMocha } from '../harness/mochaRun';

/**
 * Entry point VS Code calls inside the extension host (`extensionTestsPath`), under code-server
 * or under @vscode/test-electron alike. Writes the counts to $UCANPAY_TEST_RESULTS when set, and
 * rejects when a test failed, which makes the host report exit code 1.
 */
export async function run(): Promise<void> {
  // Restricted-Mode suites run in a host of their own (an untrusted workspace).
  const files = findFiles(__dirname, process.env.UCANPAY_TEST_SUITE === 'restricted' ? '.restricted.js' : '.test.js');
  const grep = process.env.UCANPAY_TEST_GREP;
  const result = await runMocha(files, { timeout: 60_000, reporter: 'spec', ...(grep ? { grep } : {}) });
  const resultsFile = process.env.UCANPAY_TEST_RESULTS;
  if (resultsFile) {
    fs.mkdirSync(path.dirname(resultsFile), { recursive: true });
    fs.writeFileSync(resultsFile, JSON.stringify(result));
  }
  if (result.failed > 0 || (result.passed === 0 && !grep)) {
    throw new Error(`${result.failed} integration test(s) failed, ${result.passed} passed`);
  }
}
