import type { Severity } from '../findings';
import type { LanguageId } from '../languages';
import type { SyntaxNode, SyntaxQuery, SyntaxTree } from '../parsing/treeSitter';

/** The sections of UCanPay's "Security Practices" guide; every rule serves one. */
export type GuideSection =
  | 'HTTPS Usage'
  | 'Authentication and Authorization'
  | 'Data Encryption'
  | 'Error Handling'
  | 'Session Management'
  | 'Regular Security Audits'
  | 'Compliance with Security Standards';

export interface RuleMappings {
  /** e.g. "CWE-319" */
  readonly cwe: readonly string[];
  /** OWASP Top 10 2021, e.g. "A02:2021 Cryptographic Failures" */
  readonly owasp: readonly string[];
  /** PCI DSS v4.0 requirements, e.g. "4.2.1" */
  readonly pciDss: readonly string[];
  /** GDPR articles, where personal data is involved */
  readonly gdpr?: readonly string[];
}

export interface RuleMeta {
  /** Stable: users write it in settings and suppressions. Never rename one. */
  readonly id: string;
  readonly title: string;
  readonly section: GuideSection;
  readonly defaultSeverity: Severity;
  readonly languages: readonly LanguageId[];
  /**
   * Lower-case literals of which a file must contain at least one for the rule to possibly
   * match: the cheap prefilter that lets most files skip most rules (and parsing altogether).
   */
  readonly literals: readonly string[];
  readonly mappings: RuleMappings;
  /** Markdown: why it matters and what to do. Rendered into docs/rules/<id>.md. */
  readonly description: string;
}

export interface EditSpec {
  readonly start: number;
  readonly end: number;
  readonly newText: string;
}

export interface FixSpec {
  readonly title: string;
  readonly edits: readonly EditSpec[];
  readonly preferred?: boolean;
}

export interface ReportSpec {
  readonly start: number;
  readonly end: number;
  readonly message: string;
  /** Lower than the rule's level for weaker evidence; never higher. */
  readonly severity?: Severity;
  readonly fixes?: readonly FixSpec[];
}

/** Options that change what rules consider acceptable (from `.ucanpay.jsonc` and settings). */
export interface RuleOptions {
  /** Hosts where plain `http://` is acceptable (an internal test server, say). Lower-case. */
  readonly allowedHttpHosts: readonly string[];
}

export interface SyntaxContext {
  readonly text: string;
  readonly language: LanguageId;
  readonly tree: SyntaxTree;
  readonly options: RuleOptions;
  query(source: string): SyntaxQuery;
  report(finding: ReportSpec): void;
}

export interface SyntaxRule extends RuleMeta {
  check(context: SyntaxContext): void;
}

export type Rule = SyntaxRule;
export type { SyntaxNode };
