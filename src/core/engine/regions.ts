import { fileKindForPath, type FileKind } from '../files/fileKinds';
import { scriptElements } from '../text/scriptElements';

/** A part of a file to analyse as another kind of file: a fenced code block in Markdown, a `<script>` in HTML. */
export interface Region {
  readonly kind: FileKind;
  /** Offsets of the block's body in the file (the analyzer shifts findings back by `start`). */
  readonly start: number;
  readonly end: number;
}

const fenceInfo: Record<string, FileKind> = {
  js: 'javascript',
  javascript: 'javascript',
  jsx: 'javascript',
  node: 'javascript',
  mjs: 'javascript',
  ts: 'typescript',
  typescript: 'typescript',
  tsx: 'tsx',
  sh: 'shell',
  bash: 'shell',
  shell: 'shell',
  zsh: 'shell',
  console: 'shell',
  json: 'json',
  jsonc: 'json',
  yaml: 'yaml',
  yml: 'yaml',
  env: 'dotenv',
  dotenv: 'dotenv',
  dockerfile: 'dockerfile',
  docker: 'dockerfile',
  properties: 'properties',
  ini: 'properties',
  toml: 'properties',
  html: 'html',
};

// An opening fence: up to 3 spaces, 3+ backticks or tildes, then the info string.
const opening = /^ {0,3}(`{3,}|~{3,})[ \t]*([^\s`]*)/;

/**
 * The fenced code blocks of a Markdown text whose info string names a kind we analyse. A line
 * scan rather than one regular expression over the file: linear however the fences nest or
 * fail to close.
 */
export function markdownRegions(text: string): Region[] {
  const regions: Region[] = [];
  const lines = text.split('\n');
  let offset = 0;
  let open: { fence: string; kind: FileKind | undefined; bodyStart: number } | undefined;
  for (const line of lines) {
    const lineEnd = offset + line.length;
    if (!open) {
      const match = opening.exec(line);
      if (match) {
        const info = match[2].toLowerCase();
        const kind = fenceInfo[info] ?? (info ? fileKindForPath(`x.${info}`) : undefined);
        open = { fence: match[1], kind: kind === 'markdown' ? undefined : kind, bodyStart: lineEnd + 1 };
      }
    } else {
      const trimmed = line.trim();
      if (trimmed.length >= open.fence.length && trimmed === open.fence[0].repeat(trimmed.length)) {
        if (open.kind && offset > open.bodyStart) {
          regions.push({ kind: open.kind, start: open.bodyStart, end: offset });
        }
        open = undefined;
      }
    }
    offset = lineEnd + 1;
  }
  return regions;
}

// `<script>` types that hold code; any other (`application/ld+json`, `text/template`) is data.
const scriptTypes = /^(?:module|text\/javascript|application\/javascript|text\/babel|text\/typescript|application\/typescript)$/;

/**
 * The inline `<script>` blocks of an HTML, Vue, Svelte or Astro file that hold code, as
 * JavaScript (TypeScript with `lang="ts"`).
 */
export function scriptRegions(text: string): Region[] {
  const regions: Region[] = [];
  for (const { tag, start, end } of scriptElements(text)) {
    const type = /\btype\s*=\s*["']?([^"'\s>]+)/.exec(tag)?.[1];
    if ((type !== undefined && !scriptTypes.test(type)) || text.slice(start, end).trim() === '') {
      continue;
    }
    const typescript = /\blang\s*=\s*["']?(?:ts|typescript)\b/.test(tag) || type?.endsWith('typescript') === true;
    regions.push({ kind: typescript ? 'typescript' : 'javascript', start, end });
  }
  return regions;
}
