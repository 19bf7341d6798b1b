import type { LanguageId } from '../languages';
import type { SyntaxIndex } from './syntaxIndex';
import type { SyntaxTree } from './treeSitter';

/** A text and the tree parsed from it. */
export interface PreviousParse {
  readonly language: LanguageId;
  readonly text: string;
  readonly tree: SyntaxTree;
  /** The nodes rules read, by top-level statement: the next index reuses the statements the edit left alone. */
  readonly index?: SyntaxIndex;
}

/** What tree-sitter needs to know of an edit: where it starts and ends, in the old and the new text. */
export interface TextEdit {
  readonly startIndex: number;
  readonly oldEndIndex: number;
  readonly newEndIndex: number;
  readonly startPosition: { row: number; column: number };
  readonly oldEndPosition: { row: number; column: number };
  readonly newEndPosition: { row: number; column: number };
}

/**
 * The last tree of each open document, so that the next analysis re-parses only what an edit
 * touched (tree-sitter reuses the rest): at 10,000 lines a one-line edit re-parses in a few
 * milliseconds instead of some fifty. Owned by the editor side (one per window); trees live in
 * WebAssembly memory (about 30 bytes per character of text), so `delete` a document's entry when
 * it closes, `dispose` at the end, and at most `maxEntries` trees are kept: the documents edited
 * least recently lose theirs (their next analysis parses from scratch).
 */
export class ParseCache {
  private readonly entries = new Map<string, PreviousParse>();

  constructor(private readonly maxEntries = 16) {}

  /** Removes and returns the entry for `key` (the caller re-parses from it and `put`s the new tree). */
  take(key: string): PreviousParse | undefined {
    const entry = this.entries.get(key);
    this.entries.delete(key);
    return entry;
  }

  put(key: string, parse: PreviousParse): void {
    const old = this.entries.get(key);
    if (old && old.tree !== parse.tree) {
      old.tree.delete();
    }
    // Re-inserted last: the Map's order is the order of use.
    this.entries.delete(key);
    this.entries.set(key, parse);
    for (const [oldest, entry] of this.entries) {
      if (this.entries.size <= this.maxEntries) break;
      entry.tree.delete();
      this.entries.delete(oldest);
    }
  }

  delete(key: string): void {
    this.entries.get(key)?.tree.delete();
    this.entries.delete(key);
  }

  get size(): number {
    return this.entries.size;
  }

  dispose(): void {
    for (const entry of this.entries.values()) {
      entry.tree.delete();
    }
    this.entries.clear();
  }
}

const block = 256;

/** Row and column (UTF-16 code units, as web-tree-sitter counts them) of `offset` in `text`. */
function pointAt(text: string, offset: number): { row: number; column: number } {
  let row = 0;
  let lineStart = 0;
  for (let at = text.indexOf('\n'); at >= 0 && at < offset; at = text.indexOf('\n', at + 1)) {
    row++;
    lineStart = at + 1;
  }
  return { row, column: offset - lineStart };
}

/**
 * The one edit that turns `oldText` into `newText`: the span between their common prefix and
 * common suffix. The editor may have made several changes since the last analysis; one span
 * covering them all is still exact, and tree-sitter re-parses only around it.
 */
export function editBetween(oldText: string, newText: string): TextEdit | undefined {
  if (oldText === newText) {
    return undefined;
  }
  const shorter = Math.min(oldText.length, newText.length);
  // Whole blocks first (a string comparison is a memory compare), then character by character:
  // at 10,000 lines the per-character loop alone took 1.5 ms per edit.
  let start = 0;
  while (start + block <= shorter && oldText.slice(start, start + block) === newText.slice(start, start + block)) {
    start += block;
  }
  while (start < shorter && oldText.charCodeAt(start) === newText.charCodeAt(start)) {
    start++;
  }
  let suffix = 0;
  while (
    suffix + block <= shorter - start &&
    oldText.slice(oldText.length - suffix - block, oldText.length - suffix) === newText.slice(newText.length - suffix - block, newText.length - suffix)
  ) {
    suffix += block;
  }
  while (
    suffix < shorter - start &&
    oldText.charCodeAt(oldText.length - 1 - suffix) === newText.charCodeAt(newText.length - 1 - suffix)
  ) {
    suffix++;
  }
  // Never split a surrogate pair: tree-sitter reads code points.
  while (start > 0 && isLowSurrogate(newText.charCodeAt(start))) {
    start--;
  }
  while (suffix > 0 && isLowSurrogate(newText.charCodeAt(newText.length - suffix))) {
    suffix--;
  }
  const oldEnd = oldText.length - suffix;
  const newEnd = newText.length - suffix;
  const startPosition = pointAt(newText, start);
  return {
    startIndex: start,
    oldEndIndex: oldEnd,
    newEndIndex: newEnd,
    startPosition,
    oldEndPosition: pointAt(oldText, oldEnd),
    newEndPosition: pointAt(newText, newEnd),
  };
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}
