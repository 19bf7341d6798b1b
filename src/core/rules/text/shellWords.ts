/**
 * A small, forgiving reader of POSIX shell command lines, for rules that look at commands in
 * shell scripts, Dockerfile RUN lines, CI `run:` blocks and package.json scripts: which program
 * runs, with which arguments, after which `NAME=value` assignments. It knows quotes, escapes,
 * comments, operators and redirections; it does not expand anything.
 *
 * Every character of a word keeps the offset it came from in the analysed file, so a finding on
 * `-k` inside `curl -sSk` or on `http://` inside `"http://…"` lands exactly, and quick fixes can
 * edit the file itself.
 */

/** Text assembled from pieces of a file, with the file offset of each character. */
export interface MappedText {
  readonly text: string;
  /** `offsets[i]` is where `text[i]` is in the file; one more entry for the end. */
  readonly offsets: readonly number[];
}

/** A shell word with quotes and escapes removed. */
export interface Word {
  readonly text: string;
  /** File offset of each character of `text`. */
  readonly offsets: readonly number[];
  /** The word as written (with its quotes), as file offsets. */
  readonly start: number;
  readonly end: number;
}

export interface Assignment {
  /** `NAME` of `NAME=value`. */
  readonly name: string;
  readonly nameStart: number;
  readonly value: Word;
  /** The whole `NAME=value` word, as written. */
  readonly word: Word;
}

export interface ShellCommand {
  /** The program, without its directory (`/usr/bin/curl` → `curl`); empty for a bare assignment. */
  readonly name: string;
  /** The program word itself, when there is one. */
  readonly nameWord?: Word;
  readonly args: readonly Word[];
  /** `NAME=value` before the program, after `export`/`env`/`declare`, or standing alone. */
  readonly assignments: readonly Assignment[];
  /** How the assignments are made: before a program (`X=1 node app.js`), or as a statement. */
  readonly assignmentStyle: 'prefix' | 'statement';
  /** File range from the first word to the last. */
  readonly start: number;
  readonly end: number;
}

export interface ShellLine {
  readonly commands: readonly ShellCommand[];
  /** The delimiter of a here-document that starts on this line (`<<EOF`), if any. */
  readonly heredoc?: string;
}

/** Text of a file range, mapped one to one. */
export function mappedRange(text: string, start: number, end: number): MappedText {
  const offsets: number[] = [];
  for (let i = start; i <= end; i++) {
    offsets.push(i);
  }
  return { text: text.slice(start, end), offsets };
}

/** A word's text, to read it as a command line of its own (a CI step, a package.json script). */
export function asMapped(word: Word): MappedText {
  const last = word.offsets[word.offsets.length - 1];
  return { text: word.text, offsets: [...word.offsets, last === undefined ? word.start : last + 1] };
}

/** Joins mapped pieces (lines of a continued command, say), with one space between them. */
export function joinMapped(pieces: readonly MappedText[]): MappedText {
  let text = '';
  const offsets: number[] = [];
  pieces.forEach((piece, index) => {
    if (index > 0) {
      text += ' ';
      offsets.push(piece.offsets[0] ?? 0);
    }
    text += piece.text;
    // A loop, not push(...spread): a spread of a 100 KB word overflows the call stack.
    for (let i = 0; i < piece.text.length; i++) {
      offsets.push(piece.offsets[i]);
    }
  });
  const last = pieces[pieces.length - 1];
  offsets.push(last ? last.offsets[last.text.length] : 0);
  return { text, offsets };
}

/** A part of a word, as a word of its own (the value of `NAME=value`, say). */
export function subWord(word: Word, from: number, to: number = word.text.length): Word {
  const offsets = word.offsets.slice(from, to);
  // The raw part starts right after the character before it (so `NAME="x"` gives `"x"` with its quotes).
  const start = from === 0 ? word.start : Math.min(word.offsets[from - 1] + 1, word.end);
  return { text: word.text.slice(from, to), offsets, start, end: to >= word.text.length ? word.end : word.offsets[to - 1] + 1 };
}

