import * as path from 'path';
import { neverCancelled } from '../../src/core/cancellation';
import { Analyzer } from '../../src/core/engine/analyzer';
import { ParseCache } from '../../src/core/parsing/parseCache';
import { SyntaxIndex } from '../../src/core/parsing/syntaxIndex';
import { TreeSitterHost } from '../../src/core/parsing/treeSitter';
import { allRules } from '../../src/core/rules/catalogue';
import { paymentModule, Rng } from '../generate';

/**
 * The editor path: `Analyzer.analyze` on one open file, warm (runtime and grammar loaded),
 * many times; and after a one-line edit (a different edit each run), which is what the editor
 * computes between the debounce firing and the diagnostics being set. Prints JSON.
 */
export interface LatencyRow {
  readonly label: string;
  readonly lines: number;
  readonly kb: number;
  readonly runs: number;
  readonly p50: number;
  readonly p95: number;
  readonly max: number;
  /** The same, in CPU time of the process (what other processes on the machine cannot stretch). */
  readonly cpuP50: number;
  readonly cpuP95: number;
  readonly findings: number;
}

export interface LatencyReport {
  readonly coldMs: number;
  readonly rows: LatencyRow[];
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))];
}

async function main(): Promise<void> {
  const runs = JSON.parse(process.argv[2]) as Record<string, number>;
  const treeSitter = new TreeSitterHost(path.dirname(require.resolve('@vscode/tree-sitter-wasm/wasm/tree-sitter.wasm')));
  const analyzer = new Analyzer(treeSitter, allRules);
  // No size limit here: the 10,000-line files are over the editor's default (256 KiB), and a
  // skipped file must not pass for a fast one. A skip would show as 0 findings.
  // The editor keeps each open document's tree and re-parses from it (ParseCache); the per-file
  // rows analyse from scratch, as the CLI and a workspace scan do.
  const trees = new ParseCache();
  const analyze = async (filePath: string, text: string, incremental = false) => {
    const result = await analyzer.analyze(
      { path: filePath, text },
      { maxFileSize: 64 * 1024 * 1024, ...(incremental ? { incremental: { cache: trees, key: filePath } } : {}) },
      neverCancelled,
    );
    if (result.skipped) {
      throw new Error(`${filePath} was skipped (${result.skipped}): nothing was measured`);
    }
    return result;
  };
  const rows: LatencyRow[] = [];
  let coldMs = -1;
  for (const lang of ['javascript', 'typescript'] as const) {
    for (const lines of [100, 1000, 10_000]) {
      const text = paymentModule(new Rng(lines * 31 + lang.length), lines, lang, 0.02, true);
      const filePath = `src/payments/checkout-${lines}.${lang === 'typescript' ? 'ts' : 'js'}`;
      const lineCount = text.split('\n').length;
      type Operation = (input: string) => Promise<{ findings: readonly unknown[] }>;
      const measure = async (label: string, count: number, textFor: (run: number) => string, incremental = false, operation: Operation = (input) => analyze(filePath, input, incremental)) => {
        for (let i = 0; i < 5; i++) {
          await operation(textFor(-1 - i));
        }
        const times: number[] = [];
        const cpuTimes: number[] = [];
        let findings = 0;
        for (let run = 0; run < count; run++) {
          const input = textFor(run);
          const cpuStarted = process.cpuUsage();
          const started = performance.now();
          const result = await operation(input);
          times.push(performance.now() - started);
          const cpu = process.cpuUsage(cpuStarted);
          cpuTimes.push((cpu.user + cpu.system) / 1000);
          findings = result.findings.length;
        }
        times.sort((a, b) => a - b);
        cpuTimes.sort((a, b) => a - b);
        rows.push({
          label,
          lines: lineCount,
          kb: Buffer.byteLength(text) / 1000,
          runs: count,
          p50: percentile(times, 0.5),
          p95: percentile(times, 0.95),
          max: times[times.length - 1],
          cpuP50: percentile(cpuTimes, 0.5),
          cpuP95: percentile(cpuTimes, 0.95),
          findings,
        });
      };
      if (coldMs < 0) {
        const started = performance.now();
        await analyze(filePath, text);
        coldMs = performance.now() - started;
      }
      await measure(`${path.basename(filePath)}`, runs[String(lines)], () => text);
      // What no rule can make faster: tree-sitter's parse, the one pass over the tree that collects
      // the nodes rules read (SyntaxIndex), and freeing the tree. The floor under the row above.
      await measure(`${path.basename(filePath)}, tree-sitter alone`, runs[String(lines)], () => text, false, async (input) => {
        const parsed = await treeSitter.parse(lang, input);
        new SyntaxIndex(parsed.tree).nodes('string');
        parsed.tree.delete();
        return { findings: [] };
      });
      const editRuns = runs[`edit${lines}`];
      if (editRuns) {
        const split = text.split('\n');
        const middle = Math.floor(split.length / 2);
        await measure(
          `${path.basename(filePath)}, 1-line edit`,
          editRuns,
          (run) => {
            const edited = [...split];
            const line = middle + (Math.abs(run) % 20);
            edited[line] = `${edited[line]} // edit ${run}`;
            return edited.join('\n');
          },
          true,
        );
        trees.delete(filePath);
      }
    }
  }
  trees.dispose();
  treeSitter.dispose();
  process.stdout.write(`\n${JSON.stringify({ coldMs, rows } satisfies LatencyReport)}\n`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
