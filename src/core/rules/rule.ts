import type { Severity } from '../findings';
import type { TextKind } from '../files/fileKinds';
import type { LanguageId } from '../languages';
import type { LineIndex } from '../text/lineIndex';
import type * as Jsonc from 'jsonc-parser';
import type { IndexedNodeType } from '../parsing/syntaxIndex';
import type { SyntaxNode, SyntaxTree } from '../parsing/treeSitter';

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
  /** Languages whose syntax tree `check` reads. */
  readonly languages: readonly LanguageId[];
  /** Non-code files whose text `checkText` reads. */
  readonly textKinds?: readonly TextKind[];
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

/**
 * Facts about a file that the engine cannot see in its text; the host (extension or CLI) finds
 * them out (with git, say) and passes them in.
 */
export interface FileFacts {
  /** git tracks the file (it is, or will be, committed). */
  readonly gitTracked?: boolean;
}

interface ContextBase {
  /** The whole text; offsets in reports index into it. */
  readonly text: string;
  /** Path of the file, with forward slashes; relative to the project root when there is one. */
  readonly path: string;
  readonly options: RuleOptions;
  readonly facts: FileFacts;
  readonly lines: LineIndex;
  report(finding: ReportSpec): void;
}

export interface SyntaxContext extends ContextBase {
  readonly language: LanguageId;
  readonly tree: SyntaxTree;
  /**
   * Every node of the given types, in document order, from one pass over the tree shared by all
   * rules (a tree-sitter query over the whole tree would be another full pass per rule).
   */
  nodes(...types: IndexedNodeType[]): readonly SyntaxNode[];
  /** `compute()` once per parse under `key`, shared by every rule that asks (import bindings, say). */
  shared<T>(key: object, compute: () => T): T;
}

export interface TextLine {
  /** Zero-based. */
  readonly number: number;
  /** Offset of the line's first character in the text. */
  readonly offset: number;
  /** Without the line break. */
  readonly text: string;
}

export interface TextContext extends ContextBase {
  readonly kind: TextKind;
  /** The text split into lines (computed once per file). */
  textLines(): readonly TextLine[];
  /** For JSON/JSONC files: the jsonc-parser tree (tolerant of comments and trailing commas). */
  jsonTree(): Jsonc.Node | undefined;
}

export interface Rule extends RuleMeta {
  /** Runs on the syntax tree of files in `languages`. */
  check?(context: SyntaxContext): void;
  /** Runs on the text of files in `textKinds`. */
  checkText?(context: TextContext): void;
}
export type { SyntaxNode };
