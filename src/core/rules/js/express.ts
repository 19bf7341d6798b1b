import type { EditSpec, SyntaxContext, SyntaxNode } from '../rule';
import { callSiteOf, callSites } from './callSites';
import { importRecords } from './moduleBindings';
import { sharedScopes } from './declarations';
import { lastSegment, unwrapExpression } from './syntax';

/**
 * Helpers for rules about web servers (Express, Koa, Fastify, Next.js, Hono) and the values their
 * handlers pass around: option objects, response objects, imported modules, error callbacks.
 */

// Wrappers that do not change the value: `(x)`, `x as T`, `x!`, `x satisfies T`, `await x`.
const valueWrappers = new Set([
  'parenthesized_expression',
  'as_expression',
  'satisfies_expression',
  'non_null_expression',
  'type_assertion',
  'await_expression',
]);

/** The expression inside parentheses, type assertions and `await`. */
export function unwrap(node: SyntaxNode | null | undefined): SyntaxNode | undefined {
  return unwrapExpression(node, valueWrappers);
}

/** The value of a string literal, or of a template without substitutions; otherwise undefined. */
export function stringValue(node: SyntaxNode | null | undefined): string | undefined {
  const value = unwrap(node);
  if (!value || (value.type !== 'string' && value.type !== 'template_string')) {
    return undefined;
  }
  if (value.namedChildren.some((child) => child?.type === 'template_substitution')) {
    return undefined;
  }
  return value.text.slice(1, -1);
}

/** `true`/`false` literals. */
export function booleanValue(node: SyntaxNode | null | undefined): boolean | undefined {
  const value = unwrap(node);
  return value?.type === 'true' ? true : value?.type === 'false' ? false : undefined;
}

/** The arguments of a call or `new` expression (named children only). */
export function callArguments(call: SyntaxNode): SyntaxNode[] {
  const args = call.childForFieldName('arguments');
  return args ? (args.namedChildren.filter((child) => child && child.type !== 'comment') as SyntaxNode[]) : [];
}

/** The callee of a call (`function`) or `new` expression (`constructor`). */
export function calleeOf(call: SyntaxNode): SyntaxNode | undefined {
  return (call.type === 'new_expression' ? call.childForFieldName('constructor') : call.childForFieldName('function')) ?? undefined;
}

/** `a.b` → `b`; `a['b']` → `b`; undefined for anything else. */
export function propertyName(node: SyntaxNode | null | undefined): string | undefined {
  if (!node) {
    return undefined;
  }
  if (node.type === 'member_expression') {
    return node.childForFieldName('property')?.text;
  }
  if (node.type === 'subscript_expression') {
    return stringValue(node.childForFieldName('index'));
  }
  return undefined;
}

/**
 * The identifier a member/call chain starts from: `res.status(500).json` → `res`,
 * `this.logger.info` → `this`, `(await cookies()).set` → the call `cookies()`.
 */
export function chainRoot(node: SyntaxNode | null | undefined): SyntaxNode | undefined {
  let current = unwrap(node);
  for (let depth = 0; current && depth < 50; depth++) {
    if (current.type === 'member_expression' || current.type === 'subscript_expression') {
      current = unwrap(current.childForFieldName('object'));
    } else if (current.type === 'call_expression') {
      const callee = unwrap(current.childForFieldName('function'));
      if (!callee || (callee.type !== 'member_expression' && callee.type !== 'subscript_expression')) {
        return current;
      }
      current = callee;
    } else {
      return current;
    }
  }
  return current;
}

/** The key of an object-literal pair as a string: `a: 1`, `'a': 1`, `"a-b": 1` (not computed keys). */
export function pairKey(pair: SyntaxNode): string | undefined {
  const type = pair.type;
  if (type === 'shorthand_property_identifier') {
    return pair.text;
  }
  if (type !== 'pair') {
    return undefined;
  }
  const key = pair.childForFieldName('key');
  if (!key) {
    return undefined;
  }
  const keyType = key.type;
  if (keyType === 'property_identifier' || keyType === 'identifier' || keyType === 'number') {
    return key.text;
  }
  return stringValue(key);
}

