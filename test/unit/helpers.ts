import { Analyzer, type AnalysisOptions } from '../../src/core/engine/analyzer';
import type { Finding } from '../../src/core/findings';
import * as fs from 'fs';
import * as path from 'path';
import { languageForPath } from '../../src/core/languages';
import { TreeSitterHost } from '../../src/core/parsing/treeSitter';
import { allRules } from '../../src/core/rules/catalogue';
import { neverCancelled } from '../../src/core/cancellation';
import type { FileFacts } from '../../src/core/rules/rule';

/** Where the WebAssembly files are when running from the repository. */
export function packagedWasmDir(): string {
  return path.dirname(require.resolve('@vscode/tree-sitter-wasm/wasm/tree-sitter.wasm'));
}

/** One host for the whole unit run: grammars load once, as they do in the extension. */
export const treeSitter = new TreeSitterHost(packagedWasmDir());
export const analyzer = new Analyzer(treeSitter, allRules);

export async function findingsFor(path: string, text: string, options: AnalysisOptions = {}, facts: FileFacts = {}): Promise<Finding[]> {
  const result = await analyzer.analyze({ path, text, facts }, options, neverCancelled);
  if (result.ruleErrors?.length) {
    throw new Error(`rules threw: ${result.ruleErrors.join('; ')}`);
  }
  return [...result.findings];
}

/** Applies the edits of a fix to the text it was computed on. */
export function applyEdits(text: string, edits: Finding['fixes'][number]['edits']): string {
  return [...edits]
    .sort((a, b) => b.startOffset - a.startOffset)
    .reduce((acc, edit) => acc.slice(0, edit.startOffset) + edit.newText + acc.slice(edit.endOffset), text);
}

/** The repository (tests run from out/test/unit). */
export const repoRoot = path.join(__dirname, '..', '..', '..');

function codeFilesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? codeFilesUnder(full) : languageForPath(entry.name) ? [full] : [];
  });
}

/** Every JS/TS file of the fixtures, the demo and the rules' own sources: thousands of calls, keys and strings. */
export function codeCorpus(): string[] {
  return ['test/fixtures', 'demo', 'src/core/rules'].flatMap((dir) => codeFilesUnder(path.join(repoRoot, dir)));
}
