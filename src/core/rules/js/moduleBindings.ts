import type { SyntaxContext, SyntaxNode } from '../rule';
import { unwrapExpression } from './syntax';

/**
 * What a JavaScript/TypeScript file binds from a module, so rules can tell `crypto.createCipher`
 * (node's, deprecated) from `forge.cipher.createCipher` (node-forge's, fine) however it was
 * imported:
 *
 *   import * as crypto from 'node:crypto'        import crypto from 'crypto'
 *   import { createCipheriv as cc } from 'crypto' import crypto = require('crypto')
 *   const crypto = require('crypto')              const { createHash: h } = require('crypto')
 *   const { subtle } = await import('crypto')     require('crypto').createCipheriv(…)
 */
export interface ModuleBindings {
  /** Local names bound to the whole module: default, namespace and `require` imports. */
  readonly namespaces: ReadonlySet<string>;
  /** Local name → the export it is bound to (`cc` → `createCipheriv`). */
  readonly named: ReadonlyMap<string, string>;
}

// What may stand around a module load: `(await import('m'))`, `require('m') as Crypto`.
const loadWrappers: ReadonlySet<string> = new Set(['parenthesized_expression', 'as_expression', 'satisfies_expression', 'non_null_expression', 'type_assertion', 'await_expression']);

/**
 * `require('m')`, `require('m').default`, `import('m')` or `await import('m')`: the module
 * specifier, else undefined.
 */
export function requiredModule(node: SyntaxNode | null | undefined): string | undefined {
  let call = unwrapExpression(node, loadWrappers);
  if (call?.type === 'member_expression' && call.childForFieldName('property')?.text === 'default') {
    call = unwrapExpression(call.childForFieldName('object'), loadWrappers);
  }
  if (call?.type !== 'call_expression') {
    return undefined;
  }
  const fn = call.childForFieldName('function');
  if (!fn || !((fn.type === 'identifier' && fn.text === 'require') || fn.type === 'import')) {
    return undefined;
  }
  const first = call.childForFieldName('arguments')?.namedChildren.find((child) => child?.type !== 'comment');
  // A template without substitutions names a module as well as a string does.
  return first?.type === 'string' || (first?.type === 'template_string' && first.namedChildCount === 0) ? unquoted(first) : undefined;
}

function unquoted(node: SyntaxNode): string {
  return node.text.slice(1, -1);
}

/** One name a file binds from a module. */
export interface ImportRecord {
  readonly local: string;
  readonly specifier: string;
  /** The export bound (`createCipheriv`), or undefined when the name is the whole module. */
  readonly imported?: string;
}

/** Every `import` and `require` binding in the file (top-level or not); computed once per parse. */
export function importRecords(context: SyntaxContext): readonly ImportRecord[] {
  return context.shared(importRecords, () => {
    // Only declarators with a `require(` or `import(` inside can bind a module: the text says
    // where those are, so the thousands of other declarators need no look at their values.
    const calls = moduleLoadOffsets(context);
    const declarators = calls.length ? context.nodes('variable_declarator').filter((declarator) => spansAny(calls, declarator.startIndex, declarator.endIndex)) : [];
    return importRecordsFrom(context.nodes('import_statement'), declarators);
  });
}

/** Where the text says `require(` or `import(` (ascending offsets), once per parse. */
export function moduleLoadOffsets(context: SyntaxContext): readonly number[] {
  return context.shared(moduleLoadOffsets, () => [...context.text.matchAll(/\b(?:require|import)\s*\(/g)].map((match) => match.index));
}

/** Whether one of the ascending `offsets` lies in `start`..`end` (end excluded). */
export function spansAny(offsets: readonly number[], start: number, end: number): boolean {
  const next = firstAtOrAfter(offsets, start);
  return next !== undefined && next < end;
}

/** The first of the ascending `offsets` that is at least `offset`. */
function firstAtOrAfter(offsets: readonly number[], offset: number): number | undefined {
  let low = 0;
  let high = offsets.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (offsets[middle] < offset) low = middle + 1;
    else high = middle;
  }
  return offsets[low];
}

/**
 * The bindings made by the given `import_statement` nodes and `variable_declarator` nodes (those
 * that are not `require`/`import()` are skipped).
 */
