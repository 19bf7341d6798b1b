import type { RuleMeta } from './rule';

const repository = 'https://github.com/ucanpay/ucanpay-secure';

/** Where a rule's page lives; the diagnostic links here (`code.target`). */
export function ruleDocsUrl(ruleId: string): string {
  return `${repository}/blob/main/docs/rules/${ruleId}.md`;
}

/** The page for a rule, generated from its metadata so the two never disagree. */
export function renderRuleDoc(rule: RuleMeta): string {
  const mappings = [
    `- CWE: ${rule.mappings.cwe.join(', ')}`,
    `- OWASP Top 10: ${rule.mappings.owasp.join(', ')}`,
    `- PCI DSS v4.0: ${rule.mappings.pciDss.map((req) => `Req. ${req}`).join(', ')}`,
    ...(rule.mappings.gdpr ? [`- GDPR: ${rule.mappings.gdpr.join(', ')}`] : []),
  ];
  return [
    `# \`${rule.id}\` — ${rule.title}`,
    '',
    `Guide section: **${rule.section}** · Default severity: **${rule.defaultSeverity}** · Languages: ${rule.languages.join(', ')}`,
    '',
    rule.description,
    '',
    '## Mappings',
    '',
    ...mappings,
    '',
    '## Turning it down',
    '',
    `Set \`"ucanpay.rules": { "${rule.id}": "warning" }\` (or \`"off"\`) in your settings.`,
    '',
  ].join('\n');
}
