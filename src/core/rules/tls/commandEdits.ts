import type { EditSpec } from '../rule';
import type { Word } from '../text/shellWords';

/** Edits shared by the TLS rules' quick fixes on command lines and settings. */

/**
 * Deletes words and the blanks after them (or before them, at the end of a line); in a list
 * (`["curl", "-k", url]`), with the comma that follows.
 */
export function removeWords(text: string, first: Word, last: Word = first): EditSpec {
  const blank = (at: number) => text[at] === ' ' || text[at] === '\t';
  let end = last.end;
  while (blank(end)) {
    end++;
  }
  if (text[end] === ',') {
    end++;
    while (blank(end)) {
      end++;
    }
    return { start: first.start, end, newText: '' };
  }
  let start = first.start;
  if (end === last.end || text[end] === '\n' || text[end] === '\r' || end >= text.length) {
    end = last.end;
    while (start > 0 && blank(start - 1)) {
      start--;
    }
  }
  return { start, end, newText: '' };
}

const opposite: Record<string, string> = { false: 'true', no: 'yes', off: 'on', true: 'false', yes: 'no', on: 'off', '0': '1', '1': '0' };

/** `false` → `true`, `No` → `Yes`, `OFF` → `ON`: the opposite boolean, in the same case. */
export function toggledBoolean(value: string): string | undefined {
  const flipped = opposite[value.toLowerCase()];
  if (!flipped) {
    return undefined;
  }
  if (value.length > 1 && value === value.toUpperCase()) {
    return flipped.toUpperCase();
  }
  return value[0] !== value[0].toLowerCase() ? flipped[0].toUpperCase() + flipped.slice(1) : flipped;
}

/** An edit replacing a word's text (inside its quotes), when it is written as it reads. */
export function replaceWordText(word: Word, newText: string): EditSpec | undefined {
  const first = word.offsets[0];
  const last = word.offsets[word.offsets.length - 1];
  if (first === undefined || last === undefined || last - first !== word.text.length - 1) {
    return undefined;
  }
  return { start: first, end: last + 1, newText };
}
