import { performance } from 'perf_hooks';
import * as https from 'https';
import { neverCancelled } from '../../src/core/cancellation';
import { httpsRequest } from '../../src/core/https';
import { startMockUcanpay } from '../../test/harness/mockUcanpay/server';

/**
 * Our validating client against a bare `https.request` to the same local server (the mock's
 * GET /ping), a new connection per call for both, so the difference is what our checks, timing
 * capture and redaction cost. Prints one JSON line: medians in ms.
 */
async function main(): Promise<void> {
  const runs = Number(process.argv[2] ?? 200);
  const mock = await startMockUcanpay();
  const url = `${mock.servers.good.baseUrl}/ping`;
  const bare = () =>
    new Promise<void>((resolve, reject) => {
      const request = https.request(url, { ca: mock.caPem, agent: false }, (response) => {
        response.resume();
        response.on('end', () => resolve());
      });
      request.on('error', reject);
      request.end();
    });
  const ours = () => httpsRequest({ method: 'GET', url }, { extraCaPem: [mock.caPem] }, neverCancelled).then(() => undefined);
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
  const measure = async (call: () => Promise<void>) => {
    for (let i = 0; i < 20; i++) await call();
    const times: number[] = [];
    for (let i = 0; i < runs; i++) {
      const started = performance.now();
      await call();
      times.push(performance.now() - started);
    }
    return median(times);
  };
  // Interleaved halves, so drift on a noisy machine hits both alike.
  const bareA = await measure(bare);
  const oursA = await measure(ours);
  const bareB = await measure(bare);
  const oursB = await measure(ours);
  await mock.close();
  process.stdout.write(`${JSON.stringify({ runs: runs * 2, bareMs: (bareA + bareB) / 2, oursMs: (oursA + oursB) / 2 })}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exitCode = 1;
});