/** The pairs (and shorthand properties) of an object literal, by key. The last one wins, as in JS. */
export function objectEntries(object: SyntaxNode): Map<string, SyntaxNode> {
  const entries = new Map<string, SyntaxNode>();
  for (const child of object.namedChildren) {
    if (!child) {
      continue;
    }
    const key = pairKey(child);
    if (key !== undefined) {
      entries.set(key, child);
    }
  }
  return entries;
}

/** The value node of a pair (the identifier itself for a shorthand property). */
export function entryValue(entry: SyntaxNode): SyntaxNode | undefined {
  return entry.type === 'pair' ? (entry.childForFieldName('value') ?? undefined) : entry;
}

/** An object literal has `...spread` members or computed keys, so keys we do not see may be set. */
export function hasSpread(object: SyntaxNode): boolean {
  return object.namedChildren.some(
    (child) => child?.type === 'spread_element' || (child?.type === 'pair' && child.childForFieldName('key')?.type === 'computed_property_name'),
  );
}

/** The object literal a node is, after unwrapping, if it is one. */
export function objectLiteral(node: SyntaxNode | null | undefined): SyntaxNode | undefined {
  const value = unwrap(node);
  return value?.type === 'object' ? value : undefined;
}

/** The object literals an options value is made of, with their entries merged (later ones win, as in JS). */
export interface OptionObjects {
  readonly parts: readonly SyntaxNode[];
  readonly entries: ReadonlyMap<string, SyntaxNode>;
  /** Some keys may come from what we cannot see: a spread, a computed key, an argument of `Object.assign` that is not a literal. */
  readonly partial: boolean;
}

/**
 * The object literals that make an options value: `{ … }`, a same-file name for one (`opts`), or
 * `Object.assign({ … }, { … })` of those (`Object.assign({ keys }, { cookie: { … } })`). Undefined
 * when there is no literal at all.
 */
export function optionObjects(context: SyntaxContext, node: SyntaxNode | null | undefined, depth = 0): OptionObjects | undefined {
  let value = unwrap(node);
  if (value?.type === 'identifier' && depth < 2) {
    value = unwrap(valueOfName(context, value));
  }
  if (value?.type === 'object') {
    return { parts: [value], entries: objectEntries(value), partial: hasSpread(value) };
  }
  const callee = value?.type === 'call_expression' ? unwrap(value.childForFieldName('function')) : undefined;
  if (!value || callee?.type !== 'member_expression' || callee.text.replace(/\s+/g, '') !== 'Object.assign' || depth >= 2) {
    return undefined;
  }
  const parts: SyntaxNode[] = [];
  const entries = new Map<string, SyntaxNode>();
  let partial = false;
  for (const argument of callArguments(value)) {
    const inner = optionObjects(context, argument, depth + 1);
    if (!inner) {
      partial = true;
      continue;
    }
    parts.push(...inner.parts);
    for (const [key, entry] of inner.entries) entries.set(key, entry);
    partial ||= inner.partial;
  }
  return parts.length ? { parts, entries, partial } : undefined;
}

/**
 * An edit that adds `members` (e.g. `secure: true, sameSite: 'lax'`) to an object literal:
 * after its last member, or inside `{}` when it has none.
 */
export function appendToObject(object: SyntaxNode, members: string): EditSpec {
  const children = object.namedChildren.filter((child) => child && child.type !== 'comment') as SyntaxNode[];
  const last = children[children.length - 1];
  if (last) {
    return { start: last.endIndex, end: last.endIndex, newText: `, ${members}` };
  }
  return { start: object.startIndex, end: object.endIndex, newText: `{ ${members} }` };
}

/** An edit that adds `members` right after an object literal's `{`. */
export function prependToObject(object: SyntaxNode, members: string): EditSpec {
  const children = object.namedChildren.filter((child) => child && child.type !== 'comment');
  if (children.length === 0) {
    return { start: object.startIndex, end: object.endIndex, newText: `{ ${members} }` };
  }
  return { start: object.startIndex + 1, end: object.startIndex + 1, newText: ` ${members},` };
}

