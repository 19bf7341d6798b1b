import type * as Jsonc from 'jsonc-parser';
import type { TextContext, TextLine } from '../rule';
import { textUnits } from '../text/configEntries';

/**
 * A `name = value` setting of a configuration file: a dotenv line, a YAML mapping entry, a JSON
 * property, a properties/INI/TOML line, a shell assignment, a Dockerfile ENV/ARG. Offsets index
 * into the file's text; the value's are those of its content (inside quotes).
 */
export interface ConfigEntry {
  readonly name: string;
  readonly nameStart: number;
  readonly nameEnd: number;
  readonly value: string;
  readonly valueStart: number;
  readonly valueEnd: number;
}

/** The settings of a text file of a kind that has them (empty for Markdown and HTML). */
export function configEntries(context: TextContext): ConfigEntry[] {
  switch (context.kind) {
    case 'dotenv':
      return lineEntries(context.textLines(), dotenvLine);
    case 'shell':
      return lineEntries(context.textLines(), shellLine);
    case 'properties':
      return lineEntries(context.textLines(), propertiesLine);
    case 'yaml': {
      const lines = context.textLines();
      return [...lineEntries(lines, yamlLine), ...yamlNameValuePairs(context, lines)].sort((a, b) => a.nameStart - b.nameStart);
    }
    case 'dockerfile':
      return context.textLines().flatMap(dockerfileLine);
    case 'json': {
      const root = context.jsonTree();
      return root ? jsonEntries(root) : [];
    }
    default:
      return [];
  }
}

function lineEntries(lines: readonly TextLine[], parse: (line: TextLine) => ConfigEntry | undefined): ConfigEntry[] {
  const entries: ConfigEntry[] = [];
  for (const line of lines) {
    const entry = parse(line);
    if (entry) {
      entries.push(entry);
    }
  }
  return entries;
}

/**
 * The value part of a line from `from`: a quoted value's content, or an unquoted value up to a
 * ` #` comment (and, where `stopAtSpace`, up to the first whitespace).
 */
function valueAt(line: TextLine, from: number, stopAtSpace: boolean): { value: string; start: number; end: number } {
  const text = line.text;
  let i = from;
  while (i < text.length && (text[i] === ' ' || text[i] === '\t')) {
    i++;
  }
  const quote = text[i];
  if (quote === '"' || quote === "'" || quote === '`') {
    const close = text.indexOf(quote, i + 1);
    const end = close < 0 ? text.length : close;
    return { value: text.slice(i + 1, end), start: line.offset + i + 1, end: line.offset + end };
  }
  let end = i;
  while (end < text.length) {
    const ch = text[end];
    if ((ch === ' ' || ch === '\t') && (stopAtSpace || text[end + 1] === '#')) {
      break;
    }
    end++;
  }
  while (end > i && (text[end - 1] === ' ' || text[end - 1] === '\t')) {
    end--;
  }
  return { value: text.slice(i, end), start: line.offset + i, end: line.offset + end };
}

const dotenvAssignment = /^([ \t]*(?:export[ \t]+)?)([A-Za-z_][A-Za-z0-9_.-]{0,127})[ \t]*=/;

function dotenvLine(line: TextLine): ConfigEntry | undefined {
  const match = dotenvAssignment.exec(line.text);
  if (!match) {
    return undefined;
  }
  const nameStart = line.offset + match[1].length;
  const value = valueAt(line, match[0].length, false);
  return { name: match[2], nameStart, nameEnd: nameStart + match[2].length, value: value.value, valueStart: value.start, valueEnd: value.end };
}

const shellAssignment = /^([ \t]*(?:(?:export|local|readonly|declare)[ \t]+(?:-[A-Za-z]+[ \t]+)?)?)([A-Za-z_][A-Za-z0-9_]{0,127})=/;

function shellLine(line: TextLine): ConfigEntry | undefined {
  const match = shellAssignment.exec(line.text);
  if (!match) {
    return undefined;
  }
  const nameStart = line.offset + match[1].length;
  const value = valueAt(line, match[0].length, true);
  return { name: match[2], nameStart, nameEnd: nameStart + match[2].length, value: value.value, valueStart: value.start, valueEnd: value.end };
}

