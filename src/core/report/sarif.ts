import type * as Sarif from 'sarif';
import type { Severity } from '../findings';
import { ruleDocsUrl, renderRuleDoc } from '../rules/docs';
import type { Rule } from '../rules/rule';
import type { FileResult } from '../engine/projectScan';

const levels: Record<Severity, Sarif.ReportingConfiguration.level> = { error: 'error', warning: 'warning', info: 'note' };

// GitHub code scanning ranks results by this property (0-10).
const securitySeverity: Record<Severity, string> = { error: '8.0', warning: '5.0', info: '2.0' };

export interface SarifOptions {
  readonly toolVersion: string;
  /** Absolute path of the project root, the base of every result's relative URI. */
  readonly root: string;
}

/** A SARIF 2.1.0 log of one scan: every rule with its help and mappings, every finding. */
export function toSarif(rules: readonly Rule[], files: readonly FileResult[], options: SarifOptions): Sarif.Log {
  const ruleIndex = new Map(rules.map((rule, index) => [rule.id, index]));
  const rootUri = `file://${options.root.replace(/\\/g, '/').replace(/^(?!\/)/, '/').replace(/\/?$/, '/')}`;
  const results: Sarif.Result[] = files.flatMap((file) =>
    file.findings.map((finding): Sarif.Result => ({
      ruleId: finding.ruleId,
      ruleIndex: ruleIndex.get(finding.ruleId),
      level: levels[finding.severity],
      message: { text: finding.message },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: encodeURI(file.path), uriBaseId: '%SRCROOT%' },
            region: {
              startLine: finding.range.start.line + 1,
              startColumn: finding.range.start.character + 1,
              endLine: finding.range.end.line + 1,
              endColumn: finding.range.end.character + 1,
            },
          },
        },
      ],
      ...(finding.fixes.length
        ? {
            fixes: finding.fixes.map((fix) => ({
              description: { text: fix.title },
              artifactChanges: [
                {
                  artifactLocation: { uri: encodeURI(file.path), uriBaseId: '%SRCROOT%' },
                  replacements: fix.edits.map((edit) => ({
                    deletedRegion: {
                      startLine: edit.range.start.line + 1,
                      startColumn: edit.range.start.character + 1,
                      endLine: edit.range.end.line + 1,
                      endColumn: edit.range.end.character + 1,
                    },
                    insertedContent: { text: edit.newText },
                  })),
                },
              ],
            })),
          }
        : {}),
    })),
  );
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'UCanPay Secure',
            informationUri: 'https://github.com/ucanpay/ucanpay-secure',
            version: options.toolVersion,
            rules: rules.map(
              (rule): Sarif.ReportingDescriptor => ({
                id: rule.id,
                name: rule.id.replace(/(^|-)([a-z0-9])/g, (_, __, c: string) => c.toUpperCase()),
                shortDescription: { text: rule.title },
                fullDescription: { text: rule.description.split('\n\n')[0].split('\n').map((line) => line.trim()).join(' ') },
                helpUri: ruleDocsUrl(rule.id),
                help: { text: `${rule.title}. See ${ruleDocsUrl(rule.id)}`, markdown: renderRuleDoc(rule) },
                defaultConfiguration: { level: levels[rule.defaultSeverity] },
                properties: {
                  tags: ['security', rule.section, ...rule.mappings.cwe.map((cwe) => `external/cwe/${cwe.toLowerCase()}`)],
                  'security-severity': securitySeverity[rule.defaultSeverity],
                  guideSection: rule.section,
                  cwe: [...rule.mappings.cwe],
                  owaspTop10: [...rule.mappings.owasp],
                  pciDss: [...rule.mappings.pciDss],
                  ...(rule.mappings.gdpr ? { gdpr: [...rule.mappings.gdpr] } : {}),
                },
              }),
            ),
          },
        },
        originalUriBaseIds: { '%SRCROOT%': { uri: rootUri } },
        columnKind: 'utf16CodeUnits',
        invocations: [{ executionSuccessful: true }],
        results,
      },
    ],
  };
}