/** The quote the file mostly uses for strings, so inserted code looks like its neighbours. */
export function preferredQuote(text: string): string {
  let single = 0;
  let double = 0;
  for (let i = 0; i < text.length && i < 200_000; i++) {
    const c = text.charCodeAt(i);
    if (c === 39) single++;
    else if (c === 34) double++;
  }
  return double > single ? '"' : "'";
}

/** `preferredQuote` of a file, counted once per parse for all the rules whose fixes insert strings. */
export function fileQuote(context: SyntaxContext): string {
  return context.shared(preferredQuote, () => preferredQuote(context.text));
}

export function quoted(value: string, quote: string): string {
  return `${quote}${value}${quote}`;
}

export const functionTypes: ReadonlySet<string> = new Set([
  'arrow_function',
  'function_expression',
  'function',
  'function_declaration',
  'generator_function',
  'generator_function_declaration',
  'method_definition',
]);

/** The parameter patterns of a function (the identifier/pattern, without TS type or default). */
export function parameterPatterns(fn: SyntaxNode): SyntaxNode[] {
  const single = fn.childForFieldName('parameter');
  if (single) {
    return [single];
  }
  const params = fn.childForFieldName('parameters');
  if (!params) {
    return [];
  }
  const patterns: SyntaxNode[] = [];
  for (const param of params.namedChildren) {
    if (!param || param.type === 'comment') {
      continue;
    }
    let pattern: SyntaxNode | null = param;
    if (param.type === 'required_parameter' || param.type === 'optional_parameter') {
      pattern = param.childForFieldName('pattern');
    }
    if (pattern?.type === 'assignment_pattern') {
      pattern = pattern.childForFieldName('left');
    }
    if (pattern) {
      patterns.push(pattern);
    }
  }
  return patterns;
}

/** The identifier names of a function's parameters ('' for destructured ones). */
export function parameterNames(fn: SyntaxNode): string[] {
  return parameterPatterns(fn).map((pattern) => (pattern.type === 'identifier' ? pattern.text : ''));
}

/**
 * When `fn` is an argument of a call: the callee's last segment and the argument index
 * (`promise.catch(err => …)` → `{ callee: 'catch', index: 0 }`).
 */
export function callbackOf(fn: SyntaxNode): { readonly callee: string; readonly index: number; readonly call: SyntaxNode } | undefined {
  const args = fn.parent;
  const call = args?.parent;
  if (!args || args.type !== 'arguments' || !call || (call.type !== 'call_expression' && call.type !== 'new_expression')) {
    return undefined;
  }
  const index = args.namedChildren.findIndex((child) => child?.id === fn.id);
  return { callee: lastSegment(calleeOf(call)), index, call };
}

/** What a module is bound to in this file: `import x from 'm'`, `const x = require('m')`, named imports. */
export interface ModuleBindings {
  /** Default and namespace bindings (`import x from`, `import * as x from`, `const x = require()`). */
  readonly whole: ReadonlySet<string>;
  /** Named imports: local name → imported name (`import { sign as s }` → s → sign). */
  readonly named: ReadonlyMap<string, string>;
}

/**
 * The names a file binds from `moduleName` (`import`, `require`, at any depth): the whole
 * module (default and namespace imports, `const jwt = require('jsonwebtoken')`) and its exports
 * by local name (`{ sign: signToken }` → `signToken` → `sign`). Read from the file's shared
 * import records (`importRecords`).
 */
export function moduleBindings(context: SyntaxContext, moduleName: string): ModuleBindings {
  const whole = new Set<string>();
  const named = new Map<string, string>();
  for (const record of importRecords(context)) {
    if (record.specifier !== moduleName) {
      continue;
    }
    if (record.imported === undefined || record.imported === 'default') {
      whole.add(record.local);
    } else {
      named.set(record.local, record.imported);
    }
  }
  return { whole, named };
}

/** One change the file makes to a variable's object: `opts.cookie.secure = true`. */
interface ObjectChange {
  /** The variable as the change names it; undefined when read from the text (`delete x.y`). */
  readonly target: SyntaxNode | undefined;
  /** The member path set (`cookie.secure`), or `''` for anything. */
  readonly path: string;
}

