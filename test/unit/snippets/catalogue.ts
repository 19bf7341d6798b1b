import * as fs from 'fs';
import * as path from 'path';
import { expandSnippet } from './expand';

/** A snippet as VS Code reads it from a contributed snippets file. */
export interface Snippet {
  /** The key in the file: what `editor.action.insertSnippet` takes as `name`. */
  readonly name: string;
  readonly prefix: string;
  readonly description: string;
  readonly body: readonly string[];
}

export type SnippetLanguage = 'javascript' | 'typescript' | 'python';

/** The language each snippet file serves, and the editor languages that reuse it. */
export const snippetFiles: Readonly<Record<SnippetLanguage, { readonly file: string; readonly editorLanguages: readonly string[]; readonly extension: string }>> = {
  javascript: { file: 'snippets/javascript.json', editorLanguages: ['javascript', 'javascriptreact'], extension: '.js' },
  typescript: { file: 'snippets/typescript.json', editorLanguages: ['typescript', 'typescriptreact'], extension: '.ts' },
  python: { file: 'snippets/python.json', editorLanguages: ['python'], extension: '.py' },
};

/**
 * What each language must offer (the checklist of issue 6 / SPEC.md section 3), by prefix. The
 * payment snippets build on the client snippet's request function: a user inserts the client
 * once per module, and the tests check each of them together with it.
 */
export const requiredPrefixes: Readonly<Record<SnippetLanguage, readonly string[]>> = {
  javascript: [
    'ucanpay-client', 'ucanpay-payment-create', 'ucanpay-payment-get', 'ucanpay-refund', 'ucanpay-webhook',
    'ucanpay-error-handler', 'ucanpay-aes-gcm', 'ucanpay-session', 'ucanpay-cookie', 'ucanpay-logger',
  ],
  typescript: [
    'ucanpay-client', 'ucanpay-payment-create', 'ucanpay-payment-get', 'ucanpay-refund', 'ucanpay-webhook',
    'ucanpay-error-handler', 'ucanpay-aes-gcm', 'ucanpay-session', 'ucanpay-cookie', 'ucanpay-logger',
  ],
  python: [
    'ucanpay-client', 'ucanpay-payment-create', 'ucanpay-payment-get', 'ucanpay-refund', 'ucanpay-webhook',
    'ucanpay-error-handler-flask', 'ucanpay-error-handler-fastapi', 'ucanpay-aes-gcm', 'ucanpay-session',
    'ucanpay-cookie', 'ucanpay-logger',
  ],
};

/** Snippets whose code calls another snippet's functions (the client's request function). */
export const snippetNeeds: Readonly<Record<string, readonly string[]>> = {
  'ucanpay-payment-create': ['ucanpay-client'],
  'ucanpay-payment-get': ['ucanpay-client'],
  'ucanpay-refund': ['ucanpay-client'],
};

export function loadSnippets(root: string, language: SnippetLanguage): Snippet[] {
  const text = fs.readFileSync(path.join(root, snippetFiles[language].file), 'utf8');
  const parsed = JSON.parse(text) as Record<string, { prefix: string; description: string; body: string[] | string }>;
  return Object.entries(parsed).map(([name, entry]) => ({
    name,
    prefix: entry.prefix,
    description: entry.description,
    body: typeof entry.body === 'string' ? [entry.body] : entry.body,
  }));
}

/** The text a user gets by inserting the snippets `needs` and then `snippet`, accepting every default. */
export function expandProgram(snippets: readonly Snippet[], snippet: Snippet, file: string): string {
  const byPrefix = new Map(snippets.map((s) => [s.prefix, s]));
  const parts = (snippetNeeds[snippet.prefix] ?? []).map((prefix) => {
    const needed = byPrefix.get(prefix);
    if (!needed) {
      throw new Error(`${snippet.prefix} needs ${prefix}, which the file does not have`);
    }
    return expandSnippet(needed.body, { file });
  });
  return [...parts, expandSnippet(snippet.body, { file })].join('\n');
}

/** Every snippet of a language inserted one after the other into one file. */
export function expandAll(snippets: readonly Snippet[], file: string): string {
  return snippets.map((snippet) => expandSnippet(snippet.body, { file })).join('\n');
}
