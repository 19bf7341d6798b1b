import { startMockUcanpay } from './server';

/**
 * Standalone: `node out/test/harness/mockUcanpay/main.js [--port N] [--json]` starts the mock,
 * prints the sandbox base URL, the CA file to trust and the key it accepts, and runs until
 * interrupted. The demo launcher starts it this way.
 */
async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const portIndex = args.indexOf('--port');
  const goodPort = portIndex >= 0 ? Number(args[portIndex + 1]) : 0;
  if (!Number.isInteger(goodPort) || goodPort < 0 || goodPort > 65535) {
    process.stderr.write('usage: main.js [--port N] [--json]\n');
    process.exitCode = 2;
    return;
  }
  const mock = await startMockUcanpay({ goodPort });
  const others = Object.fromEntries(Object.values(mock.servers).map((server) => [server.name, server.baseUrl]));
  if (args.includes('--json')) {
    process.stdout.write(`${JSON.stringify({ baseUrl: mock.servers.good.baseUrl, caFile: mock.caFile, sandboxKey: mock.sandboxKey, servers: others })}\n`);
  } else {
    process.stdout.write(
      [
        `UCanPay mock API (sandbox): ${mock.servers.good.baseUrl}`,
        `CA certificate to trust (extra CA file): ${mock.caFile}`,
        `Sandbox key it accepts (generated for this run): ${mock.sandboxKey}`,
        'Misbehaving servers:',
        ...Object.entries(others)
          .filter(([name]) => name !== 'good')
          .map(([name, url]) => `  ${name.padEnd(18)} ${url}`),
        'Press Ctrl+C to stop.',
        '',
      ].join('\n'),
    );
  }
  const stop = () => {
    void mock.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`mock: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exitCode = 1;
});