/** File range of `word.text.slice(from, to)`. */
export function wordRange(word: Word, from: number, to: number): { start: number; end: number } {
  if (to <= from || from >= word.offsets.length) {
    return { start: word.start, end: word.end };
  }
  return { start: word.offsets[from], end: word.offsets[Math.min(to, word.offsets.length) - 1] + 1 };
}

/** True when the characters `from`…`to` of the word are written as they are (no quote or escape between them). */
export function isContiguous(word: Word, from: number, to: number): boolean {
  for (let i = from + 1; i < to && i < word.offsets.length; i++) {
    if (word.offsets[i] !== word.offsets[i - 1] + 1) {
      return false;
    }
  }
  return to <= word.offsets.length;
}

type Token =
  | { readonly kind: 'word'; readonly word: Word }
  | { readonly kind: 'separator' }
  | { readonly kind: 'redirect' }
  | { readonly kind: 'heredoc' };

const isSpace = (ch: string) => ch === ' ' || ch === '\t' || ch === '\r' || ch === '\n';

function tokenize(input: MappedText): Token[] {
  const { text, offsets } = input;
  const tokens: Token[] = [];
  let chars = '';
  let charOffsets: number[] = [];
  let wordStart = -1;
  let wordEnd = -1;
  const add = (ch: string, at: number, rawStart: number, rawEnd: number) => {
    if (wordStart < 0) {
      wordStart = offsets[rawStart];
    }
    chars += ch;
    charOffsets.push(offsets[at]);
    wordEnd = offsets[rawEnd - 1] + 1;
  };
  const open = (rawStart: number) => {
    if (wordStart < 0) {
      wordStart = offsets[rawStart];
    }
  };
  const flush = () => {
    if (wordStart >= 0) {
      tokens.push({ kind: 'word', word: { text: chars, offsets: charOffsets, start: wordStart, end: wordEnd } });
    }
    chars = '';
    charOffsets = [];
    wordStart = -1;
    wordEnd = -1;
  };
  let i = 0;
  while (i < text.length) {
    const ch = text[i];
    if (isSpace(ch)) {
      flush();
      i++;
    } else if (ch === '#' && wordStart < 0) {
      break;
    } else if (ch === '\'' || (ch === '$' && text[i + 1] === '\'')) {
      const begin = i;
      i += ch === '$' ? 2 : 1;
      open(begin);
      while (i < text.length && text[i] !== '\'') {
        add(text[i], i, begin, i + 1);
        i++;
      }
      wordEnd = offsets[Math.min(i + 1, text.length)];
      i++;
    } else if (ch === '"') {
      const begin = i;
      open(begin);
      i++;
      while (i < text.length && text[i] !== '"') {
        if (text[i] === '\\' && i + 1 < text.length && '"\\$`'.includes(text[i + 1])) {
          i++;
        }
        add(text[i], i, begin, i + 1);
        i++;
      }
      wordEnd = offsets[Math.min(i + 1, text.length)];
      i++;
    } else if (ch === '\\') {
      if (i + 1 < text.length) {
        add(text[i + 1], i + 1, i, i + 2);
      }
      i += 2;
    } else if (ch === '$' && (text[i + 1] === '{' || text[i + 1] === '(')) {
      // ${NAME} stays part of the word; $( starts a command of its own.
      if (text[i + 1] === '(') {
        flush();
        tokens.push({ kind: 'separator' });
        i += 2;
      } else {
        const close = text.indexOf('}', i);
        const stop = close < 0 ? text.length : close + 1;
        for (let j = i; j < stop; j++) {
          add(text[j], j, i, j + 1);
        }
        i = stop;
      }
    } else if (';&|()`'.includes(ch)) {
      flush();
      tokens.push({ kind: 'separator' });
      i++;
    } else if (ch === '<' || ch === '>') {
      // A file descriptor number before the operator (2>&1) is not a word.
      if (/^\d+$/.test(chars) && wordEnd === offsets[i]) {
        chars = '';
        charOffsets = [];
        wordStart = -1;
      }
      flush();
      if (ch === '<' && text[i + 1] === '<' && text[i + 2] !== '<') {
        tokens.push({ kind: 'heredoc' });
        i += 2;
        if (text[i] === '-') {
          i++;
        }
      } else {
        tokens.push({ kind: 'redirect' });
        i++;
        while (i < text.length && (text[i] === '>' || text[i] === '<' || text[i] === '&' || text[i] === '|')) {
          i++;
        }
        // >&2: the descriptor is not a file name.
        if (text[i - 1] === '&' && /\d/.test(text[i] ?? '')) {
          while (i < text.length && /\d/.test(text[i])) {
            i++;
          }
          tokens.pop();
        }
      }
    } else {
      add(ch, i, i, i + 1);
      i++;
    }
  }
  flush();
  return tokens;
}