/**
 * Objects the file changes after writing them down, by name: `opts.cookie.secure = true` →
 * `opts`, `cookie.secure`; `Object.assign(opts.cookie, …)` → `cookie`; `opts = …`,
 * `delete opts.x`, `opts[key] = …` → `''` (anything). express-session's own README writes
 * `cookie: {}` and sets `sess.cookie.secure = true` in production only, so a rule that judges an
 * object literal by the keys it lacks must not judge the keys the code sets later.
 * `pathsChangedOn` tells which of these changes reach a given use.
 */
function objectChanges(context: SyntaxContext): ReadonlyMap<string, readonly ObjectChange[]> {
  return context.shared(objectChanges, () => {
    const changes = new Map<string, ObjectChange[]>();
    const add = (name: string, target: SyntaxNode | undefined, path: string): void => {
      let list = changes.get(name);
      if (!list) changes.set(name, (list = []));
      list.push({ target, path });
    };
    for (const assignment of context.nodes('assignment_expression', 'augmented_assignment_expression')) {
      const left = assignment.childForFieldName('left');
      const target = memberTarget(left);
      if (target) {
        add(target.root.text, target.root, target.path);
      } else if (left) {
        // Destructuring: `[opts] = …`, `({ opts } = …)`.
        for (const name of left.descendantsOfType(['identifier', 'shorthand_property_identifier_pattern'])) {
          if (name) add(name.text, name, '');
        }
      }
    }
    if (context.text.includes('assign')) {
      for (const site of callSites(context)) {
        if (site.method === 'assign' && site.callee?.receiver?.text === 'Object') {
          const target = memberTarget(site.args[0]);
          if (target) add(target.root.text, target.root, target.path);
        }
      }
    }
    // `delete` is read from the text: its operand is not in the index, and an extra name only
    // makes rules abstain.
    for (const match of context.text.matchAll(/\bdelete\s+([A-Za-z_$][\w$]*)\s*[.[]/g)) {
      add(match[1], undefined, '');
    }
    return changes;
  });
}

/**
 * The member paths the file sets on the object `name` refers to, after writing it down. A change
 * counts when it names the same declaration as `name`, or when either side resolves to nothing
 * we can see (a parameter, a global, a `delete`): so `opts.cookie.maxAge = …` in one function
 * does not hide that another function's `opts` has none, and what cannot be told apart makes
 * rules abstain.
 */
function pathsChangedOn(context: SyntaxContext, name: SyntaxNode): readonly string[] {
  const changes = objectChanges(context).get(name.text);
  if (!changes) {
    return [];
  }
  const scopes = sharedScopes(context);
  const declared = scopes.find(name)?.name.id;
  const paths: string[] = [];
  for (const change of changes) {
    const changed = change.target ? scopes.find(change.target)?.name.id : undefined;
    if (declared === undefined || changed === undefined || changed === declared) {
      paths.push(change.path);
    }
  }
  return paths;
}

/**
 * Whether the file sets `path` (`cookie.secure`) of the object `name` refers to after writing it:
 * that path, a path above it (`cookie`), below it, or anything (`''`).
 */
export function changesPath(context: SyntaxContext, name: SyntaxNode, path: string): boolean {
  return pathsChangedOn(context, name).some(
    (changed) => changed === '' || changed === path || path.startsWith(`${changed}.`) || changed.startsWith(`${path}.`),
  );
}

/**
 * The identifier a member chain starts from and the path below it: `opts.cookie['secure']` →
 * `opts`, `cookie.secure`; a plain identifier → its name, `''`. A computed member makes the
 * path `''` (anything).
 */
function memberTarget(node: SyntaxNode | null | undefined): { root: SyntaxNode; path: string } | undefined {
  const parts: string[] = [];
  let computed = false;
  let current = unwrap(node);
  for (let depth = 0; current && depth < 20; depth++) {
    const type = current.type;
    if (type === 'identifier') {
      return { root: current, path: computed ? '' : parts.reverse().join('.') };
    }
    if (type === 'member_expression') {
      parts.push(current.childForFieldName('property')?.text ?? '');
    } else if (type === 'subscript_expression') {
      const key = stringValue(current.childForFieldName('index'));
      if (key === undefined) computed = true;
      parts.push(key ?? '');
    } else {
      return undefined;
    }
    current = unwrap(current.childForFieldName('object'));
  }
  return undefined;
}

/**
 * What a name stands for where it is used (`session(opts)` → the `opts` object literal): the
 * initialiser of its declaration in scope, a `const` or a `let`/`var` the file never assigns
 * again (`Scopes.constValue`). Undefined for anything else.
 */
export function valueOfName(context: SyntaxContext, name: SyntaxNode): SyntaxNode | undefined {
  if (name.type !== 'identifier') {
    return undefined;
  }
  const value = sharedScopes(context).constValue(name);
  return value === name ? undefined : value;
}

/**
 * `valueOfName`, unless the file changes that object after writing it (`pathsChangedOn`): for
 * rules that judge a value by the keys it lacks (no `secure`, no `maxAge`, no `expiresIn`).
 */
export function unchangedValueOfName(context: SyntaxContext, name: SyntaxNode): SyntaxNode | undefined {
  return pathsChangedOn(context, name).length ? undefined : valueOfName(context, name);
}

/** Nearest enclosing function (or the program). */
export function enclosingFunction(node: SyntaxNode): SyntaxNode | undefined {
  for (let parent = node.parent; parent; parent = parent.parent) {
    if (functionTypes.has(parent.type)) {
      return parent;
    }
  }
  return undefined;
}

/** `session.cookie.secure`-style names: lower case without separators (`API_KEY` → `apikey`). */
export function normalizeName(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]/g, '');
}

