import * as Jsonc from 'jsonc-parser';
import { throwIfCancelled, type CancellationToken } from '../cancellation';
import { fileKindForPath, isTextKind, type FileKind, type TextKind } from '../files/fileKinds';
import { minSeverity, type Finding, type Fix, type Severity, type SeverityLevel } from '../findings';
import type { LanguageId } from '../languages';
import type { ParseCache } from '../parsing/parseCache';
import { SyntaxIndex } from '../parsing/syntaxIndex';
import type { TreeSitterHost } from '../parsing/treeSitter';
import type { FileFacts, ReportSpec, Rule, RuleOptions, SyntaxContext, TextContext, TextLine } from '../rules/rule';
import { LineIndex } from '../text/lineIndex';
import { rulesForText } from './prefilter';
import { markdownRegions, scriptRegions, type Region } from './regions';
import { isSuppressed, scanSuppressions, suppressionRuleId } from './suppressions';

export interface AnalysisInput {
  /** File path, forward slashes, relative to the project root where there is one. */
  readonly path: string;
  readonly text: string;
  /** Overrides what the path says (an untitled editor's language, say). */
  readonly kind?: FileKind;
  readonly facts?: FileFacts;
}

export interface AnalysisOptions {
  /** Per-rule level overrides from settings or `.ucanpay.jsonc`; `off` disables the rule. */
  readonly ruleLevels?: Readonly<Record<string, SeverityLevel>>;
  /** Larger texts are skipped (with a reason) rather than parsed. In UTF-16 code units. */
  readonly maxFileSize?: number;
  readonly ruleOptions?: Partial<RuleOptions>;
  /** YYYY-MM-DD, for suppression expiry; today (UTC) by default. */
  readonly today?: string;
  /**
   * Keep this document's tree in `cache` under `key` and re-parse from the previous one: what the
   * editor does for open documents, so that an edit re-parses only around itself.
   */
  readonly incremental?: { readonly cache: ParseCache; readonly key: string };
}

export interface AnalysisResult {
  readonly findings: readonly Finding[];
  /** Why the text was not analysed at all, if it was not. */
  readonly skipped?: string;
  /** Rules that threw on this input (a bug of ours, never the user's): for the log. */
  readonly ruleErrors?: readonly string[];
}

// Larger hand-written files are rare. A 10,000-line module (~370 KiB) takes about 150 ms from
// scratch; the densest code the fuzz test builds, about 1.3 ms per KiB (under a second at this
// limit). A larger file is skipped with a reason unless the user raises this.
const defaultMaxFileSize = 512 * 1024;
const maxNestingDepth = 500;
const minifiedMinSize = 50_000;
const minifiedLineLength = 20_000;

function longestLine(text: string): number {
  let longest = 0;
  let start = 0;
  for (let end = text.indexOf('\n'); ; end = text.indexOf('\n', start)) {
    const stop = end < 0 ? text.length : end;
    longest = Math.max(longest, stop - start);
    if (end < 0) return longest;
    start = end + 1;
  }
}

/** The deepest bracket nesting of a text, counting (, [ and { (strings and comments included: a cheap upper bound). */
function nestingDepth(text: string): number {
  let depth = 0;
  let deepest = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 40 || c === 91 || c === 123) {
      depth++;
      if (depth > deepest) deepest = depth;
    } else if ((c === 41 || c === 93 || c === 125) && depth > 0) {
      depth--;
    }
  }
  return deepest;
}

interface Run {
  readonly input: AnalysisInput;
  readonly lines: LineIndex;
  readonly options: RuleOptions;
  readonly levels: Readonly<Record<string, SeverityLevel>>;
  readonly findings: Finding[];
  readonly errors: string[];
  readonly token: CancellationToken;
  readonly incremental?: AnalysisOptions['incremental'];
}

/**
 * Runs the rules over one file. Holds no state between calls beyond the grammars its host has
 * loaded, so the extension and the CLI can share one per process.
 */
export class Analyzer {
  private readonly knownRuleIds: ReadonlySet<string>;

  constructor(
    private readonly treeSitter: TreeSitterHost,
    private readonly rules: readonly Rule[],
  ) {
    this.knownRuleIds = new Set(rules.map((rule) => rule.id));
  }

