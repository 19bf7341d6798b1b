import type { Severity } from '../core/findings';

export type Format = 'text' | 'json' | 'sarif';

export interface ScanArgs {
  readonly paths: readonly string[];
  readonly format: Format;
  readonly output?: string;
  readonly failOn: Severity;
  readonly progress: boolean | undefined;
  /** Files analysed at once, each in a worker thread; undefined: decided by the scan's size. */
  readonly jobs: number | undefined;
}

const formats: readonly string[] = ['text', 'json', 'sarif'];
const severities: readonly string[] = ['error', 'warning', 'info'];

/** Parses `scan` arguments; a string is a usage error to print. */
export function parseScanArgs(args: readonly string[]): ScanArgs | string {
  const paths: string[] = [];
  let format: Format = 'text';
  let output: string | undefined;
  let failOn: Severity = 'warning';
  let progress: boolean | undefined;
  let jobs: number | undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = () => inline ?? args[++i];
    switch (flag) {
      case '--format':
      case '-f': {
        const v = value();
        if (!formats.includes(v ?? '')) return `--format must be text, json or sarif, not ${v ?? 'nothing'}`;
        format = v as Format;
        break;
      }
      case '--output':
      case '-o': {
        const v = value();
        if (!v) return '--output needs a file name';
        output = v;
        break;
      }
      case '--fail-on': {
        const v = value();
        if (!severities.includes(v ?? '')) return `--fail-on must be error, warning or info, not ${v ?? 'nothing'}`;
        failOn = v as Severity;
        break;
      }
      case '--progress':
        progress = true;
        break;
      case '--no-progress':
        progress = false;
        break;
      case '--jobs':
      case '-j': {
        const v = value();
        const n = Number(v);
        if (!Number.isInteger(n) || n < 1 || n > 64) return `--jobs must be a whole number from 1 to 64, not ${v ?? 'nothing'}`;
        jobs = n;
        break;
      }
      default:
        if (arg.startsWith('-')) return `unknown option ${arg}`;
        paths.push(arg);
    }
  }
  return { paths, format, output, failOn, progress, jobs };
}
