import type { ReportSpec } from '../rules/rule';

/**
 * Inline suppressions, in any comment syntax:
 *
 *   // ucanpay-ignore-next-line plain-http-url -- the CI mock only speaks HTTP, until 2027-03-01
 *   fetch('http://ci-mock.internal/pay'); // ucanpay-ignore-line plain-http-url -- CI mock
 *
 * A suppression names the rule(s) and gives a reason after `--`; an optional trailing
 * `until YYYY-MM-DD` makes it stop working after that day. Suppressions without a reason, naming
 * unknown rules, or expired, do not suppress and are reported themselves.
 */
export interface Suppression {
  /** The zero-based line whose findings it silences. */
  readonly line: number;
  readonly ruleIds: readonly string[];
}

export interface SuppressionScan {
  readonly suppressions: readonly Suppression[];
  /** Problems with the suppressions themselves, reported under `suppressionRuleId`. */
  readonly problems: readonly ReportSpec[];
}

export const suppressionRuleId = 'invalid-suppression';

// The directive must follow a comment marker on its line: //, #, /*, <!--, --, ;
const markers = ['//', '#', '/*', '<!--', '--', ';'];
const kinds = ['next-line', 'line'] as const;
const ruleId = /^[a-z0-9-]+$/;
const isoDate = /^\d{4}-\d{2}-\d{2}$/;

interface Directive {
  readonly start: number;
  readonly end: number;
  readonly kind: (typeof kinds)[number];
  /** The text after the directive word, comment closers removed. */
  readonly body: string;
}

/** Finds directives by plain string search (no backtracking on hostile input). */
function findDirectives(text: string): Directive[] {
  const directives: Directive[] = [];
  for (let at = text.indexOf(suppressionLiteral); at >= 0; at = text.indexOf(suppressionLiteral, at + 1)) {
    // Back to the line break by hand: lastIndexOf('\r') in a file without one would scan to the
    // start of the file for every directive.
    let lineStart = at;
    while (lineStart > 0 && text.charCodeAt(lineStart - 1) !== 10 && text.charCodeAt(lineStart - 1) !== 13) {
      lineStart--;
    }
    const before = text.slice(lineStart, at).trimEnd();
    const marker = markers.find((m) => before.endsWith(m));
    if (!marker) {
      continue;
    }
    const afterWord = at + suppressionLiteral.length;
    const kind = kinds.find((k) => text.startsWith(k, afterWord) && !/[a-z0-9-]/.test(text.charAt(afterWord + k.length)));
    if (!kind) {
      continue;
    }
    let lineEnd = text.indexOf('\n', afterWord);
    lineEnd = lineEnd < 0 ? text.length : lineEnd;
    const raw = text.slice(afterWord + kind.length, lineEnd).replace(/\r$/, '');
    let body = raw.trim();
    for (const closer of ['*/', '-->']) {
      if (body.endsWith(closer)) {
        body = body.slice(0, -closer.length).trim();
      }
    }
    directives.push({ start: lineStart + before.length - marker.length, end: afterWord + kind.length + raw.trimEnd().length, kind, body });
  }
  return directives;
}

/** What the editor's "Suppress…" fix pre-fills: left as it is, it is no reason at all. */
export const reasonPlaceholder = 'why this is safe here';

/** The literal any file with a suppression contains: lets files without one skip the scan. */
export const suppressionLiteral = 'ucanpay-ignore-';

export function scanSuppressions(
  text: string,
  lineOf: (offset: number) => number,
  knownRuleIds: ReadonlySet<string>,
  today: string,
): SuppressionScan {
  const suppressions: Suppression[] = [];
  const problems: ReportSpec[] = [];
  if (!text.includes(suppressionLiteral)) {
    return { suppressions, problems };
  }
  for (const { start, end, kind, body } of findDirectives(text)) {
    const separator = body.indexOf('--');
    const idPart = (separator < 0 ? body : body.slice(0, separator)).trim();
    const ruleIds = idPart.split(',').map((id) => id.trim());
    if (!idPart || !ruleIds.every((id) => ruleId.test(id))) {
      problems.push({ start, end, message: 'This suppression names no rule. Write the rule id after ucanpay-ignore-next-line, then -- and the reason.' });
      continue;
    }
    const unknown = ruleIds.filter((id) => !knownRuleIds.has(id));
    if (unknown.length) {
      problems.push({ start, end, message: `This suppression names an unknown rule: ${unknown.join(', ')}. Check the rule id in the diagnostic.` });
      continue;
    }
    let reason = separator < 0 ? '' : body.slice(separator + 2).trim();
    // An optional expiry at the end: "…, until 2027-03-01".
    const words = reason.split(/\s+/);
    let until: string | undefined;
    if (words.length >= 2 && words[words.length - 2].toLowerCase() === 'until' && isoDate.test(words[words.length - 1])) {
      until = words[words.length - 1];
      reason = words.slice(0, -2).join(' ').replace(/[,;]$/, '').trim();
    }
    if (!reason || reason === reasonPlaceholder) {
      problems.push({
        start,
        end,
        message: 'A suppression needs a reason: add "-- why this is safe here" after the rule id. Until then it does not suppress anything.',
      });
      continue;
    }
    if (until && until < today) {
      problems.push({
        start,
        end,
        severity: 'info',
        message: `This suppression expired on ${until}, so the finding is reported again. Fix it, or renew the date with a reason.`,
      });
      continue;
    }
    const directiveLine = lineOf(start);
    suppressions.push({ line: kind === 'next-line' ? directiveLine + 1 : directiveLine, ruleIds });
  }
  return { suppressions, problems };
}

export function isSuppressed(suppressions: readonly Suppression[], ruleId: string, line: number): boolean {
  return suppressions.some((s) => s.line === line && s.ruleIds.includes(ruleId));
}