function propertiesLine(line: TextLine): ConfigEntry | undefined {
  const text = line.text;
  const trimmed = text.trimStart();
  if (trimmed === '' || '#;![' .includes(trimmed[0])) {
    return undefined;
  }
  const eq = text.indexOf('=');
  const colon = text.indexOf(':');
  // `key = value`, `key: value`; a `:` inside the key (`//registry.npmjs.org/:_authToken=`) when an `=` follows.
  const separator = eq >= 0 ? eq : colon;
  if (separator <= 0) {
    return undefined;
  }
  const rawName = text.slice(0, separator);
  const name = rawName.trim().replace(/^["']|["']$/g, '');
  if (name === '' || name.length > 200) {
    return undefined;
  }
  const nameStart = line.offset + rawName.indexOf(rawName.trim());
  const value = valueAt(line, separator + 1, false);
  return { name, nameStart, nameEnd: nameStart + rawName.trim().length, value: value.value, valueStart: value.start, valueEnd: value.end };
}

const yamlKey = /^([ \t]*(?:-[ \t]+)?)([A-Za-z0-9_.$@/-]{1,128}|"[^"]{1,128}"|'[^']{1,128}')[ \t]*:(?:[ \t]+|$)/;

// A list item that sets a variable: docker-compose's `environment:` list (`- DB_PASSWORD=…`,
// `- "JWT_SECRET=…"`), GitHub Actions `env` strings.
const yamlListAssignment = /^([ \t]*-[ \t]+["']?)([A-Za-z_][A-Za-z0-9_]{0,127})=/;

function yamlLine(line: TextLine): ConfigEntry | undefined {
  const match = yamlKey.exec(line.text);
  if (!match) {
    const item = yamlListAssignment.exec(line.text);
    if (!item) {
      return undefined;
    }
    const nameStart = line.offset + item[1].length;
    const quote = item[1].trimEnd().slice(-1);
    const value = valueAt(line, item[0].length, false);
    // `- "NAME=value"`: the closing quote belongs to the item, not the value.
    const end = (quote === '"' || quote === "'") && value.value.endsWith(quote) ? value.end - 1 : value.end;
    return { name: item[2], nameStart, nameEnd: nameStart + item[2].length, value: value.value.slice(0, end - value.start), valueStart: value.start, valueEnd: end };
  }
  const rest = line.text.slice(match[0].length);
  // Block scalars, anchors, aliases, tags and flow collections are not a plain value.
  if (rest === '' || '|>&*![{#'.includes(rest[0])) {
    return undefined;
  }
  const name = match[2].replace(/^["']|["']$/g, '');
  const nameStart = line.offset + match[1].length;
  const value = valueAt(line, match[0].length, false);
  return { name, nameStart, nameEnd: nameStart + match[2].length, value: value.value, valueStart: value.start, valueEnd: value.end };
}

const yamlFlowPair = /^[ \t]*-[ \t]+\{[ \t]*name[ \t]*:[ \t]*["']?([A-Za-z_][A-Za-z0-9_.-]{0,127})["']?[ \t]*,[ \t]*value[ \t]*:[ \t]*/;

/**
 * Variables set as a list of `name`/`value` items, the shape of Kubernetes container `env`:
 * `- name: JWT_SECRET` then `value: …` in the same item (as the structured reader `textUnits`
 * pairs them for the TLS rule), and the flow form `- { name: JWT_SECRET, value: … }`. The entry
 * is named by `name`'s value and points at `value`'s.
 */
function yamlNameValuePairs(context: TextContext, lines: readonly TextLine[]): ConfigEntry[] {
  const entries: ConfigEntry[] = [];
  for (const entry of textUnits(context).entries) {
    if (entry.style === 'env' && !entry.inList && entry.value.offsets.length > 0) {
      const { text, offsets } = entry.value;
      entries.push({ name: entry.key, nameStart: entry.keyStart, nameEnd: entry.keyEnd, value: text, valueStart: offsets[0], valueEnd: offsets[offsets.length - 1] + 1 });
    }
  }
  for (const line of lines) {
    const flow = yamlFlowPair.exec(line.text);
    if (flow) {
      const value = valueAt(line, flow[0].length, false);
      const name = flow[1];
      const nameStart = line.offset + line.text.indexOf(name, line.text.indexOf('name'));
      // The flow mapping's closing brace is not part of an unquoted value.
      const trimmed = value.value.trimEnd();
      const text = trimmed.endsWith('}') ? trimmed.slice(0, -1).trimEnd() : value.value;
      entries.push({ name, nameStart, nameEnd: nameStart + name.length, value: text, valueStart: value.start, valueEnd: value.start + text.length });
    }
  }
  return entries;
}

const dockerInstruction = /^[ \t]*(ENV|ARG)[ \t]+/i;
const dockerPair = /(?<![A-Za-z0-9_])([A-Za-z_][A-Za-z0-9_]{0,127})=("[^"]*"|'[^']*'|[^\s"']*)/g;

function dockerfileLine(line: TextLine): ConfigEntry[] {
  const instruction = dockerInstruction.exec(line.text);
  if (!instruction) {
    return [];
  }
  const body = line.text.slice(instruction[0].length);
  const bodyOffset = line.offset + instruction[0].length;
  const entries: ConfigEntry[] = [];
  dockerPair.lastIndex = 0;
  for (let match = dockerPair.exec(body); match; match = dockerPair.exec(body)) {
    const quoted = /^["']/.test(match[2]);
    const valueStart = bodyOffset + match.index + match[1].length + 1 + (quoted ? 1 : 0);
    const value = quoted ? match[2].slice(1, -1) : match[2];
    const nameStart = bodyOffset + match.index;
    entries.push({ name: match[1], nameStart, nameEnd: nameStart + match[1].length, value, valueStart, valueEnd: valueStart + value.length });
  }
  if (entries.length === 0) {
    // The legacy form: `ENV NAME value with spaces`.
    const legacy = /^([A-Za-z_][A-Za-z0-9_]{0,127})[ \t]+(\S.*)$/.exec(body);
    if (legacy) {
      const nameStart = bodyOffset;
      const value = valueAt({ ...line, text: body, offset: bodyOffset }, legacy[1].length, false);
      entries.push({ name: legacy[1], nameStart, nameEnd: nameStart + legacy[1].length, value: value.value, valueStart: value.start, valueEnd: value.end });
    }
  }
  return entries;
}

/**
 * `{ "name": "DB_PASSWORD", "value": "…" }`: a variable in a list of name/value objects (ECS task
 * definitions' `environment`, Kubernetes manifests in JSON), named by `name`'s value.
 */
function jsonNameValue(object: Jsonc.Node): ConfigEntry | undefined {
  let name: Jsonc.Node | undefined;
  let value: Jsonc.Node | undefined;
  for (const property of object.children ?? []) {
    const [key, content] = property.children ?? [];
    if (content?.type === 'string' && key?.value === 'name') name = content;
    if (content?.type === 'string' && key?.value === 'value') value = content;
  }
  if (!name || !value || !/^[A-Za-z_][A-Za-z0-9_.-]{0,127}$/.test(String(name.value))) {
    return undefined;
  }
  return {
    name: String(name.value),
    nameStart: name.offset + 1,
    nameEnd: name.offset + name.length - 1,
    value: String(value.value),
    valueStart: value.offset + 1,
    valueEnd: value.offset + value.length - 1,
  };
}

function jsonEntries(root: Jsonc.Node): ConfigEntry[] {
  const entries: ConfigEntry[] = [];
  const stack: Jsonc.Node[] = [root];
  while (stack.length) {
    const node = stack.pop() as Jsonc.Node;
    if (node.type === 'object') {
      const pair = jsonNameValue(node);
      if (pair) {
        entries.push(pair);
      }
    }
    if (node.type === 'property' && node.children?.length === 2) {
      const [key, value] = node.children;
      if (value.type === 'string' && typeof key.value === 'string' && typeof value.value === 'string') {
        entries.push({
          name: key.value,
          nameStart: key.offset + 1,
          nameEnd: key.offset + key.length - 1,
          value: value.value,
          valueStart: value.offset + 1,
          valueEnd: value.offset + value.length - 1,
        });
        continue;
      }
    }
    for (const child of node.children ?? []) {
      stack.push(child);
    }
  }
  return entries.sort((a, b) => a.nameStart - b.nameStart);
}