function importRecordsFrom(imports: readonly SyntaxNode[], declarators: readonly SyntaxNode[]): ImportRecord[] {
  const records: ImportRecord[] = [];
  for (const node of imports) {
    const clause = node.namedChildren.find((child) => child?.type === 'import_clause' || child?.type === 'import_require_clause');
    if (clause?.type === 'import_require_clause') {
      // `import crypto = require('crypto')`: the source is the clause's own field.
      const source = clause.childForFieldName('source');
      const name = clause.namedChildren.find((child) => child?.type === 'identifier');
      if (source && name) {
        records.push({ local: name.text, specifier: unquoted(source) });
      }
      continue;
    }
    const source = node.childForFieldName('source');
    if (!clause || !source) {
      continue;
    }
    const specifier = unquoted(source);
    for (const part of clause.namedChildren) {
      if (part?.type === 'identifier') {
        records.push({ local: part.text, specifier });
      } else if (part?.type === 'namespace_import') {
        const name = part.namedChildren.find((child) => child?.type === 'identifier');
        if (name) {
          records.push({ local: name.text, specifier });
        }
      } else if (part?.type === 'named_imports') {
        for (const item of part.namedChildren) {
          const exported = item?.type === 'import_specifier' ? item.childForFieldName('name') : null;
          const local = item?.childForFieldName('alias') ?? exported;
          if (exported && local) {
            records.push({ local: local.text, specifier, imported: exported.type === 'string' ? unquoted(exported) : exported.text });
          }
        }
      }
    }
  }

  for (const node of declarators) {
    const specifier = requiredModule(node.childForFieldName('value'));
    const pattern = node.childForFieldName('name');
    if (specifier === undefined || !pattern) {
      continue;
    }
    if (pattern.type === 'identifier') {
      records.push({ local: pattern.text, specifier });
      continue;
    }
    if (pattern.type !== 'object_pattern') {
      continue;
    }
    for (const part of pattern.namedChildren) {
      if (part?.type === 'shorthand_property_identifier_pattern') {
        records.push({ local: part.text, specifier, imported: part.text });
      } else if (part?.type === 'pair_pattern') {
        const key = part.childForFieldName('key');
        const value = part.childForFieldName('value');
        const local = value?.type === 'assignment_pattern' ? value.childForFieldName('left') : value;
        if (key && local?.type === 'identifier') {
          records.push({ local: local.text, specifier, imported: key.type === 'string' ? unquoted(key) : key.text });
        }
      } else if (part?.type === 'object_assignment_pattern') {
        const left = part.childForFieldName('left');
        if (left) {
          records.push({ local: left.text, specifier, imported: left.text });
        }
      }
    }
  }
  return records;
}

/** The bindings a file makes from the modules `isModule` accepts (matched on the specifier). */
export function moduleBindings(
  context: SyntaxContext,
  isModule: (specifier: string) => boolean,
  records: readonly ImportRecord[] = importRecords(context),
): ModuleBindings {
  const namespaces = new Set<string>();
  const named = new Map<string, string>();
  for (const record of records) {
    if (!isModule(record.specifier)) {
      continue;
    }
    if (record.imported === undefined || record.imported === 'default') {
      namespaces.add(record.local);
    } else {
      named.set(record.local, record.imported);
    }
  }
  return { namespaces, named };
}

/**
 * Whether `node` denotes the module itself: a namespace binding (`crypto`), or `require('crypto')`
 * in place.
 */
export function isModuleReference(node: SyntaxNode | null | undefined, bindings: ModuleBindings, isModule: (specifier: string) => boolean): boolean {
  if (!node) {
    return false;
  }
  if (node.type === 'identifier') {
    return bindings.namespaces.has(node.text);
  }
  if (node.type === 'parenthesized_expression') {
    return isModuleReference(node.namedChildren[0], bindings, isModule);
  }
  const specifier = requiredModule(node);
  return specifier !== undefined && isModule(specifier);
}

/** A call's callee, split into the receiver (if any) and the called name. */
export interface Callee {
  /** `crypto` in `crypto.createCipheriv(…)`; null for a bare `createCipheriv(…)`. */
  readonly receiver: SyntaxNode | null;
  /** The called name as written (`createCipheriv`, or the local alias `cc`). */
  readonly name: string;
  /** The node of the name, for precise ranges. */
  readonly nameNode: SyntaxNode;
}

export function calleeOf(call: SyntaxNode): Callee | undefined {
  const fn = call.childForFieldName(call.type === 'new_expression' ? 'constructor' : 'function');
  if (!fn) {
    return undefined;
  }
  if (fn.type === 'identifier') {
    return { receiver: null, name: fn.text, nameNode: fn };
  }
  if (fn.type === 'member_expression') {
    const property = fn.childForFieldName('property');
    const object = fn.childForFieldName('object');
    return property ? { receiver: object, name: property.text, nameNode: property } : undefined;
  }
  if (fn.type === 'subscript_expression') {
    const index = fn.childForFieldName('index');
    const object = fn.childForFieldName('object');
    return index?.type === 'string' ? { receiver: object, name: unquoted(index), nameNode: index } : undefined;
  }
  return undefined;
}

/**
 * The export of the module that `call` calls, when the file shows it: `createCipheriv` for
 * `crypto.createCipheriv(…)`, `cc(…)` (imported as an alias) or `require('crypto').createCipheriv(…)`.
 */
export function moduleExportCalled(call: SyntaxNode, bindings: ModuleBindings, isModule: (specifier: string) => boolean): string | undefined {
  const callee = calleeOf(call);
  if (!callee) {
    return undefined;
  }
  if (!callee.receiver) {
    return bindings.named.get(callee.name);
  }
  return isModuleReference(callee.receiver, bindings, isModule) ? callee.name : undefined;
}
