import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { neverCancelled } from '../core/cancellation';
import { loadProjectConfig } from '../core/config/loadProjectConfig';
import { Analyzer } from '../core/engine/analyzer';
import { scanProject, type FileAnalyzer } from '../core/engine/projectScan';
import { isAtLeast } from '../core/findings';
import { TreeSitterHost } from '../core/parsing/treeSitter';
import { toSarif } from '../core/report/sarif';
import { allRules } from '../core/rules/catalogue';
import { LineIndex } from '../core/text/lineIndex';
import { parseScanArgs, type ScanArgs } from './args';
import { exec, keys, keysUsage } from './keys';
import { ping } from './ping';
import { formatText } from './textReport';
import { ProgressBar } from './progressBar';
import { WorkerPool } from './workerPool';

export interface CliIo {
  readonly stdout: NodeJS.WritableStream;
  readonly stderr: NodeJS.WritableStream & { isTTY?: boolean };
  readonly cwd: string;
  readonly env?: NodeJS.ProcessEnv;
}

export const usage = `Usage: ucanpay scan [paths...] [options]
       ucanpay ping [--env sandbox|live] [--base-url URL] [--ca-file FILE]   (see ucanpay ping --help)

Checks a project for insecure UCanPay integration code: JavaScript/TypeScript and configuration
files (.env, JSON, YAML, properties, Dockerfile, shell, Markdown). Files git ignores are skipped,
and so are the "ignore" globs of .ucanpay.jsonc in the current folder.

Options:
  -f, --format text|json|sarif   output format (default: text); sarif is SARIF 2.1.0
  -o, --output FILE              write the report to FILE instead of standard output
      --fail-on error|warning|info
                                 lowest severity that makes the exit code 1 (default: warning)
      --progress / --no-progress show a progress bar on standard error (default: when a terminal)
  -j, --jobs N                   files analysed at once, in worker threads (default: up to 4, one per
                                 core, for 200 files or more; 1 below)

Exit codes: 0 nothing at or above --fail-on, 1 findings, 2 usage, configuration or I/O error.

`;

/** The bundled CLI sits next to its grammars (dist/grammars); tests pass the package's folder. */
// Below this many files a scan stays in one thread unless --jobs says otherwise.
const parallelScanMinFiles = 200;

/** Worker threads for a large scan: the cores there are, up to four. */
function defaultJobs(): number {
  return Math.max(1, Math.min(4, typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length));
}

function wasmDir(env: NodeJS.ProcessEnv): string {
  return env.UCANPAY_WASM_DIR || path.join(__dirname, 'grammars');
}

export async function run(argv: readonly string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv;
  if (command === '--version' || command === '-v') {
    io.stdout.write(`${readVersion()}\n`);
    return 0;
  }
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
    io.stdout.write(`${usage}${keysUsage}`);
    return 0;
  }
  if (command === 'keys') {
    return keys(rest, io);
  }
  if (command === 'exec') {
    return exec(rest, io);
  }
  if (command === 'ping') {
    return ping(rest, io);
  }
  if (command !== 'scan') {
    io.stderr.write(`ucanpay: unknown command ${command}\n\n${usage}`);
    return 2;
  }
  const args = parseScanArgs(rest);
  if (typeof args === 'string') {
    io.stderr.write(`ucanpay scan: ${args}\n\n${usage}`);
    return 2;
  }
  return scan(args, io);
}

