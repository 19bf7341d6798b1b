import * as vscode from 'vscode';
import type { SeverityLevel } from '../core/findings';

/** The typed mirror of the `ucanpay.*` lint settings (package.json `contributes.configuration`). */
export interface DiagnosticsSettings {
  readonly enable: boolean;
  readonly debounceMs: number;
  readonly maxFileSizeKb: number;
  readonly rules: Readonly<Record<string, SeverityLevel>>;
}

const levels: readonly string[] = ['error', 'warning', 'info', 'off'];

export function readDiagnosticsSettings(scope: vscode.Uri | undefined): DiagnosticsSettings {
  const config = vscode.workspace.getConfiguration('ucanpay', scope);
  const rawRules = config.get<Record<string, unknown>>('rules') ?? {};
  const rules: Record<string, SeverityLevel> = {};
  for (const [id, level] of Object.entries(rawRules)) {
    // Settings files are hand-edited; an unknown level is ignored rather than trusted.
    if (typeof level === 'string' && levels.includes(level)) {
      rules[id] = level as SeverityLevel;
    }
  }
  return {
    enable: config.get<boolean>('diagnostics.enable') ?? true,
    debounceMs: clamp(config.get<number>('diagnostics.debounceMs') ?? 200, 0, 5000),
    maxFileSizeKb: clamp(config.get<number>('diagnostics.maxFileSizeKb') ?? 512, 1, 1024 * 1024),
    rules,
  };
}

function clamp(value: number, min: number, max: number): number {
  return Number.isFinite(value) ? Math.min(max, Math.max(min, value)) : min;
}

export interface KeySettings {
  /** Keys older than this many days are flagged for rotation. */
  readonly maxAgeDays: number;
}

export function readKeySettings(): KeySettings {
  const config = vscode.workspace.getConfiguration('ucanpay');
  return { maxAgeDays: clamp(config.get<number>('keyRotation.maxAgeDays') ?? 90, 1, 3650) };
}
