import type * as Jsonc from 'jsonc-parser';
import type { TextContext, TextLine } from '../rule';
import type { LineIndex } from '../../text/lineIndex';
import { asAssignment, asMapped, joinMapped, mappedRange, parseShellLine, type MappedText, type ShellCommand, type Word } from './shellWords';

/**
 * What a configuration file or script says, read the same way for every text kind, so that a
 * rule can ask "which key is set to what" and "which commands run with which arguments" without
 * knowing .env from YAML. Comments are never part of it.
 */

/** `key = value` in any syntax: a .env line, a YAML or JSON property, an INI entry, `ENV` in a Dockerfile. */
export interface Entry {
  /** As written, without quotes. */
  readonly key: string;
  readonly keyStart: number;
  readonly keyEnd: number;
  /** Without quotes; `value.start`/`value.end` include them. */
  readonly value: Word;
  /** Keys of the enclosing YAML/JSON objects, or the INI section, outermost first. */
  readonly parents: readonly string[];
  /** An environment variable (.env, `export`, Dockerfile `ENV`, `NAME=value` items), or a configuration key. */
  readonly style: 'env' | 'key';
  /** An element of a list under `key` (YAML or JSON). */
  readonly inList?: boolean;
  /**
   * A range whose deletion removes the entry cleanly (its whole line, say), where there is one.
   * Never for YAML and JSON properties: deleting one can leave an empty map some tools reject.
   */
  readonly removal?: { readonly start: number; readonly end: number };
}

export interface TextUnits {
  readonly entries: readonly Entry[];
  readonly commands: readonly ShellCommand[];
  /** Other code that is neither: here-document lines, YAML text blocks, Dockerfile LABELs… */
  readonly other: readonly Word[];
}

// Keys whose value YAML-based CI and compose files run as shell commands.
const shellKeys = new Set(['run', 'script', 'before_script', 'after_script', 'command', 'commands', 'entrypoint', 'cmd']);

/** The entries, commands and other code of a text file of any kind but Markdown and HTML. */
export function textUnits(context: TextContext): TextUnits {
  const units: Units = { entries: [], commands: [], other: [] };
  switch (context.kind) {
    case 'dotenv':
      readDotenv(context, units);
      break;
    case 'shell': {
      const lines = context.textLines();
      readShellRange(context, lines, 0, lines.length - 1, units);
      break;
    }
    case 'dockerfile':
      readDockerfile(context, units);
      break;
    case 'yaml':
      readYaml(context, units);
      break;
    case 'properties':
      readProperties(context, units);
      break;
    case 'json':
      readJson(context, units);
      break;
    default:
      break;
  }
  return units;
}

/** TextUnits being collected. */
export interface Units {
  entries: Entry[];
  commands: ShellCommand[];
  other: Word[];
}

/** A file range as a word, without its quotes when it is quoted as a whole. */
export function valueWord(text: string, start: number, end: number): Word {
  const raw = text.slice(start, end);
  const quoted = raw.length >= 2 && (raw[0] === '"' || raw[0] === '\'') && raw[raw.length - 1] === raw[0];
  const from = quoted ? start + 1 : start;
  const to = quoted ? end - 1 : end;
  const offsets: number[] = [];
  for (let i = from; i < to; i++) {
    offsets.push(i);
  }
  return { text: text.slice(from, to), offsets, start, end };
}

/**
 * Where a `#` comment starts in a line (outside quotes, at the start or after white space), or
 * the line's length.
 */
