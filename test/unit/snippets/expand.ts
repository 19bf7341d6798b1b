/**
 * Expands a VS Code snippet body the way the editor does when the user accepts every default:
 * placeholders become their default text, choices their first option, tab stops without a
 * default mirror the value of the first placeholder with the same number (or stay empty), and
 * variables get the values the editor would give them for `file` (unknown variables become their
 * own name, as in VS Code).
 *
 * The grammar and escaping follow VS Code's snippet parser (src/vs/editor/contrib/snippet/
 * browser/snippetParser.ts): `\` escapes only `$`, `}` and `\` (and `,` `|` inside a choice);
 * anything that is not a well-formed tab stop, placeholder, choice or variable is literal text.
 */

export interface ExpandOptions {
  /** The file the snippet is inserted into; drives the TM_FILE* variables. */
  readonly file?: string;
  /** Extra or overriding variable values. */
  readonly variables?: Readonly<Record<string, string>>;
  /** The moment the snippet is inserted, for the CURRENT_* variables. */
  readonly now?: Date;
}

type Node =
  | { readonly kind: 'text'; readonly value: string }
  | { readonly kind: 'tabstop'; readonly index: number; readonly children?: readonly Node[]; readonly choice?: readonly string[] }
  | { readonly kind: 'variable'; readonly name: string; readonly children?: readonly Node[] };

const digits = /[0-9]/;
const nameStart = /[_a-zA-Z]/;
const namePart = /[_a-zA-Z0-9]/;

class Parser {
  private pos = 0;

  constructor(private readonly source: string) {}

  parse(): Node[] {
    const nodes = this.sequence(false);
    return nodes;
  }

  /** Text and elements up to the end, or (inside a placeholder) up to an unescaped `}`. */
  private sequence(inPlaceholder: boolean): Node[] {
    const nodes: Node[] = [];
    let text = '';
    const flush = (): void => {
      if (text) {
        nodes.push({ kind: 'text', value: text });
        text = '';
      }
    };
    while (this.pos < this.source.length) {
      const char = this.source[this.pos];
      if (char === '\\') {
        const next = this.source[this.pos + 1];
        if (next === '$' || next === '}' || next === '\\') {
          text += next;
          this.pos += 2;
        } else {
          text += char;
          this.pos++;
        }
        continue;
      }
      if (inPlaceholder && char === '}') {
        flush();
        return nodes;
      }
      if (char === '$') {
        const start = this.pos;
        const element = this.element();
        if (element) {
          flush();
          nodes.push(element);
        } else {
          this.pos = start + 1;
          text += '$';
        }
        continue;
      }
      text += char;
      this.pos++;
    }
    flush();
    return nodes;
  }

  private readWhile(pattern: RegExp): string {
    const start = this.pos;
    while (this.pos < this.source.length && pattern.test(this.source[this.pos])) {
      this.pos++;
    }
    return this.source.slice(start, this.pos);
  }

  /** At a `$`: a tab stop, placeholder, choice or variable; undefined (position unspecified) if none. */
  private element(): Node | undefined {
    this.pos++;
    const next = this.source[this.pos];
    if (next === undefined) {
      return undefined;
    }
    if (digits.test(next)) {
      return { kind: 'tabstop', index: Number(this.readWhile(digits)) };
    }
    if (nameStart.test(next)) {
      return { kind: 'variable', name: this.readWhile(namePart) };
    }
    if (next !== '{') {
      return undefined;
    }
    this.pos++;
    const head = this.source[this.pos];
    if (head !== undefined && digits.test(head)) {
      const index = Number(this.readWhile(digits));
      const after = this.source[this.pos];
      if (after === '}') {
        this.pos++;
        return { kind: 'tabstop', index };
      }
      if (after === ':') {
        this.pos++;
        return this.closeWith({ kind: 'tabstop', index, children: this.sequence(true) });
      }
      if (after === '|') {
        this.pos++;
        const choice = this.choiceOptions();
        return choice ? { kind: 'tabstop', index, choice } : undefined;
      }
      if (after === '/') {
        throw new Error(`snippet transforms are not supported by this expander (at offset ${this.pos})`);
      }
      return undefined;
    }
    if (head !== undefined && nameStart.test(head)) {
      const name = this.readWhile(namePart);
      const after = this.source[this.pos];
      if (after === '}') {
        this.pos++;
        return { kind: 'variable', name };
      }
      if (after === ':') {
        this.pos++;
        return this.closeWith({ kind: 'variable', name, children: this.sequence(true) });
      }
      if (after === '/') {
        throw new Error(`snippet transforms are not supported by this expander (at offset ${this.pos})`);
      }
    }
    return undefined;
  }

  private closeWith(node: Node): Node | undefined {
    if (this.source[this.pos] !== '}') {
      return undefined;
    }
    this.pos++;
    return node;
  }

  /** After `${n|`: options separated by `,`, ended by `|}`; `\,` `\|` `\\` `\$` `\}` are escapes. */
  private choiceOptions(): string[] | undefined {
    const options: string[] = [];
    let current = '';
    while (this.pos < this.source.length) {
      const char = this.source[this.pos];
      if (char === '\\' && this.pos + 1 < this.source.length && ',|\\$}'.includes(this.source[this.pos + 1])) {
        current += this.source[this.pos + 1];
        this.pos += 2;
        continue;
      }
      if (char === ',') {
        options.push(current);
        current = '';
        this.pos++;
        continue;
      }
      if (char === '|') {
        if (this.source[this.pos + 1] !== '}') {
          return undefined;
        }
        options.push(current);
        this.pos += 2;
        return options;
      }
      current += char;
      this.pos++;
    }
    return undefined;
  }
}

