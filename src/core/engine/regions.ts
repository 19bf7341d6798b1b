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

// An opening fence, read at the start of a line (sticky): indent, the fence, the info string.
const openingFence = /([ \t]*)(`{3,}|~{3,})/y;
const infoAfterFence = /[ \t]*([^\s`]*)/y;

/**
 * Above this much work (fences × file length, in characters), the fences of a kind are analysed
 * together in one text instead of one text each: a file of thousands of fences would otherwise
 * cost thousands of full-length parses.
 */
const separateFencesBudget = 4 * 1024 * 1024;

interface Fence {
  readonly kind: FileKind;
  readonly bodyStart: number;
  readonly bodyEnd: number;
}

function blankOutside(text: string, spans: readonly { readonly bodyStart: number; readonly bodyEnd: number }[]): string {
  const blank = (part: string) => part.replace(/[^\r\n]/g, ' ');
  const parts: string[] = [];
  let at = 0;
  for (const span of spans) {
    parts.push(blank(text.slice(at, span.bodyStart)), text.slice(span.bodyStart, span.bodyEnd));
    at = span.bodyEnd;
  }
  parts.push(blank(text.slice(at)));
  return parts.join('');
}

function isBlanks(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const ch = text.charCodeAt(i);
    if (ch !== 32 && ch !== 9) {
      return false;
    }
  }
  return true;
}

/** A closing fence: (the opening's indent, optionally) the same fence, then only blanks. */
function isClosing(text: string, start: number, end: number, indent: string, marker: string): boolean {
  const closesAt = (at: number) => text.startsWith(marker, at) && at + marker.length <= end && isBlanks(text, at + marker.length, end);
  return (indent !== '' && text.startsWith(indent, start) && closesAt(start + indent.length)) || closesAt(start);
}

function isLineBreak(ch: number): boolean {
  return ch === 10 || ch === 13 || ch === 0x2028 || ch === 0x2029;
}

/**
 * The fenced code blocks of a Markdown text, as (start, end) of their bodies. A fence without a
 * closing line is not a block. Lines end at any line break (as `^` and `$` of a multiline regex
 * see them); a block's body starts after the first LF that follows its opening fence. Linear in
 * the text: each line is read a bounded number of times.
 */
function findFences(text: string): Fence[] {
  // Line i spans [starts[i], ends[i]); afterLf[i] is the first line after the first LF at or
  // after the start of line i (-1: none).
  const starts: number[] = [0];
  const ends: number[] = [];
  const endsWithLf: boolean[] = [];
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (isLineBreak(ch)) {
      ends.push(i);
      endsWithLf.push(ch === 10);
      starts.push(i + 1);
    }
  }
  ends.push(text.length);
  endsWithLf.push(false);
  const afterLf = new Array<number>(starts.length).fill(-1);
  for (let line = starts.length - 2; line >= 0; line--) {
    afterLf[line] = endsWithLf[line] ? line + 1 : afterLf[line + 1];
  }
  const fences: Fence[] = [];
  // For a fence (indent + marker) that found no closing line from line k on: k. Later openings
  // of the same fence need not look again.
  const unclosedFrom = new Map<string, number>();
  // Lines read looking for closing fences: beyond this (only contrived files get near it), the
  // rest of the file has no blocks.
  let budget = 64 * starts.length + 100_000;
  for (let line = 0; line < starts.length; line++) {
    const bodyLine = afterLf[line];
    if (bodyLine < 0) {
      break;
    }
    openingFence.lastIndex = starts[line];
    const open = openingFence.exec(text);
    if (!open) {
      continue;
    }
    const [, indent, fullMarker] = open;
    // The first closing line of this fence after the opening, or -1 (also when out of budget).
    const closingLine = (marker: string): number => {
      const key = `${indent}\u0000${marker}`;
      if ((unclosedFrom.get(key) ?? Infinity) <= bodyLine) {
        return -1;
      }
      for (let candidate = bodyLine; candidate < starts.length && budget > 0; candidate++, budget--) {
        if (isClosing(text, starts[candidate], ends[candidate], indent, marker)) {
          return candidate;
        }
      }
      unclosedFrom.set(key, bodyLine);
      return -1;
    };
    // Like the backtracking regex this replaces (/^([ \t]*)(`{3,}|~{3,})…^\1?\2[ \t]*$/m): the
    // longest prefix of the fence (3 or more long) that has a closing line wins.
    let length = fullMarker.length;
    let close = closingLine(fullMarker);
    while (close < 0 && length > 3) {
      length--;
      close = closingLine(fullMarker.slice(0, length));
    }
    if (close < 0) {
      if (budget <= 0) {
        break;
      }
      continue;
    }
    infoAfterFence.lastIndex = starts[line] + indent.length + length;
    const info = infoAfterFence.exec(text)?.[1] ?? '';
    const lower = info.toLowerCase();
    const kind = fenceInfo[lower] ?? fileKindForPath(`x.${lower}`);
    if (kind && kind !== 'markdown') {
      fences.push({ kind, bodyStart: starts[bodyLine], bodyEnd: starts[close] });
    }
    line = close;
  }
  return fences;
}

/**
 * The fenced code blocks of a Markdown text whose info string names a kind we analyse: one region
 * per block, or (for files with very many blocks) one region per kind holding all its blocks.
 */
export function markdownRegions(text: string): Region[] {
  const fences = findFences(text);
  if (fences.length * text.length <= separateFencesBudget) {
    return fences.map((fence) => ({ kind: fence.kind, text: blankOutside(text, [fence]) }));
  }
  const byKind = new Map<FileKind, Fence[]>();
  for (const fence of fences) {
    const spans = byKind.get(fence.kind);
    if (spans) {
      spans.push(fence);
    } else {
      byKind.set(fence.kind, [fence]);
    }
  }
  return [...byKind].map(([kind, spans]) => ({ kind, text: blankOutside(text, spans) }));
}
