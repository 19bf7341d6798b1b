import * as fs from 'fs';
import * as path from 'path';
import { installExtension, provisionCodeServer, startCodeServer } from './codeServer';
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
  const server = await startCodeServer(bin, { runDir, port, workspaceTrust: true });
  const url = `${server.url}/?folder=${encodeURIComponent(workspace)}`;
  console.log(`\nUCanPay Secure is running in VS Code at:\n\n  ${url}\n\nOpen src/payments.js and the Problems panel (Ctrl+Shift+M). Ctrl+C stops it.\n`);
  const stop = () => {
    void server.stop().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
