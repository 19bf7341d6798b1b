/** Positions are zero-based; `character` counts UTF-16 code units, as VS Code does. */
export interface Position {
  readonly line: number;
  readonly character: number;
}

export interface Range {
  readonly start: Position;
  readonly end: Position;
}

export type Severity = 'error' | 'warning' | 'info';
export type SeverityLevel = Severity | 'off';

/** A replacement of the text between two offsets of the analysed text. */
export interface TextEdit {
  readonly startOffset: number;
  readonly endOffset: number;
  readonly range: Range;
  readonly newText: string;
}

export interface Fix {
  readonly title: string;
  readonly edits: readonly TextEdit[];
  /** The fix to apply when the user asks for "the" fix (VS Code's `isPreferred`). */
  readonly preferred: boolean;
}

export interface Finding {
  readonly ruleId: string;
  readonly message: string;
  readonly severity: Severity;
  readonly range: Range;
  readonly startOffset: number;
  readonly endOffset: number;
  readonly fixes: readonly Fix[];
}

const severityRank: Record<Severity, number> = { info: 0, warning: 1, error: 2 };

export function isAtLeast(severity: Severity, threshold: Severity): boolean {
  return severityRank[severity] >= severityRank[threshold];
}

/** The less severe of the two: a rule may report a finding below its own level, never above. */
export function minSeverity(a: Severity, b: Severity): Severity {
  return severityRank[a] <= severityRank[b] ? a : b;
}
