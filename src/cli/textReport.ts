import type { FileResult } from '../core/engine/projectScan';

/** Terminal-readable report: one line per finding, grouped by file, and a summary line. */
export function formatText(files: readonly FileResult[]): string {
  const lines: string[] = [];
  let count = 0;
  for (const file of files) {
    for (const finding of file.findings) {
      count++;
      const { line, character } = finding.range.start;
      lines.push(`${file.path}:${line + 1}:${character + 1}  ${finding.severity}  ${finding.message}  [${finding.ruleId}]`);
    }
  }
  const skipped = files.filter((file) => file.skipped);
  for (const file of skipped) {
    lines.push(`${file.path}: skipped (${file.skipped})`);
  }
  const bySeverity = ['error', 'warning', 'info']
    .map((severity) => [severity, files.reduce((n, file) => n + file.findings.filter((f) => f.severity === severity).length, 0)] as const)
    .filter(([, n]) => n > 0)
    .map(([severity, n]) => `${n} ${severity}${n === 1 ? '' : 's'}`);
  lines.push(
    `${count} finding${count === 1 ? '' : 's'}${bySeverity.length ? ` (${bySeverity.join(', ')})` : ''} in ${files.length} file${files.length === 1 ? '' : 's'}`,
  );
  return `${lines.join('\n')}\n`;
}
