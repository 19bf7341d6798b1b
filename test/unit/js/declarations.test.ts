import * as assert from 'assert';
import { Scopes } from '../../../src/core/rules/js/declarations';
import { importRecords, moduleBindings } from '../../../src/core/rules/js/moduleBindings';
import { SyntaxIndex } from '../../../src/core/parsing/syntaxIndex';
import type { SyntaxContext, SyntaxNode } from '../../../src/core/rules/rule';
import { treeSitter } from '../helpers';

/** Parses `text` and hands the tree and a rule context to `use`; frees the tree afterwards. */
async function withTree<T>(text: string, use: (root: SyntaxNode, context: SyntaxContext) => T): Promise<T> {
  const parsed = await treeSitter.parse('typescript', text);
  try {
    const index = new SyntaxIndex(parsed.tree);
    const context = { tree: parsed.tree, text, nodes: index.nodes.bind(index), shared: index.shared.bind(index) } as unknown as SyntaxContext;
    return use(parsed.tree.rootNode, context);
  } finally {
    parsed.tree.delete();
  }
}

/** The identifiers named `name`, in order. */
function identifiers(root: SyntaxNode, name: string): SyntaxNode[] {
  return root.descendantsOfType('identifier').filter((node): node is SyntaxNode => node !== null && node.text === name);
}

