import * as fs from 'fs';
import * as path from 'path';
import { neverCancelled } from '../../src/core/cancellation';
import { Analyzer } from '../../src/core/engine/analyzer';
import { TreeSitterHost } from '../../src/core/parsing/treeSitter';
import { allRules } from '../../src/core/rules/catalogue';
import { printReport, processCpuMs, workerArgs } from '../common';

/**
 * Our engine over a list of files, one after the other in one process, as `ucanpay scan` does:
 * read, analyse, keep the findings.
 */
async function main(): Promise<void> {
  const { root, files } = workerArgs(process.argv);
  const treeSitter = new TreeSitterHost(path.dirname(require.resolve('@vscode/tree-sitter-wasm/wasm/tree-sitter.wasm')));
  const analyzer = new Analyzer(treeSitter, allRules);
  const started = performance.now();
  let bytes = 0;
  let findings = 0;
  let skipped = 0;
  const ruleErrors = new Set<string>();
  for (const file of files) {
    const buffer = fs.readFileSync(path.join(root, file));
    bytes += buffer.length;
    // The CLI's defaults (files over 512 KiB and minified bundles are skipped, as in a real scan).
    const result = await analyzer.analyze({ path: file, text: buffer.toString('utf8') }, {}, neverCancelled);
    findings += result.findings.length;
    skipped += result.skipped ? 1 : 0;
    for (const error of result.ruleErrors ?? []) {
      ruleErrors.add(error);
    }
  }
  const scanMs = performance.now() - started;
  treeSitter.dispose();
  printReport({
    files: files.length,
    bytes,
    findings,
    scanMs,
    cpuMs: processCpuMs(),
    maxRssKb: process.resourceUsage().maxRSS,
    notes: [...(skipped ? [`${skipped} files skipped`] : []), ...[...ruleErrors].slice(0, 5).map((error) => `rule error: ${error}`)],
  });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
