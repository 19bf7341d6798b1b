/**
 * The languages the engine understands. Each maps to the tree-sitter grammar that parses it
 * (see parsing/grammars.json); adding a language is a recipe in ARCHITECTURE.md.
 */
export type LanguageId = 'javascript' | 'typescript' | 'tsx';

export const supportedLanguages: readonly LanguageId[] = ['javascript', 'typescript', 'tsx'];

const byExtension: Record<string, LanguageId> = {
  '.js': 'javascript',
  '.mjs': 'javascript',
  '.cjs': 'javascript',
  // tree-sitter-javascript parses JSX too.
  '.jsx': 'javascript',
  '.ts': 'typescript',
  '.mts': 'typescript',
  '.cts': 'typescript',
  '.tsx': 'tsx',
};

/** VS Code's language ids, for documents that have no file name yet (untitled editors). */
const byEditorLanguage: Record<string, LanguageId> = {
  javascript: 'javascript',
  javascriptreact: 'javascript',
  typescript: 'typescript',
  typescriptreact: 'tsx',
};

export function languageForPath(filePath: string): LanguageId | undefined {
  const lower = filePath.toLowerCase();
  if (lower.endsWith('.d.ts')) {
    return undefined;
  }
  const dot = lower.lastIndexOf('.');
  return dot < 0 ? undefined : byExtension[lower.slice(dot)];
}

export function languageForEditorId(editorLanguageId: string): LanguageId | undefined {
  return byEditorLanguage[editorLanguageId];
}

/** The editor language ids the extension should watch. */
export const editorLanguageIds: readonly string[] = Object.keys(byEditorLanguage);