describe('js/declarations: Scopes', () => {
  it('resolves a use to the const of the nearest enclosing block', async () => {
    const text = "const iv = 'outer';\nfunction f() { const iv = 'inner'; return use(iv); }\nuse(iv);";
    await withTree(text, (root) => {
      const scopes = new Scopes(root);
      const [, , inFunction, atTop] = identifiers(root, 'iv');
      assert.strictEqual(scopes.constValue(inFunction)?.text, "'inner'");
      assert.strictEqual(scopes.constValue(atTop)?.text, "'outer'");
    });
  });

  it('does not resolve parameters, destructured names, catch parameters or lets (for constValue)', async () => {
    const text = [
      "const key = 'module';",
      'function a(key) { return use(key); }',
      'const b = ({ key }) => use(key);',
      "function c() { const { key } = config; return use(key); }",
      'try { x(); } catch (key) { use(key); }',
      "function d() { let key = 'x'; return use(key); }",
    ].join('\n');
    await withTree(text, (root) => {
      const scopes = new Scopes(root);
      const uses = identifiers(root, 'key').filter((node) => node.parent?.parent?.type === 'call_expression');
      assert.strictEqual(uses.length, 5);
      for (const use of uses) {
        assert.strictEqual(scopes.constValue(use), undefined, use.parent?.parent?.text);
      }
    });
  });

  it('resolves a let or var that nothing assigns again, given what the file assigns to', async () => {
    const text = [
      "let fixed = 'fixed';",
      "var legacy = 'legacy';",
      "let changed = 'first';",
      "changed = 'second';",
      "let bumped = 'a';",
      "bumped += 'b';",
      "let [swapped] = ['x'];",
      "let other = 'o';",
      "[other] = ['p'];",
      'use(fixed, legacy, changed, bumped, other);',
    ].join('\n');
    await withTree(text, (root, context) => {
      const scopes = new Scopes(root, () => {
        const assigned = new Set<string>();
        for (const node of context.nodes('assignment_expression', 'augmented_assignment_expression')) {
          const left = node.childForFieldName('left');
          for (const name of left?.type === 'identifier' ? [left] : (left?.descendantsOfType('identifier') ?? [])) {
            if (name) assigned.add(name.text);
          }
        }
        return assigned;
      });
      const args = root.descendantsOfType('arguments').pop()?.namedChildren ?? [];
      assert.deepStrictEqual(
        args.map((arg) => scopes.constValue(arg)?.text),
        ["'fixed'", "'legacy'", undefined, undefined, undefined],
      );
      // Without knowing what the file assigns, only consts resolve.
      assert.strictEqual(new Scopes(root).constValue(args[0]), undefined);
    });
  });

  it('follows const chains and stops on cycles', async () => {
    await withTree("const a = 'x'; const b = a; const c = b; use(c);", (root) => {
      const scopes = new Scopes(root);
      assert.strictEqual(scopes.constValue(identifiers(root, 'c').pop())?.text, "'x'");
    });
    await withTree('const a = b; const b = a; use(a);', (root) => {
      const scopes = new Scopes(root);
      assert.strictEqual(scopes.constValue(identifiers(root, 'a').pop()), undefined);
    });
  });

  it('reads class fields through the class name or this, but not fields assigned again, shadowed this or other objects', async () => {
    const text = [
      'export class Svc {',
      "  static KEY = 'static-key';",
      "  key = 'instance-key';",
      "  static IV = 'iv';",
      "  token = 'token';",
      '  static a() { return use(Svc.KEY, this.KEY, this.key); }',
      '  b() { return use(this.key, this.KEY, () => this.key, function () { return this.key; }); }',
      '  c() { return { m() { return use(this.key); } }; }',
      '  d(t) { this.token = t; return use(this.token, Svc.IV, config.KEY, Other.KEY); }',
      '}',
      'Svc.IV = next();',
    ].join('\n');
    await withTree(text, (root, context) => {
      const scopes = new Scopes(root, () => {
        const assigned = new Set<string>();
        for (const node of context.nodes('assignment_expression')) assigned.add(node.childForFieldName('left')?.text ?? '');
        return assigned;
      });
      const reads = root.descendantsOfType('member_expression').filter((node): node is SyntaxNode => node !== null && node.parent?.type !== 'assignment_expression');
      const resolved = reads.map((node) => `${node.text}@${node.startPosition.row} -> ${scopes.constValue(node)?.text}`);
      assert.deepStrictEqual(resolved, [
        "Svc.KEY@5 -> 'static-key'",
        "this.KEY@5 -> 'static-key'",
        // A static method's `this` is the class: no instance field there.
        'this.key@5 -> this.key',
        "this.key@6 -> 'instance-key'",
        'this.KEY@6 -> this.KEY',
        // An arrow function keeps the method's `this`; a `function` has its own.
        "this.key@6 -> 'instance-key'",
        'this.key@6 -> this.key',
        // A method of an object literal: `this` is the object.
        'this.key@7 -> this.key',
        // Assigned in d() and at the top: not constants.
        'this.token@8 -> this.token',
        'Svc.IV@8 -> Svc.IV',
        'config.KEY@8 -> config.KEY',
        'Other.KEY@8 -> Other.KEY',
      ]);
    });
  });

  it('finds ancestors from the root, nearest first, as node.parent does', async () => {
    const text = 'const x = 1;\nexport function f() { if (x) { return g(h(x)); } }\nconst y = 2;';
    await withTree(text, (root) => {
      const scopes = new Scopes(root);
      const inner = identifiers(root, 'x').pop();
      assert.ok(inner);
      const expected: string[] = [];
      for (let parent = inner.parent; parent; parent = parent.parent) {
        expected.push(parent.type);
      }
      assert.deepStrictEqual(scopes.ancestors(inner).map((node) => node.type), expected);
      assert.deepStrictEqual(scopes.ancestors(root), []);
    });
  });
});

describe('js/moduleBindings', () => {
  it('reads every way of importing a module', async () => {
    const text = [
      "import * as a from 'node:crypto';",
      "import b, { createHash as c, randomBytes } from 'crypto';",
      "import d = require('crypto');",
      "const e = require('crypto');",
      "const { createCipheriv: f, scryptSync } = require('node:crypto');",
      "const { subtle } = await import('crypto');",
      "const other = require('other');",
    ].join('\n');
    await withTree(text, (_root, context) => {
      const records = importRecords(context);
      const bindings = moduleBindings(context, (s) => s === 'crypto' || s === 'node:crypto', records);
      assert.deepStrictEqual([...bindings.namespaces].sort(), ['a', 'b', 'd', 'e']);
      assert.deepStrictEqual(Object.fromEntries(bindings.named), {
        c: 'createHash',
        randomBytes: 'randomBytes',
        f: 'createCipheriv',
        scryptSync: 'scryptSync',
        subtle: 'subtle',
      });
      assert.ok(records.some((record) => record.local === 'other' && record.specifier === 'other'));
    });
  });
});
