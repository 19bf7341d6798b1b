import * as fs from 'fs';
import * as path from 'path';
import { launchBrowser } from './browser';
import { provisionCodeServer, startCodeServer } from './codeServer';
import { freshDir, repoRoot } from './paths';
import { findLeaks } from './leakScan';
import { readResult, type TierResult } from './results';

export interface HostRunOptions {
  /** The folder VS Code opens; the suites create their files in it. */
  readonly workspace: string;
  readonly runName: string;
  readonly workspaceTrust?: boolean;
  readonly userSettings?: Readonly<Record<string, unknown>>;
  readonly env?: Readonly<Record<string, string>>;
  readonly timeoutMs?: number;
}

/**
 * Runs the mocha suites of out/test/integration inside a real extension host: code-server serves
 * the workbench, headless Chromium opens it with the extension-development payload (what VS
 * Code's own browser integration tests do), and the workbench reports the exit code through
 * `codeAutomationExit`. The counts come from the file the in-host runner writes.
 */
export async function runSuitesInHost(options: HostRunOptions): Promise<TierResult> {
  const bin = provisionCodeServer();
  const runDir = freshDir(options.runName);
  const resultsFile = path.join(runDir, 'results.json');
  // Outside the scanned folders, so the list of keys does not count as a leak of itself.
  const keysFile = path.join(path.dirname(runDir), `${options.runName}-keys.txt`);
  fs.rmSync(keysFile, { force: true });
  const server = await startCodeServer(bin, {
    runDir,
    workspaceTrust: options.workspaceTrust,
    userSettings: options.userSettings,
    env: { ...options.env, UCANPAY_TEST_RESULTS: resultsFile, UCANPAY_TEST_KEYS_FILE: keysFile },
  });
  const browser = await launchBrowser();
  try {
    const page = await browser.newPage();
    const authority = `127.0.0.1:${server.port}`;
    const exitCode = new Promise<number>((resolve) => {
      void page.exposeFunction('codeAutomationExit', (code: number) => resolve(code));
    });
    await page.exposeFunction('codeAutomationLog', (type: string, args: unknown[]) => {
      const line = args.map((arg) => (typeof arg === 'string' ? arg : JSON.stringify(arg))).join(' ');
      // The workbench's failed calls to the extension gallery are noise on a machine without internet.
      const noise = /open-vsx\.org|CodeExpectedError|refused to show dialog in tests/.test(line);
      if (process.env.UCANPAY_TEST_VERBOSE || (type === 'error' && !noise)) {
        process.stdout.write(`  [host ${type}] ${line}\n`);
      }
    });
    const payload = [
      ['extensionDevelopmentPath', `vscode-remote://${authority}${repoRoot}`],
      ['extensionTestsPath', `vscode-remote://${authority}${path.join(repoRoot, 'out', 'test', 'integration', 'index.js')}`],
      ['skipWelcome', 'true'],
    ];
    await page.goto(`${server.url}/?folder=${encodeURIComponent(options.workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`);
    const timeoutMs = options.timeoutMs ?? 10 * 60_000;
    const code = await Promise.race([
      exitCode,
      new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), timeoutMs).unref()),
    ]);
    const result = readResult(resultsFile);
    if (!result) {
      const reason = code === 'timeout' ? `no result after ${timeoutMs / 1000} s` : `the host exited with ${code} before reporting`;
      fs.mkdirSync(path.join(repoRoot, 'test-results'), { recursive: true });
      await page.screenshot({ path: path.join(repoRoot, 'test-results', `${options.runName}-no-result.png`) }).catch(() => undefined);
      return { passed: 0, failed: 1, skipped: 0, failures: [{ title: `integration run "${options.runName}"`, message: `${reason}; see ${runDir}/code-server.log` }] };
    }
    for (const line of result.lines ?? []) {
      console.log(line);
    }
    const keys = fs.existsSync(keysFile) ? fs.readFileSync(keysFile, 'utf8').split('\n').filter(Boolean) : [];
    const leaks = findLeaks([runDir, options.workspace], keys);
    if (keys.length) {
      console.log(`  leak scan: ${keys.length} key(s) used, searched user data, extensions, logs and the workspace`);
    }
    if (leaks.length) {
      result.failed++;
      result.failures.push({ title: 'leak scan', message: `a key value was found in: ${leaks.join(', ')}` });
    } else if (keys.length) {
      result.passed++;
    }
    if (code !== 0 && result.failed === 0) {
      result.failed = 1;
      result.failures.push({ title: 'extension host', message: `the test run exited with ${code}` });
    }
    return result;
  } finally {
    await browser.close();
    await server.stop();
  }
}
