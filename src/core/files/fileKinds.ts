import { languageForEditorId, languageForPath, type LanguageId } from '../languages';

/**
 * Files that are not parsed with tree-sitter but read by matchers of their own: configuration,
 * scripts, documentation and markup (keys and TLS overrides live there as often as in code), and
 * database schemas (SQL migrations, Prisma schemas: where card data ends up stored).
 */
export type TextKind = 'dotenv' | 'json' | 'yaml' | 'properties' | 'dockerfile' | 'shell' | 'markdown' | 'html' | 'sql' | 'prisma';

export type FileKind = LanguageId | TextKind;

export const textKinds: readonly TextKind[] = ['dotenv', 'json', 'yaml', 'properties', 'dockerfile', 'shell', 'markdown', 'html', 'sql', 'prisma'];

export function isTextKind(kind: FileKind): kind is TextKind {
  return (textKinds as readonly string[]).includes(kind);
}

function baseName(filePath: string): string {
  return filePath.slice(Math.max(filePath.lastIndexOf('/'), filePath.lastIndexOf('\\')) + 1).toLowerCase();
}

const byExtension: Record<string, TextKind> = {
  '.env': 'dotenv',
  '.json': 'json',
  '.jsonc': 'json',
  '.json5': 'json',
  '.code-workspace': 'json',
  '.yaml': 'yaml',
  '.yml': 'yaml',
  '.properties': 'properties',
  '.ini': 'properties',
  '.cfg': 'properties',
  '.conf': 'properties',
  '.toml': 'properties',
  '.dockerfile': 'dockerfile',
  '.sh': 'shell',
  '.bash': 'shell',
  '.zsh': 'shell',
  '.ksh': 'shell',
  '.md': 'markdown',
  '.markdown': 'markdown',
  '.mdx': 'markdown',
  '.html': 'html',
  '.htm': 'html',
  '.vue': 'html',
  '.svelte': 'html',
  '.astro': 'html',
  '.sql': 'sql',
  '.prisma': 'prisma',
};

const byName: Record<string, TextKind> = {
  dockerfile: 'dockerfile',
  containerfile: 'dockerfile',
  '.npmrc': 'properties',
  '.yarnrc': 'properties',
  '.gitconfig': 'properties',
  '.curlrc': 'shell',
  '.bashrc': 'shell',
  '.bash_profile': 'shell',
  '.profile': 'shell',
  '.zshrc': 'shell',
  '.envrc': 'shell',
};

/** What kind of file a path is, or undefined when no rule reads such files. */
export function fileKindForPath(filePath: string): FileKind | undefined {
  const language = languageForPath(filePath);
  if (language) {
    return language;
  }
  const name = baseName(filePath);
  if (byName[name]) {
    return byName[name];
  }
  // .env, .env.local, .env.production, production.env, .env.example, …
  if (name === '.env' || name.startsWith('.env.') || name.endsWith('.env')) {
    return 'dotenv';
  }
  if (name.startsWith('dockerfile.') || name.endsWith('.dockerfile')) {
    return 'dockerfile';
  }
  const dot = name.lastIndexOf('.');
  return dot < 0 ? undefined : byExtension[name.slice(dot)];
}

const byEditorLanguage: Record<string, TextKind> = {
  dotenv: 'dotenv',
  json: 'json',
  jsonc: 'json',
  yaml: 'yaml',
  'github-actions-workflow': 'yaml',
  dockercompose: 'yaml',
  properties: 'properties',
  ini: 'properties',
  toml: 'properties',
  dockerfile: 'dockerfile',
  shellscript: 'shell',
  markdown: 'markdown',
  html: 'html',
  vue: 'html',
  svelte: 'html',
  sql: 'sql',
  prisma: 'prisma',
};

/** For editor documents: the path decides when it knows, the editor's language id otherwise. */
export function fileKindForDocument(editorLanguageId: string, filePath: string): FileKind | undefined {
  return fileKindForPath(filePath) ?? languageForEditorId(editorLanguageId) ?? byEditorLanguage[editorLanguageId];
}

/** Editor language ids the extension watches (for activation and the document selector). */
export const watchedEditorLanguageIds: readonly string[] = [
  'javascript',
  'javascriptreact',
  'typescript',
  'typescriptreact',
  ...Object.keys(byEditorLanguage),
];
