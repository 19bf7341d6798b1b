import * as fs from 'fs';

/** What a tier reports: written by the in-host runner to a file, read by the orchestrator. */
export interface TierResult {
  passed: number;
  failed: number;
  skipped: number;
  failures: Array<{ title: string; message: string; stack?: string }>;
  /** One line per test, for runs whose own console a person cannot see (the extension host). */
  lines?: string[];
}

export function emptyResult(): TierResult {
  return { passed: 0, failed: 0, skipped: 0, failures: [] };
}

export function readResult(file: string): TierResult | undefined {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as TierResult;
  } catch {
    return undefined;
  }
}
