import { suppressionRuleId } from '../../engine/suppressions';
import type { Rule } from '../rule';

/**
 * Reported by the engine itself (engine/suppressions.ts), never by a check of its own: a
 * suppression that gives no reason, names an unknown rule, or has expired.
 */
export const invalidSuppression: Rule = {
  id: suppressionRuleId,
  title: 'Suppression without a reason, for an unknown rule, or expired',
  section: 'Regular Security Audits',
  defaultSeverity: 'warning',
  languages: [],
  literals: ['ucanpay-ignore-'],
  mappings: {
    cwe: ['CWE-1164'],
    owasp: ['A04:2021 Insecure Design'],
    pciDss: ['6.2.3'],
  },
  description: [
    'Silencing a security finding is a decision a reviewer should be able to read. A suppression comment must name',
    'the rule and say why the code is safe, after `--`. It may carry an expiry date, after which the finding comes back:',
    '',
    '```js',
    "// ucanpay-ignore-next-line plain-http-url -- the CI mock only speaks HTTP, until 2027-03-01",
    "fetch('http://ci-mock.internal/pay');",
    "fetch('http://ci-mock.internal/refund'); // ucanpay-ignore-line plain-http-url -- CI mock",
    '```',
    '',
    'A suppression without a reason, naming a rule id that does not exist, or past its date does not suppress anything,',
    'and this rule reports it. Any comment syntax works (`//`, `#`, `/* */`, `<!-- -->`).',
  ].join('\n'),
};
