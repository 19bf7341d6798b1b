import { fileKindForPath, type FileKind } from '../files/fileKinds';

/** A part of a file to analyse as another kind of file: a fenced code block in Markdown. */
export interface Region {
  readonly kind: FileKind;
  /**
   * The whole file with everything outside the region blanked to spaces (line breaks kept), so
   * that offsets, lines and columns of findings in the region are those of the file itself.
   */
  readonly text: string;
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

const fence = /^([ \t]*)(`{3,}|~{3,})[ \t]*([^\s`]*)[^\n]*\n([\s\S]*?)^\1?\2[ \t]*$/gm;

function blankOutside(text: string, start: number, end: number): string {
  const blank = (part: string) => part.replace(/[^\r\n]/g, ' ');
  return blank(text.slice(0, start)) + text.slice(start, end) + blank(text.slice(end));
}

/** The fenced code blocks of a Markdown text whose info string names a kind we analyse. */
export function markdownRegions(text: string): Region[] {
  const regions: Region[] = [];
  fence.lastIndex = 0;
  for (let match = fence.exec(text); match; match = fence.exec(text)) {
    const info = match[3].toLowerCase();
    const kind = fenceInfo[info] ?? fileKindForPath(`x.${info}`);
    if (!kind || kind === 'markdown') {
      continue;
    }
    const bodyStart = match.index + match[0].indexOf('\n') + 1;
    const bodyEnd = bodyStart + match[4].length;
    regions.push({ kind, text: blankOutside(text, bodyStart, bodyEnd) });
  }
  return regions;
}
