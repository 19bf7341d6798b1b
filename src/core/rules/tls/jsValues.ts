import { callSites } from '../js/callSites';
import { addCommands, type Units } from '../text/configEntries';
import { mappedRange, parseShellLine, type ShellCommand, type Word } from '../text/shellWords';
import { lastSegment, stringContent } from '../js/syntax';
import type { SyntaxContext, SyntaxNode } from '../rule';

/** Helpers for the TLS rules' JavaScript/TypeScript checks: literal values and child processes. */

/** The literal text of a string, or of a template without `${}`; undefined for anything else. */
export function literalString(node: SyntaxNode | null | undefined, text: string): { value: string; offset: number } | undefined {
  const inner = unwrap(node);
  if (!inner || (inner.type === 'template_string' && inner.namedChildren.some((child) => child?.type === 'template_substitution'))) {
    return undefined;
  }
  return stringContent(inner, text);
}

/** `(x)`, `x as T`, `x!`, `<T>x`, `x satisfies T` → `x`. */
export function unwrap(node: SyntaxNode | null | undefined): SyntaxNode | undefined {
  let current = node ?? undefined;
  for (;;) {
    switch (current?.type) {
      case 'parenthesized_expression':
      case 'as_expression':
      case 'satisfies_expression':
      case 'non_null_expression':
        current = current.namedChildren[0] ?? undefined;
        break;
      case 'type_assertion':
        current = current.namedChildren[current.namedChildren.length - 1] ?? undefined;
        break;
      default:
        return current;
    }
  }
}

/** `false`, or `!1` / `!true` as minifiers write it. */
export function isFalseLiteral(node: SyntaxNode | null | undefined): boolean {
  const value = unwrap(node);
  if (!value) {
    return false;
  }
  if (value.type === 'false') {
    return true;
  }
  if (value.type === 'unary_expression' && value.childForFieldName('operator')?.text === '!') {
    const argument = unwrap(value.childForFieldName('argument'));
    return argument?.type === 'true' || (argument?.type === 'number' && argument.text === '1');
  }
  return false;
}

/** The name of an object property: `a`, `'a'`, `"a"` (not a computed `[a]`). */
export function propertyName(pair: SyntaxNode): string {
  const key = pair.childForFieldName('key') ?? pair.childForFieldName('name');
  return key && (key.type === 'property_identifier' || key.type === 'string' || key.type === 'identifier') ? lastSegment(key) : '';
}

// child_process and execa: the first argument is a whole command line (exec) or a program whose
// arguments follow in an array (spawn, execFile, fork).
const commandLineCallees = new Set(['exec', 'execSync', 'execaCommand', 'execaCommandSync']);
const programCallees = new Set(['spawn', 'spawnSync', 'execFile', 'execFileSync', 'execa', 'execaSync']);
const shells = new Set(['sh', 'bash', 'zsh', 'dash', '/bin/sh', '/bin/bash', '/usr/bin/bash', '/usr/bin/env']);

/**
 * Commands that a JS/TS file runs through `child_process` or execa with literal arguments,
 * read as shell commands (`execSync('curl -k …')`, `spawn('curl', ['-k', url])`).
 */
export function childProcessUnits(context: SyntaxContext): Units {
  const units: Units = { entries: [], commands: [], other: [] };
  for (const site of callSites(context)) {
    const callee = site.callee?.name ?? '';
    if (!commandLineCallees.has(callee) && !programCallees.has(callee)) {
      continue;
    }
    const node = site.node;
    const args = node.childForFieldName('arguments')?.namedChildren ?? [];
    const first = literalString(args[0], context.text);
    if (!first) {
      continue;
    }
    if (commandLineCallees.has(callee)) {
      addCommands(context, parseShellLine(mappedRange(context.text, first.offset, first.offset + first.value.length)).commands, units);
      continue;
    }
    const array = unwrap(args[1]);
    const words: Word[] = [];
    for (const element of array?.type === 'array' ? array.namedChildren : []) {
      const literal = literalString(element, context.text);
      if (literal && element) {
        words.push(literalWord(literal, element));
      }
    }
    const program = literalWord(first, args[0] as SyntaxNode);
    const dashC = words.findIndex((word) => word.text === '-c');
    const script = dashC >= 0 ? words[dashC + 1] : undefined;
    if (shells.has(first.value) && script) {
      const offset = script.offsets[0] ?? script.start;
      addCommands(context, parseShellLine(mappedRange(context.text, offset, offset + script.text.length)).commands, units);
      continue;
    }
    const slash = first.value.lastIndexOf('/');
    const command: ShellCommand = {
      name: first.value.slice(slash + 1).toLowerCase(),
      nameWord: program,
      args: words,
      assignments: [],
      assignmentStyle: 'prefix',
      start: program.start,
      end: words.length ? words[words.length - 1].end : program.end,
    };
    addCommands(context, [command], units);
  }
  return units;
}

function literalWord(literal: { value: string; offset: number }, node: SyntaxNode): Word {
  const offsets: number[] = [];
  for (let i = 0; i < literal.value.length; i++) {
    offsets.push(literal.offset + i);
  }
  return { text: literal.value, offsets, start: node.startIndex, end: node.endIndex };
}
