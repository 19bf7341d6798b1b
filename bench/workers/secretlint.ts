import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { printReport, processCpuMs, repoRoot, workerArgs } from '../common';

/**
 * The peer: secretlint 10 with @secretlint/secretlint-rule-preset-recommend, through its Node
 * API (@secretlint/node, what its CLI runs), with a .secretlintrc.json written to a temp dir.
 */

// secretlint is ESM-only; a real dynamic import (TypeScript would turn import() into require()).
const importEsm = new Function('specifier', 'return import(specifier)') as (specifier: string) => Promise<unknown>;

interface SecretlintNode {
  createEngine(options: { cwd: string; configFilePath: string; formatter: string; color: boolean; maskSecrets: boolean }): Promise<{
    executeOnFiles(options: { filePathList: string[] }): Promise<{ ok: boolean; output: string }>;
  }>;
}

async function main(): Promise<void> {
  const { root, files } = workerArgs(process.argv);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ucanpay-bench-secretlint-'));
  try {
    const configFile = path.join(tmp, '.secretlintrc.json');
    fs.writeFileSync(configFile, JSON.stringify({ rules: [{ id: '@secretlint/secretlint-rule-preset-recommend' }] }));
    const entry = pathToFileURL(require.resolve('@secretlint/node', { paths: [repoRoot] })).href;
    const { createEngine } = (await importEsm(entry)) as SecretlintNode;
    const engine = await createEngine({ cwd: repoRoot, configFilePath: configFile, formatter: 'json', color: false, maskSecrets: true });
    const absolute = files.map((file) => path.join(root, file));
    const started = performance.now();
    const result = await engine.executeOnFiles({ filePathList: absolute });
    const scanMs = performance.now() - started;
    const bytes = absolute.reduce((sum, file) => sum + fs.statSync(file).size, 0);
    const parsed = JSON.parse(result.output || '[]') as Array<{ messages: unknown[] }>;
    const findings = parsed.reduce((sum, entry) => sum + entry.messages.length, 0);
    printReport({ files: files.length, bytes, findings, scanMs, cpuMs: processCpuMs(), maxRssKb: process.resourceUsage().maxRSS });
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
