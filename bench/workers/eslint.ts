import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ESLint } from 'eslint';
import { printReport, processCpuMs, repoRoot, workerArgs } from '../common';

/**
 * The peer: ESLint 9 with @microsoft/eslint-plugin-sdl (recommended), eslint-plugin-security
 * (recommended) and eslint-plugin-no-secrets, TypeScript through typescript-eslint's parser (no
 * type information, as these plugins need none). The flat config is written to a temp dir and
 * loads the plugins from this repository's node_modules. One process, no cache, no concurrency.
 */
const config = `
import { createRequire } from 'node:module';
const require = createRequire(${JSON.stringify(path.join(repoRoot, 'package.json'))});
const sdl = require('@microsoft/eslint-plugin-sdl');
const security = require('eslint-plugin-security');
const noSecrets = require('eslint-plugin-no-secrets');
const tseslint = require('typescript-eslint');

export default [
  { files: ['**/*.{js,mjs,cjs,jsx,ts,mts,cts,tsx}'] },
  { languageOptions: { ecmaVersion: 'latest', sourceType: 'module' } },
  // sdl's recommended config registers its own copy of the security plugin (an older version);
  // give the name to the installed eslint-plugin-security 4 and turn on its recommended rules.
  ...sdl.configs.recommended.map((entry) =>
    entry.plugins?.security ? { ...entry, plugins: Object.fromEntries(Object.entries(entry.plugins).filter(([name]) => name !== 'security')) } : entry,
  ),
  security.configs.recommended,
  { plugins: { 'no-secrets': noSecrets }, rules: { 'no-secrets/no-secrets': 'error' } },
  { files: ['**/*.{ts,mts,cts,tsx}'], languageOptions: { parser: tseslint.parser } },
];
`;

async function main(): Promise<void> {
  const { root, files } = workerArgs(process.argv);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ucanpay-bench-eslint-'));
  try {
    const configFile = path.join(tmp, 'eslint.config.mjs');
    fs.writeFileSync(configFile, config);
    const eslint = new ESLint({ cwd: root, overrideConfigFile: configFile, cache: false, errorOnUnmatchedPattern: false });
    const started = performance.now();
    const results = await eslint.lintFiles(files);
    const scanMs = performance.now() - started;
    const bytes = results.reduce((sum, result) => sum + fs.statSync(result.filePath).size, 0);
    const findings = results.reduce((sum, result) => sum + result.messages.length, 0);
    const fatal = results.reduce((sum, result) => sum + result.fatalErrorCount, 0);
    const ignored = results.filter((result) => result.messages.some((message) => /ignored/i.test(message.message))).length;
    printReport({
      files: results.length,
      bytes,
      findings,
      scanMs,
      cpuMs: processCpuMs(),
    maxRssKb: process.resourceUsage().maxRSS,
      notes: [...(fatal ? [`${fatal} parse errors`] : []), ...(ignored ? [`${ignored} files ignored`] : [])],
    });
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
