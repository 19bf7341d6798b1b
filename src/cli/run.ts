import * as fs from 'fs';
import * as path from 'path';
import { neverCancelled } from '../core/cancellation';
import { Analyzer } from '../core/engine/analyzer';
import { isAtLeast, type Finding, type Severity } from '../core/findings';
import { languageForPath } from '../core/languages';
import { TreeSitterHost } from '../core/parsing/treeSitter';
import { allRules } from '../core/rules/catalogue';

export interface CliIo {
  readonly stdout: NodeJS.WritableStream;
  readonly stderr: NodeJS.WritableStream;
  readonly cwd: string;
}

const usage = `Usage: ucanpay scan [paths...] [--format text|json] [--fail-on error|warning|info]

Checks JavaScript and TypeScript files for insecure UCanPay integration code.
Exit codes: 0 no findings at or above --fail-on (default: warning), 1 findings, 2 usage or I/O error.
`;

// Folders that hold dependencies or build output, never the user's own code.
const skippedFolders = new Set(['node_modules', '.git', 'dist', 'out', 'build', '.vscode-test']);

/** The bundled CLI sits next to its grammars (dist/grammars); tests pass the package's folder. */
function wasmDir(): string {
  return process.env.UCANPAY_WASM_DIR || path.join(__dirname, 'grammars');
}

function collectFiles(target: string, out: string[]): void {
  const stat = fs.statSync(target);
  if (stat.isFile()) {
    out.push(target);
    return;
  }
  for (const entry of fs.readdirSync(target, { withFileTypes: true })) {
    if (entry.isDirectory() && !skippedFolders.has(entry.name)) {
      collectFiles(path.join(target, entry.name), out);
    } else if (entry.isFile() && languageForPath(entry.name)) {
      out.push(path.join(target, entry.name));
    }
  }
}

interface ScanArgs {
  readonly paths: string[];
  readonly format: 'text' | 'json';
  readonly failOn: Severity;
}

function parseScanArgs(args: string[]): ScanArgs | string {
  const paths: string[] = [];
  let format: ScanArgs['format'] = 'text';
  let failOn: Severity = 'warning';
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--format') {
      const value = args[++i];
      if (value !== 'text' && value !== 'json') {
        return `--format must be text or json, not ${value ?? 'nothing'}`;
      }
      format = value;
    } else if (arg === '--fail-on') {
      const value = args[++i];
      if (value !== 'error' && value !== 'warning' && value !== 'info') {
        return `--fail-on must be error, warning or info, not ${value ?? 'nothing'}`;
      }
      failOn = value;
    } else if (arg.startsWith('-')) {
      return `unknown option ${arg}`;
    } else {
      paths.push(arg);
    }
  }
  return { paths: paths.length ? paths : ['.'], format, failOn };
}

export async function run(argv: string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv;
  if (command === '--version' || command === '-v') {
    io.stdout.write(`${readVersion()}\n`);
    return 0;
  }
  if (command !== 'scan') {
    (command === undefined || command === '--help' || command === '-h' ? io.stdout : io.stderr).write(usage);
    return command === undefined || command === '--help' || command === '-h' ? 0 : 2;
  }
  const args = parseScanArgs(rest);
  if (typeof args === 'string') {
    io.stderr.write(`ucanpay scan: ${args}\n\n${usage}`);
    return 2;
  }
  const files: string[] = [];
  for (const target of args.paths) {
    try {
      collectFiles(path.resolve(io.cwd, target), files);
    } catch {
      io.stderr.write(`ucanpay scan: cannot read ${target}\n`);
      return 2;
    }
  }
  const treeSitter = new TreeSitterHost(wasmDir());
  const analyzer = new Analyzer(treeSitter, allRules);
  const results: Array<{ file: string; findings: readonly Finding[] }> = [];
  try {
    for (const file of files) {
      const text = fs.readFileSync(file, 'utf8');
      const result = await analyzer.analyze({ path: file, text }, {}, neverCancelled);
      if (result.findings.length) {
        results.push({ file: path.relative(io.cwd, file) || file, findings: result.findings });
      }
    }
  } finally {
    treeSitter.dispose();
  }
  const all = results.flatMap((r) => r.findings.map((finding) => ({ file: r.file, finding })));
  if (args.format === 'json') {
    io.stdout.write(`${JSON.stringify({ files: files.length, findings: all.map(({ file, finding }) => ({ file, ...finding })) }, null, 2)}\n`);
  } else {
    for (const { file, finding } of all) {
      const { line, character } = finding.range.start;
      io.stdout.write(`${file}:${line + 1}:${character + 1}  ${finding.severity}  ${finding.message}  [${finding.ruleId}]\n`);
    }
    io.stdout.write(`${all.length} finding${all.length === 1 ? '' : 's'} in ${files.length} file${files.length === 1 ? '' : 's'}\n`);
  }
  return all.some(({ finding }) => isAtLeast(finding.severity, args.failOn)) ? 1 : 0;
}

function readVersion(): string {
  for (const candidate of [path.join(__dirname, '..', 'package.json'), path.join(__dirname, '..', '..', '..', 'package.json')]) {
    if (fs.existsSync(candidate)) {
      return (JSON.parse(fs.readFileSync(candidate, 'utf8')) as { version: string }).version;
    }
  }
  return 'unknown';
}
