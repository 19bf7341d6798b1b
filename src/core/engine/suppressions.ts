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
const directive =
  /(?:\/\/|#|\/\*|<!--|--|;)[ \t]*ucanpay-ignore-(next-line|line)\b[ \t]*([^\r\n]*)/g;
const idList = /^([a-z0-9-]+(?:[ \t]*,[ \t]*[a-z0-9-]+)*)/;
const expiry = /\buntil[ \t]+(\d{4}-\d{2}-\d{2})[ \t]*$/;

/** The literal any file with a suppression contains: lets files without one skip the scan. */
export const suppressionLiteral = 'ucanpay-ignore-';

function trimBlanksEnd(text: string): string {
  let end = text.length;
  while (end > 0 && (text[end - 1] === ' ' || text[end - 1] === '\t')) {
    end--;
  }
  return text.slice(0, end);
}

/**
 * The directive's text without the block comment's closing `*\/` or `-->` and the blanks around
 * it. (A loop, not a regex: `[ \t]*…$` backtracks quadratically on a long run of blanks.)
 */
function withoutCommentClose(body: string): string {
  const trimmed = trimBlanksEnd(body);
  for (const close of ['*/', '-->']) {
    if (trimmed.endsWith(close)) {
      return trimBlanksEnd(trimmed.slice(0, -close.length));
    }
  }
  return body;
}

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
  directive.lastIndex = 0;
  for (let match = directive.exec(text); match; match = directive.exec(text)) {
    const start = match.index;
    const end = start + match[0].length;
    const body = withoutCommentClose(match[2]);
    const ids = idList.exec(body);
    if (!ids) {
      problems.push({ start, end, message: 'This suppression names no rule. Write the rule id after ucanpay-ignore-next-line, then -- and the reason.' });
      continue;
    }
    const ruleIds = ids[1].split(',').map((id) => id.trim());
    const unknown = ruleIds.filter((id) => !knownRuleIds.has(id));
    if (unknown.length) {
      problems.push({ start, end, message: `This suppression names an unknown rule: ${unknown.join(', ')}. Check the rule id in the diagnostic.` });
      continue;
    }
    const rest = body.slice(ids[0].length).trim();
    const reasonText = rest.startsWith('--') ? rest.slice(2).trim() : '';
    const until = expiry.exec(reasonText);
    // The reason is what comes before `until`, without the `,` or `;` that may separate them.
    const reason = until ? reasonText.slice(0, until.index).trimEnd().replace(/[,;]$/, '').trim() : reasonText;
    if (!reason) {
      problems.push({
        start,
        end,
        message: 'A suppression needs a reason: add "-- why this is safe here" after the rule id. Until then it does not suppress anything.',
      });
      continue;
    }
    if (until && until[1] < today) {
      problems.push({
        start,
        end,
        severity: 'info',
        message: `This suppression expired on ${until[1]}, so the finding is reported again. Fix it, or renew the date with a reason.`,
      });
      continue;
    }
    const directiveLine = lineOf(start);
    suppressions.push({ line: match[1] === 'next-line' ? directiveLine + 1 : directiveLine, ruleIds });
  }
  return { suppressions, problems };
}

export function isSuppressed(suppressions: readonly Suppression[], ruleId: string, line: number): boolean {
  return suppressions.some((s) => s.line === line && s.ruleIds.includes(ruleId));
}