/** `accessToken` / `access_token` / `ACCESS-TOKEN` → ['access', 'token']. */
export function nameWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z])(?=[A-Z][a-z])/g, '$1 ')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((word) => word.length > 0);
}

/** Receivers that are HTTP response objects by convention (`res.json`, `reply.send`, `ctx.body`, Hono's `c`). */
export const responseNames: ReadonlySet<string> = new Set(['res', 'response', 'resp', 'reply', 'rep', 'c']);

/** Lines are the test/fixture code of the project, where hard-coded values are expected. */
export function isTestPath(filePath: string): boolean {
  return /(?:^|\/)(?:tests?|__tests__|__mocks__|spec|specs|e2e)\/|\.(?:test|spec|e2e)\.[cm]?[jt]sx?$/i.test(filePath);
}

/** `f(…)` → `f`; undefined for a call of anything but a plain name. */
export function plainCalleeName(context: SyntaxContext, call: SyntaxNode): string | undefined {
  return callSiteOf(context, call)?.plain;
}

/** `a.b(…)` → `b` (a `property_identifier`, as queries name it); undefined otherwise. */
export function calledMethodName(context: SyntaxContext, call: SyntaxNode): string | undefined {
  return callSiteOf(context, call)?.method;
}

/** `a.b = …` → `b` when the left side is a member expression with a plain property name. */
export function assignedPropertyName(assignment: SyntaxNode): string | undefined {
  const left = assignment.childForFieldName('left');
  if (left?.type !== 'member_expression') {
    return undefined;
  }
  const property = left.childForFieldName('property');
  return property?.type === 'property_identifier' ? property.text : undefined;
}

/** Calls of plain functions (`serialize(…)`, `cookieParser(…)`) by name, or by an imported alias. */
export function callsOf(context: SyntaxContext, usual: readonly string[], aliases: Iterable<string> = []): SyntaxNode[] {
  const names = new Set([...usual, ...aliases]);
  if (names.size === 0) {
    return [];
  }
  return callSites(context)
    .filter((site) => site.plain !== undefined && names.has(site.plain))
    .map((site) => site.node);
}

/** Calls of methods with the given names (`res.cookie(…)`, `jwt.sign(…)`). */
export function methodCalls(context: SyntaxContext, methods: readonly string[]): SyntaxNode[] {
  const names = new Set(methods);
  return callSites(context)
    .filter((site) => site.method !== undefined && names.has(site.method))
    .map((site) => site.node);
}

/** Plain calls of `aliases` that are not among the `usual` names a rule already looks for. */
export function callsOfAliases(context: SyntaxContext, usual: readonly string[], aliases: Iterable<string>): SyntaxNode[] {
  const unusual = [...aliases].filter((alias) => !usual.includes(alias));
  return unusual.length ? callsOf(context, [], unusual) : [];
}
