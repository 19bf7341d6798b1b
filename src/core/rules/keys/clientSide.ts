import type { SyntaxContext, SyntaxNode } from '../rule';
import { scriptElements } from '../../text/scriptElements';

/**
 * Where code runs: in the browser (a served folder, a front-end folder, a client component), on
 * the server (an API route, a server folder, a server component or action), or we cannot tell.
 */
export type CodeSide = 'client' | 'server' | 'unknown';

// Folders whose files are served as they are or bundled for the browser.
const clientFolders = new Set(['public', 'static', 'www', 'client', 'frontend']);
const serverFolders = new Set(['server', 'backend']);

function folders(path: string): string[] {
  const parts = path.toLowerCase().split('/');
  parts.pop();
  return parts;
}

/**
 * What the path alone says: `*.server.ts` is server code; otherwise the innermost telling folder
 * decides (`server/public/app.js` is served to browsers, `client/server/db.ts` is not):
 * `public/`, `static/`, `www/`, `client/`, `frontend/`, `src/components/` for the client;
 * `server/`, `backend/`, `pages/api/`, `app/api/` for the server.
 */
export function sideOfPath(path: string): CodeSide {
  const dirs = folders(path);
  const base = path.slice(path.lastIndexOf('/') + 1).toLowerCase();
  if (/\.server\.[a-z]+$/.test(base)) {
    return 'server';
  }
  for (let i = dirs.length - 1; i >= 0; i--) {
    const dir = dirs[i];
    if (serverFolders.has(dir) || (dir === 'api' && (dirs[i - 1] === 'pages' || dirs[i - 1] === 'app'))) {
      return 'server';
    }
    if (clientFolders.has(dir) || (dir === 'components' && dirs[i - 1] === 'src')) {
      return 'client';
    }
  }
  return 'unknown';
}

/** The directive prologue of a module: `'use client'`, `"use server"`, … */
function directives(root: SyntaxNode): string[] {
  const found: string[] = [];
  // One child at a time: the prologue is at the top, and a file can have thousands of statements.
  for (let index = 0; index < root.namedChildCount; index++) {
    const child = root.namedChild(index);
    if (!child || child.type === 'comment' || child.type === 'hash_bang_line') {
      continue;
    }
    const expression = child.type === 'expression_statement' ? child.namedChildren[0] : undefined;
    if (expression?.type !== 'string') {
      break;
    }
    found.push(expression.text.slice(1, -1));
  }
  return found;
}

/** Where a JS/TS file runs: a `'use client'` / `'use server'` directive decides, then the path. */
export function sideOfModule(context: Pick<SyntaxContext, 'path' | 'tree'>): CodeSide {
  const prologue = directives(context.tree.rootNode);
  if (prologue.includes('use server')) {
    return 'server';
  }
  const byPath = sideOfPath(context.path);
  if (byPath === 'server') {
    return 'server';
  }
  return prologue.includes('use client') ? 'client' : byPath;
}

/** Content ranges of the `<script>` elements of an HTML, Vue, Svelte or Astro file (data blocks included). */
export function scriptBodies(text: string): Array<{ start: number; end: number }> {
  return scriptElements(text).map(({ start, end }) => ({ start, end }));
}

export function inRanges(offset: number, ranges: ReadonlyArray<{ start: number; end: number }>): boolean {
  return ranges.some((range) => offset >= range.start && offset < range.end);
}

/**
 * Prefixes that make a build tool inline an environment variable into the browser bundle:
 * Next.js, Vite (and SvelteKit/Astro's `PUBLIC_`), Create React App, Expo, Nuxt, Gatsby, Vue CLI.
 */
const exposedPrefix = /^(?:NEXT_PUBLIC_|VITE_|REACT_APP_|PUBLIC_|EXPO_PUBLIC_|NUXT_PUBLIC_|GATSBY_|VUE_APP_)/;

export function exposedToBrowser(name: string): boolean {
  return exposedPrefix.test(name);
}

/** `NEXT_PUBLIC_` for `NEXT_PUBLIC_UCANPAY_SECRET_KEY`; undefined when the name has no such prefix. */
export function browserPrefix(name: string): string | undefined {
  return exposedPrefix.exec(name)?.[0];
}

/**
 * `UCANPAY_SECRET_KEY`, `NEXT_PUBLIC_UCANPAY_API_KEY`, `VITE_UCANPAY_TOKEN`: a UCanPay credential by
 * name. Not `…_PUBLISHABLE_KEY` / `…_PUBLIC_KEY` / `…_PK` (made to be public), nor `…_KEY_ID`/`_URL`.
 */
export function isUcanpaySecretName(name: string): boolean {
  const words = name.replace(exposedPrefix, '').toUpperCase().split(/[^A-Z0-9]+/).filter(Boolean);
  if (!words.some((word) => word.includes('UCANPAY'))) {
    return false;
  }
  if (words.some((word) => ['PUBLISHABLE', 'PUBLIC', 'PK', 'PUB', 'ID', 'URL', 'URI', 'HOST', 'ENDPOINT', 'ENV', 'MODE'].includes(word))) {
    return false;
  }
  return words.some((word) => /KEY|SECRET|TOKEN/.test(word));
}

/** `process.env.NAME`, `process.env['NAME']`, `import.meta.env.NAME`: the name read, if it is one of those. */
export function envRead(node: SyntaxNode): { name: string; node: SyntaxNode } | undefined {
  const object = node.childForFieldName('object');
  const holder = object?.text.replace(/\s+/g, '');
  if (holder !== 'process.env' && holder !== 'import.meta.env') {
    return undefined;
  }
  if (node.type === 'member_expression') {
    const property = node.childForFieldName('property');
    return property ? { name: property.text, node: property } : undefined;
  }
  if (node.type === 'subscript_expression') {
    const index = node.childForFieldName('index');
    if (index?.type === 'string') {
      return { name: index.text.slice(1, -1), node: index };
    }
  }
  return undefined;
}

/** `const { UCANPAY_SECRET_KEY } = process.env`: the names a destructuring reads from the environment. */
export function envDestructured(declarator: SyntaxNode): Array<{ name: string; node: SyntaxNode }> {
  const value = declarator.childForFieldName('value');
  const pattern = declarator.childForFieldName('name');
  const holder = value?.text.replace(/\s+/g, '');
  if (!pattern || pattern.type !== 'object_pattern' || (holder !== 'process.env' && holder !== 'import.meta.env')) {
    return [];
  }
  const names: Array<{ name: string; node: SyntaxNode }> = [];
  for (const child of pattern.namedChildren) {
    if (!child) {
      continue;
    }
    if (child.type === 'shorthand_property_identifier_pattern') {
      names.push({ name: child.text, node: child });
    } else if (child.type === 'pair_pattern' || child.type === 'object_assignment_pattern') {
      const key = child.childForFieldName(child.type === 'pair_pattern' ? 'key' : 'left');
      if (key) {
        names.push({ name: key.text.replace(/^["']|["']$/g, ''), node: key });
      }
    }
  }
  return names;
}