  async analyze(input: AnalysisInput, options: AnalysisOptions, token: CancellationToken): Promise<AnalysisResult> {
    const kind = input.kind ?? fileKindForPath(input.path);
    if (!kind) {
      return { findings: [], skipped: 'unsupported file type' };
    }
    const maxFileSize = options.maxFileSize ?? defaultMaxFileSize;
    if (input.text.length > maxFileSize) {
      return { findings: [], skipped: `larger than the ${Math.round(maxFileSize / 1024)} KiB limit` };
    }
    if (input.text.includes('\u0000')) {
      return { findings: [], skipped: 'binary content' };
    }
    const longest = !isTextKind(kind) && input.text.length > minifiedMinSize ? longestLine(input.text) : 0;
    if (longest > minifiedLineLength) {
      // A minified or generated bundle: nobody edits it, and its source is where findings belong.
      return { findings: [], skipped: `minified or generated code (a line of ${longest} characters)` };
    }
    if (!isTextKind(kind) && nestingDepth(input.text) > maxNestingDepth) {
      // No person writes code nested this deep; parsing and walking such a tree (often the error
      // recovery of a broken or generated file) would cost seconds per keystroke.
      return { findings: [], skipped: `brackets nested deeper than ${maxNestingDepth} levels` };
    }
    throwIfCancelled(token);
    const run: Run = {
      input,
      lines: new LineIndex(input.text),
      options: {
        allowedHttpHosts: (options.ruleOptions?.allowedHttpHosts ?? []).map((host) => host.toLowerCase()),
      },
      levels: options.ruleLevels ?? {},
      findings: [],
      errors: [],
      token,
      incremental: options.incremental,
    };
    await this.runKind(run, kind, input.text, true);
    if (kind === 'markdown') {
      await this.runRegions(run, input.text, markdownRegions(input.text));
    } else if (kind === 'html') {
      // Inline scripts get the code rules, except those that already read HTML (and its scripts) as text.
      await this.runRegions(run, input.text, scriptRegions(input.text), (rule) => !rule.textKinds?.includes('html'));
    }
    const findings = this.applySuppressions(run, options.today ?? new Date().toISOString().slice(0, 10));
    return { findings, ...(run.errors.length ? { ruleErrors: run.errors } : {}) };
  }

  /**
   * Regions of the file analysed as their own kind. All regions of one kind are analysed together,
   * in a copy of the file blanked around them: positions stay the file's own, and a page of a
   * thousand snippets costs one parse per kind.
   */
  private async runRegions(run: Run, text: string, regions: readonly Region[], accepts?: (rule: Rule) => boolean): Promise<void> {
    const byKind = new Map<FileKind, Array<{ start: number; end: number }>>();
    for (const region of regions) {
      let ranges = byKind.get(region.kind);
      if (!ranges) {
        byKind.set(region.kind, (ranges = []));
      }
      ranges.push(region);
    }
    for (const [kind, ranges] of byKind) {
      await this.runKind(run, kind, blankOutside(text, ranges), false, accepts);
    }
  }

  /**
   * @param whole `text` is the document itself (not a Markdown file's fences): its tree may be cached.
   * @param accepts which rules may run (a region excludes the rules that read its file otherwise).
   */
  private async runKind(run: Run, kind: FileKind, text: string, whole = false, accepts?: (rule: Rule) => boolean): Promise<void> {
    const candidates = rulesForText(
      this.rules.filter(
        (rule) =>
          run.levels[rule.id] !== 'off' &&
          (accepts?.(rule) ?? true) &&
          (isTextKind(kind) ? rule.checkText && rule.textKinds?.includes(kind) : rule.check && rule.languages.includes(kind)),
      ),
      text,
    );
    if (candidates.length === 0) {
      return;
    }
    if (isTextKind(kind)) {
      this.runTextRules(run, kind, text, candidates);
    } else {
      await this.runSyntaxRules(run, kind, text, candidates, whole ? run.incremental : undefined);
    }
  }

  private runTextRules(run: Run, kind: TextKind, text: string, rules: readonly Rule[]): void {
    let lines: TextLine[] | undefined;
    let tree: Jsonc.Node | undefined | null = null;
    for (const rule of rules) {
      throwIfCancelled(run.token);
      const context: TextContext = {
        ...this.contextBase(run, rule, text),
        kind,
        textLines: () => (lines ??= splitLines(text)),
        jsonTree: () => {
          if (tree === null) {
            tree = kind === 'json' ? parseJsonTree(text) : undefined;
          }
          return tree;
        },
      };
      this.guard(run, rule, () => rule.checkText?.(context));
    }
  }

