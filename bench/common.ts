import * as fs from 'fs';
import * as path from 'path';

/** The repository root (this file compiles to out/bench/). */
export const repoRoot = path.resolve(__dirname, '..', '..');

/** What a scan worker prints as its last stdout line (JSON). */
export interface ScanReport {
  readonly files: number;
  readonly bytes: number;
  /** Findings, problems, or matching lines: what the tool reports; for orientation only. */
  readonly findings: number;
  /** Time inside the worker, from the start of the scan (after loading) to its end. */
  readonly scanMs: number;
  /** CPU time (user + system) of the whole worker process, start-up included. */
  readonly cpuMs: number;
  /** High-water mark of the worker's resident set, in KiB (process.resourceUsage().maxRSS). */
  readonly maxRssKb: number;
  readonly notes?: readonly string[];
}

/** Every file under `dir`, sorted, as paths relative to it with forward slashes. */
export function walk(dir: string): string[] {
  const out: string[] = [];
  const visit = (relative: string) => {
    for (const entry of fs.readdirSync(path.join(dir, relative), { withFileTypes: true })) {
      const child = relative ? `${relative}/${entry.name}` : entry.name;
      if (entry.isDirectory()) {
        visit(child);
      } else if (entry.isFile()) {
        out.push(child);
      }
    }
  };
  visit('');
  return out.sort();
}

/** Worker arguments: `--root <dir> --list <file with one relative path a line>`. */
export function workerArgs(argv: readonly string[]): { root: string; files: string[] } {
  const value = (name: string) => {
    const index = argv.indexOf(name);
    if (index < 0 || !argv[index + 1]) {
      throw new Error(`missing ${name}`);
    }
    return argv[index + 1];
  };
  const root = path.resolve(value('--root'));
  const files = fs.readFileSync(value('--list'), 'utf8').split('\n').filter(Boolean);
  return { root, files };
}

/** CPU time of this process so far, in ms. */
export function processCpuMs(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
}

export function printReport(report: ScanReport): void {
  process.stdout.write(`\n${JSON.stringify(report)}\n`);
}