const monthNames = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const dayNames = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

function pad(value: number, width = 2): string {
  return String(value).padStart(width, '0');
}

/** The values VS Code gives its snippet variables, for a file at `file` with nothing selected. */
export function editorVariables(file = '/workspace/src/payments.ts', now = new Date()): Record<string, string> {
  const slash = file.lastIndexOf('/');
  const fileName = file.slice(slash + 1);
  const dot = fileName.lastIndexOf('.');
  const offset = -now.getTimezoneOffset();
  const random = (): number => Math.floor(Math.random() * 1_000_000);
  return {
    TM_SELECTED_TEXT: '',
    TM_CURRENT_LINE: '',
    TM_CURRENT_WORD: '',
    TM_LINE_INDEX: '0',
    TM_LINE_NUMBER: '1',
    TM_FILENAME: fileName,
    TM_FILENAME_BASE: dot > 0 ? fileName.slice(0, dot) : fileName,
    TM_DIRECTORY: slash >= 0 ? file.slice(0, slash) : '',
    TM_FILEPATH: file,
    RELATIVE_FILEPATH: file.replace(/^\/workspace\//, ''),
    CLIPBOARD: '',
    WORKSPACE_NAME: 'workspace',
    WORKSPACE_FOLDER: '/workspace',
    CURSOR_INDEX: '0',
    CURSOR_NUMBER: '1',
    CURRENT_YEAR: String(now.getFullYear()),
    CURRENT_YEAR_SHORT: String(now.getFullYear()).slice(-2),
    CURRENT_MONTH: pad(now.getMonth() + 1),
    CURRENT_MONTH_NAME: monthNames[now.getMonth()],
    CURRENT_MONTH_NAME_SHORT: monthNames[now.getMonth()].slice(0, 3),
    CURRENT_DATE: pad(now.getDate()),
    CURRENT_DAY_NAME: dayNames[now.getDay()],
    CURRENT_DAY_NAME_SHORT: dayNames[now.getDay()].slice(0, 3),
    CURRENT_HOUR: pad(now.getHours()),
    CURRENT_MINUTE: pad(now.getMinutes()),
    CURRENT_SECOND: pad(now.getSeconds()),
    CURRENT_SECONDS_UNIX: String(Math.floor(now.getTime() / 1000)),
    CURRENT_TIMEZONE_OFFSET: `${offset >= 0 ? '+' : '-'}${pad(Math.floor(Math.abs(offset) / 60))}:${pad(Math.abs(offset) % 60)}`,
    RANDOM: pad(random(), 6),
    RANDOM_HEX: random().toString(16).padStart(6, '0').slice(0, 6),
    UUID: globalThis.crypto.randomUUID(),
    BLOCK_COMMENT_START: '/*',
    BLOCK_COMMENT_END: '*/',
    LINE_COMMENT: file.endsWith('.py') ? '#' : '//',
  };
}

/** Parses a snippet body (a string, or the JSON file's array of lines) into its nodes. */
export function parseSnippet(body: string | readonly string[]): Node[] {
  return new Parser(typeof body === 'string' ? body : body.join('\n')).parse();
}

/** The text VS Code inserts for `body` when every default is accepted. */
export function expandSnippet(body: string | readonly string[], options: ExpandOptions = {}): string {
  const nodes = parseSnippet(body);
  const variables = { ...editorVariables(options.file, options.now), ...options.variables };

  // The first placeholder of an index that has a value gives the value of every tab stop with
  // that index (VS Code's mirrors).
  const values = new Map<number, string>();
  const collect = (list: readonly Node[]): void => {
    for (const node of list) {
      if (node.kind === 'tabstop' && !values.has(node.index)) {
        if (node.choice) {
          values.set(node.index, node.choice[0] ?? '');
        } else if (node.children) {
          values.set(node.index, render(node.children));
        }
      }
      if (node.kind !== 'text' && node.children) {
        collect(node.children);
      }
    }
  };
  const render = (list: readonly Node[]): string =>
    list
      .map((node) => {
        switch (node.kind) {
          case 'text':
            return node.value;
          case 'tabstop':
            return node.index === 0 ? (node.children ? render(node.children) : '') : (values.get(node.index) ?? (node.children ? render(node.children) : ''));
          case 'variable': {
            const value = variables[node.name];
            if (value !== undefined && value !== '') {
              return value;
            }
            if (node.children) {
              return render(node.children);
            }
            return value ?? node.name;
          }
        }
      })
      .join('');
  collect(nodes);
  return render(nodes);
}

/** Every tab stop index used in a body, sorted; handy for checking a snippet's tab order. */
export function tabStops(body: string | readonly string[]): number[] {
  const found = new Set<number>();
  const walk = (list: readonly Node[]): void => {
    for (const node of list) {
      if (node.kind === 'tabstop') {
        found.add(node.index);
      }
      if (node.kind !== 'text' && node.children) {
        walk(node.children);
      }
    }
  };
  walk(parseSnippet(body));
  return [...found].sort((a, b) => a - b);
}