  private async runSyntaxRules(
    run: Run,
    language: LanguageId,
    text: string,
    rules: readonly Rule[],
    incremental: AnalysisOptions['incremental'],
  ): Promise<void> {
    throwIfCancelled(run.token);
    const previous = incremental?.cache.take(incremental.key);
    let parsed;
    let index: SyntaxIndex;
    try {
      parsed = await this.treeSitter.parse(language, text, previous);
      index = new SyntaxIndex(parsed.tree, {
        keep: incremental !== undefined,
        previous: previous?.language === language ? previous.index : undefined,
      });
      if (previous) {
        // Built while the old tree is alive: the index compares subtree ids with the old tree's.
        try {
          index.build();
        } catch (error) {
          parsed.tree.delete();
          throw error;
        }
      }
    } finally {
      // tree-sitter has read what it reuses from the old tree by now.
      previous?.tree.delete();
    }
    const nodes = index.nodes.bind(index);
    const shared = index.shared.bind(index);
    try {
      for (const rule of rules) {
        throwIfCancelled(run.token);
        const context: SyntaxContext = { ...this.contextBase(run, rule, text), language, tree: parsed.tree, nodes, shared };
        this.guard(run, rule, () => rule.check?.(context));
      }
    } finally {
      if (incremental) {
        incremental.cache.put(incremental.key, { language, text, tree: parsed.tree, index });
      } else {
        parsed.tree.delete();
      }
    }
  }

  private contextBase(run: Run, rule: Rule, text: string) {
    return {
      text,
      path: run.input.path.replace(/\\/g, '/'),
      options: run.options,
      facts: run.input.facts ?? {},
      lines: run.lines,
      report: (spec: ReportSpec) => run.findings.push(this.toFinding(run, rule, spec)),
    };
  }

  private guard(run: Run, rule: Rule, check: () => void): void {
    try {
      check();
    } catch (error) {
      run.errors.push(`${rule.id}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  private toFinding(run: Run, rule: Pick<Rule, 'id' | 'defaultSeverity'>, spec: ReportSpec): Finding {
    const level = run.levels[rule.id];
    const ruleSeverity: Severity = level && level !== 'off' ? level : rule.defaultSeverity;
    // A user's explicit level wins over a rule's own weaker-evidence downgrade.
    const explicit = level !== undefined && level !== 'off';
    return {
      ruleId: rule.id,
      message: spec.message,
      severity: explicit || !spec.severity ? ruleSeverity : minSeverity(spec.severity, ruleSeverity),
      range: run.lines.rangeAt(spec.start, spec.end),
      startOffset: spec.start,
      endOffset: spec.end,
      fixes: (spec.fixes ?? []).map(
        (fix): Fix => ({
          title: fix.title,
          preferred: fix.preferred ?? false,
          edits: fix.edits.map((edit) => ({
            startOffset: edit.start,
            endOffset: edit.end,
            range: run.lines.rangeAt(edit.start, edit.end),
            newText: edit.newText,
          })),
        }),
      ),
    };
  }

  private applySuppressions(run: Run, today: string): Finding[] {
    const scan = scanSuppressions(run.input.text, (offset) => run.lines.positionAt(offset).line, this.knownRuleIds, today);
    const meta = this.rules.find((rule) => rule.id === suppressionRuleId);
    const findings = run.findings.filter((finding) => !isSuppressed(scan.suppressions, finding.ruleId, finding.range.start.line));
    if (meta && run.levels[meta.id] !== 'off') {
      findings.push(...scan.problems.map((problem) => this.toFinding(run, meta, problem)));
    }
    // Markdown fences are analysed as their own kind and the file as Markdown too: one finding
    // per rule and range.
    const seen = new Set<string>();
    return findings
      .filter((finding) => {
        const key = `${finding.ruleId}:${finding.startOffset}:${finding.endOffset}`;
        return seen.has(key) ? false : (seen.add(key), true);
      })
      .sort((a, b) => a.startOffset - b.startOffset || a.ruleId.localeCompare(b.ruleId));
  }
}

/** `text` with every character outside `ranges` turned into a space (line breaks kept). */
function blankOutside(text: string, ranges: ReadonlyArray<{ start: number; end: number }>): string {
  const parts: string[] = [];
  let at = 0;
  for (const { start, end } of ranges) {
    parts.push(text.slice(at, start).replace(/[^\r\n]/g, ' '), text.slice(start, end));
    at = end;
  }
  parts.push(text.slice(at).replace(/[^\r\n]/g, ' '));
  return parts.join('');
}

/**
 * jsonc-parser's tree, or undefined where it cannot build one: it recurses once per nesting level,
 * so a few thousand unclosed `[` exhaust the stack (that must not cost every JSON rule its run).
 */
function parseJsonTree(text: string): Jsonc.Node | undefined {
  try {
    return Jsonc.parseTree(text, [], { allowTrailingComma: true, disallowComments: false });
  } catch {
    return undefined;
  }
}

function splitLines(text: string): TextLine[] {
  const lines: TextLine[] = [];
  const pattern = /([^\r\n]*)(\r\n|\r|\n|$)/g;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    lines.push({ number: lines.length, offset: match.index, text: match[1] });
    if (match[2] === '') {
      break;
    }
  }
  return lines;
}