const assignmentWord = /^[A-Za-z_][A-Za-z0-9_]*=/;

/** `NAME=value` as an assignment, or undefined. */
export function asAssignment(word: Word): Assignment | undefined {
  if (!assignmentWord.test(word.text)) {
    return undefined;
  }
  const eq = word.text.indexOf('=');
  return { name: word.text.slice(0, eq), nameStart: word.offsets[0], value: subWord(word, eq + 1), word };
}

// Words that run the command after them (with their own options first).
const wrappers = new Set(['sudo', 'doas', 'time', 'nohup', 'exec', 'command', 'builtin', 'nice', 'then', 'do', 'else', 'elif', 'if', 'while', 'until', '!', '{', 'xargs', 'eval']);
const declarers = new Set(['export', 'declare', 'typeset', 'local', 'readonly']);

function baseName(word: string): string {
  const slash = word.lastIndexOf('/');
  const name = slash >= 0 ? word.slice(slash + 1) : word;
  return name.toLowerCase().replace(/\.exe$/, '');
}

function buildCommand(words: Word[]): ShellCommand | undefined {
  if (words.length === 0) {
    return undefined;
  }
  const assignments: Assignment[] = [];
  let index = 0;
  let style: 'prefix' | 'statement' = 'prefix';
  for (;;) {
    const word = words[index];
    if (!word) {
      break;
    }
    const assignment = asAssignment(word);
    if (assignment) {
      assignments.push(assignment);
      index++;
      continue;
    }
    const name = baseName(word.text);
    if (wrappers.has(name) || name === 'env') {
      index++;
      while (words[index]?.text.startsWith('-')) {
        index++;
      }
      continue;
    }
    if (declarers.has(name)) {
      style = 'statement';
      for (index++; index < words.length; index++) {
        const declared = asAssignment(words[index]);
        if (declared) {
          assignments.push(declared);
        }
      }
      return { name: '', args: [], assignments, assignmentStyle: style, start: words[0].start, end: words[words.length - 1].end };
    }
    break;
  }
  const nameWord = words[index];
  return {
    name: nameWord ? baseName(nameWord.text) : '',
    ...(nameWord ? { nameWord } : {}),
    args: words.slice(index + 1),
    assignments,
    assignmentStyle: nameWord ? 'prefix' : 'statement',
    start: words[0].start,
    end: words[words.length - 1].end,
  };
}

/** The simple commands of one (logical) shell line. */
export function parseShellLine(input: MappedText): ShellLine {
  const tokens = tokenize(input);
  const commands: ShellCommand[] = [];
  let words: Word[] = [];
  let heredoc: string | undefined;
  const end = () => {
    const command = buildCommand(words);
    if (command) {
      commands.push(command);
    }
    words = [];
  };
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    if (token.kind === 'word') {
      words.push(token.word);
    } else if (token.kind === 'separator') {
      end();
    } else {
      // The word after a redirection is a file name; after << it is the here-document's delimiter.
      const next = tokens[i + 1];
      if (next?.kind === 'word') {
        if (token.kind === 'heredoc') {
          heredoc ??= next.word.text;
        }
        i++;
      }
    }
  }
  end();
  return { commands, ...(heredoc ? { heredoc } : {}) };
}

/**
 * Short options of a cluster (`-sSLk`) that take no argument, up to the first one that does
 * (whose argument is the rest of the cluster or the next word).
 */
export function shortFlags(word: string, takesArgument: ReadonlySet<string>): string {
  if (!word.startsWith('-') || word.startsWith('--') || word.length < 2) {
    return '';
  }
  let flags = '';
  for (const ch of word.slice(1)) {
    flags += ch;
    if (takesArgument.has(ch)) {
      break;
    }
  }
  return flags;
}
