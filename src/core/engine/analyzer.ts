import { throwIfCancelled, type CancellationToken } from '../cancellation';
import { minSeverity, type Finding, type Fix, type SeverityLevel } from '../findings';
import { languageForPath, type LanguageId } from '../languages';
import type { TreeSitterHost } from '../parsing/treeSitter';
import type { ReportSpec, Rule, RuleOptions, SyntaxContext } from '../rules/rule';
import { LineIndex } from '../text/lineIndex';
import { rulesForText } from './prefilter';

export interface AnalysisInput {
  /** File path (or URI path) used to pick the language when `language` is not given. */
  readonly path: string;
  readonly text: string;
  readonly language?: LanguageId;
}

export interface AnalysisOptions {
  /** Per-rule level overrides from settings or `.ucanpay.jsonc`; `off` disables the rule. */
  readonly ruleLevels?: Readonly<Record<string, SeverityLevel>>;
  /** Larger texts are skipped (with a reason) rather than parsed. In UTF-16 code units. */
  readonly maxFileSize?: number;
  readonly ruleOptions?: Partial<RuleOptions>;
}

export interface AnalysisResult {
  readonly findings: readonly Finding[];
  /** Why the text was not analysed at all, if it was not. */
  readonly skipped?: string;
}

const defaultMaxFileSize = 1024 * 1024;

/**
 * Runs the rules over one text. Holds no state between calls beyond the grammars its host has
 * loaded, so the extension and the CLI can share one per process.
 */
export class Analyzer {
  constructor(
    private readonly treeSitter: TreeSitterHost,
    private readonly rules: readonly Rule[],
  ) {}

  async analyze(input: AnalysisInput, options: AnalysisOptions, token: CancellationToken): Promise<AnalysisResult> {
    const language = input.language ?? languageForPath(input.path);
    if (!language) {
      return { findings: [], skipped: 'unsupported file type' };
    }
    const maxFileSize = options.maxFileSize ?? defaultMaxFileSize;
    if (input.text.length > maxFileSize) {
      return { findings: [], skipped: `larger than the ${Math.round(maxFileSize / 1024)} KiB limit` };
    }
    if (input.text.includes('\u0000')) {
      return { findings: [], skipped: 'binary content' };
    }
    const levels = options.ruleLevels ?? {};
    const candidates = rulesForText(
      this.rules.filter((rule) => rule.languages.includes(language) && levels[rule.id] !== 'off'),
      input.text,
    );
    if (candidates.length === 0) {
      return { findings: [] };
    }
    throwIfCancelled(token);

    const parsed = await this.treeSitter.parse(language, input.text);
    try {
      throwIfCancelled(token);
      const lines = new LineIndex(input.text);
      const ruleOptions: RuleOptions = {
        allowedHttpHosts: (options.ruleOptions?.allowedHttpHosts ?? []).map((host) => host.toLowerCase()),
      };
      const findings: Finding[] = [];
      for (const rule of candidates) {
        throwIfCancelled(token);
        const level = levels[rule.id];
        const ruleSeverity = level && level !== 'off' ? level : rule.defaultSeverity;
        // A user's explicit level wins over the rule's own weaker-evidence downgrade.
        const explicit = level !== undefined && level !== 'off';
        const context: SyntaxContext = {
          text: input.text,
          language,
          tree: parsed.tree,
          options: ruleOptions,
          query: parsed.query,
          report: (spec: ReportSpec) => {
            findings.push({
              ruleId: rule.id,
              message: spec.message,
              severity: explicit || !spec.severity ? ruleSeverity : minSeverity(spec.severity, ruleSeverity),
              range: lines.rangeAt(spec.start, spec.end),
              startOffset: spec.start,
              endOffset: spec.end,
              fixes: (spec.fixes ?? []).map(
                (fix): Fix => ({
                  title: fix.title,
                  preferred: fix.preferred ?? false,
                  edits: fix.edits.map((edit) => ({
                    startOffset: edit.start,
                    endOffset: edit.end,
                    range: lines.rangeAt(edit.start, edit.end),
                    newText: edit.newText,
                  })),
                }),
              ),
            });
          },
        };
        rule.check(context);
      }
      findings.sort((a, b) => a.startOffset - b.startOffset || a.ruleId.localeCompare(b.ruleId));
      return { findings };
    } finally {
      parsed.tree.delete();
    }
  }
}