async function scan(args: ScanArgs, io: CliIo): Promise<number> {
  // The project root is the current folder; a single folder named outside it is a project of
  // its own (`ucanpay scan ../other-repo`), with its own .ucanpay.jsonc.
  const single = args.paths.length === 1 ? path.resolve(io.cwd, args.paths[0]) : undefined;
  const outside = single !== undefined && path.relative(io.cwd, single).startsWith('..') && isDirectory(single);
  const root = outside ? single : io.cwd;
  if (outside) {
    args = { ...args, paths: [] };
  }
  const knownRuleIds = new Set(allRules.map((rule) => rule.id));
  const loaded = loadProjectConfig(root, knownRuleIds);
  if (!loaded.config) {
    const lines = new LineIndex(loaded.text ?? '');
    for (const problem of loaded.problems) {
      const { line, character } = lines.positionAt(problem.start);
      io.stderr.write(`${path.relative(root, loaded.file)}:${line + 1}:${character + 1}  ${problem.message}\n`);
    }
    io.stderr.write('ucanpay scan: fix .ucanpay.jsonc first (the scan did not run).\n');
    return 2;
  }
  let only: string[] | undefined;
  if (args.paths.length) {
    only = [];
    for (const target of args.paths) {
      const absolute = path.resolve(root, target);
      const relative = path.relative(root, absolute).split(path.sep).join('/');
      if (relative.startsWith('..') || path.isAbsolute(relative) || !fs.existsSync(absolute)) {
        io.stderr.write(`ucanpay scan: cannot scan ${target}: ${fs.existsSync(absolute) ? 'it is outside the current folder' : 'no such file or folder'}\n`);
        return 2;
      }
      only.push(relative);
    }
  }
  const treeSitter = new TreeSitterHost(wasmDir(io.env ?? process.env));
  const inProcess = new Analyzer(treeSitter, allRules);
  // Large scans spread over worker threads (an engine each); small ones stay in this thread,
  // where starting workers would cost more than it saves.
  let pool: WorkerPool | undefined;
  const analyzer: FileAnalyzer = { analyze: (input, options, token) => (pool ?? inProcess).analyze(input, options, token) };
  const concurrency = (fileCount: number): number => {
    const jobs = args.jobs ?? (fileCount >= parallelScanMinFiles ? defaultJobs() : 1);
    if (jobs > 1) {
      pool = new WorkerPool(jobs, wasmDir(io.env ?? process.env));
    }
    return jobs;
  };
  const showProgress = args.progress ?? (Boolean(io.stderr.isTTY) && !(io.env ?? process.env).CI);
  const bar = showProgress ? new ProgressBar(io.stderr) : undefined;
  let result;
  try {
    result = await scanProject(
      analyzer,
      root,
      {
        config: loaded.config,
        only,
        concurrency,
        onProgress: bar ? (done, total, file) => bar.update(done, total, file) : undefined,
      },
      neverCancelled,
    );
  } finally {
    bar?.done();
    treeSitter.dispose();
    await pool?.dispose();
  }
  const findings = result.files.flatMap((file) => file.findings);
  const report =
    args.format === 'sarif'
      ? `${JSON.stringify(toSarif(allRules, result.files, { toolVersion: readVersion(), root }), null, 2)}\n`
      : args.format === 'json'
        ? `${JSON.stringify(
            {
              version: readVersion(),
              files: result.files.length,
              findings: result.files.flatMap((file) => file.findings.map((finding) => ({ file: file.path, ...finding }))),
              skipped: result.files.filter((file) => file.skipped).map((file) => ({ file: file.path, reason: file.skipped })),
            },
            null,
            2,
          )}\n`
        : formatText(result.files);
  if (args.output) {
    try {
      fs.mkdirSync(path.dirname(path.resolve(root, args.output)), { recursive: true });
      fs.writeFileSync(path.resolve(root, args.output), report);
    } catch (error) {
      io.stderr.write(`ucanpay scan: cannot write ${args.output}: ${(error as NodeJS.ErrnoException).code ?? error}\n`);
      return 2;
    }
    io.stderr.write(`ucanpay scan: ${findings.length} finding(s) in ${result.files.length} file(s), report written to ${args.output}\n`);
  } else {
    io.stdout.write(report);
  }
  for (const file of result.files) {
    for (const error of file.ruleErrors ?? []) {
      io.stderr.write(`ucanpay scan: internal error in rule ${error} on ${file.path} (please report it)\n`);
    }
  }
  return findings.some((finding) => isAtLeast(finding.severity, args.failOn)) ? 1 : 0;
}

function isDirectory(target: string): boolean {
  try {
    return fs.statSync(target).isDirectory();
  } catch {
    return false;
  }
}

function readVersion(): string {
  for (const candidate of [path.join(__dirname, '..', 'package.json'), path.join(__dirname, '..', '..', '..', 'package.json')]) {
    try {
      return (JSON.parse(fs.readFileSync(candidate, 'utf8')) as { version: string }).version;
    } catch {
      // Try the next layout (bundled dist/ or compiled out/src/cli/).
    }
  }
  return 'unknown';
}
