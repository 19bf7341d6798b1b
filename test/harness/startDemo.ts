import * as fs from 'fs';
import * as path from 'path';
import { installExtension, provisionCodeServer, startCodeServer } from './codeServer';
import { startMockUcanpay } from './mockUcanpay/server';
import { cacheDir, copyDir, repoRoot } from './paths';

/**
 * `npm start`: the packaged extension in a browser-hosted VS Code on 127.0.0.1, with a fresh copy
 * of demo/ open. It shares the test harness's code-server launcher (hence its home here).
 * Ctrl+C stops it.
 */
async function main(): Promise<void> {
  const vsix = process.argv[2];
  const port = Number(process.env.UCANPAY_DEMO_PORT ?? 3210);
  const bin = provisionCodeServer();
  const runDir = path.join(cacheDir, 'demo');
  fs.rmSync(runDir, { recursive: true, force: true });
  fs.mkdirSync(runDir, { recursive: true });
  const workspace = path.join(runDir, 'workspace');
  copyDir(path.join(repoRoot, 'demo'), workspace);
  installExtension(bin, runDir, path.join(runDir, 'exts'), vsix);
  // The local UCanPay mock, trusted through the demo VS Code's *user* settings (never the
  // workspace's), so Test Connection works at once.
  const mock = await startMockUcanpay();
  const server = await startCodeServer(bin, {
    runDir,
    port,
    workspaceTrust: true,
    userSettings: { 'ucanpay.api.sandboxBaseUrl': mock.servers.good.baseUrl, 'ucanpay.tls.extraCaFile': mock.caFile },
  });
  const url = `${server.url}/?folder=${encodeURIComponent(workspace)}`;
  console.log(
    [
      '',
      'UCanPay Secure is running in VS Code at:',
      '',
      `  ${url}`,
      '',
      'Trust the folder, open src/payments.js and the Problems panel (Ctrl+Shift+M).',
      '',
      `A local UCanPay mock answers as the sandbox at ${mock.servers.good.baseUrl}. To try the test calls,`,
      'run "UCanPay: Set API Key" (Sandbox) and paste this key, generated for the mock and good nowhere else:',
      '',
      `  ${mock.sandboxKey}`,
      '',
      'then "UCanPay: Test Connection". Ctrl+C stops everything.',
      '',
    ].join('\n'),
  );
  const stop = () => {
    void Promise.all([server.stop(), mock.close()]).then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