export function commentStart(line: string, from = 0, markers = '#'): number {
  let quote = '';
  for (let i = from; i < line.length; i++) {
    const ch = line[i];
    if (quote) {
      if (ch === quote) {
        quote = '';
      }
    } else if (ch === '"' || ch === '\'') {
      // Quotes only open at the start of a value or word: it's fine for an apostrophe in prose.
      if (i === from || /[\s=:[,{(]/.test(line[i - 1])) {
        quote = ch;
      }
    } else if (markers.includes(ch) && (i === 0 || line[i - 1] === ' ' || line[i - 1] === '\t')) {
      return i;
    }
  }
  return line.length;
}

function trimEnd(line: string, start: number, end: number): number {
  let e = end;
  while (e > start && (line[e - 1] === ' ' || line[e - 1] === '\t')) {
    e--;
  }
  return e;
}

/** What `lineRemoval` and `addCommands` need of a file: its text and line index (any rule context has both). */
export interface TextSource {
  readonly text: string;
  readonly lines: LineIndex;
}

/** The range of a whole line (with its line break) when `start`…`end` is all it holds besides blanks and a `;`. */
export function lineRemoval(source: TextSource, start: number, end: number): { start: number; end: number } | undefined {
  const number = source.lines.positionAt(start).line;
  if (source.lines.positionAt(end).line !== number) {
    return undefined;
  }
  const lineStart = source.lines.lineStart(number);
  const nextStart = number + 1 < source.lines.lineCount ? source.lines.lineStart(number + 1) : source.text.length;
  const before = source.text.slice(lineStart, start);
  const after = source.text.slice(end, nextStart);
  if (before.trim() !== '' || !/^[ \t;]*(\r\n|\r|\n)?$/.test(after)) {
    return undefined;
  }
  return { start: lineStart, end: nextStart };
}

function readDotenv(context: TextContext, units: Units): void {
  const assignment = /^([ \t]*(?:export[ \t]+)?)([A-Za-z_][A-Za-z0-9_.-]*)[ \t]*=[ \t]*/;
  for (const line of context.textLines()) {
    const match = assignment.exec(line.text);
    if (!match) {
      continue;
    }
    const valueFrom = match[0].length;
    const quoted = line.text[valueFrom] === '"' || line.text[valueFrom] === '\'';
    let valueTo: number;
    if (quoted) {
      const close = line.text.indexOf(line.text[valueFrom], valueFrom + 1);
      valueTo = close < 0 ? line.text.length : close + 1;
    } else {
      valueTo = trimEnd(line.text, valueFrom, commentStart(line.text, valueFrom));
    }
    const keyStart = line.offset + match[1].length;
    units.entries.push({
      key: match[2],
      keyStart,
      keyEnd: keyStart + match[2].length,
      value: valueWord(context.text, line.offset + valueFrom, line.offset + valueTo),
      parents: [],
      style: 'env',
      removal: lineRemoval(context, line.offset + match[1].length, line.offset + valueTo) ?? undefined,
    });
  }
}

function endsWithContinuation(text: string): boolean {
  let count = 0;
  for (let i = text.length - 1; i >= 0 && text[i] === '\\'; i--) {
    count++;
  }
  return count % 2 === 1;
}

/** Lines joined where they end in a backslash, as one mapped text each. */
function logicalLines(context: TextContext, lines: readonly TextLine[], first: number, last: number, indent = 0): Array<{ text: MappedText; first: number; last: number }> {
  const result: Array<{ text: MappedText; first: number; last: number }> = [];
  for (let i = first; i <= last; i++) {
    const pieces: MappedText[] = [];
    const start = i;
    for (; i <= last; i++) {
      const line = lines[i];
      const from = Math.min(indent, leadingBlanks(line.text));
      const continued = endsWithContinuation(line.text) && !line.text.trimStart().startsWith('#') && i < last;
      const to = continued ? line.text.length - 1 : line.text.length;
      pieces.push(mappedRange(context.text, line.offset + from, line.offset + to));
      if (!continued) {
        break;
      }
    }
    result.push({ text: joinMapped(pieces), first: start, last: Math.min(i, last) });
  }
  return result;
}

function leadingBlanks(text: string): number {
  let i = 0;
  while (i < text.length && (text[i] === ' ' || text[i] === '\t')) {
    i++;
  }
  return i;
}

function wholeLine(context: TextContext, line: TextLine): Word {
  const from = leadingBlanks(line.text);
  return valueWord(context.text, line.offset + from, line.offset + trimEnd(line.text, from, line.text.length));
}

/** Shell commands of `lines[first..]`, in any file that holds shell lines (a script, a CI step). */
function readShellRange(context: TextContext, lines: readonly TextLine[], first: number, last: number, units: Units, indent = 0): void {
  let heredoc: { readonly delimiter: string } | undefined;
  for (const logical of logicalLines(context, lines, first, last, indent)) {
    if (heredoc) {
      // Here-document bodies are data (a config file written by `cat <<EOF`), not commands.
      if (logical.text.text.trim() === heredoc.delimiter) {
        heredoc = undefined;
      } else {
        for (let n = logical.first; n <= logical.last; n++) {
          units.other.push(wholeLine(context, lines[n]));
        }
      }
      continue;
    }
    const parsed = parseShellLine(logical.text);
    addCommands(context, parsed.commands, units);
    if (parsed.heredoc) {
      heredoc = { delimiter: parsed.heredoc };
    }
  }
}

// Programs whose NAME=value arguments become another process's environment.
const envPassingCommands = new Set(['docker', 'podman', 'nerdctl', 'kubectl', 'heroku', 'fly', 'flyctl', 'railway', 'set', 'setx', 'systemd-run']);

/** Commands and the assignments they make, as entries. */
export function addCommands(context: TextSource, commands: readonly ShellCommand[], units: Units): void {
  for (const command of commands) {
    units.commands.push(command);
    const alone = command.assignmentStyle === 'statement' && command.assignments.length === 1;
    command.assignments.forEach((assignment, index) => {
      const next = command.assignments[index + 1]?.word ?? command.nameWord;
      const removal = alone
        ? lineRemoval(context, command.start, command.end)
        : next
          ? { start: assignment.word.start, end: next.start }
          : undefined;
      units.entries.push({
        key: assignment.name,
        keyStart: assignment.nameStart,
        keyEnd: assignment.nameStart + assignment.name.length,
        value: assignment.value,
        parents: [],
        style: 'env',
        ...(removal ? { removal } : {}),
      });
    });
    // `docker run -e API_URL=…`, `--build-arg NAME=…`: an assignment given to a program that sets
    // it for another (not `echo NAME=value`, which only prints it).
    for (const arg of envPassingCommands.has(command.name) ? command.args : []) {
      const assignment = asAssignment(arg);
      if (assignment) {
        units.entries.push({
          key: assignment.name,
          keyStart: assignment.nameStart,
          keyEnd: assignment.nameStart + assignment.name.length,
          value: assignment.value,
          parents: [command.name],
          style: 'env',
        });
      }
    }
  }
}

function readDockerfile(context: TextContext, units: Units): void {
  const lines = context.textLines();
  const all = lines.filter((line) => !/^[ \t]*#/.test(line.text));
  let heredoc: string | undefined;
  // Comment lines inside a continued instruction are dropped by Docker, and by us.
  for (const logical of logicalLines(context, all, 0, all.length - 1)) {
    if (heredoc) {
      if (logical.text.text.trim() === heredoc) {
        heredoc = undefined;
      } else {
        addCommands(context, parseShellLine(logical.text).commands, units);
      }
      continue;
    }
    heredoc = readInstruction(context, logical.text, units);
  }
}

const instruction = /^[ \t]*([A-Za-z]+)[ \t]*/;

/** One Dockerfile instruction; returns the delimiter of a here-document it starts. */
function readInstruction(context: TextContext, line: MappedText, units: Units): string | undefined {
  const match = instruction.exec(line.text);
  if (!match) {
    return undefined;
  }
  const keyword = match[1].toUpperCase();
  const restFrom = match[0].length;
  const rest: MappedText = { text: line.text.slice(restFrom), offsets: line.offsets.slice(restFrom) };
  switch (keyword) {
    case 'ONBUILD':
      return readInstruction(context, rest, units);
    case 'RUN':
    case 'CMD':
    case 'ENTRYPOINT':
    case 'HEALTHCHECK': {
      const body = skipOptions(rest, keyword === 'HEALTHCHECK');
      if (body.text.startsWith('[')) {
        const words = jsonArrayWords(context, body);
        if (words.length) {
          addCommands(context, [execForm(words)], units);
        }
        return undefined;
      }
      const parsed = parseShellLine(body);
      addCommands(context, parsed.commands, units);
      return parsed.heredoc;
    }
    case 'ENV':
    case 'ARG': {
      const parsed = parseShellLine(rest);
      const words = parsed.commands.flatMap((command) => [...command.assignments.map((a) => a.word), ...(command.nameWord ? [command.nameWord] : []), ...command.args]);
      words.sort((a, b) => a.start - b.start);
      if (words.length && !asAssignment(words[0]) && keyword === 'ENV') {
        // The old form: ENV NAME value with spaces
        const [name, ...value] = words;
        const last = value[value.length - 1];
        if (last) {
          units.entries.push({
            key: name.text,
            keyStart: name.start,
            keyEnd: name.end,
            value: valueWord(context.text, value[0].start, last.end),
            parents: [],
            style: 'env',
            ...wholeLineRemoval(context, line),
          });
        }
        return undefined;
      }
      words.forEach((word, index) => {
        const assignment = asAssignment(word);
        if (!assignment) {
          return;
        }
        const removal = words.length === 1 ? wholeLineRemoval(context, line) : { removal: { start: word.start, end: words[index + 1]?.start ?? word.end } };
        units.entries.push({
          key: assignment.name,
          keyStart: assignment.nameStart,
          keyEnd: assignment.nameStart + assignment.name.length,
          value: assignment.value,
          parents: [],
          style: 'env',
          ...removal,
        });
      });
      return undefined;
    }
    case 'ADD': {
      const parsed = parseShellLine(skipOptions(rest, false));
      const words = parsed.commands.flatMap((command) => [...(command.nameWord ? [command.nameWord] : []), ...command.args]);
      if (words.length) {
        units.commands.push({ name: 'ADD', args: words, assignments: [], assignmentStyle: 'prefix', start: words[0].start, end: words[words.length - 1].end });
      }
      return undefined;
    }
    default:
      if (rest.text.trim()) {
        units.other.push({ text: rest.text, offsets: rest.offsets.slice(0, rest.text.length), start: rest.offsets[0], end: rest.offsets[rest.text.length] });
      }
      return undefined;
  }
}

function wholeLineRemoval(context: TextContext, line: MappedText): { removal?: { start: number; end: number } } {
  const removal = lineRemoval(context, line.offsets[0], line.offsets[line.text.length]);
  return removal ? { removal } : {};
}

/** `RUN --mount=… --network=none cmd`, `HEALTHCHECK --interval=5s CMD cmd`: the command part. */
function skipOptions(rest: MappedText, healthcheck: boolean): MappedText {
  let i = 0;
  const text = rest.text;
  for (;;) {
    while (text[i] === ' ' || text[i] === '\t') {
      i++;
    }
    if (text.startsWith('--', i)) {
      while (i < text.length && text[i] !== ' ' && text[i] !== '\t') {
        i++;
      }
      continue;
    }
    if (healthcheck && /^CMD\b/i.test(text.slice(i, i + 4))) {
      i += 3;
      continue;
    }
    break;
  }
  return { text: text.slice(i), offsets: rest.offsets.slice(i) };
}

/** The strings of an exec-form instruction (`["curl", "-k", "…"]`), as words. */
function jsonArrayWords(context: TextContext, body: MappedText): Word[] {
  const words: Word[] = [];
  const text = body.text;
  for (let i = text.indexOf('"'); i >= 0 && i < text.length; i = text.indexOf('"', i + 1)) {
    let close = i + 1;
    while (close < text.length && text[close] !== '"') {
      close += text[close] === '\\' ? 2 : 1;
    }
    if (close >= text.length) {
      break;
    }
    words.push(valueWord(context.text, body.offsets[i], body.offsets[close] + 1));
    i = close;
  }
  return words;
}

function execForm(words: Word[]): ShellCommand {
  const [name, ...args] = words;
  const slash = name.text.lastIndexOf('/');
  return {
    name: name.text.slice(slash + 1).toLowerCase(),
    nameWord: name,
    args,
    assignments: [],
    assignmentStyle: 'prefix',
    start: name.start,
    end: words[words.length - 1].end,
  };
}

function readProperties(context: TextContext, units: Units): void {
  // A key may hold a colon when no blank follows it (.npmrc `@scope:registry=…`).
  const entry = /^([ \t]*)("[^"\n]*"|'[^'\n]*'|[^\s=:"'[;#!](?:[^\s=:]|:(?=[^\s=:]))*)(?:[ \t]*[=:][ \t]*|[ \t]+)/;
  const header = /^[ \t]*\[([^\]\n]*)\]/;
  let section: string[] = [];
  for (const line of context.textLines()) {
    const heading = header.exec(line.text);
    if (heading) {
      section = [heading[1].trim()];
      continue;
    }
    const match = entry.exec(line.text);
    if (!match) {
      continue;
    }
    const rawKey = match[2];
    const key = rawKey.length >= 2 && (rawKey[0] === '"' || rawKey[0] === '\'') ? rawKey.slice(1, -1) : rawKey;
    const valueFrom = match[0].length;
    const valueTo = trimEnd(line.text, valueFrom, commentStart(line.text, valueFrom, '#;'));
    const keyStart = line.offset + match[1].length;
    units.entries.push({
      key,
      keyStart,
      keyEnd: keyStart + rawKey.length,
      value: valueWord(context.text, line.offset + valueFrom, line.offset + valueTo),
      parents: section,
      style: 'key',
      ...wholeLineRemovalRange(context, keyStart, line.offset + valueTo),
    });
  }
}

function wholeLineRemovalRange(context: TextContext, start: number, end: number): { removal?: { start: number; end: number } } {
  const removal = lineRemoval(context, start, end);
  return removal ? { removal } : {};
}

interface YamlLevel {
  readonly column: number;
  readonly key: string;
}

/** Where a `key:` ends in a YAML line (the colon), or -1. Quoted keys are allowed. */
function yamlKeyEnd(text: string, from: number, to: number): { keyFrom: number; keyTo: number; colon: number } | undefined {
  const first = text[from];
  if (first === '"' || first === '\'') {
    const close = text.indexOf(first, from + 1);
    if (close > 0 && close < to && text[close + 1] === ':' && (close + 2 >= to || text[close + 2] === ' ' || text[close + 2] === '\t')) {
      return { keyFrom: from + 1, keyTo: close, colon: close + 1 };
    }
    return undefined;
  }
  if (!first || '[{|>&*!%@`#'.includes(first)) {
    return undefined;
  }
  for (let i = from; i < to; i++) {
    const ch = text[i];
    if (ch === '"' || ch === '\'') {
      return undefined;
    }
    if (ch === ':' && (i + 1 >= to || text[i + 1] === ' ' || text[i + 1] === '\t')) {
      return { keyFrom: from, keyTo: trimEnd(text, from, i), colon: i };
    }
  }
  return undefined;
}

function readYaml(context: TextContext, units: Units): void {
  const lines = context.textLines();
  const stack: YamlLevel[] = [];
  let block: { readonly column: number; readonly shell: boolean; readonly first: number } | undefined;
  let pendingName: { readonly column: number; readonly name: Word } | undefined;
  const endBlock = (last: number) => {
    if (block) {
      if (block.shell) {
        readShellRange(context, lines, block.first, last, units, Number.MAX_SAFE_INTEGER);
      } else {
        for (let n = block.first; n <= last; n++) {
          if (lines[n].text.trim()) {
            units.other.push(wholeLine(context, lines[n]));
          }
        }
      }
      block = undefined;
    }
  };
  for (let n = 0; n < lines.length; n++) {
    const line = lines[n];
    const text = line.text;
    const indent = leadingBlanks(text);
    if (block) {
      if (text.trim() === '' || indent > block.column) {
        continue;
      }
      endBlock(n - 1);
    }
    const end = trimEnd(text, indent, commentStart(text, indent));
    if (end <= indent || text.startsWith('---') || text.startsWith('...') || text.startsWith('%')) {
      continue;
    }
    // Sequence dashes: "- ", "- - ".
    let column = indent;
    let dashes = false;
    while (text[column] === '-' && (column + 1 >= end || text[column + 1] === ' ')) {
      dashes = true;
      column = Math.min(end, column + 1 + leadingBlanks(text.slice(column + 1)));
    }
    while (stack.length && (dashes ? stack[stack.length - 1].column > indent : stack[stack.length - 1].column >= column)) {
      stack.pop();
    }
    const parents = stack.map((level) => level.key);
    const parent = parents[parents.length - 1] ?? '';
    const key = column < end ? yamlKeyEnd(text, column, end) : undefined;
    if (pendingName && (column < pendingName.column || (dashes && column <= pendingName.column))) {
      pendingName = undefined;
    }
    if (!key) {
      if (column >= end) {
        continue;
      }
      const item = valueWord(context.text, line.offset + column, line.offset + end);
      const assignment = dashes ? asAssignment(item) : undefined;
      if (assignment) {
        // docker-compose `environment: [- NAME=value]`
        units.entries.push({
          key: assignment.name,
          keyStart: assignment.nameStart,
          keyEnd: assignment.nameStart + assignment.name.length,
          value: assignment.value,
          parents,
          style: 'env',
          inList: true,
        });
      } else if (dashes && shellKeys.has(parent.toLowerCase())) {
        addCommands(context, parseShellLine(asMapped(item)).commands, units);
      } else if (dashes) {
        units.entries.push({ key: parent, keyStart: item.start, keyEnd: item.start, value: item, parents: parents.slice(0, -1), style: 'key', inList: true });
      } else {
        units.other.push(item);
      }
      continue;
    }
    const keyText = text.slice(key.keyFrom, key.keyTo);
    const keyStart = line.offset + key.keyFrom;
    const valueFrom = key.colon + 1 + leadingBlanks(text.slice(key.colon + 1));
    if (valueFrom >= end) {
      stack.push({ column, key: keyText });
      continue;
    }
    const valueText = text.slice(valueFrom, end);
    if (/^[|>][-+0-9]*$/.test(valueText)) {
      // A block scalar holds the lines indented past its key.
      block = { column, shell: shellKeys.has(keyText.toLowerCase()), first: n + 1 };
      continue;
    }
    const value = valueWord(context.text, line.offset + valueFrom, line.offset + end);
    units.entries.push({
      key: keyText,
      keyStart,
      keyEnd: line.offset + key.keyTo,
      value,
      parents,
      style: 'key',
    });
    if (shellKeys.has(keyText.toLowerCase()) && !valueText.startsWith('[') && !valueText.startsWith('{')) {
      addCommands(context, parseShellLine(asMapped(value)).commands, units);
    }
    // Kubernetes: `- name: NODE_TLS_REJECT_UNAUTHORIZED` then `value: "0"` in the same item.
    if (keyText === 'name') {
      pendingName = { column, name: value };
    } else if (keyText === 'value' && pendingName && pendingName.column === column && !dashes) {
      units.entries.push({
        key: pendingName.name.text,
        keyStart: pendingName.name.offsets[0] ?? pendingName.name.start,
        keyEnd: (pendingName.name.offsets[pendingName.name.text.length - 1] ?? pendingName.name.start) + 1,
        value,
        parents,
        style: 'env',
      });
      pendingName = undefined;
    }
  }
  endBlock(lines.length - 1);
}

function readJson(context: TextContext, units: Units): void {
  const root = context.jsonTree();
  if (!root) {
    return;
  }
  const scripts = /(^|\/)package\.json$/i.test(context.path);
  const visit = (node: Jsonc.Node, parents: string[], key: string | undefined, inList: boolean) => {
    if (node.type === 'object') {
      for (const property of node.children ?? []) {
        const [keyNode, valueNode] = property.children ?? [];
        if (!keyNode || !valueNode || typeof keyNode.value !== 'string') {
          continue;
        }
        const childParents = key === undefined ? parents : [...parents, key];
        visitValue(valueNode, childParents, keyNode, false);
      }
    } else if (node.type === 'array') {
      for (const element of node.children ?? []) {
        visit(element, parents, key, true);
      }
    } else if (key !== undefined) {
      pushScalar(node, parents, key, undefined, inList);
    }
  };
  const visitValue = (valueNode: Jsonc.Node, parents: string[], keyNode: Jsonc.Node, inList: boolean) => {
    const key = keyNode.value as string;
    if (valueNode.type === 'object' || valueNode.type === 'array') {
      visit(valueNode, parents, key, inList);
    } else {
      pushScalar(valueNode, parents, key, keyNode, inList);
    }
  };
  const pushScalar = (node: Jsonc.Node, parents: string[], key: string, keyNode: Jsonc.Node | undefined, inList: boolean) => {
    const value = valueWord(context.text, node.offset, node.offset + node.length);
    units.entries.push({
      key,
      keyStart: keyNode ? keyNode.offset : node.offset,
      keyEnd: keyNode ? keyNode.offset + keyNode.length : node.offset,
      value,
      parents,
      style: 'key',
      ...(inList ? { inList } : {}),
    });
    if (scripts && node.type === 'string' && parents.length === 1 && parents[0] === 'scripts' && !inList) {
      addCommands(context, parseShellLine(asMapped(value)).commands, units);
    }
  };
  visit(root, [], undefined, false);
}
