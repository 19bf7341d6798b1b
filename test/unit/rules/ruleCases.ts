import * as assert from 'assert';
import type { Finding } from '../../../src/core/findings';
import { applyEdits } from '../helpers';

/** A case a rule must flag: a title, a file path, its text, and the flagged texts in order. */
export type FlagCase = readonly [title: string, path: string, text: string, expected: readonly string[]];
/** A near miss the rule must stay quiet on. */
export type QuietCase = readonly [title: string, path: string, text: string, ...rest: unknown[]];

/** The text each finding's range covers, in order: what the case tables compare against. */
export async function spans(findings: Promise<readonly Finding[]>, text: string): Promise<string[]> {
  return (await findings).map((finding) => text.slice(finding.startOffset, finding.endOffset));
}

/** One `flags: …` test per case. */
export function itFlags(cases: readonly FlagCase[], flagged: (path: string, text: string) => Promise<readonly string[]>): void {
  for (const [title, path, text, expected] of cases) {
    it(`flags: ${title}`, async () => {
      assert.deepStrictEqual(await flagged(path, text), expected);
    });
  }
}

/** One `stays quiet: …` test per near miss. */
export function itStaysQuiet(cases: readonly QuietCase[], flagged: (path: string, text: string) => Promise<readonly string[]>): void {
  for (const [title, path, text] of cases) {
    it(`stays quiet: ${title}`, async () => {
      assert.deepStrictEqual(await flagged(path, text), []);
    });
  }
}

/** A case whose first finding has a preferred fix: the text after applying it. */
export type FixCase = readonly [title: string, path: string, text: string, fixed: string];

/**
 * One `fix: …` test per case: the first finding's fix is the preferred one, gives `fixed`, and
 * leaves nothing for the rule to flag.
 */
export function itFixes(cases: readonly FixCase[], findings: (path: string, text: string) => Promise<readonly Finding[]>): void {
  for (const [title, path, text, expected] of cases) {
    it(`fix: ${title}`, async () => {
      const [finding] = await findings(path, text);
      assert.ok(finding, 'a finding');
      const [fix] = finding.fixes;
      assert.strictEqual(fix.preferred, true);
      const fixed = applyEdits(text, fix.edits);
      assert.strictEqual(fixed, expected);
      assert.deepStrictEqual(await findings(path, fixed), []);
    });
  }
}
